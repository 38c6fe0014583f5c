"""Runs one core call on one file in a child process under memory and CPU limits.

    python child.py read ARTICLE        -> read_article (what the GUI calls to open an article)
    python child.py load PROJECT        -> load_project (what the GUI calls to open a project)
    python child.py template NAME_OR_FOLDER -> load_template
    python child.py save PROJECT OUT    -> load_project, then save_project to OUT
    python child.py grown ARTICLE       -> read_article while os.stat/os.fstat report 1,000 bytes
                                           (a file that grew after its size was checked)
    python child.py cli ARGS...         -> the ``briefing`` command (exit code and streams its own)

Prints one JSON line (``cli`` excepted): ``{"error": message}`` for the expected one-line
error, or a short description of what was read. Any other exception escapes as a traceback
(the test fails).
"""
from __future__ import annotations

import json
import resource
import sys

MEMORY_LIMIT = 1536 * 1024 * 1024  # bytes of address space
CPU_LIMIT = 90  # seconds


def main() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT, CPU_LIMIT))
    action, path = sys.argv[1], sys.argv[2]
    if action == "cli":
        from briefing.cli import main as briefing

        sys.exit(briefing(sys.argv[2:]))
    if action == "grown":
        _stat_reports_small_sizes(path)
        action = "read"
    if action == "template":
        from briefing.templates import TemplateError, load_template

        try:
            t = load_template(path)
        except TemplateError as exc:
            print(json.dumps({"error": str(exc), "errors": exc.errors}))
            return
        print(json.dumps({"name": t.name, "logo": str(t.logo_path or ""),
                          "reference": str(t.reference_path or "")}))
        return
    if action == "save":
        from briefing.note.project import ProjectError, load_project, save_project

        try:
            save_project(sys.argv[3], load_project(path))
        except ProjectError as exc:
            print(json.dumps({"error": str(exc)}))
            return
        print(json.dumps({"saved": sys.argv[3]}))
        return
    if action == "read":
        from briefing.ingest import IngestError, read_article

        try:
            article = read_article(path)
        except IngestError as exc:
            print(json.dumps({"error": str(exc)}))
            return
        print(json.dumps({"paragraphs": article.paragraphs[:20], "title": article.title,
                          "warnings": article.warnings, "chars": len(article.text)}))
    else:
        from briefing.note.project import ProjectError, load_project

        try:
            project = load_project(path)
        except ProjectError as exc:
            print(json.dumps({"error": str(exc)}))
            return
        print(json.dumps({"title": project.note.header.title}))


def _stat_reports_small_sizes(target: str) -> None:
    """Make ``os.stat``/``os.fstat`` report 1,000 bytes for the file ``target``: the size
    a reader checks is not the size it then reads (a file that grows meanwhile)."""
    import os

    real_stat, real_fstat = os.stat, os.fstat
    identity = (real_stat(target).st_dev, real_stat(target).st_ino)

    def small(result: os.stat_result) -> os.stat_result:
        if (result.st_dev, result.st_ino) != identity:
            return result
        values = list(result)
        values[6] = 1000
        return os.stat_result(values)

    os.stat = lambda p, *args, **kwargs: small(real_stat(p, *args, **kwargs))
    os.fstat = lambda fd: small(real_fstat(fd))


if __name__ == "__main__":
    main()
