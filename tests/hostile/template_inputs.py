"""Hostile templates and reference documents, generated on demand.

``template(folder, name, changes, files)`` writes a template folder from the shipped
``one-page`` template with some keys changed and some files added; the makers below
build the attacks of the second hardening round on it: files named outside the
folder, links to private images, pixel bombs, corrupt logos, control characters,
deep nesting, and reference documents with remote parts, macros or a zip bomb inside.
Nothing here touches the network: remote references point at ``base_url``.
"""
from __future__ import annotations

import io
import json
import struct
import tomllib
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hostile.inputs import rezip

REPO = Path(__file__).resolve().parents[2]
BASE_TOML = REPO / "resources" / "templates" / "one-page" / "template.toml"
SECRET = b"PRIVATE-IMAGE-BYTES"


def toml_text(data: dict[str, Any]) -> str:
    """TOML for a template dict (strings written as JSON strings: the same escapes)."""
    lines: list[str] = []
    tables: list[tuple[str, dict[str, Any]]] = []
    arrays: list[tuple[str, list[dict[str, Any]]]] = []
    for key, value in data.items():
        if isinstance(value, dict):
            tables.append((key, value))
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            arrays.append((key, value))
        else:
            lines.append(f"{key} = {_value(value)}")
    for key, table in tables:
        lines += ["", f"[{key}]"] + [f"{k} = {_value(v)}" for k, v in table.items()]
    for key, entries in arrays:
        for entry in entries:
            lines += ["", f"[[{key}]]"] + [f"{k} = {_value(v)}" for k, v in entry.items()]
    return "\n".join(lines) + "\n"


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(type(value).__name__)


def template(folder: Path, name: str = "hostile", changes: dict[str, Any] | None = None,
             files: dict[str, bytes] | None = None, raw_suffix: str = "") -> Path:
    """A template folder ``folder/name``: one-page's template.toml with ``changes``
    (``"logo.file": value`` sets a nested key) and ``files`` written beside it."""
    data = tomllib.loads(BASE_TOML.read_text(encoding="utf-8"))
    for dotted, value in (changes or {}).items():
        node = data
        *parents, last = dotted.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
    target = folder / name
    target.mkdir(parents=True, exist_ok=True)
    (target / "template.toml").write_text(toml_text(data) + raw_suffix, encoding="utf-8")
    for file_name, payload in (files or {}).items():
        (target / file_name).write_bytes(payload)
    return target


# ---------------------------------------------------------------- images

def png(width: int = 40, height: int = 20, *, grey: int = 90, extra: bytes = b"") -> bytes:
    """A real greyscale PNG, streamed row by row (a 144-megapixel one costs little memory)."""
    def chunk(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(
            ">I", zlib.crc32(kind + payload) & 0xFFFFFFFF)

    packer = zlib.compressobj(9)
    row = b"\x00" + bytes([grey]) * width
    idat = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + (chunk(b"tEXt", b"Comment\x00" + extra) if extra else b"")
            + chunk(b"IDAT", idat) + chunk(b"IEND", b""))


def private_image(folder: Path) -> Path:
    """An image outside any template folder, carrying a marker to look for in exports."""
    private = folder / "private"
    private.mkdir(parents=True, exist_ok=True)
    path = private / "secret.png"
    path.write_bytes(png(extra=SECRET))
    return path


def logo_outside(folder: Path, how: str) -> Path:
    """A template whose logo is outside its folder: ``traversal`` (../ to /etc/passwd),
    ``relative`` (../ to a private image), ``absolute`` (its absolute path) or
    ``symlink`` (logo.png linking to it)."""
    secret = private_image(folder)
    if how == "symlink":
        t = template(folder, "linked-logo", {"logo.file": "logo.png"})
        (t / "logo.png").symlink_to(secret)
        return t
    value = {"traversal": "../" * 12 + "etc/passwd", "relative": "../private/secret.png",
             "absolute": str(secret)}[how]
    return template(folder, f"logo-{how}", {"logo.file": value})


def big_logo(folder: Path, side: int = 12_000) -> Path:
    """A template whose logo is ``side`` x ``side`` pixels (144 megapixels by default)."""
    return template(folder, "big-logo", {"logo.file": "logo.png"}, {"logo.png": png(side, side)})


def corrupt_logo(folder: Path, kind: str = "png") -> Path:
    """A template whose logo is a damaged PNG (``png``) or an SVG (``svg``)."""
    if kind == "svg":
        svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>'
        return template(folder, "svg-logo", {"logo.file": "logo.svg"}, {"logo.svg": svg})
    good = png(64, 64)
    damaged = good[:60] + bytes(range(256)) * 4 + good[-12:]
    return template(folder, "corrupt-logo", {"logo.file": "logo.png"}, {"logo.png": damaged})


# ---------------------------------------------------------------- strings and structure

def control_characters(folder: Path) -> Path:
    """ANSI escapes and control characters in the name, header and banner strings."""
    return template(folder, "ansi", {"name": "\x1b[31mRed\x1b[0m brief\x1b]0;pwned\x07",
                                     "header.left": "\x1b[2J{title}",
                                     "classification.default": "OFFICIAL\x08\x08\x08SECRET"})


def trailing_newline_colour(folder: Path) -> Path:
    return template(folder, "newline-colour", {"colours.heading": "#7A1F2B\n"})


