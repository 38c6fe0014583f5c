"""Start loading the language model at the very start of the composer (no Qt here).

spaCy's import and model load take longer than building the window, and the first
extraction needs them: :func:`start` begins them on a plain thread before Qt is even
imported, so they overlap the window's start-up.  An extraction that begins before the
load is done waits for it (:func:`briefing.extract.nlp.load` is thread-safe).
"""
from __future__ import annotations

import threading

_thread: threading.Thread | None = None


def _load() -> None:
    try:
        from briefing.extract.nlp import load

        load()
    except Exception:  # noqa: BLE001 - the extraction reports a missing model itself
        pass


def start() -> None:
    """Begin loading spaCy in the background (once per process)."""
    global _thread
    if _thread is None:
        _thread = threading.Thread(target=_load, name="language-model-preload", daemon=True)
        _thread.start()


def wait(timeout: float = 60.0) -> None:
    """Let a load under way finish (before the interpreter exits)."""
    if _thread is not None:
        _thread.join(timeout)
