"""Application icons: scalable SVGs from ``resources/icons/`` (sharp at any DPI).

Icons are drawn in a neutral mid-tone so they read on light and dark palettes.
"""
from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from briefing.resources_path import resource


@cache
def icon(name: str) -> QIcon:
    """``resources/icons/<name>.svg`` as a QIcon (an empty icon if it is missing)."""
    path = resource("icons", f"{name}.svg")
    return QIcon(str(path)) if path.is_file() else QIcon()
