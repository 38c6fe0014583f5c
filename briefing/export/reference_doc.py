"""A template's reference document (``reference.docx``), sanitised before anything uses it.

A reference document may come from anyone, and whatever it holds is carried into every
exported DOCX: a remote ``attachedTemplate`` (Word fetches it on opening), a remote
image, a macro project, custom XML, embedded objects. :func:`sanitised_reference`
rebuilds the package keeping only what styling needs:

- the parts reached from the main document through the relationships of
  ``KEPT_RELATIONSHIPS`` (styles, numbering, theme, fonts, settings, web settings,
  headers, footers, foot- and endnotes, their internal images and embedded fonts, and
  the core and app properties), never an external one (``TargetMode="External"``);
- in them, no element that points at a relationship not kept (an attached template,
  a linked picture, an OLE object, an ``altChunk``...), no field that fetches or runs
  something (``INCLUDEPICTURE``, ``INCLUDETEXT``, ``LINK``, ``DDE``, ``DDEAUTO``), and a
  body with nothing but its section properties (the writer fills the body);
- the content types of the kept parts, with a macro-enabled or template main document
  recorded as an ordinary document.

The package is read with :func:`briefing.fileio.read_bounded` (``MAX_REFERENCE_BYTES``)
and checked like an input DOCX (:func:`briefing.ingest.docx.check_package`: total
unpacked size, compression ratio, part count) before any part is inflated; XML is parsed
without entities, DTDs or network access. Every problem is a :class:`ReferenceDocumentError`
naming the file. :func:`open_reference` gives the python-docx ``Document`` the writers
and the check use.
"""
from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

from briefing.safe_text import display_name
from briefing.template_files import MAX_REFERENCE_BYTES

__all__ = ["ReferenceDocumentError", "sanitised_reference", "open_reference", "MAX_REFERENCE_UNPACKED"]

MAX_REFERENCE_UNPACKED = 64 * 1024 * 1024  # all kept parts together, uncompressed

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCUMENT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MAIN_TYPES = {DOCUMENT_MAIN, "application/vnd.ms-word.document.macroEnabled.main+xml",
              "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
              "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"}
KEPT_RELATIONSHIPS = {
    "officeDocument", "core-properties", "extended-properties", "styles", "stylesWithEffects",
    "numbering", "theme", "fontTable", "settings", "webSettings", "header", "footer",
    "footnotes", "endnotes", "image", "font",
}
XML_SUFFIXES = (".xml", ".rels")
ACTIVE_FIELDS = re.compile(r"^\s*(INCLUDEPICTURE|INCLUDETEXT|LINK|DDE|DDEAUTO|IMPORT)\b", re.IGNORECASE)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                          remove_comments=True, remove_pis=True)


class ReferenceDocumentError(Exception):
    """A reference document that cannot be used; the message is one line naming it."""


def open_reference(path: Path) -> Any:
    """The python-docx Document of the sanitised reference document at ``path``."""
    import docx

    data = sanitised_reference(path)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds for a bad package
        raise ReferenceDocumentError(
            f"{display_name(path)}: not a usable Word document ({type(exc).__name__})") from None


def sanitised_reference(path: Path) -> bytes:
    """The bytes of a clean copy of the reference document at ``path`` (see the module)."""
    from briefing.fileio import ReadError, read_bounded
    from briefing.ingest.docx import check_package
    from briefing.ingest.errors import IngestError

    name = display_name(path)
    try:
        data = read_bounded(path, MAX_REFERENCE_BYTES, what="reference document")
        check_package(data, name, max_unpacked=MAX_REFERENCE_UNPACKED)
    except (ReadError, IngestError) as exc:
        raise ReferenceDocumentError(str(exc)) from None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return _Rebuild(package, name).run()
    except ReferenceDocumentError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError, etree.XMLSyntaxError) as exc:
        raise ReferenceDocumentError(f"{name}: not a usable Word document ({type(exc).__name__})") from None


