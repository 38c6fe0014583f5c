"""Placeholder for the people extraction step (being written)."""
from __future__ import annotations

from briefing.extract.schema import Participant


def find_participants(an) -> list[Participant]:  # noqa: ANN001
    return []
