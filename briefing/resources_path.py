"""Finds the shipped data folder (``resources/``) from a checkout or an installed wheel.

The folder is installed as the package ``briefing.resources`` (see pyproject.toml), so
``importlib.resources`` resolves it the same way in an editable install and in a wheel.
"""
from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path


@cache
def resources_dir() -> Path:
    """The folder holding taxonomy, gazetteers, templates, fonts and icons."""
    root = resources.files("briefing.resources")
    path = Path(str(root))
    if not (path / "taxonomy").is_dir():  # pragma: no cover - broken install
        raise FileNotFoundError(f"briefing resources not found at {path}")
    return path


def resource(*parts: str) -> Path:
    """Path of one shipped resource, e.g. ``resource("taxonomy", "themes.toml")``."""
    return resources_dir().joinpath(*parts)
