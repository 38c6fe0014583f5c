"""``python -m briefing.train {commitments,themes} [--save]`` (see the package docstring)."""
from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m briefing.train", description=__doc__)
    parser.add_argument("what", choices=("commitments", "themes"))
    parser.add_argument("--save", action="store_true", help="save the model and the best combination")
    args = parser.parse_args(argv)
    if args.what == "commitments":
        from briefing.train.commitments import run
    else:
        from briefing.train.themes import run
    return run(args.save)


if __name__ == "__main__":
    sys.exit(main())
