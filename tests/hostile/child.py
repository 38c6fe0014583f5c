"""Runs one core call on one file in a child process under memory and CPU limits.

    python child.py read ARTICLE        -> read_article (what the GUI calls to open an article)
    python child.py load PROJECT        -> load_project (what the GUI calls to open a project)

Prints one JSON line: ``{"error": message}`` for the expected one-line error, or a short
description of what was read. Any other exception escapes as a traceback (the test fails).
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


if __name__ == "__main__":
    main()
