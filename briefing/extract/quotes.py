"""Placeholder for the quotes extraction step (being written)."""
from __future__ import annotations

from briefing.extract.schema import Quote


def find_quotes(an) -> list[Quote]:  # noqa: ANN001
    return []
