"""Placeholder for the countries extraction step (being written)."""
from __future__ import annotations

from briefing.extract.schema import Country


def find_countries(an) -> list[Country]:  # noqa: ANN001
    return []
