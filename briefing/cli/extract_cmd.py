"""`briefing extract`: article file(s) -> extraction JSON (placeholder being written)."""
from __future__ import annotations

import json
import sys
from pathlib import Path


def add_parser(subparsers) -> None:  # noqa: ANN001
    p = subparsers.add_parser("extract", help="extract facts from articles as JSON")
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--out-dir", type=Path)
    p.set_defaults(run=run)


def run(args) -> int:  # noqa: ANN001
    from briefing.extract import extract
    from briefing.ingest import read_article

    for f in args.files:
        data = extract(read_article(f)).to_json()
        if args.out_dir:
            args.out_dir.mkdir(parents=True, exist_ok=True)
            (args.out_dir / f"{f.stem}.json").write_text(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    return 0
