"""Placeholder for the title step (being written)."""
from __future__ import annotations


def article_title(an) -> tuple[str | None, bool]:  # noqa: ANN001
    return an.article.title, False
