"""Briefing templates: find them (shipped + per-user folder), load, validate and save them.

A template is a folder holding ``template.toml`` and, optionally, a ``reference.docx``
(Word styles, pandoc's convention) and a logo image. Its look (fonts, sizes, colours,
spacing, table style) is one style sheet (:mod:`briefing.styles`) both writers obey; when
``reference.docx`` is newer than ``template.toml``, the styles restyled in Word are read
from it (:func:`sync_reference_styles`, ``briefing templates sync NAME``). The shipped
templates live in ``resources/templates/``; the user's own live in
``<user data dir>/templates/`` (``platformdirs.user_data_dir("briefing-composer")``, or
``$BRIEFING_DATA_DIR`` when set) and add to or override the shipped ones by folder name.

Every problem in a ``template.toml`` is reported as ``FILE: KEY: problem`` through
:class:`TemplateError`, which carries all of them in ``errors``.

Templates are untrusted: a template is found by name (``NAME_RE``, checked before any
file is touched) or given as a folder; the files it names stay inside its folder
(:mod:`briefing.template_files`); its strings may not hold control characters (ANSI
escapes); ``template.toml`` is read bounded in size, and nesting too deep for the TOML
parser is an error, not a crash.
"""
from __future__ import annotations

import os
import re
import shutil
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.resources_path import resource
from briefing.safe_text import control_characters, printable
from briefing.template_files import (MAX_REFERENCE_BYTES, MAX_TEMPLATE_TOML_BYTES, CheckedLogo,
                                     TemplateFileProblem, contained_file, read_logo)

SECTION_KINDS: dict[str, str] = {
    "summary": "the summary / BLUF",
    "text": "an analyst-written section (Note.extra_sections[key])",
    "participants": "participants table",
    "agreements": "agreements table",
    "themes": "security themes with a one-line note each",
    "quotes": "key quotes",
    "events": "chronology",
    "analyst_comment": "the analyst comment",
    "source": "the source article (outlet, headline, author, URL, published, accessed)",
    "references": "numbered source references to the article's paragraphs",
    "yardstick": "probability yardstick annex (terms from [yardstick]; only when a judgement uses one)",
}
PAGE_SIZES = ("A4", "Letter")
CITATION_STYLES = ("numeric", "superscript", "paragraph", "none")
HEADER_FIELDS = ("title", "date", "reference", "page", "pages", "classification", "analyst",
                 "organisation")
TITLE_BLOCK_FIELDS = ("reference", "date", "analyst", "organisation", "classification",
                      "caveats", "distribution", "source")
REFERENCE_FIELDS = ("prefix", "year", "seq")
LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Z]{2})?$")
DEFAULT_SCHEME = "uk"

TEMPLATE_FILE = "template.toml"
NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")  # used with fullmatch: no trailing newline
COLOUR_RE = re.compile(r"#[0-9A-Fa-f]{6}")


class TemplateError(Exception):
    """A template that cannot be found or is invalid; ``errors`` lists each problem."""

    def __init__(self, errors: list[str] | str) -> None:
        self.errors = [errors] if isinstance(errors, str) else list(errors)
        super().__init__("; ".join(self.errors))


@dataclass
class SectionSpec:
    """One section of the exported note, in template order."""

    kind: str
    heading: str
    level: int = 1
    key: str = ""  # for kind "text": the Note.extra_sections key
    required: bool = False
    page_break_before: bool = False
    max_words: int = 0  # the check warns past this many words (0: no limit)
    max_sentence_words: int = 0  # ... or when one sentence is longer than this


@dataclass
class Margins:
    top: float = 25.0
    bottom: float = 25.0
    left: float = 25.0
    right: float = 25.0


@dataclass
class Band:
    """Header or footer text: three slots with {fields}."""

    left: str = ""
    centre: str = ""
    right: str = ""


