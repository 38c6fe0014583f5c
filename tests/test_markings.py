"""Marking schemes: every accepted marking's banner, portion mark and colour, and the refusals.

The tables are written from the public marking guides cited in each scheme file
(resources/markings/*.toml): what a registry officer expects to read, not what the code
happens to produce.
"""
from __future__ import annotations

import pytest

from briefing.markings import MarkingError, load_scheme, scheme_from_data, scheme_ids

RED, BLUE, GREEN, ORANGE, PURPLE = "#C8102E", "#0033A0", "#007A33", "#FF8C00", "#502B85"

# (typed by the analyst, banner, portion mark, banner fill)
US = [
    ("UNCLASSIFIED", "UNCLASSIFIED", "(U)", GREEN),
    ("unclassified", "UNCLASSIFIED", "(U)", GREEN),
    ("CUI", "CUI", "(CUI)", PURPLE),
    ("Controlled Unclassified Information", "CUI", "(CUI)", PURPLE),
    ("CUI//NOFORN", "CUI//NOFORN", "(CUI//NF)", PURPLE),
    ("CUI//FEDCON", "CUI//FEDCON", "(CUI//FEDCON)", PURPLE),
    ("CUI//FED ONLY", "CUI//FED ONLY", "(CUI//FED ONLY)", PURPLE),
    ("CUI//REL TO USA, GBR", "CUI//REL TO USA, GBR", "(CUI//REL TO USA, GBR)", PURPLE),
    ("CONFIDENTIAL", "CONFIDENTIAL", "(C)", BLUE),
    ("CONFIDENTIAL//NOFORN", "CONFIDENTIAL//NOFORN", "(C//NF)", BLUE),
    ("SECRET", "SECRET", "(S)", RED),
    ("secret//noforn", "SECRET//NOFORN", "(S//NF)", RED),
    ("SECRET//NF", "SECRET//NOFORN", "(S//NF)", RED),
    ("SECRET / NOFORN", "SECRET//NOFORN", "(S//NF)", RED),
    ("SECRET//REL TO USA, AUS, CAN, GBR", "SECRET//REL TO USA, AUS, CAN, GBR",
     "(S//REL TO USA, AUS, CAN, GBR)", RED),
    ("SECRET//REL TO USA,AUS,CAN,GBR,NZL", "SECRET//REL TO USA, AUS, CAN, GBR, NZL",
     "(S//REL TO USA, AUS, CAN, GBR, NZL)", RED),
    ("SECRET//REL TO USA, JPN", "SECRET//REL TO USA, JPN", "(S//REL TO USA, JPN)", RED),
    ("SECRET//REL TO USA, FVEY", "SECRET//REL TO USA, FVEY", "(S//REL TO USA, FVEY)", RED),
    ("SECRET//REL TO USA, GBR, NATO", "SECRET//REL TO USA, GBR, NATO", "(S//REL TO USA, GBR, NATO)", RED),
    ("SECRET//ORCON", "SECRET//ORCON", "(S//OC)", RED),
    ("SECRET//NOFORN/ORCON", "SECRET//ORCON/NOFORN", "(S//OC/NF)", RED),  # register order
    ("SECRET//RELIDO", "SECRET//RELIDO", "(S//RELIDO)", RED),
    ("SECRET//PROPIN/NOFORN", "SECRET//NOFORN/PROPIN", "(S//NF/PR)", RED),
    ("TOP SECRET", "TOP SECRET", "(TS)", ORANGE),
    ("TOP SECRET//ORCON/NOFORN", "TOP SECRET//ORCON/NOFORN", "(TS//OC/NF)", ORANGE),
    ("TOP SECRET//IMCON/NOFORN", "TOP SECRET//IMCON/NOFORN", "(TS//IMC/NF)", ORANGE),
]
US_REFUSED = [
    ("SECRET//REL TO AUS, CAN, GBR, USA", "USA first"),  # USA not first
    ("SECRET//REL TO USA, GBR, AUS", "REL TO USA, AUS, GBR"),  # not A-Z
    ("SECRET//REL TO USA, XYZ", "'XYZ' is not an ISO 3166 trigraph"),
    ("SECRET//REL TO USA, UK", "'UK' is not an ISO 3166 trigraph"),
    ("SECRET//REL TO GBR", "USA first"),
    ("SECRET//REL TO", "needs a list of country codes"),
    ("SECRET//REL JPN", "'REL JPN' is not a control"),
    ("SECRET//NOFORN//REL TO USA, GBR", "cannot be combined"),
    ("SECRET//NOFORN/NOFORN", "given twice"),
    ("UNCLASSIFIED//NOFORN", "not used with UNCLASSIFIED"),
    ("UNCLASSIFIED//FOR OFFICIAL USE ONLY", "retired in favour of CUI"),
    ("UNCLASSIFIED//FOUO", "retired in favour of CUI"),
    ("UNCLASSIFIED//CUI", "never \"UNCLASSIFIED//CUI\""),
    ("CONFIDENTIAL//FEDCON", "not used with CONFIDENTIAL"),
    ("OFFICIAL", "does not start with a level"),
    ("SECRET SENSITIVE", "'SENSITIVE' is not a control"),
    ("", "no marking given"),
]

