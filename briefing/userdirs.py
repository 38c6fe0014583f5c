"""The per-user folders: where preferences, user templates, marking schemes and sequences live.

``config_dir()`` holds the preferences file (shared by the command line and the
composer) and the composer's window state; ``data_dir()`` holds user templates, user
marking schemes, the reference-number sequence and autosaves. ``$BRIEFING_DATA_DIR``
moves both (tests point it at a temporary folder so they never touch real user files).
"""
from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "briefing-composer"


def data_dir() -> Path:
    """The per-user data folder (``$BRIEFING_DATA_DIR`` overrides platformdirs)."""
    override = os.environ.get("BRIEFING_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME))


def config_dir() -> Path:
    """The per-user config folder (``$BRIEFING_DATA_DIR`` overrides platformdirs)."""
    override = os.environ.get("BRIEFING_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME))
