#!/usr/bin/env python3
"""Build the HTML, DOCX and PDF versions of four held-out articles in formats/.

The .txt files are the source of truth (the scorer reads those); this script wraps their
text in a realistic news page (nav, scripts, figure caption, related links, footer), a
Word document made with python-docx, and a PDF made with reportlab, and copies each gold
file beside its document so the formats can be scored with score.py --pred:

    .venv/bin/python eval/heldout/make_files.py
    .venv/bin/briefing extract eval/heldout/formats/*.{html,docx,pdf} --out-dir /tmp/fmt
    python3 ../shared/eval/score.py --gold eval/heldout/formats --pred /tmp/fmt -v
"""
from __future__ import annotations

import html
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "formats"


def paragraphs(stem: str) -> list[str]:
    text = (HERE / f"{stem}.txt").read_text(encoding="utf-8")
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def esc(s: str) -> str:
    return html.escape(s, quote=True)


def ap_page(stem: str) -> str:
    paras = paragraphs(stem)
    headline, byline, dateline, caption, body = paras[0], paras[1], paras[2], paras[3], paras[4:]
    body_html = "\n".join(f"      <p>{esc(p)}</p>" for p in body[:4])
    body_html += """
      <div class="ad-slot" id="ad-mid"><script>window.adq = window.adq || []; adq.push("mid-article");</script></div>
      <aside class="related"><h3>Related coverage</h3><ul>
        <li><a href="/article/philippines-china-shoal-water-cannon">Chinese coast guard fires water cannon at Philippine vessel</a></li>
        <li><a href="/article/balikatan-exercises-explained">What to know about the Balikatan exercises</a></li>
      </ul></aside>
"""
    body_html += "\n".join(f"      <p>{esc(p)}</p>" for p in body[4:])
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{esc(headline)} | AP News</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta property="og:title" content="{esc(headline)}">
  <meta property="article:published_time" content="2025-03-28T08:12:00Z">
  <meta name="author" content="Jim Gomez">
  <link rel="stylesheet" href="/static/main.css">
  <script async src="https://www.googletagmanager.com/gtag/js?id=G-XXXX"></script>
  <script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}} gtag('js', new Date());</script>
  <script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "{esc(headline)}", "datePublished": "2025-03-28T08:12:00Z", "author": {{"@type": "Person", "name": "Jim Gomez"}}}}</script>
</head>
<body>
  <header class="site-header">
    <a class="logo" href="/">AP</a>
    <nav class="main-nav"><ul>
      <li><a href="/world-news">World</a></li><li><a href="/us-news">U.S.</a></li>
      <li><a href="/politics">Politics</a></li><li><a href="/sports">Sports</a></li>
      <li><a href="/entertainment">Entertainment</a></li><li><a href="/business">Business</a></li>
    </ul></nav>
    <button class="search">Search</button>
  </header>
  <div class="cookie-banner">We use cookies to personalize content and ads. <a href="/privacy">Privacy policy</a> <button>Accept</button></div>
  <main>
    <article class="story">
      <h1 class="headline">{esc(headline)}</h1>
      <div class="byline">{esc(byline)}</div>
      <div class="timestamp"><time datetime="2025-03-28T08:12:00Z">{esc(dateline)}</time></div>
      <div class="share"><a href="#">Share</a> <a href="#">Copy link</a></div>
      <figure>
        <img src="/img/hegseth-teodoro.jpg" alt="Hegseth and Teodoro shake hands">
        <figcaption>{esc(caption)}</figcaption>
      </figure>
{body_html}
    </article>
  </main>
  <footer class="site-footer">
    <p>Copyright 2025 The Associated Press. All Rights Reserved.</p>
    <ul><li><a href="/about">About</a></li><li><a href="/terms">Terms of Use</a></li><li><a href="/contact">Contact Us</a></li></ul>
  </footer>
  <script src="/static/bundle.js"></script>