UK = [
    ("OFFICIAL", "OFFICIAL", "(O)"),
    ("official", "OFFICIAL", "(O)"),
    ("OFFICIAL-SENSITIVE", "OFFICIAL-SENSITIVE", "(OS)"),
    ("OFFICIAL SENSITIVE", "OFFICIAL-SENSITIVE", "(OS)"),
    ("Official \u2013 Sensitive", "OFFICIAL-SENSITIVE", "(OS)"),
    ("OFFICIAL-SENSITIVE COMMERCIAL", "OFFICIAL-SENSITIVE COMMERCIAL", "(OS)"),
    ("OFFICIAL-SENSITIVE: COMMERCIAL", "OFFICIAL-SENSITIVE COMMERCIAL", "(OS)"),
    ("OFFICIAL-SENSITIVE LOCSEN", "OFFICIAL-SENSITIVE LOCSEN", "(OS)"),
    ("OFFICIAL-SENSITIVE PERSONAL", "OFFICIAL-SENSITIVE PERSONAL", "(OS)"),
    ("OFFICIAL-SENSITIVE PERSONAL COMMERCIAL", "OFFICIAL-SENSITIVE COMMERCIAL PERSONAL", "(OS)"),
    ("OFFICIAL-SENSITIVE UK EYES ONLY", "OFFICIAL-SENSITIVE \u2013 UK EYES ONLY", "(OS)"),
    ("OFFICIAL-SENSITIVE COMMERCIAL UK EYES ONLY", "OFFICIAL-SENSITIVE COMMERCIAL \u2013 UK EYES ONLY", "(OS)"),
    ("SECRET", "SECRET", "(S)"),
    ("secret", "SECRET", "(S)"),
    ("SECRET UK EYES ONLY", "SECRET \u2013 UK EYES ONLY", "(S)"),
    ("SECRET - UK EYES ONLY", "SECRET \u2013 UK EYES ONLY", "(S)"),
    ("SECRET \u2013 UK EYES ONLY", "SECRET \u2013 UK EYES ONLY", "(S)"),
    ("SECRET//UKEO", "SECRET \u2013 UK EYES ONLY", "(S)"),
    ("TOP SECRET", "TOP SECRET", "(TS)"),
    ("TOP SECRET \u2013 UK EYES ONLY", "TOP SECRET \u2013 UK EYES ONLY", "(TS)"),
]
UK_REFUSED = [
    ("RESTRICTED", "retired Government Protective Marking Scheme"),
    ("PROTECT", "retired Government Protective Marking Scheme"),
    ("CONFIDENTIAL", "retired Government Protective Marking Scheme"),
    ("UNCLASSIFIED", "not a GSCP tier"),
    ("OFFICIAL COMMERCIAL", "not used with OFFICIAL"),
    ("SECRET COMMERCIAL", "not used with SECRET"),
    ("OFFICIAL UK EYES ONLY", "not used with OFFICIAL"),
    ("SECRET//NOFORN", "'NOFORN' is not a control"),
    ("TOP SECRET STRAP1", "'STRAP1' is not a control"),
]

