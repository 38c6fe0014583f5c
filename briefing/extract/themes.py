"""Placeholder for the themes extraction step (being written)."""
from __future__ import annotations

from briefing.extract.schema import Theme


def find_themes(an) -> list[Theme]:  # noqa: ANN001
    return []
