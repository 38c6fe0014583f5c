"""PDF ingestion: real PDFs made with reportlab, read back with pypdf."""
from __future__ import annotations

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from briefing.ingest import IngestError, read_article

BODY = [
    "Japan and the Philippines agreed on Saturday to start talks toward a defence agreement that "
    "would allow closer cooperation between their militaries in the face of regional tensions.",
    "Japanese Foreign Minister Yoshimasa Hayashi and Defence Minister Nobuo Kishi met their Philippine "
    "counterparts in Tokyo on 9 April 2022 and agreed to begin formal discussions.",
]


def _pdf(path, title: str, paragraphs: list[str]) -> None:
    styles = getSampleStyleSheet()
    doc = SimpleDocTemplate(str(path), pagesize=A4, title=title)
    story = [Paragraph(title, styles["Title"]), Spacer(1, 12)]
    for p in paragraphs:
        story += [Paragraph(p, styles["BodyText"]), Spacer(1, 12)]
    doc.build(story)


def test_pdf_text_layer(tmp_path):
    f = tmp_path / "article.pdf"
    _pdf(f, "Japan and Philippines to start defence pact talks", BODY)
    art = read_article(f)
    assert art.format == "pdf" and art.source == "article.pdf"
    assert art.title == "Japan and Philippines to start defence pact talks"
    assert art.headline_paragraph == 0
    assert art.paragraphs[1] == BODY[0]
    assert art.paragraphs[2] == BODY[1]
    assert art.date is None  # "met ... on 9 April 2022" dates the meeting, not the article
    i = art.text.index("Nobuo Kishi")
    assert art.original[slice(*art.to_original(i, i + 11))] == "Nobuo Kishi"


def test_pdf_without_text_layer(tmp_path):
    f = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(f), pagesize=A4)
    c.rect(100, 100, 200, 300, fill=1)
    c.circle(300, 500, 50)
    c.showPage()
    c.save()
    with pytest.raises(IngestError, match=r"scan\.pdf: the PDF has no text layer"):
        read_article(f)


def test_not_a_pdf(tmp_path):
    f = tmp_path / "fake.pdf"
    f.write_bytes(b"%PDF-1.4 garbage without any objects")
    with pytest.raises(IngestError, match=r"fake\.pdf: "):
        read_article(f)


def test_a_repaired_pdf_reads_without_log_lines_on_stderr(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    f = tmp_path / "repaired.pdf"
    _pdf(f, "Japan and Philippines to start defence pact talks", BODY)
    data = f.read_bytes()
    f.write_bytes(data[:data.rindex(b"startxref")] + b"startxref\n999999\n%%EOF\n")  # a wrong xref offset
    code = "import sys\nfrom briefing.ingest import read_article\nprint(read_article(sys.argv[1]).paragraphs[1])"
    run = subprocess.run([sys.executable, "-c", code, str(f)], capture_output=True, text=True, timeout=120,
                         cwd=Path(__file__).resolve().parent.parent)
    assert run.returncode == 0 and run.stdout.strip() == BODY[0]
    assert run.stderr == ""