NATO = [
    ("NATO UNCLASSIFIED", "NATO UNCLASSIFIED", "(NU)"),
    ("nato unclassified", "NATO UNCLASSIFIED", "(NU)"),
    ("NATO RESTRICTED", "NATO RESTRICTED", "(NR)"),
    ("NATO CONFIDENTIAL", "NATO CONFIDENTIAL", "(NC)"),
    ("NATO SECRET", "NATO SECRET", "(NS)"),
    ("COSMIC TOP SECRET", "COSMIC TOP SECRET", "(CTS)"),
    ("NATO TOP SECRET", "COSMIC TOP SECRET", "(CTS)"),  # the term is not used: COSMIC
    ("NATO CONFIDENTIAL ATOMAL", "NATO CONFIDENTIAL ATOMAL", "(NC-A)"),
    ("NATO SECRET ATOMAL", "NATO SECRET ATOMAL", "(NS-A)"),
    ("COSMIC TOP SECRET ATOMAL", "COSMIC TOP SECRET ATOMAL", "(CTS-A)"),
    ("COSMIC TOP SECRET BOHEMIA", "COSMIC TOP SECRET BOHEMIA", "(CTS-B)"),
    ("COSMIC TOP SECRET - BOHEMIA", "COSMIC TOP SECRET BOHEMIA", "(CTS-B)"),
    ("NATO UNCLASSIFIED RELEASABLE TO AUS", "NATO UNCLASSIFIED \u2013 RELEASABLE TO AUS", "(NU)"),
    ("NATO RESTRICTED RELEASABLE TO AUS, NZL", "NATO RESTRICTED \u2013 RELEASABLE TO AUS, NZL", "(NR)"),
    ("NATO RESTRICTED REL TO JPN, KOR", "NATO RESTRICTED \u2013 RELEASABLE TO JPN, KOR", "(NR)"),
    ("NATO CONFIDENTIAL RELEASABLE TO ISAF", "NATO CONFIDENTIAL \u2013 RELEASABLE TO ISAF", "(NC)"),
    ("NATO SECRET RELEASABLE TO AUS, NZL", "NATO SECRET \u2013 RELEASABLE TO AUS, NZL", "(NS)"),
    ("NATO SECRET ATOMAL RELEASABLE TO AUS", "NATO SECRET ATOMAL \u2013 RELEASABLE TO AUS", "(NS-A)"),
    ("NATO SECRET - RELEASABLE TO SWE", "NATO SECRET \u2013 RELEASABLE TO SWE", "(NS)"),
    ("NATO Restricted", "NATO RESTRICTED", "(NR)"),
]
NATO_REFUSED = [
    ("NATO UNCLASSIFIED ATOMAL", "not used with NATO UNCLASSIFIED"),
    ("NATO SECRET BOHEMIA", "not used with NATO SECRET"),
    ("COSMIC TOP SECRET RELEASABLE TO AUS", "not used with COSMIC TOP SECRET"),
    ("NATO RESTRICTED RELEASABLE TO NZL, AUS", "AUS, NZL"),
    ("NATO RESTRICTED RELEASABLE TO XXX", "not an ISO 3166 trigraph"),
    ("SECRET", "does not start with a level"),
    ("NATO PUBLIC", "does not start with a level"),
]


