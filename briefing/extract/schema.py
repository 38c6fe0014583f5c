"""The extraction records now live in :mod:`briefing.extraction` (the note layer reads them
without importing extraction code); this name is kept for older imports."""
from __future__ import annotations

from briefing.extraction import *  # noqa: F403 - the same records
from briefing.extraction import (  # noqa: F401
                                 SCHEMA,
                                 Agreement,
                                 ArticleInfo,
                                 Country,
                                 Event,
                                 Extraction,
                                 Meeting,
                                 Participant,
                                 Quote,
                                 Span,
                                 Theme,
                                 as_dict,
)
