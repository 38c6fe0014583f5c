"""The sample article the composer opens on first start (no Qt here, so ``briefing gui``
can name it before the window's libraries load)."""
from __future__ import annotations

from pathlib import Path

SEED_NAME = "000_30b27e0cb4826dc3.txt"


def sample_article() -> Path | None:
    """The sample article: ``seeds/`` of a checkout, else the copy shipped in the wheel."""
    import briefing
    from briefing.resources_path import resource

    candidate = Path(briefing.__file__).resolve().parent.parent / "seeds" / SEED_NAME
    if candidate.is_file():
        return candidate
    shipped = resource("samples", SEED_NAME)
    return shipped if shipped.is_file() else None