@dataclass
class Template:
    """A loaded, validated template. ``folder`` holds its files (None when unsaved)."""

    name: str
    title: str = ""
    description: str = ""
    folder: Path | None = None
    origin: str = "shipped"  # shipped | user | path
    sections: list[SectionSpec] = field(default_factory=list)
    page_size: str = "A4"
    margins_mm: Margins = field(default_factory=Margins)
    body_font: str = "Calibri"  # as Word names it; the PDF uses its metric-compatible twin
    heading_font: str = "Calibri"
    body_size: float = 10.5
    title_size: float = 20.0
    heading1_size: float = 14.0
    heading2_size: float = 12.0
    colours: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_COLOURS))
    scheme: str = DEFAULT_SCHEME  # marking scheme (resources/markings/<scheme>.toml)
    classification: str = "OFFICIAL"  # default marking of a note, in the scheme
    portion_default: str = ""  # level of open-source facts ("": the scheme's default level)
    banner: bool = True
    portion_marks: bool = False
    language: str = "en-GB"  # proofing and spell-check language
    reference_pattern: str = ""  # e.g. "{prefix}-{year}-{seq:04}"; "" = no automatic numbers
    reference_prefix: str = ""
    header: Band = field(default_factory=Band)
    footer: Band = field(default_factory=lambda: Band(right="Page {page} of {pages}"))
    logo: str = ""  # file name inside the folder
    logo_width_mm: float = 25.0
    citation_style: str = "numeric"
    reference_docx: str = ""  # file name inside the folder
    table_style: str = "Table Grid"
    title_block: list[str] = field(default_factory=lambda: ["reference", "date", "analyst"])
    yardstick: list[tuple[str, str]] = field(default_factory=list)
    style_overrides: dict[str, dict[str, Any]] = field(default_factory=dict)  # [styles.<key>]
    table_overrides: dict[str, Any] = field(default_factory=dict)  # [table]
    max_pages: int = 0  # 0: no limit; else leave lower-ranked items out to fit (see [fit])
    fit_leave_out: list[str] = field(default_factory=lambda: list(DEFAULT_LEAVE_OUT))
    fit_keep: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_KEEP))
    header_distance_mm: float = 8.0  # page edge to the header / footer text
    styles_from_reference: dict[str, dict[str, Any]] = field(default_factory=dict)  # read, not saved
    # the logo's bytes as read and checked when the template was loaded or last checked
    checked_logo: CheckedLogo | None = field(default=None, repr=False, compare=False)

    @property
    def pdf_font(self) -> str:
        """The family the PDF draws body text with."""
        from briefing.export.fonts import pdf_family

        return pdf_family(self.body_font)

    @property
    def stylesheet(self):  # noqa: ANN201 - briefing.styles.StyleSheet
        """The template's look: base values, then [styles] and [table], then what was read
        from a newer reference.docx."""
        from briefing.styles import apply_overrides

        overrides = {k: dict(v) for k, v in self.style_overrides.items()}
        for key, values in self.styles_from_reference.items():
            overrides.setdefault(key, {}).update(values)
        return apply_overrides(self.base_stylesheet(), overrides, dict(self.table_overrides))

    def base_stylesheet(self):  # noqa: ANN201
        from briefing.styles import base_styles

        return base_styles(self.body_font, self.heading_font,
                           {"body": self.body_size, "title": self.title_size,
                            "heading1": self.heading1_size, "heading2": self.heading2_size}, self.colours)

    def file(self, name: str) -> Path | None:
        """Path of a file the template names (logo, reference.docx), or None; only a
        regular file inside the template's folder, links resolved (else None: the
        template's check reports why)."""
        if not name or self.folder is None:
            return None
        try:
            return contained_file(self.folder, name)
        except TemplateFileProblem:
            return None

    @property
    def logo_path(self) -> Path | None:
        return self.file(self.logo)

    def logo_bytes(self) -> bytes | None:
        """The logo the writers draw: the bytes read and checked when the template was
        loaded or last checked (:func:`briefing.export.check.template_problems`), or, for
        a logo named since, read and checked now; never the file read again after its
        check. None: no logo, or one that fails the check (the check reports why)."""
        checked = self.checked_logo
        if not self.logo or self.folder is None:
            return None
        if checked is None or (checked.folder, checked.name) != (self.folder, self.logo):
            try:
                checked = self.checked_logo = read_logo(self.folder, self.logo)
            except (TemplateFileProblem, OSError):
                return None
        return checked.data

    @property
    def reference_path(self) -> Path | None:
        return self.file(self.reference_docx)

    def marking_scheme(self):  # noqa: ANN201 - briefing.markings.Scheme
        """The template's marking scheme (:class:`briefing.markings.Scheme`)."""
        from briefing.markings import load_scheme

        return load_scheme(self.scheme)

    def to_toml_data(self) -> dict[str, Any]:
        """The template as the nested dict ``template.toml`` holds."""
        data: dict[str, Any] = {
            "name": self.title or self.name, "description": self.description,
            "language": self.language,
            "page": {"size": self.page_size, "margins_mm": {
                "top": self.margins_mm.top, "bottom": self.margins_mm.bottom,
                "left": self.margins_mm.left, "right": self.margins_mm.right}},
            "fonts": {"body": self.body_font, "heading": self.heading_font,
                      "body_size": self.body_size, "title_size": self.title_size,
                      "heading1_size": self.heading1_size, "heading2_size": self.heading2_size},
            "colours": dict(self.colours),
            "classification": {"scheme": self.scheme, "default": self.classification,
                               "banner": self.banner, "portion_marks": self.portion_marks},
            "header": {"left": self.header.left, "centre": self.header.centre, "right": self.header.right},
            "footer": {"left": self.footer.left, "centre": self.footer.centre, "right": self.footer.right},
            "citations": {"style": self.citation_style},
            "docx": {},
            "title_block": {"fields": list(self.title_block)},
        }
        if self.portion_default:
            data["classification"]["portion_default"] = self.portion_default
        if self.reference_pattern:
            data["reference"] = {"pattern": self.reference_pattern, "prefix": self.reference_prefix}
        if self.reference_docx:
            data["docx"]["reference"] = self.reference_docx
        if self.logo:
            data["logo"] = {"file": self.logo, "width_mm": self.logo_width_mm}
        if self.yardstick:
            data["yardstick"] = {"terms": [{"term": t, "range": r} for t, r in self.yardstick]}
        if self.max_pages:
            data["page"]["max_pages"] = self.max_pages
            data["fit"] = {"leave_out": list(self.fit_leave_out), "keep_at_least": dict(self.fit_keep)}
        if self.header_distance_mm != 8.0:
            data["page"]["header_distance_mm"] = self.header_distance_mm
        if self.style_overrides:
            data["styles"] = {k: dict(v) for k, v in self.style_overrides.items()}
        if self.table_overrides:
            data["table"] = dict(self.table_overrides)
        data["sections"] = []
        for s in self.sections:
            entry: dict[str, Any] = {"kind": s.kind, "heading": s.heading}
            if s.level != 1:
                entry["level"] = s.level
            if s.key:
                entry["key"] = s.key
            if s.required:
                entry["required"] = True
            if s.page_break_before:
                entry["page_break_before"] = True
            if s.max_words:
                entry["max_words"] = s.max_words
            if s.max_sentence_words:
                entry["max_sentence_words"] = s.max_sentence_words
            data["sections"].append(entry)
        return data


