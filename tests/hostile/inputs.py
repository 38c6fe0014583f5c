"""Hostile input files, generated on demand in a test's tmp folder.

``make(kind, folder)`` writes one file of the named kind and returns its path; the
``REJECTED`` kinds must be refused with a one-line error naming the file, the
``ACCEPTED`` kinds read with at most a warning. Nothing here touches the network:
remote references point at ``base_url`` (a local server the tests watch).
"""
from __future__ import annotations

import io
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


def _rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
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
    path.write_bytes(_rezip(data, {"word/_rels/document.xml.rels": rels.encode(),
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
