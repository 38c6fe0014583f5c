"""Export a briefing note to DOCX or PDF from a template (writers chosen by file suffix)."""
from __future__ import annotations