@dataclass
class TemplateInfo:
    """One row of :func:`list_templates`."""

    name: str
    title: str
    description: str
    origin: str  # shipped | user
    path: Path
    overrides_shipped: bool = False
    error: str = ""  # set when the template does not load


DEFAULT_COLOURS = {"text": "#000000", "heading": "#1F3864", "accent": "#1F3864",
                   "table_header_background": "#D9E2F3", "table_header_text": "#000000",
                   "table_border": "#808080"}
FIT_SECTIONS = ("quotes", "events", "themes", "participants", "agreements")
DEFAULT_LEAVE_OUT = ("quotes", "events", "themes", "participants", "agreements")
DEFAULT_KEEP = {"themes": 3, "participants": 4, "agreements": 3}


# ----------------------------------------------------------------------------- locations

def shipped_dir() -> Path:
    return resource("templates")


def user_data_dir() -> Path:
    """The per-user data folder ($BRIEFING_DATA_DIR overrides platformdirs)."""
    env = os.environ.get("BRIEFING_DATA_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("briefing-composer"))


def user_templates_dir() -> Path:
    return user_data_dir() / "templates"


def _folders(root: Path) -> list[Path]:
    try:
        return sorted(p for p in root.iterdir() if (p / TEMPLATE_FILE).is_file())
    except OSError:
        return []


def list_templates() -> list[TemplateInfo]:
    """Shipped templates, then user ones; a user template hides a shipped one of its name."""
    found: dict[str, TemplateInfo] = {}
    for origin, root in (("shipped", shipped_dir()), ("user", user_templates_dir())):
        for folder in _folders(root):
            info = TemplateInfo(folder.name, folder.name, "", origin, folder,
                                overrides_shipped=origin == "user" and folder.name in found)
            problem = template_name_problem(folder.name)
            try:
                if problem:
                    raise TemplateError(f"{folder}: {problem}")
                t = _load_folder(folder, origin)
                info.title, info.description = t.title, t.description
            except TemplateError as exc:
                info.error = str(exc)
            found[folder.name] = info
    return sorted(found.values(), key=lambda i: i.name)


def find_template_folder(name: str) -> tuple[Path, str]:
    """``(folder, origin)`` of template ``name``: user folder first, then shipped."""
    problem = template_name_problem(name)
    if problem:
        raise TemplateError(problem)
    for origin, root in (("user", user_templates_dir()), ("shipped", shipped_dir())):
        folder = root / name
        if (folder / TEMPLATE_FILE).is_file():
            return folder, origin
    names = ", ".join(i.name for i in list_templates() if not i.error) or "none"
    raise TemplateError(f"unknown template '{name}' (available: {names})")


def template_name_problem(name: str) -> str | None:
    """Why ``name`` cannot name a template (a path, too long, odd characters), or None."""
    if NAME_RE.fullmatch(name):
        return None
    shown = printable(name if len(name) <= 40 else name[:40] + "\u2026")
    return (f"invalid template name '{shown}': use up to 64 letters, digits, '-' and '_', "
            "starting with a letter or digit")


def load_named_template(name: str) -> Template:
    """Load a template by name only (user, then shipped): what a project's
    ``note.template`` holds, which is never a path."""
    folder, origin = find_template_folder(name)
    return _load_folder(folder, origin)


def load_template(name_or_path: str | Path) -> Template:
    """Load a template by name (user, then shipped) or by folder / template.toml path."""
    text = str(name_or_path)
    path = Path(text).expanduser()
    if isinstance(name_or_path, Path) or os.sep in text or "/" in text or text.endswith(".toml") \
            or _is_template_folder(path):
        folder = path.parent if path.name == TEMPLATE_FILE or path.suffix == ".toml" else path
        if not _is_template_folder(folder):
            raise TemplateError(f"{printable(str(folder / TEMPLATE_FILE))}: file not found")
        return _load_folder(folder, "path")
    return load_named_template(text)


def _is_template_folder(folder: Path) -> bool:
    try:
        return (folder / TEMPLATE_FILE).is_file()
    except (OSError, ValueError):  # a name too long for the file system, a NUL...
        return False


def _load_folder(folder: Path, origin: str) -> Template:
    from briefing.fileio import ReadError, read_bounded

    file = folder / TEMPLATE_FILE
    try:
        data = tomllib.loads(read_bounded(file, MAX_TEMPLATE_TOML_BYTES, what="template file")
                             .decode("utf-8"))
    except ReadError as exc:
        raise TemplateError(printable(str(exc))) from None
    except UnicodeDecodeError:
        raise TemplateError(f"{printable(str(file))}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"{printable(str(file))}: invalid TOML: {printable(str(exc))}") from None
    except RecursionError:
        raise TemplateError(f"{printable(str(file))}: invalid TOML: nested too deeply") from None
    template = template_from_data(data, name=folder.name, folder=folder, origin=origin, file=file)
    if origin != "shipped" and reference_is_newer(template):
        try:
            from briefing.styles import read_reference_styles

            template.styles_from_reference = read_reference_styles(template.reference_path, template.stylesheet)
        except Exception:  # noqa: BLE001 - a damaged reference.docx: the check reports it
            template.styles_from_reference = {}
    return template


def reference_is_newer(template: Template) -> bool:
    """True when the template's reference.docx was saved after its template.toml."""
    ref = template.reference_path
    if ref is None or template.folder is None or not ref.is_file():
        return False
    try:
        return ref.stat().st_mtime > (template.folder / TEMPLATE_FILE).stat().st_mtime
    except OSError:
        return False


def sync_reference_styles(name: str) -> tuple[Path, dict[str, dict[str, Any]]]:
    """Read the named styles of template ``name``'s reference.docx into its template.toml.

    Returns the file written and what was taken (``{style key: {field: value}}``). Only a
    user template can be changed (copy a shipped one first with :func:`new_user_template`).
    """
    from briefing.styles import read_reference_styles

    template = load_template(name)
    if template.origin == "shipped":
        raise TemplateError(f"'{name}' is a shipped template; copy it first: briefing templates new "
                            f"my-{name} --from {name}")
    if template.reference_path is None or not template.reference_path.is_file():
        raise TemplateError(f"{template.folder / TEMPLATE_FILE}: the template has no reference.docx")
    template.styles_from_reference = {}
    try:
        taken = read_reference_styles(template.reference_path, template.stylesheet)
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds for a bad file
        raise TemplateError(f"{template.reference_path}: not a readable Word document "
                            f"({type(exc).__name__})") from None
    for key, values in taken.items():
        template.style_overrides.setdefault(key, {}).update(values)
    atomic_write_text(template.folder / TEMPLATE_FILE, dump_toml(template.to_toml_data()))  # type: ignore[operator]
    return template.folder / TEMPLATE_FILE, taken  # type: ignore[operator]


def template_from_data(data: dict[str, Any], *, name: str, folder: Path | None = None,
                       origin: str = "path", file: Path | str = TEMPLATE_FILE) -> Template:
    """Validate ``data`` (parsed template.toml) into a Template or raise TemplateError."""
    return _Parser(data, str(file), folder).template(name, origin)


class _Parser:
    """Reads one parsed template.toml, collecting every problem as ``FILE: KEY: problem``."""

    KNOWN = {
        "": {"name", "description", "language", "page", "fonts", "colours", "classification",
             "header", "footer", "logo", "citations", "docx", "title_block", "yardstick",
             "reference", "sections", "styles", "table", "fit"},
        "page": {"size", "margins_mm", "max_pages", "header_distance_mm"},
        "fit": {"leave_out", "keep_at_least"},
        "page.margins_mm": {"top", "bottom", "left", "right"},
        # pdf_family and docx_family: older names, read as body/heading fonts
        "fonts": {"body", "heading", "pdf_family", "docx_family", "body_size", "title_size",
                  "heading1_size", "heading2_size"},
        "colours": set(DEFAULT_COLOURS),
        # "colour" is read and ignored: banner colours come from the marking scheme
        "classification": {"scheme", "default", "portion_default", "colour", "banner", "portion_marks"},
        "reference": {"pattern", "prefix"},
        "header": {"left", "centre", "right"},
        "footer": {"left", "centre", "right"},
        "logo": {"file", "width_mm"},
        "citations": {"style"},
        "docx": {"reference", "table_style"},
        "title_block": {"fields"},
        "yardstick": {"terms"},
        "sections": {"kind", "heading", "level", "key", "required", "page_break_before",
                     "max_words", "max_sentence_words"},
        "yardstick.terms": {"term", "range"},
    }

    def __init__(self, data: dict[str, Any], file: str, folder: Path | None) -> None:
        self.data, self.file, self.folder = data, file, folder
        self.errors: list[str] = []
        self.logo: CheckedLogo | None = None

    def error(self, key: str, problem: str) -> None:
        self.errors.append(printable(f"{self.file}: {key}: {problem}"))

    def table(self, key: str, schema: str | None = None) -> dict[str, Any]:
        node: Any = self.data
        for part in key.split(".") if key else []:
            node = node.get(part, {}) if isinstance(node, dict) else {}
        if not isinstance(node, dict):
            self.error(key, f"must be a table, not {_type_name(node)}")
            return {}
        self.unknown(node, key, schema if schema is not None else key)
        return node

    def unknown(self, node: dict[str, Any], key: str, schema: str) -> None:
        for k in node:
            if k not in self.KNOWN[schema]:
                self.error(f"{key}.{k}" if key else k,
                           f"unknown key (known: {', '.join(sorted(self.KNOWN[schema]))})")

    def get(self, node: dict[str, Any], key: str, name: str, kind: type | tuple, default: Any) -> Any:
        if name not in node:
            return default
        value = node[name]
        full = f"{key}.{name}" if key else name
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if isinstance(value, bool) and bool not in kinds or not isinstance(value, kinds):
            want = " or ".join(_TYPE_NAMES.get(k, k.__name__) for k in kinds)
            self.error(full, f"must be {want}, not {_type_name(value)}")
            return default
        if isinstance(value, str) and control_characters(value):
            shown = ", ".join(dict.fromkeys(control_characters(value)))
            self.error(full, f"control characters are not allowed ({shown})")
            return default
        return value

    def number(self, node: dict[str, Any], key: str, name: str, default: float,
               low: float, high: float) -> float:
        value = self.get(node, key, name, (int, float), default)
        if not low <= value <= high:
            self.error(f"{key}.{name}", f"{value} is out of range ({low}-{high})")
            return default
        return float(value)

    def colour(self, node: dict[str, Any], key: str, name: str, default: str) -> str:
        value = self.get(node, key, name, str, default)
        if not COLOUR_RE.fullmatch(value):
            self.error(f"{key}.{name}", f"bad colour '{value}' (use #RRGGBB)")
            return default
        return value.upper()

    def choice(self, node: dict[str, Any], key: str, name: str, choices: tuple, default: str) -> str:
        value = self.get(node, key, name, str, default)
        if value not in choices:
            self.error(f"{key}.{name}", f"'{value}' is not one of {', '.join(choices)}")
            return default
        return value

    def band(self, key: str, default: Band) -> Band:
        node = self.table(key)
        band = Band(*(self.get(node, key, k, str, getattr(default, k)) for k in ("left", "centre", "right")))
        for slot in ("left", "centre", "right"):
            for fld in re.findall(r"\{([^{}]*)\}", getattr(band, slot)):
                if fld not in HEADER_FIELDS:
                    self.error(f"{key}.{slot}", f"unknown field '{{{fld}}}' (known: "
                               + ", ".join("{" + f + "}" for f in HEADER_FIELDS) + ")")
        return band

    def file_ref(self, node: dict[str, Any], key: str, name: str) -> str:
        """A file the template names: a regular file inside its folder; a logo must be
        an image within the limits, a reference document within its size limit."""
        value = self.get(node, key, name, str, "")
        if not value or self.folder is None:
            return value
        from briefing.fileio import ReadError

        try:
            if key == "logo":
                self.logo = read_logo(self.folder, value)
            elif contained_file(self.folder, value).stat().st_size > MAX_REFERENCE_BYTES:
                raise TemplateFileProblem(f"is too large (the limit is {MAX_REFERENCE_BYTES // 2**20} MB)")
        except TemplateFileProblem as exc:
            self.error(f"{key}.{name}", f"file '{value}' {exc}")
        except (ReadError, OSError) as exc:
            self.error(f"{key}.{name}", f"file '{value}' cannot be read ({exc})")
        return value

    def template(self, name: str, origin: str) -> Template:
        t = Template(name=name, folder=self.folder, origin=origin)
        root = self.table("")
        t.title = self.get(root, "", "name", str, name)
        t.description = self.get(root, "", "description", str, "")
        t.language = self.get(root, "", "language", str, t.language)
        if not LANGUAGE_RE.match(t.language):
            self.error("language", f"'{t.language}' is not a language tag such as en-GB or en-US")
        page = self.table("page")
        t.page_size = self.choice(page, "page", "size", PAGE_SIZES, "A4")
        margins = self.table("page.margins_mm")
        t.margins_mm = Margins(*(self.number(margins, "page.margins_mm", k, 25.0, 5, 80)
                                 for k in ("top", "bottom", "left", "right")))
        from briefing.export.fonts import font_names  # noqa: PLC0415 - avoids an import cycle

        fonts = self.table("fonts")
        legacy = self.get(fonts, "fonts", "docx_family", str, "")
        legacy = legacy if legacy in font_names() else self.get(fonts, "fonts", "pdf_family", str, "") or t.body_font
        t.body_font = self.choice(fonts, "fonts", "body", font_names(),
                                  legacy if legacy in font_names() else t.body_font)
        t.heading_font = self.choice(fonts, "fonts", "heading", font_names(), t.body_font)
        for attr, low, high in (("body_size", 6, 24), ("title_size", 8, 48),
                                ("heading1_size", 6, 36), ("heading2_size", 6, 36)):
            setattr(t, attr, self.number(fonts, "fonts", attr, getattr(t, attr), low, high))
        colours = self.table("colours")
        t.colours = {k: self.colour(colours, "colours", k, d) for k, d in DEFAULT_COLOURS.items()}
        self.classification(t)
        t.header, t.footer = self.band("header", t.header), self.band("footer", t.footer)
        logo = self.table("logo")
        t.logo = self.file_ref(logo, "logo", "file")
        t.checked_logo = self.logo
        t.logo_width_mm = self.number(logo, "logo", "width_mm", t.logo_width_mm, 5, 120)
        t.citation_style = self.choice(self.table("citations"), "citations", "style",
                                       CITATION_STYLES, t.citation_style)
        docx = self.table("docx")
        t.reference_docx = self.file_ref(docx, "docx", "reference")
        t.table_style = self.get(docx, "docx", "table_style", str, t.table_style)  # read, unused
        self.look(t, page)
        fields = self.get(self.table("title_block"), "title_block", "fields", list, t.title_block)
        t.title_block = []
        for i, f in enumerate(fields):
            if f not in TITLE_BLOCK_FIELDS:
                self.error(f"title_block.fields[{i}]", f"unknown field '{f}' (known: {', '.join(TITLE_BLOCK_FIELDS)})")
            else:
                t.title_block.append(f)
        reference = self.table("reference")
        t.reference_pattern = self.get(reference, "reference", "pattern", str, "")
        t.reference_prefix = self.get(reference, "reference", "prefix", str, "")
        for fld in re.findall(r"\{([^{}:]*)(?::[^{}]*)?\}", t.reference_pattern):
            if fld not in REFERENCE_FIELDS:
                self.error("reference.pattern", f"unknown field '{{{fld}}}' (known: "
                           + ", ".join("{" + f + "}" for f in REFERENCE_FIELDS) + ")")
        t.yardstick = self.yardstick()
        t.sections = self.sections()
        if self.errors:
            raise TemplateError(self.errors)
        return t

    def look(self, t: Template, page: dict[str, Any]) -> None:
        """[styles.<key>], [table], the page limit and how to fit it."""
        from briefing.styles import (STYLE_NAMES, TABLE_FIELDS, TEXT_FIELDS,  # noqa: PLC0415
                                     check_style_values, normalised)

        t.max_pages = self.get(page, "page", "max_pages", int, 0)
        if not 0 <= t.max_pages <= 50:
            self.error("page.max_pages", f"{t.max_pages} is out of range (0-50)")
        t.header_distance_mm = self.number(page, "page", "header_distance_mm", 8.0, 2, 40)
        styles = self.data.get("styles", {})
        if not isinstance(styles, dict):
            self.error("styles", f"must be a table of [styles.<name>], not {_type_name(styles)}")
            styles = {}
        for key, values in styles.items():
            if key not in STYLE_NAMES:
                self.error(f"styles.{key}", f"unknown style (known: {', '.join(STYLE_NAMES)})")
            elif not isinstance(values, dict):
                self.error(f"styles.{key}", f"must be a table, not {_type_name(values)}")
            else:
                problems = check_style_values(key, values, TEXT_FIELDS)
                for problem in problems:
                    self.error(f"styles.{key}", problem)
                if not problems:
                    t.style_overrides[key] = normalised(values, TEXT_FIELDS)
        table = self.data.get("table", {})
        if not isinstance(table, dict):
            self.error("table", f"must be a table, not {_type_name(table)}")
        else:
            problems = check_style_values("table", table, TABLE_FIELDS)
            for problem in problems:
                self.error("table", problem)
            if not problems:
                t.table_overrides = normalised(table, TABLE_FIELDS)
        fit = self.table("fit")
        leave_out = self.get(fit, "fit", "leave_out", list, list(DEFAULT_LEAVE_OUT))
        bad = [x for x in leave_out if x not in FIT_SECTIONS]
        if bad:
            self.error("fit.leave_out",
                       f"unknown section {', '.join(map(str, bad))} (known: {', '.join(FIT_SECTIONS)})")
        else:
            t.fit_leave_out = list(leave_out)
        keep = self.get(fit, "fit", "keep_at_least", dict, dict(DEFAULT_KEEP))
        if any(k not in FIT_SECTIONS or isinstance(v, bool) or not isinstance(v, int) or v < 0
               for k, v in keep.items()):
            self.error("fit.keep_at_least", f"needs section = number (sections: {', '.join(FIT_SECTIONS)})")
        else:
            t.fit_keep = {**DEFAULT_KEEP, **keep}

    def classification(self, t: Template) -> None:
        """Scheme, default marking and open-source portion level, checked against the scheme."""
        from briefing.markings import MarkingError, SchemeError, load_scheme  # noqa: PLC0415

        cls = self.table("classification")
        t.scheme = self.get(cls, "classification", "scheme", str, t.scheme)
        t.classification = self.get(cls, "classification", "default", str, "")
        t.portion_default = self.get(cls, "classification", "portion_default", str, "")
        t.banner = self.get(cls, "classification", "banner", bool, t.banner)
        t.portion_marks = self.get(cls, "classification", "portion_marks", bool, t.portion_marks)
        try:
            scheme = load_scheme(t.scheme)
        except SchemeError as exc:
            self.error("classification.scheme", str(exc))
            return
        if not t.classification:
            t.classification = scheme.default.name
        try:
            t.classification = scheme.parse(t.classification).text
        except MarkingError as exc:
            self.error("classification.default", str(exc))
        if t.portion_default:
            found = scheme.find_level(t.portion_default)
            if found is None:
                self.error("classification.portion_default", f"'{t.portion_default}' is not a level of "
                           f"the {scheme.name} scheme (levels: {', '.join(scheme.level_names)})")
            else:
                t.portion_default = found.name

    def yardstick(self) -> list[tuple[str, str]]:
        terms = self.get(self.table("yardstick"), "yardstick", "terms", list, [])
        out = []
        for i, entry in enumerate(terms):
            key = f"yardstick.terms[{i}]"
            if not isinstance(entry, dict):
                self.error(key, f"must be a table, not {_type_name(entry)}")
                continue
            self.unknown(entry, key, "yardstick.terms")
            out.append((self.get(entry, key, "term", str, ""), self.get(entry, key, "range", str, "")))
        return out

    def sections(self) -> list[SectionSpec]:
        raw = self.data.get("sections")
        if raw is None or raw == []:
            self.error("sections", "missing: a template needs at least one [[sections]] entry")
            return []
        if not isinstance(raw, list):
            self.error("sections", f"must be an array of tables ([[sections]]), not {_type_name(raw)}")
            return []
        out = []
        for i, entry in enumerate(raw):
            key = f"sections[{i}]"
            if not isinstance(entry, dict):
                self.error(key, f"must be a table, not {_type_name(entry)}")
                continue
            self.unknown(entry, key, "sections")
            kind = self.get(entry, key, "kind", str, "")
            if kind not in SECTION_KINDS:
                self.error(f"{key}.kind", f"unknown section '{kind}' (known: {', '.join(SECTION_KINDS)})")
                continue
            spec = SectionSpec(kind=kind, heading=self.get(entry, key, "heading", str, ""),
                               level=self.get(entry, key, "level", int, 1),
                               key=self.get(entry, key, "key", str, ""),
                               required=self.get(entry, key, "required", bool, False),
                               page_break_before=self.get(entry, key, "page_break_before", bool, False),
                               max_words=self.get(entry, key, "max_words", int, 0),
                               max_sentence_words=self.get(entry, key, "max_sentence_words", int, 0))
            for limit in ("max_words", "max_sentence_words"):
                if not 0 <= getattr(spec, limit) <= 10000:
                    self.error(f"{key}.{limit}", f"{getattr(spec, limit)} is out of range (0-10000)")
            if spec.level not in (1, 2):
                self.error(f"{key}.level", f"{spec.level} is not 1 or 2")
            if kind == "text" and not re.fullmatch(r"[a-z][a-z0-9_]*", spec.key):
                self.error(f"{key}.key", "a 'text' section needs key = \"name\" (lower-case, _)")
            out.append(spec)
        return out


_TYPE_NAMES = {str: "a string", int: "an integer", float: "a number", bool: "true or false",
               list: "an array", dict: "a table"}


def _type_name(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


# ----------------------------------------------------------------------------- writing

def new_user_template(name: str, base: str = "ministerial") -> Path:
    """Copy template ``base`` to the user folder as ``name``; returns the new folder.

    Copied: ``template.toml`` and the files it names, as bytes (a link is never copied
    as a link, and ``base`` loads only if its files are inside its folder)."""
    _check_name(name)
    source = load_template(base)
    target = user_templates_dir() / name
    if target.exists():
        raise TemplateError(f"{target}: a user template named '{name}' already exists")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.parent / f".{name}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        _copy_files(source, tmp, with_toml=True)
        _rename_copy(tmp / TEMPLATE_FILE, f"{source.title or source.name} (copy)")
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


def _copy_files(template: Template, target: Path, *, with_toml: bool = False) -> None:
    """Copy the files ``template`` names (and its template.toml) into ``target``."""
    from briefing.fileio import ReadError, WriteError
    from briefing.template_files import MAX_LOGO_BYTES, copy_file_into

    names = [(TEMPLATE_FILE, MAX_TEMPLATE_TOML_BYTES)] if with_toml else []
    names += [(template.logo, MAX_LOGO_BYTES), (template.reference_docx, MAX_REFERENCE_BYTES)]
    for file_name, limit in names:
        try:
            if file_name == TEMPLATE_FILE:
                src = contained_file(template.folder, file_name) if template.folder else None
            else:
                src = template.file(file_name)
            if src is None:
                continue
            destination = target / file_name
            if destination.exists() and os.path.samefile(src, destination):
                continue
            copy_file_into(src, target, file_name, limit)
        except (ReadError, WriteError, TemplateFileProblem) as exc:
            raise TemplateError(f"{printable(file_name)}: {printable(str(exc))}") from None


def _rename_copy(file: Path, title: str) -> None:
    """Give a copied template its own display name (the file's comments are kept)."""
    from briefing.fileio import read_bounded

    text = read_bounded(file, MAX_TEMPLATE_TOML_BYTES, what="template file").decode("utf-8")
    line = f"name = {_value(title)}"
    new, count = re.subn(r'(?m)^name\s*=\s*"(?:[^"\\]|\\.)*"[ \t]*$', line.replace("\\", "\\\\"), text, count=1)
    file.write_text(new if count else f"{line}\n{text}", encoding="utf-8")


def save_user_template(template: Template, name: str) -> Path:
    """Write ``template`` to the user folder as ``name`` (atomic), copying its files."""
    _check_name(name)
    template_from_data(template.to_toml_data(), name=name, folder=template.folder,
                       origin="user")  # validate before writing anything
    target = user_templates_dir() / name
    target.mkdir(parents=True, exist_ok=True)
    _copy_files(template, target)
    atomic_write_text(target / TEMPLATE_FILE, dump_toml(template.to_toml_data()))
    return target


def _check_name(name: str) -> None:
    problem = template_name_problem(name)
    if problem:
        raise TemplateError(problem)


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (:func:`briefing.fileio.atomic_write_text`);
    :class:`TemplateError` naming the file when it cannot be written."""
    from briefing.fileio import WriteError
    from briefing.fileio import atomic_write_text as write_text

    try:
        write_text(path, text)
    except WriteError as exc:
        raise TemplateError(str(exc)) from None


def dump_toml(data: dict[str, Any]) -> str:
    """TOML text for the nested dict of :meth:`Template.to_toml_data` (tables, arrays)."""
    lines: list[str] = []
    _dump_table(data, [], lines)
    return "\n".join(lines).strip() + "\n"


def _dump_table(data: dict[str, Any], path: list[str], lines: list[str]) -> None:
    def is_table(v: Any) -> bool:
        return isinstance(v, dict) and not path

    def is_table_array(v: Any) -> bool:
        return isinstance(v, list) and bool(v) and all(isinstance(x, dict) for x in v)

    for key, value in data.items():
        if not is_table(value) and not is_table_array(value):
            lines.append(f"{_key(key)} = {_value(value)}")
    for key, value in data.items():
        name = ".".join(_key(k) for k in path + [key])
        if is_table(value):
            lines += ["", f"[{name}]"]
            _dump_table(value, path + [key], lines)
        elif is_table_array(value):
            for entry in value:
                lines += ["", f"[[{name}]]"]
                _dump_table(entry, path + [key], lines)


def _key(key: str) -> str:
    return key if re.match(r"^[A-Za-z0-9_-]+$", key) else _value(key)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        out = value.replace("\\", "\\\\").replace('"', '\\"')
        out = "".join(c if c >= " " or c == "\t" else f"\\u{ord(c):04x}" for c in out)
        return f'"{out}"'
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")
