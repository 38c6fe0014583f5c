"""The country gazetteer now lives in :mod:`briefing.knowledge.gazetteer`; this name is kept
so that older imports (``from briefing.gazetteer import country_name``) still work."""
from __future__ import annotations

from briefing.knowledge.gazetteer import *  # noqa: F403 - the same public API
from briefing.knowledge.gazetteer import __all__  # noqa: F401
