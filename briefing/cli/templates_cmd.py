"""`briefing templates list | show NAME | new NAME --from BASE | sync NAME`: the templates.

``list`` shows every template (a user template overriding a shipped one says so, a
broken one shows its error); ``show`` prints a template's sections, page, styles and
files; ``new`` copies a template into the per-user folder for editing (its display name
gets "(copy)"); ``sync`` reads the named styles of the template's reference.docx (after
restyling it in Word) into its template.toml and says what it took. Names, titles
and errors are printed with control characters escaped (a folder may be named anything).
"""
from __future__ import annotations

import argparse
import sys

from briefing.safe_text import printable


def add_parser(subparsers) -> None:  # noqa: ANN001
    p = subparsers.add_parser("templates", help="list, show or create briefing templates")
    sub = p.add_subparsers(dest="templates_command", metavar="ACTION")
    sub.add_parser("list", help="list shipped and user templates").set_defaults(run=run_list)
    show = sub.add_parser("show", help="show one template")
    show.add_argument("name", metavar="NAME")
    show.add_argument("--toml", action="store_true", help="print template.toml as loaded")
    show.set_defaults(run=run_show)
    new = sub.add_parser("new", help="copy a template into the user folder")
    new.add_argument("name", metavar="NAME")
    new.add_argument("--from", dest="base", default="ministerial", metavar="BASE",
                     help="template to copy (default: ministerial)")
    new.set_defaults(run=run_new)
    sync = sub.add_parser("sync", help="take the styles of the template's reference.docx into template.toml")
    sync.add_argument("name", metavar="NAME")
    sync.set_defaults(run=run_sync)
    p.set_defaults(run=run_list)


def run_list(args: argparse.Namespace) -> int:
    from briefing.templates import list_templates, user_templates_dir

    infos = list_templates()
    width = max((len(printable(i.name)) for i in infos), default=4)
    for info in infos:
        origin = "user, overrides shipped" if info.overrides_shipped else info.origin
        line = f"{printable(info.name):<{width}}  {printable(info.title)}  [{origin}]"
        if info.error:
            line += f"  INVALID: {printable(info.error)}"
        print(line)
    print(f"(user templates: {printable(str(user_templates_dir()))})")
    return 0


def run_show(args: argparse.Namespace) -> int:
    from briefing.templates import TemplateError, dump_toml, load_template

    try:
        t = load_template(args.name)
    except TemplateError as exc:
        print(f"briefing: {printable(str(exc))}", file=sys.stderr)
        return 1
    if args.toml:
        print(dump_toml(t.to_toml_data()), end="")
        return 0
    m = t.margins_mm
    print(f"{t.name}: {t.title}")
    if t.description:
        print(f"  {t.description}")
    print(f"  folder:         {t.folder} ({t.origin})")
    print(f"  page:           {t.page_size}, margins {m.top:g}/{m.right:g}/{m.bottom:g}/{m.left:g} mm "
          "(top/right/bottom/left)")
    sheet = t.stylesheet
    from briefing.export.fonts import pdf_family

    print("  fonts:          " + ", ".join(f"{f} (PDF: {pdf_family(f)})" for f in sheet.fonts())
          + f"; body {sheet['body'].size:g} pt")
    if t.max_pages:
        print(f"  fits:           {t.max_pages} page(s), leaving out {', '.join(t.fit_leave_out)} as needed")
    print(f"  classification: {t.classification} (scheme {t.scheme}; open-source facts "
          f"{t.portion_default or 'the scheme default'}), banner {'on' if t.banner else 'off'}, "
          f"portion marks {'on' if t.portion_marks else 'off'}")
    print(f"  language:       {t.language}")
    print(f"  reference:      {t.reference_pattern or '-'}"
          + (f" (prefix {t.reference_prefix})" if t.reference_prefix else ""))
    print(f"  header:         {_band(t.header)}")
    print(f"  footer:         {_band(t.footer)}")
    print(f"  citations:      {t.citation_style}")
    print(f"  logo:           {t.logo or '-'}")
    print(f"  reference.docx: {t.reference_docx or '-'}"
          + (" (newer than template.toml: its styles are used)" if t.styles_from_reference else ""))
    print("  sections:")
    for s in t.sections:
        indent = "    " * s.level
        extra = [f"key={s.key}"] if s.key else []
        extra += ["required"] if s.required else []
        extra += ["new page"] if s.page_break_before else []
        print(f"  {indent}{s.heading}  ({s.kind}{', ' + ', '.join(extra) if extra else ''})")
    return 0


def run_sync(args: argparse.Namespace) -> int:
    from briefing.styles import STYLE_NAMES
    from briefing.templates import TemplateError, sync_reference_styles

    try:
        path, taken = sync_reference_styles(args.name)
    except TemplateError as exc:
        print(f"briefing: {printable(str(exc))}", file=sys.stderr)
        return 1
    if not taken:
        print(f"{path}: the reference document's styles already match; nothing taken")
        return 0
    for key, values in taken.items():
        fields = ", ".join(f"{k} {v}" for k, v in values.items())
        print(f"{STYLE_NAMES[key]}: {fields}")
    print(f"wrote {path}")
    return 0


def _band(band) -> str:  # noqa: ANN001
    return " | ".join(x or "-" for x in (band.left, band.centre, band.right))


def run_new(args: argparse.Namespace) -> int:
    from briefing.templates import TemplateError, new_user_template

    try:
        folder = new_user_template(args.name, args.base)
    except TemplateError as exc:
        print(f"briefing: {printable(str(exc))}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"briefing: cannot create template '{printable(args.name)}': {exc.strerror or exc}",
              file=sys.stderr)
        return 1
    print(f"created {folder} from {args.base}; edit {folder / 'template.toml'}")
    return 0
