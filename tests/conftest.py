"""Shared test set-up: Qt runs offscreen; paths to the sample article and the dev corpus."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_30b27e0cb4826dc3.txt"


@pytest.fixture(autouse=True, scope="session")
def _user_folders(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Preferences, user templates and reference numbers of the tests never touch the real
    per-user folders (GUI tests point BRIEFING_DATA_DIR at their own folder on top)."""
    os.environ["BRIEFING_DATA_DIR"] = str(tmp_path_factory.mktemp("user-data"))


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_article():
    from briefing.ingest import read_article

    return read_article(SEED)


@pytest.fixture(scope="session")
def seed_extraction(seed_article):
    from briefing.extract import extract

    return extract(seed_article)
