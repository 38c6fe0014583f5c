"""Our PDF beside the DOCX rendered by LibreOffice: same pages, headings and fonts.

Slow (LibreOffice starts once for all the files, about half a minute): marked ``slow`` and
left out of the default run; ``pytest -m slow`` runs it, and ``bench/parity_bench.py``
prints the whole table over the dev corpus. Needs soffice, poppler-utils and the
metric-compatible fonts (``.ci/run`` installs them).
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdffonts") is None,
                    reason="LibreOffice or poppler-utils not installed")
def test_pdf_and_libreoffice_docx_agree_on_the_seed_and_the_dev_corpus(tmp_path, monkeypatch, capsys):
    import parity_bench

    monkeypatch.setenv("BRIEFING_DATA_DIR", str(tmp_path / "user"))
    corpus = REPO.parent / "shared" / "corpus" / "dev"
    args = ["--seed", "--out", str(tmp_path / "out")]
    if not corpus.is_dir():  # outside the development checkout: the sample article only
        (tmp_path / "none").mkdir()
        args += ["--corpus", str(tmp_path / "none")]
    status = parity_bench.main(args)
    out = capsys.readouterr().out
    assert status == 0, out
    assert "**differs**" not in out
