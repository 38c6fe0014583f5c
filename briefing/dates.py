"""Date expressions now live in :mod:`briefing.knowledge.dates`; this name is kept so that
older imports (``from briefing.dates import find_date_phrases``) still work."""
from __future__ import annotations

from briefing.knowledge.dates import *  # noqa: F403 - the same public API
from briefing.knowledge.dates import (  # noqa: F401
                                      DateMatch,
                                      find_article_date,
                                      find_date_phrases,
                                      iso,
                                      resolve_date_phrase,
                                      resolve_match,
                                      year_hints,
)
