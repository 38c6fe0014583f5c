"""Hostile input files, generated on demand in a test's tmp folder.

``make(kind, folder)`` writes one file of the named kind and returns its path; the
``REJECTED`` kinds must be refused with a one-line error naming the file, the
``ACCEPTED`` kinds read with at most a warning. Nothing here touches the network:
remote references point at ``base_url`` (a local server the tests watch).
"""
from __future__ import annotations

import io
import os
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

GOOD_TEXT = ("Japan and Vietnam sign defence pact\n\n"
             "Japanese Defence Minister Nobuo Kishi met Vietnamese Defence Minister Phan Van Giang "
             "in Hanoi on 11 September 2021 and the two ministers signed an agreement on the "
             "transfer of defence equipment and technology.\n\n"
             "\u201cThis is an important step,\u201d Kishi said.")


def _text(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def _docx_bytes(paragraphs: list[str], *, core_title: str | None = None) -> bytes:
    import docx

    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    if core_title:
        document.core_properties.title = core_title
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    """The same zip with some members replaced (or added)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, replace.pop(info.filename, source.read(info.filename)))
        for name, payload in replace.items():
            target.writestr(name, payload)
    return out.getvalue()


def docx_zip_bomb(folder: Path, *, expanded_mb: int = 1100) -> Path:
    """A DOCX whose document.xml expands to ``expanded_mb`` MB (a few MB on disk)."""
    good = _docx_bytes(["A paragraph."])
    source = zipfile.ZipFile(io.BytesIO(good))
    path = folder / "bomb.docx"
    chunk = b" " * (1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for info in source.infolist():
            if info.filename == "word/document.xml":
                with target.open("word/document.xml", "w", force_zip64=True) as member:
                    head = source.read(info.filename)
                    cut = head.index(b"<w:body>")
                    member.write(head[:cut])
                    for _ in range(expanded_mb):
                        member.write(chunk)
                    member.write(head[cut:])
            else:
                target.writestr(info.filename, source.read(info.filename))
    return path


def docx_external_relationships(folder: Path, base_url: str) -> Path:
    """A DOCX linking a remote image, a remote attached template and a remote hyperlink."""
    data = _docx_bytes(["Japan and Vietnam sign defence pact",
                        "Japanese Defence Minister Nobuo Kishi met his Vietnamese counterpart in Hanoi."])
    zf = zipfile.ZipFile(io.BytesIO(data))
    rels = zf.read("word/_rels/document.xml.rels").decode()
    extra = (f'<Relationship Id="rIdX1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
             f'Target="{base_url}/image.png" TargetMode="External"/>'
             f'<Relationship Id="rIdX2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" '
             f'Target="{base_url}/link" TargetMode="External"/>')
    rels = rels.replace("</Relationships>", extra + "</Relationships>")
    settings_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" '
        f'Target="{base_url}/template.dotm" TargetMode="External"/></Relationships>')
    path = folder / "external.docx"
    path.write_bytes(rezip(data, {"word/_rels/document.xml.rels": rels.encode(),
                                   "word/_rels/settings.xml.rels": settings_rels.encode()}))
    return path


def _pdf_bytes(paragraphs: list[str], *, encrypt: str | None = None) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    buffer = io.BytesIO()
    kwargs = {}
    if encrypt is not None:
        from reportlab.lib import pdfencrypt

        kwargs["encrypt"] = pdfencrypt.StandardEncryption(encrypt, ownerPassword="owner", strength=128)
    doc = SimpleDocTemplate(buffer, pagesize=A4, **kwargs)
    styles = getSampleStyleSheet()
    doc.build([Paragraph(p, styles["BodyText"]) for p in paragraphs])
    return buffer.getvalue()


def _pdf_no_text() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    c.rect(100, 100, 200, 300, fill=1)
    c.showPage()
    c.save()
    return buffer.getvalue()


def _html(base_url: str, body: str) -> bytes:
    return (f"<!doctype html><html><head><title>Japan and Vietnam sign defence pact</title>"
            f"<script src='{base_url}/script.js'></script>"
            f"<link rel='stylesheet' href='{base_url}/style.css'>"
            f"<meta http-equiv='refresh' content='0; url={base_url}/refresh'></head><body>"
            f"<script>document.write('SCRIPT-RAN'); fetch('{base_url}/fetch');</script>"
            f"<iframe src='{base_url}/iframe.html'></iframe>"
            f"<img src='{base_url}/image.png' onerror=\"this.src='{base_url}/onerror'\">"
            f"{body}<object data='{base_url}/object.swf'></object></body></html>").encode()


HTML_BODY = ("<article><h1>Japan and Vietnam sign defence pact</h1>"
             "<p>Japanese Defence Minister Nobuo Kishi met Vietnamese Defence Minister Phan Van Giang in "
             "Hanoi on 11 September 2021 and the two ministers signed an agreement on the transfer of "
             "defence equipment and technology.</p>"
             "<p>The two sides also agreed to hold joint exercises and to expand training.</p></article>")


def make(kind: str, folder: Path, base_url: str = "http://127.0.0.1:9") -> Path:
    """Write one hostile file of ``kind`` into ``folder``."""
    rng = random.Random(kind)
    makers: dict[str, Callable[[], Path]] = {
        "empty": lambda: _text(folder, "empty.txt", b""),
        "whitespace": lambda: _text(folder, "blank.txt", b" \t\r\n" * 1000),
        "binary": lambda: _text(folder, "random.txt", rng.randbytes(200_000)),
        "binary html": lambda: _text(folder, "random.html", rng.randbytes(200_000)),
        "binary docx": lambda: _text(folder, "random.docx", rng.randbytes(200_000)),
        "binary pdf": lambda: _text(folder, "random.pdf", rng.randbytes(200_000)),
        "nul inside": lambda: _text(folder, "nul.txt", GOOD_TEXT.encode().replace(b" met ", b" met\x00\x00 ")),
        "nul far inside": lambda: _text(folder, "nul-far.txt",
                                        GOOD_TEXT.encode() + b"\n\n" + b"word " * 20_000 + b"\x00 end"),
        "50 MB text": lambda: _text(folder, "big.txt", (GOOD_TEXT.encode() + b"\n\n") * (50_000_000 // 400)),
        "over 50 MiB": lambda: _sparse(folder / "huge.txt", 50 * 1024 * 1024 + 1),
        "5 MB line": lambda: _text(folder, "line.txt", b"Ministers met and agreed. " * 200_000),
        "utf-16 no bom": lambda: _text(folder, "utf16.txt", GOOD_TEXT.encode("utf-16-le")),
        "shift-jis": lambda: _text(folder, "sjis.txt", "日本とベトナムが防衛協定に署名した。".encode("shift_jis") * 50),
        "truncated docx": lambda: _text(folder, "truncated.docx", _docx_bytes(GOOD_TEXT.split("\n\n"))[:3000]),
        "encrypted docx": lambda: _text(folder, "encrypted.docx",
                                        bytes.fromhex("d0cf11e0a1b11ae1") + rng.randbytes(8000)),
        "empty docx": lambda: _text(folder, "nothing.docx", _docx_bytes([])),
        "zip bomb docx": lambda: docx_zip_bomb(folder),
        "truncated pdf": lambda: _text(folder, "truncated.pdf", _pdf_bytes(GOOD_TEXT.split("\n\n"))[:1500]),
        "encrypted pdf": lambda: _text(folder, "locked.pdf", _pdf_bytes(GOOD_TEXT.split("\n\n"), encrypt="secret")),
        "no text layer pdf": lambda: _text(folder, "scan.pdf", _pdf_no_text()),
        "deep html": lambda: _text(folder, "deep.html", b"<html><body>" + b"<div>" * 10_000 + b"<p>deep</p>"
                                   + b"</div>" * 10_000 + b"</body></html>"),
        "unsupported": lambda: _text(folder, "article.rtf", b"{\\rtf1 Japan}"),
        "folder": lambda: _folder(folder / "folder.txt"),
        "missing": lambda: folder / "absent.txt",
    }
    accepted: dict[str, Callable[[], Path]] = {
        "cp1252": lambda: _text(folder, "cp1252.txt", GOOD_TEXT.encode("cp1252")),
        "mixed encodings": lambda: _text(folder, "mixed.txt", GOOD_TEXT.encode("utf-8") + "\n\nCaf\u00e9 d\u00e9j\u00e0 vu."
                                         .encode("cp1252")),
        "hostile html": lambda: _text(folder, "page.html", _html(base_url, HTML_BODY)),
        "deep html with text": lambda: _text(folder, "deep-text.html", _html(base_url, HTML_BODY + "<div>" * 10_000
                                             + "<p>Deep paragraph.</p>" + "</div>" * 10_000)),
        "external docx": lambda: docx_external_relationships(folder, base_url),
        "odd name": lambda: _text(folder, "-Ünïcode name with spaces \u65e5\u672c.txt", GOOD_TEXT.encode()),
        "crlf and bom": lambda: _text(folder, "bom.txt", b"\xef\xbb\xbf" + GOOD_TEXT.replace("\n", "\r\n").encode()),
        "pdf with empty password": lambda: _text(folder, "open.pdf", _pdf_bytes(GOOD_TEXT.split("\n\n"), encrypt="")),
    }
    if kind in makers:
        return makers[kind]()
    return accepted[kind]()


def _sparse(path: Path, size: int) -> Path:
    with open(path, "wb") as fh:
        fh.truncate(size)
        fh.seek(0)
        fh.write(GOOD_TEXT.encode())
    return path


def _folder(path: Path) -> Path:
    path.mkdir()
    return path


REJECTED = ["empty", "whitespace", "binary", "binary html", "binary docx", "binary pdf", "nul inside",
            "nul far inside", "50 MB text", "over 50 MiB", "5 MB line", "utf-16 no bom", "truncated docx",
            "encrypted docx", "empty docx", "truncated pdf", "encrypted pdf", "no text layer pdf",
            "unsupported", "folder", "missing"]
# refused or read, as long as the outcome is one clean line or an article
EITHER = ["shift-jis", "deep html", "zip bomb docx", "mixed encodings"]
ACCEPTED = ["cp1252", "hostile html", "deep html with text", "external docx",
            "odd name", "crlf and bom", "pdf with empty password"]


# ---------------------------------------------------------------- second round (bounded work)
# Each returns the path of one generated file; ``ARTICLE_ATTACKS`` names them for the
# tests and bench/hostile_bench.py. Sizes are parameters: the tests use the sizes the
# attacks were reported with unless generating them takes long.

def html_many_attributes(folder: Path, count: int = 300_000) -> Path:
    """One element with ``count`` attributes (libxml2 checks duplicates pairwise)."""
    attrs = b" ".join(b'data-a%d="x"' % i for i in range(count))
    return _text(folder, "attributes.html", b"<html><head><title>Japan and Vietnam sign defence pact"
                 b"</title></head><body><article " + attrs + b">" + HTML_BODY.encode()
                 + b"</article></body></html>")


def html_one_line(folder: Path, megabytes: int = 30) -> Path:
    """A page whose one paragraph is ``megabytes`` MB of prose on one line."""
    sentence = b"The ministers met in Hanoi and agreed to expand defence cooperation. "
    body = sentence * (megabytes * 1024 * 1024 // len(sentence))
    return _text(folder, "one-line.html", b"<html><head><title>Long</title></head><body><p>"
                 + body + b"</p></body></html>")


def html_nested(folder: Path, depth: int = 200_000) -> Path:
    """Article text inside ``depth`` nested ``<b>`` elements (libxml2 stops at 256 levels)."""
    deep = b"<b>" * depth + b"The deep paragraph says the two ministers signed the pact." + b"</b>" * depth
    return _text(folder, "nested.html", b"<html><head><title>Japan and Vietnam sign defence pact"
                 b"</title></head><body><article>" + HTML_BODY.encode()[len(b"<article>"):-len(b"</article>")]
                 + b"<p>" + deep + b"</p></article></body></html>")


def docx_many_paragraphs(folder: Path, count: int = 100_000, text: str = ".") -> Path:
    """A DOCX of ``count`` tiny paragraphs (each one looked up in the style table)."""
    import copy

    import docx

    document = docx.Document()
    document.add_paragraph("Japan and Vietnam sign defence pact", style="Title")
    from docx.oxml.ns import qn

    paragraph = document.add_paragraph(text)._p
    body = document.element.body
    section = body[-1]
    rng = random.Random(count)
    for _ in range(count - 1):  # a revision id on each, as Word writes: no zip-bomb ratio
        clone = copy.deepcopy(paragraph)
        clone.set(qn("w:rsidR"), f"{rng.getrandbits(32):08X}")
        section.addprevious(clone)
    path = folder / "paragraphs.docx"
    document.save(str(path))
    return path


def pdf_many_pages(folder: Path, pages: int = 100_000) -> Path:
    """A PDF of ``pages`` pages sharing one small content stream (about 8 MB)."""
    out = io.BytesIO()
    offsets: list[int] = []

    def obj(number: int, body: bytes) -> None:
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")

    out.write(b"%PDF-1.4\n")
    content = b"BT /F1 12 Tf 72 720 Td (Ministers met and agreed to cooperate.) Tj ET"
    first_page = 5
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(pages))
    obj(1, b"<< /Type /Catalog /Pages 2 0 R >>")
    obj(2, b"<< /Type /Pages /Count %d /Kids [" % pages + kids + b"] >>")
    obj(3, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    obj(4, b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    for i in range(pages):
        obj(first_page + i, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                            b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, xref))
    return _text(folder, "pages.pdf", out.getvalue())


def pdf_aes(folder: Path, password: str) -> Path:
    """An AES-256 encrypted PDF; ``password`` "" opens without asking (owner password set)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf_bytes(GOOD_TEXT.split("\n\n")))))
    writer.encrypt(user_password=password, owner_password="owner-secret", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return _text(folder, "aes-open.pdf" if not password else "aes-locked.pdf", out.getvalue())


def fifo(folder: Path) -> Path:
    """A named pipe called ``x.txt`` (opening it for reading waits for a writer)."""
    path = folder / "x.txt"
    os.mkfifo(path)
    return path


def device_link(folder: Path, device: str = "/dev/zero") -> Path:
    """``x.txt`` as a symbolic link to an endless device."""
    path = folder / "x.txt"
    path.symlink_to(device)
    return path


def text_over_limit(folder: Path, megabytes: int = 60) -> Path:
    """A real text file larger than the 50 MB limit (for a reader whose ``stat`` lies)."""
    path = folder / "grown.txt"
    with open(path, "wb") as fh:
        fh.write(GOOD_TEXT.encode() + b"\n\n")
        fh.truncate(megabytes * 1024 * 1024)
    return path


ARTICLE_ATTACKS: dict[str, Callable[[Path], Path]] = {
    "300,000 attributes in one HTML element": html_many_attributes,
    "30 MB one-line HTML": html_one_line,
    "200,000 nested <b> in HTML": html_nested,
    "DOCX of 100,000 one-character paragraphs": docx_many_paragraphs,
    "PDF of 100,000 pages": pdf_many_pages,
    "FIFO named x.txt": fifo,
    "x.txt linked to /dev/zero": device_link,
}