def nested_toml(folder: Path, depth: int = 5_000) -> Path:
    """A template.toml holding an array nested ``depth`` deep."""
    return template(folder, "nested", raw_suffix="\n[deep]\nx = " + "[" * depth + "]" * depth + "\n")


# ---------------------------------------------------------------- reference documents

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"


def _base_reference() -> bytes:
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Header of the reference"
    document.add_paragraph("Body text of the reference document (never exported).")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def reference_with_remote_parts(base_url: str, *, macro_enabled: bool = False) -> bytes:
    """A reference.docx with a remote attached template, a remote header image, a macro
    project, custom XML and an embedded OLE object (all must be dropped);
    ``macro_enabled`` also gives it the content type of a .docm."""
    data = _base_reference()
    package = zipfile.ZipFile(io.BytesIO(data))
    types = package.read("[Content_Types].xml").decode()
    if macro_enabled:
        types = types.replace(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            "application/vnd.ms-word.document.macroEnabled.main+xml")
    types = types.replace("</Types>",
                          '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
                          '<Override PartName="/customXml/item1.xml" ContentType="application/xml"/>'
                          "</Types>")
    doc_rels = package.read("word/_rels/document.xml.rels").decode().replace("</Relationships>", (
        f'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
        f'Target="vbaProject.bin"/>'
        f'<Relationship Id="rIdCx" Type="{R}/customXml" Target="../customXml/item1.xml"/>'
        f'<Relationship Id="rIdOle" Type="{R}/oleObject" Target="embeddings/oleObject1.bin"/>'
        "</Relationships>"))
    header_name = next(n for n in package.namelist() if n.startswith("word/header"))
    header = package.read(header_name).decode()
    picture = (f'<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
               f'<wp:extent cx="100" cy="100"/><wp:docPr id="9" name="remote"/>'
               f'<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
               f'<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
               f'<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
               f'<pic:nvPicPr><pic:cNvPr id="9" name="remote"/><pic:cNvPicPr/></pic:nvPicPr>'
               f'<pic:blipFill><a:blip xmlns:r="{R}" r:link="rIdRemote"/></pic:blipFill>'
               f'<pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')
    header = header.replace("</w:p>", picture + "</w:p>", 1)
    header_rels = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{REL}">'
                   f'<Relationship Id="rIdRemote" Type="{R}/image" Target="{base_url}/header.png" '
                   f'TargetMode="External"/></Relationships>')
    settings = package.read("word/settings.xml").decode()
    settings = settings.replace("<w:zoom", f'<w:attachedTemplate xmlns:r="{R}" r:id="rIdTpl"/><w:zoom', 1)
    settings_rels = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{REL}">'
                     f'<Relationship Id="rIdTpl" Type="{R}/attachedTemplate" Target="{base_url}/evil.dotm" '
                     f'TargetMode="External"/></Relationships>')
    header_rels_name = header_name.replace("word/", "word/_rels/") + ".rels"
    return rezip(data, {
        "[Content_Types].xml": types.encode(),
        "word/_rels/document.xml.rels": doc_rels.encode(),
        "word/vbaProject.bin": b"VBA-MACRO-PROJECT" * 10,
        "customXml/item1.xml": b"<secret>CUSTOM-XML</secret>",
        "word/embeddings/oleObject1.bin": b"OLE-OBJECT" * 10,
        header_name: header.encode(),
        header_rels_name: header_rels.encode(),
        "word/settings.xml": settings.encode(),
        "word/_rels/settings.xml.rels": settings_rels.encode(),
    })


def reference_bomb(path: Path, part_mb: int = 3000) -> Path:
    """A reference.docx whose styles part unpacks to ``part_mb`` MB (a few MB on disk)."""
    data = _base_reference()
    source = zipfile.ZipFile(io.BytesIO(data))
    chunk = b" " * (1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for info in source.infolist():
            if info.filename == "word/styles.xml":
                styles = source.read(info.filename)
                cut = styles.rindex(b"</w:styles>")
                with target.open(info.filename, "w", force_zip64=True) as member:
                    member.write(styles[:cut])
                    for _ in range(part_mb):
                        member.write(chunk)
                    member.write(styles[cut:])
            else:
                target.writestr(info.filename, source.read(info.filename))
    return path


def reference_template(folder: Path, reference: bytes | None = None, *, name: str = "with-reference",
                       bomb_mb: int = 0) -> Path:
    """A template using ``reference`` (or a zip bomb of ``bomb_mb`` MB) as its reference.docx."""
    t = template(folder, name, {"docx.reference": "reference.docx"})
    if bomb_mb:
        reference_bomb(t / "reference.docx", bomb_mb)
    else:
        (t / "reference.docx").write_bytes(reference if reference is not None else _base_reference())
    return t


TEMPLATE_ATTACKS: dict[str, Callable[[Path], Path]] = {
    "logo ../ to /etc/passwd": lambda f: logo_outside(f, "traversal"),
    "logo ../ to a private image": lambda f: logo_outside(f, "relative"),
    "logo by absolute path": lambda f: logo_outside(f, "absolute"),
    "logo.png linking to a private image": lambda f: logo_outside(f, "symlink"),
    "144-megapixel logo": big_logo,
    "corrupt PNG logo": lambda f: corrupt_logo(f, "png"),
    "SVG logo": lambda f: corrupt_logo(f, "svg"),
    "ANSI escapes in template strings": control_characters,
    "colour with a trailing newline": trailing_newline_colour,
    "template.toml nested 5,000 deep": nested_toml,
}