</body>
</html>
"""


def defence_site_page(stem: str) -> str:
    paras = paragraphs(stem)
    headline, meta, body = paras[0], paras[1], paras[2:]
    body_html = "\n".join(f"        <p>{esc(p)}</p>" for p in body[:3])
    body_html += '\n        <p class="read-more"><strong>Read more:</strong> <a href="/2025/06/kaan-first-flight">KAAN prototype completes first flight</a></p>\n'
    body_html += "\n".join(f"        <p>{esc(p)}</p>" for p in body[3:])
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>{esc(headline)} - Defence News Asia</title>
  <meta name="description" content="Indonesia signs for 48 KAAN fighters at Indo Defence 2025.">
  <meta property="article:published_time" content="2025-06-12T06:30:00+07:00">
  <script>(function(){{var s=document.createElement('script');s.src='https://cdn.example-analytics.com/a.js';document.head.appendChild(s);}})();</script>
  <style>.menu{{display:flex}} .sidebar{{width:300px}}</style>
</head>
<body class="single-post">
  <div id="top-bar">Subscribe to our newsletter | <a href="/login">Log in</a></div>
  <nav class="menu"><a href="/">Home</a> <a href="/air">Air</a> <a href="/land">Land</a> <a href="/naval">Naval</a> <a href="/industry">Industry</a> <a href="/events">Events</a></nav>
  <div class="container">
    <div class="content">
      <div class="breadcrumbs"><a href="/">Home</a> &raquo; <a href="/air">Air</a></div>
      <h1 class="entry-title">{esc(headline)}</h1>
      <p class="entry-meta">{esc(meta)}</p>
      <div class="entry-content">
{body_html}
      </div>
      <div class="tags">Tags: <a href="/tag/indonesia">Indonesia</a> <a href="/tag/turkiye">Türkiye</a> <a href="/tag/kaan">KAAN</a></div>
      <div class="comments"><h3>Leave a comment</h3><form><textarea></textarea><button>Post</button></form></div>
    </div>
    <div class="sidebar">
      <h3>Most read</h3>
      <ol><li><a href="/a">Australia picks Mogami frigate</a></li><li><a href="/b">Philippines to buy more BrahMos batteries</a></li></ol>
    </div>
  </div>
  <footer><p>&copy; 2025 Defence News Asia. All rights reserved.</p><p><a href="/privacy">Privacy</a> | <a href="/advertise">Advertise</a></p></footer>
  <script>document.querySelectorAll('.share').forEach(function(e){{e.addEventListener('click',function(){{}});}});</script>
</body>
</html>
"""


def make_docx(stem: str, path: Path) -> None:
    from docx import Document
    from docx.shared import Pt

    paras = paragraphs(stem)
    doc = Document()
    doc.core_properties.title = paras[0]
    doc.core_properties.author = "Regional desk"
    doc.add_heading(paras[0], level=1)
    date = doc.add_paragraph(paras[1])
    date.runs[0].italic = True
    for p in paras[2:]:
        para = doc.add_paragraph(p)
        para.paragraph_format.space_after = Pt(6)
    doc.save(str(path))


def make_pdf(stem: str, path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    paras = paragraphs(stem)
    styles = getSampleStyleSheet()
    story = [Paragraph(esc(paras[0]), styles["Heading3"]),
             Paragraph(esc(paras[1]), styles["Heading1"]),
             Paragraph(esc(paras[2]), styles["Italic"]), Spacer(1, 8)]
    for p in paras[3:]:
        story.append(Paragraph(esc(p), styles["BodyText"]))
        story.append(Spacer(1, 4))
    SimpleDocTemplate(str(path), pagesize=A4, title=paras[1], author="PIB Delhi").build(story)


def main() -> int:
    OUT.mkdir(exist_ok=True)
    made = {
        "ap-us-philippines-hegseth-2025": ".html",
        "defencenews-indonesia-turkiye-kaan-2025": ".html",
        "docx-thailand-cambodia-gbc-2025": ".docx",
        "pdf-india-japan-pib-2025": ".pdf",
    }
    for stem, ext in made.items():
        target = OUT / f"{stem}{ext}"
        if stem.startswith("ap-"):
            target.write_text(ap_page(stem), encoding="utf-8")
        elif ext == ".html":
            target.write_text(defence_site_page(stem), encoding="utf-8")
        elif ext == ".docx":
            make_docx(stem, target)
        else:
            make_pdf(stem, target)
        shutil.copyfile(HERE / f"{stem}.gold.json", OUT / f"{stem}.gold.json")
        print(target.relative_to(HERE))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
