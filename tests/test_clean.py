"""Cleaning: boilerplate, captions, embedded posts, flags, headline, repeats, offsets."""
from __future__ import annotations

from briefing.ingest import article_from_text


def _orig(art, words: str) -> str:
    i = art.text.index(words)
    s, e = art.to_original(i, i + len(words))
    return art.original[s:e]


def test_date_header_on_first_line():
    art = article_from_text(" date 2021-09-13 Japan and Vietnam met on Sunday.\n\nMore text here.")
    assert art.date == "2021-09-13"
    assert art.paragraphs[0] == "Japan and Vietnam met on Sunday."
    assert _orig(art, "Japan and Vietnam") == "Japan and Vietnam"


def test_tweet_attribution_becomes_embedded_post():
    raw = ("Officials met in Hanoi on Saturday.\n\n"
           "DM Kishi paid a courtesy call on President Phuc. pic.twitter.com/5Hfsj2z9Gp "
           "\u2014 Japan Ministry of Defense/Self-Defense Forces (@ModJapan_en) September 12, 2021\n\n"
           "Talks continued.")
    art = article_from_text(raw)
    assert len(art.embeds) == 1
    post = art.embeds[0]
    assert post.author == "Japan Ministry of Defense/Self-Defense Forces"
    assert post.handle == "ModJapan_en"
    assert post.date == "2021-09-12"
    assert post.text == "DM Kishi paid a courtesy call on President Phuc."
    assert "pic.twitter" not in art.text and "@ModJapan_en" not in art.text
    assert "(@ModJapan_en) September 12, 2021" in art.original[slice(*post.original_span)]
    assert post.paragraph is not None and art.paragraphs[post.paragraph] == post.text
    assert art.embed_paragraphs() == {post.paragraph}


def test_tweet_inline_at_end_of_prose_paragraph_is_set_apart():
    prose = ("The two ministers held a long meeting covering maritime security, training, equipment "
             "transfers and the situation in the region. They met at the ministry. " * 2).strip()
    raw = (prose + " We signed a new pact today! \U0001F1EF\U0001F1F5https://t.co/abcDEF "
           "\u2014 Some Ministry (@SomeMinistry) May 2, 2022")
    art = article_from_text(raw)
    assert art.embeds[0].text.endswith("We signed a new pact today!")
    assert art.embeds[0].handle == "SomeMinistry"
    assert art.paragraphs[0] == prose
    assert art.paragraphs[1] == art.embeds[0].text
    assert art.country_refs and art.country_refs[0][2] == "JP"
    s, e, _code = art.country_refs[0]
    assert art.original[s:e] == "\U0001F1EF\U0001F1F5"


def test_link_residue_removed_offsets_kept():
    art = article_from_text("Alpha https://t.co/thRaxu9eOo beta pic.twitter.com/cpIkNY9ScN gamma.")
    assert art.paragraphs == ["Alpha beta gamma."]
    assert _orig(art, "beta gamma") == "beta pic.twitter.com/cpIkNY9ScN gamma"


def test_captions_removed_and_kept():
    raw = ("Image: New Africa/stock.adobe.com\n\n"
           "Ministers met in Manila. (Photo: Reuters)\n\n"
           "President Marcos, center, talks with Austin on Thursday, Feb. 2, 2023. "
           "(Jam Sta Rosa/Pool Photo via AP)\n\n"
           "KUALA LUMPUR, May 27 (Bernama) -- Talks went well.\n\n"
           "(Image: AP)")
    art = article_from_text(raw)
    assert art.paragraphs == ["Ministers met in Manila.", "KUALA LUMPUR, May 27 (Bernama) -- Talks went well."]
    assert "Image: New Africa/stock.adobe.com" in art.captions
    assert "(Photo: Reuters)" in art.captions
    assert "(Image: AP)" in art.captions
    assert any(c.endswith("(Jam Sta Rosa/Pool Photo via AP)") for c in art.captions)
    assert _orig(art, "Talks went well.") == "Talks went well."


def test_boilerplate_and_paywall_lines_dropped():
    raw = ("ID :\n407915\nFri, 05/27/2016 - 05:55\nAuther :\n\n"
           "Actions\n\nRead more: Other story\n\nFollow topic\n\nShare:\n\n"
           "The ministers agreed to hold talks.\n"
           "To continue reading the rest of this article, please log in.\n"
           "Create free account to get unlimited news articles and more!\n"
           "They also signed a pact.\n"
           "[Related: Australia and Japan hold 9th 2+2 consultations]\n")
    art = article_from_text(raw)
    assert art.paragraphs == ["The ministers agreed to hold talks.", "They also signed a pact."]
    assert art.date == "2016-05-27"
    assert _orig(art, "They also signed") == "They also signed"


def test_single_newline_paragraphs_split_when_lines_end_sentences():
    raw = ("The first paragraph ends here.\n"
           "The second one is about talks between ministers.\n"
           "A third closes it.")
    art = article_from_text(raw)
    assert len(art.paragraphs) == 3
    assert art.paragraphs[1] == "The second one is about talks between ministers."


