"""Finds the shipped data folder (``resources/``); the knowledge layer owns it now
(:mod:`briefing.knowledge.loader`), and this name is kept for the modules that import it."""
from __future__ import annotations

from briefing.knowledge.loader import resource, resources_dir

__all__ = ["resource", "resources_dir"]