class _Rebuild:
    """One pass over a package: which parts to keep, each cleaned, zipped again."""

    def __init__(self, package: zipfile.ZipFile, name: str) -> None:
        self.package, self.name = package, name
        self.members = {i.filename for i in package.infolist()}
        self.kept: dict[str, bytes] = {}  # part name -> cleaned bytes
        self.rels: dict[str, list[tuple[str, str, str, str]]] = {}  # part -> [(id, kind, type, target)]

    def run(self) -> bytes:
        root_rels = [r for r in self._relationships("") if r[1] in KEPT_RELATIONSHIPS and r[3] in self.members]
        main = next((r[3] for r in root_rels if r[1] == "officeDocument"), None)
        if main is None:
            raise ReferenceDocumentError(f"{self.name}: not a usable Word document (no main document part)")
        self.rels[""] = root_rels
        queue = [r[3] for r in root_rels]
        while queue:
            part = queue.pop(0)
            if part in self.kept:
                continue
            self.kept[part] = b""  # placeholder: visited
            rels = [r for r in self._relationships(part) if r[1] in KEPT_RELATIONSHIPS and r[3] in self.members
                    and not (part == main and r[1] == "image")]  # the body is emptied: no images
            self.rels[part] = rels
            queue += [r[3] for r in rels]
        for part in list(self.kept):
            self.kept[part] = self._clean_part(part, part == main)
        return self._zip(main)

    # -- relationships ---------------------------------------------------------
    def _relationships(self, part: str) -> list[tuple[str, str, str, str]]:
        """``(id, kind, type, target part)`` of ``part``'s internal relationships (``kind``:
        the type's last segment, as in ``KEPT_RELATIONSHIPS``)."""
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", f"{base}.rels")
        if rels_name not in self.members:
            return []
        root = etree.fromstring(self.package.read(rels_name), _PARSER)
        out = []
        for rel in root.iter(f"{{{REL_NS}}}Relationship"):
            if (rel.get("TargetMode") or "").lower() == "external":
                continue  # a remote template, image, hyperlink: never kept
            target = rel.get("Target") or ""
            if "://" in target or target.startswith("\\\\"):
                continue
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(folder, target))
            if path.startswith("../") or path == "..":
                continue
            kind = rel.get("Type") or ""
            out.append((rel.get("Id") or "", kind.rsplit("/", 1)[-1], kind, path))
        return out

    # -- parts -----------------------------------------------------------------
    def _clean_part(self, part: str, is_main: bool) -> bytes:
        raw = self.package.read(part)
        if not part.endswith(XML_SUFFIXES):
            return raw  # an image or an embedded font, reached from a kept part
        root = etree.fromstring(raw, _PARSER)
        kept_ids = {r[0] for r in self.rels.get(part, [])}
        if is_main:
            _empty_body(root)
        _drop_dangling_references(root, kept_ids)
        _drop_active_fields(root)
        for tag in ("attachedTemplate", "mailMerge", "docVars"):
            for el in root.iter(f"{{{W_NS}}}{tag}"):
                el.getparent().remove(el)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def _zip(self, main: str) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            target.writestr("[Content_Types].xml", self._content_types(main))
            for part, rels in self.rels.items():
                if not rels:
                    continue
                folder, base = posixpath.split(part)
                target.writestr(posixpath.join(folder, "_rels", f"{base}.rels"), _rels_xml(part, rels))
            for part, data in self.kept.items():
                target.writestr(part, data)
        return out.getvalue()

    def _content_types(self, main: str) -> bytes:
        root = etree.fromstring(self.package.read("[Content_Types].xml"), _PARSER)
        for el in list(root):
            if el.tag == f"{{{CT_NS}}}Override":
                part = (el.get("PartName") or "").lstrip("/")
                if part not in self.kept:
                    root.remove(el)
                elif part == main and el.get("ContentType") in MAIN_TYPES:
                    el.set("ContentType", DOCUMENT_MAIN)
            elif el.tag == f"{{{CT_NS}}}Default" and (el.get("Extension") or "").lower() in ("bin", "vba"):
                root.remove(el)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _rels_xml(part: str, rels: list[tuple[str, str, str, str]]) -> bytes:
    folder = posixpath.dirname(part)
    root = etree.Element(f"{{{REL_NS}}}Relationships", nsmap={None: REL_NS})
    for rel_id, _, kind, target in rels:
        etree.SubElement(root, f"{{{REL_NS}}}Relationship", Id=rel_id, Type=kind,
                         Target=posixpath.relpath(target, folder or "."))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _empty_body(root: etree._Element) -> None:
    """Only the body's final section properties stay (they name the headers and footers)."""
    body = root.find(f"{{{W_NS}}}body")
    if body is None:
        return
    for child in list(body):
        if child.tag != f"{{{W_NS}}}sectPr":
            body.remove(child)


def _drop_dangling_references(root: etree._Element, kept_ids: set[str]) -> None:
    """Remove what points at a relationship that was not kept: the run holding it, or
    the element itself outside a run."""
    doomed = []
    for el in root.iter():
        if any(key.startswith(f"{{{R_NS}}}") and value not in kept_ids for key, value in el.attrib.items()):
            doomed.append(el)
    for el in doomed:
        target = next((a for a in el.iterancestors(f"{{{W_NS}}}r")), el)
        parent = target.getparent()
        if parent is not None:
            parent.remove(target)


def _drop_active_fields(root: etree._Element) -> None:
    """Remove fields that fetch or run something when Word updates them."""
    for simple in list(root.iter(f"{{{W_NS}}}fldSimple")):
        if ACTIVE_FIELDS.match(simple.get(f"{{{W_NS}}}instr") or ""):
            simple.getparent().remove(simple)
    for instr in list(root.iter(f"{{{W_NS}}}instrText")):
        if not ACTIVE_FIELDS.match(instr.text or ""):
            continue
        paragraph = next(instr.iterancestors(f"{{{W_NS}}}p"), None)
        if paragraph is None:
            continue
        for run in list(paragraph.iter(f"{{{W_NS}}}r")):  # the whole paragraph's fields and text
            run.getparent().remove(run)