def test_wrapped_lines_join_into_one_paragraph():
    raw = ("The defence ministers of both countries met in the capital on\n"
           "Sunday and agreed to expand their joint exercises next year, officials\n"
           "said in a statement released after the meeting in the capital city.\n\n"
           "Next paragraph.")
    art = article_from_text(raw)
    assert art.paragraphs[0].startswith("The defence ministers of both countries met in the capital on Sunday")
    assert art.paragraphs[1] == "Next paragraph."


def test_headline_kept_as_paragraph_zero_and_repeat_removed():
    raw = ("Kenya, Ethiopia sign second defence agreement\n\n"
           "Actions\n\n"
           "Kenya, Ethiopia sign second defence agreement\n\n"
           "It was signed by the two chiefs of defence.\n\n"
           "It was signed by the two chiefs of defence.\n\n"
           "Kenya and Ethiopia have signed a deal.")
    art = article_from_text(raw)
    assert art.title == "Kenya, Ethiopia sign second defence agreement"
    assert art.headline_paragraph == 0
    assert art.paragraphs == ["Kenya, Ethiopia sign second defence agreement",
                              "It was signed by the two chiefs of defence.",
                              "Kenya and Ethiopia have signed a deal."]
    assert art.body_paragraphs == art.paragraphs[1:]
    assert _orig(art, "Kenya and Ethiopia have") == "Kenya and Ethiopia have"


def test_prose_first_paragraph_is_not_a_headline():
    art = article_from_text("The ministers met on Friday.\n\nThey agreed to talk.")
    assert art.headline_paragraph is None and art.title is None
    art = article_from_text("KUALA LUMPUR: Malaysia and Indonesia signed an MoU today\n\nMore.")
    assert art.headline_paragraph is None


def test_flag_emoji_become_country_refs():
    art = article_from_text("\U0001F1EF\U0001F1F5 Leaders met. Ministers develop "
                            "\U0001F1EF\U0001F1F5\U0001F1FB\U0001F1F3 "
                            "ties. Great day \U0001F1EC\U0001F1E7")
    codes = [c for _s, _e, c in art.country_refs]
    assert codes == ["JP", "JP", "VN", "GB"]
    assert "develop Japan-Vietnam ties" in art.text
    assert art.text.endswith("Great day")  # decorative flags leave the prose
    assert "Leaders met." in art.text
    for s, e, _c in art.country_refs:
        assert len(art.original[s:e]) == 2


def test_curly_quotes_and_dashes_match_plain():
    art = article_from_text("Kishi said \u201csame destiny\u201d \u2013 Japan\u2019s Self\u2011Defence Forces.")
    i = art.norm_text.index('"same destiny"')
    assert art.text[i:i + 14] == "\u201csame destiny\u201d"
    assert "Self-Defence" in art.norm_text and "Self\u2011Defence" in art.text


def test_blank_line_runs_collapse():
    art = article_from_text("One.\n\n\n\n\n   \n\nTwo.")
    assert art.paragraphs == ["One.", "Two."]
    assert art.text == "One.\n\nTwo."


def test_seed_cleaning(seed_article):
    art = seed_article
    assert art.date == "2021-09-13"
    assert "pic.twitter.com" not in art.text and "t.co/" not in art.text
    assert "(Image: AP)" in art.captions and "(Image: AP)" not in art.text
    assert {e.date for e in art.embeds} == {"2021-09-11", "2021-09-12"}
    assert len(art.embeds) == 3
    assert "develop Japan-Vietnam defence cooperation" in art.text
    assert art.paragraphs[0].startswith("Japan and Vietnam should work together")
    assert "Japan & Vietnam sign a deal for peace and stability in region" in art.paragraphs
    assert {c for _s, _e, c in art.country_refs} == {"JP", "VN"}
    assert "They confirmed they will collaborate" in art.text


def test_a_byline_or_agency_line_is_never_the_title():
    art = article_from_text("date 2024-02-09 By: ANADOLU AGENCY\n\nGhana and Togo signed a maritime pact "
                            "on Thursday to fight piracy.\n\nThe ministers met in Accra.")
    assert art.title is None and art.headline_paragraph is None
    art = article_from_text("By Jane Doe\n\nMali and Niger agreed to hold joint patrols.\n\nMore text here.")
    assert art.title is None
    headed = article_from_text("Mali, Niger agree joint patrols\n\nBy Jane Doe\n\nMali and Niger agreed to hold "
                               "joint patrols.")
    assert headed.title == "Mali, Niger agree joint patrols"


def test_an_embedded_post_glued_to_its_picture_link_is_set_apart():
    art = article_from_text("India and Vietnam signed a pact.\n\nHad an excellent meeting with General Giang. "
                            "pic.twitter.com/lI0RCDHZbU\u2014 Rajnath Singh (@rajnathsingh) June 8, 2022\n\n"
                            "The pact allows refuelling.")
    (post,) = art.embeds
    assert post.author == "Rajnath Singh" and post.handle == "rajnathsingh" and post.date == "2022-06-08"
    assert not any("(@" in p or "pic.twitter" in p for p in art.paragraphs)
