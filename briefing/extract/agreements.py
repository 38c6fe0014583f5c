"""Placeholder for the agreements extraction step (being written)."""
from __future__ import annotations

from briefing.extract.schema import Agreement


def find_agreements(an) -> list[Agreement]:  # noqa: ANN001
    return []