@pytest.mark.parametrize("typed, banner, portion, fill", US)
def test_us_markings(typed, banner, portion, fill):
    marking = load_scheme("us").parse(typed)
    assert (marking.banner, marking.portion, marking.level.fill) == (banner, portion, fill)
    assert load_scheme("us").parse(marking.banner) == marking  # what is printed reads back the same


@pytest.mark.parametrize("typed, banner, portion", UK)
def test_uk_markings(typed, banner, portion):
    marking = load_scheme("uk").parse(typed)
    assert (marking.banner, marking.portion, marking.level.fill) == (banner, portion, "")
    assert load_scheme("uk").parse(marking.banner) == marking


@pytest.mark.parametrize("typed, banner, portion", NATO)
def test_nato_markings(typed, banner, portion):
    marking = load_scheme("nato").parse(typed)
    assert (marking.banner, marking.portion, marking.level.fill) == (banner, portion, "")
    assert load_scheme("nato").parse(marking.banner) == marking


@pytest.mark.parametrize("scheme, typed, expected", [("us", t, e) for t, e in US_REFUSED]
                         + [("uk", t, e) for t, e in UK_REFUSED] + [("nato", t, e) for t, e in NATO_REFUSED])
def test_refused_markings_are_one_line_naming_the_allowed_values(scheme, typed, expected):
    with pytest.raises(MarkingError) as err:
        load_scheme(scheme).parse(typed)
    message = str(err.value)
    assert expected in message and "\n" not in message
    if "is not a control" in message or "does not start with a level" in message:
        assert "levels:" in message or "with " in message  # the allowed values are named


def test_banner_colours_contrast_with_their_text():
    """Every filled banner is readable: WCAG contrast of at least 4.5:1."""
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    for scheme_id in scheme_ids():
        for level in load_scheme(scheme_id).levels:
            if level.fill:
                a, b = sorted((luminance(level.fill), luminance(level.text)), reverse=True)
                assert (a + 0.05) / (b + 0.05) >= 4.5, (scheme_id, level.name)


def test_raising_a_portion_keeps_the_controls_the_level_takes():
    us = load_scheme("us")
    note = us.parse("SECRET//NOFORN")
    assert note.at_level(us.level("UNCLASSIFIED")).portion == "(U)"
    assert note.at_level(us.level("CONFIDENTIAL")).portion == "(C//NF)"
    assert note.at_level(us.level("TOP SECRET")).banner == "TOP SECRET//NOFORN"
    uk = load_scheme("uk")
    assert uk.parse("OFFICIAL-SENSITIVE COMMERCIAL").at_level(uk.level("SECRET")).banner == "SECRET"


def test_none_scheme_prints_nothing():
    none = load_scheme("none")
    marking = none.parse(none.default_level)
    assert marking.banner == "" and marking.portion == ""


def test_every_scheme_cites_its_sources_and_reads_its_own_levels():
    for scheme_id in ("us", "uk", "nato"):
        scheme = load_scheme(scheme_id)
        text = scheme.path.read_text(encoding="utf-8")
        assert "Sources" in text and len(scheme.levels) >= 4
        for level in scheme.levels:
            assert scheme.parse(level.name).level == level


def test_user_scheme_overrides_and_bad_scheme_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(tmp_path))
    (tmp_path / "markings").mkdir()
    (tmp_path / "markings" / "acme.toml").write_text(
        'name = "Acme"\ndefault_level = "PUBLIC"\n[[levels]]\nname = "PUBLIC"\nportion = "P"\n'
        '[[levels]]\nname = "INTERNAL"\nportion = "I"\nfill = "#123456"\ntext = "#FFFFFF"\n')
    assert "acme" in scheme_ids()
    assert load_scheme("acme").parse("internal").portion == "(I)"
    from briefing.markings import SchemeError

    with pytest.raises(SchemeError, match="bad colour"):
        scheme_from_data({"levels": [{"name": "X", "fill": "red"}]}, "bad")
    with pytest.raises(SchemeError, match="unknown marking scheme 'nope'"):
        load_scheme("nope")
