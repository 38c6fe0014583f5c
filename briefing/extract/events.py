"""Placeholder for the events extraction step (being written)."""
from __future__ import annotations

from briefing.extract.schema import Event


def find_events(an) -> list[Event]:  # noqa: ANN001
    return []
