"""HTML ingestion: main text without nav, footer or script; title, date and site."""
from __future__ import annotations

import pytest

from briefing.ingest import IngestError, read_article
from briefing.ingest.html import article_from_html

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>Japan, Vietnam sign defence pact | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="og:url" content="https://news.example.com/world/japan-vietnam-pact">
<meta property="article:published_time" content="2021-09-13T08:00:00Z">
<script>window.tracker = function() { return "SCRIPT-NOISE"; };</script>
<style>.x { color: red }</style>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li>NAV-NOISE</li></ul></nav>
<header><div class="logo">Example News</div></header>
<main><article>
<h1>Japan, Vietnam sign defence pact</h1>
<p>Japan and Vietnam signed a pact on Saturday allowing Japan to export defence equipment
and technology to Vietnam, officials said after the talks in Hanoi.</p>
<p>Defence Minister Nobuo Kishi met his Vietnamese counterpart Phan Van Giang and the two
reaffirmed the importance of freedom of navigation and overflight in the region.</p>
<p>Kishi said both countries share the \u201csame destiny\u201d and called for closer cooperation.</p>
<p>Read more</p>
</article></main>
<footer><p>FOOTER-NOISE Copyright 2021 Example News. All rights reserved.</p>
<a href="/privacy">Privacy policy</a></footer>
</body></html>"""


def test_html_main_text_title_date_site(tmp_path):
    f = tmp_path / "page.html"
    f.write_text(PAGE, encoding="utf-8")
    art = read_article(f)
    assert art.format == "html"
    assert art.title == "Japan, Vietnam sign defence pact"
    assert art.headline_paragraph == 0 and art.paragraphs[0] == art.title
    assert art.date == "2021-09-13"
    assert art.source == "Example News"
    body = art.text
    assert "Japan and Vietnam signed a pact on Saturday" in body
    assert "share the \u201csame destiny\u201d" in body
    for noise in ("SCRIPT-NOISE", "NAV-NOISE", "FOOTER-NOISE", "Privacy policy", "Read more", "color: red"):
        assert noise not in body
    assert len(art.paragraphs) == 4
    i = body.index("Nobuo Kishi")
    assert art.original[slice(*art.to_original(i, i + 11))] == "Nobuo Kishi"


def test_html_date_from_text_when_no_metadata():
    html = ("<html><body><article><h1>Ministers meet in Kuala Lumpur</h1>"
            "<p>KUALA LUMPUR, May 27, 2016 (Bernama) -- All ten ministers on Thursday signed a joint declaration "
            "on defence cooperation for the region, the ministry said in 2016 in a statement.</p>"
            "<p>They also agreed to step up sharing of information and intelligence across the region.</p>"
            "</article></body></html>")
    art = article_from_html(html, source="clip")
    assert art.date == "2016-05-27"
    assert art.title == "Ministers meet in Kuala Lumpur"


def test_html_htm_extension_and_cp1252_bytes(tmp_path):
    f = tmp_path / "old.htm"
    f.write_bytes(("<html><head><meta charset='windows-1252'><title>Old page</title></head><body>"
                   "<p>The minister\u2019s visit to Hanoi strengthened defence ties between the two countries "
                   "and both sides agreed to expand training.</p></body></html>").encode("cp1252"))
    art = read_article(f)
    assert "minister\u2019s visit" in art.text


def test_html_without_text_is_an_error(tmp_path):
    f = tmp_path / "empty.html"
    f.write_text("<html><head><title></title></head><body><script>x()</script></body></html>")
    with pytest.raises(IngestError, match=r"empty\.html: no article text"):
        read_article(f)
