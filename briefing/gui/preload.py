"""Start loading the language model as soon as an article is being opened (no Qt here).

spaCy's import and model load take longer than reading an article, and the extraction
needs them: :func:`start` begins them on a plain thread while the article is read, so
the two overlap.  An extraction that begins before the load is done waits for it
(:func:`briefing.extract.nlp.load` is thread-safe).  Loading before the window is built
was tried and made the window appear later without showing the extraction sooner: both
compete for the interpreter lock.
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
