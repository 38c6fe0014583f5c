"""The country gazetteer: look-ups, mentions in running text, word boundaries, groups."""
from __future__ import annotations

import pytest

from briefing.knowledge import gazetteer as gz


@pytest.mark.parametrize("phrase, code", [
    ("Japan", "JP"), ("Japan's", "JP"), ("Japan\u2019s", "JP"), ("japan", "JP"),
    ("Vietnamese", "VN"), ("Viet Nam", "VN"), ("Tokyo", "JP"), ("Hanoi", "VN"),
    ("U.S.", "US"), ("US", "US"), ("USA", "US"), ("America", "US"), ("Washington", "US"),
    ("United Kingdom", "GB"), ("UK", "GB"), ("Britain", "GB"), ("British", "GB"),
    ("PHL", "PH"), ("the Philippines", "PH"), ("Filipino", "PH"), ("Philippine", "PH"),
    ("Republic of Korea", "KR"), ("ROK", "KR"), ("South Korean", "KR"), ("Seoul", "KR"),
    ("North Korea", "KP"), ("Polish", "PL"), ("Warsaw", "PL"), ("Kenyan", "KE"),
    ("Ethiopian", "ET"), ("Addis Ababa", "ET"), ("Canberra", "AU"), ("Berlin", "DE"),
    ("Beijing", "CN"), ("Malaysian", "MY"), ("Indonesian", "ID"),
    ("Vietnamese People's Army", "VN"), ("Self-Defence Forces", "JP"), ("JSDF", "JP"),
    ("PLA", "CN"), ("Kenya Defence Forces", "KE"), ("KDF", "KE"), ("TNI", "ID"),
    ("Indonesian National Armed Forces", "ID"), ("SAF", "SG"), ("ADF", "AU"),
    ("Japanese Ministry of Defence", "JP"), ("\U0001F1EF\U0001F1F5", "JP"),
    ("Chad", "TD"), ("Jordan", "JO"),  # explicit look-ups still know ambiguous names
])
def test_lookup_country(phrase: str, code: str) -> None:
    assert gz.lookup_country(phrase) == code


@pytest.mark.parametrize("phrase", ["us", "Indiana", "Middle East", "Europe", "", "Japan and Vietnam"])
def test_lookup_country_unknown_or_ambiguous(phrase: str) -> None:
    assert gz.lookup_country(phrase) is None


def test_country_name_and_codes() -> None:
    assert gz.country_name("JP") == "Japan"
    assert gz.country_name("gb") == "United Kingdom"
    assert gz.country_name("ZZ") is None
    codes = gz.country_codes()
    assert len(codes) >= 193
    assert {"JP", "VN", "TD", "JO", "TW"} <= set(codes)


def _found(text: str) -> list[tuple[str, str, str]]:
    return [(text[m.start:m.end], m.code, m.kind) for m in gz.find_country_mentions(text)]


def test_mentions_kinds_and_longest_match() -> None:
    text = ("The Japan Self-Defence Forces and the Vietnamese People's Army met at the Vietnam "
            "Ministry of National Defence in Hanoi; South Korean and North Korean officials too.")
    assert _found(text) == [
        ("Japan Self-Defence Forces", "JP", "force"),
        ("Vietnamese People's Army", "VN", "force"),
        ("Vietnam Ministry of National Defence", "VN", "ministry"),
        ("Hanoi", "VN", "capital"),
        ("South Korean", "KR", "demonym"),
        ("North Korean", "KP", "demonym"),
    ]


def test_mentions_word_boundaries_and_blocklist() -> None:
    text = ("Indiana is not India; Chad and Jordan met us in the South China Sea near the "
            "Indian Ocean, with a deal worth US$6 billion. Indian troops left.")
    assert _found(text) == [("India", "IN", "name"), ("Indian troops", "IN", "force")]


def test_mentions_possessive_plural_caps_and_flags() -> None:
    text = "JAPAN, VIETNAM SIGN PACT. Japan\u2019s deal with Filipinos and the U.S. \U0001F1EF\U0001F1F5"
    found = _found(text)
    assert [(s, c) for s, c, _ in found] == [("JAPAN", "JP"), ("VIETNAM", "VN"), ("Japan", "JP"),
                                             ("Filipinos", "PH"), ("U.S.", "US"),
                                             ("\U0001F1EF\U0001F1F5", "JP")]
    assert found[-1][2] == "flag"


def test_group_members() -> None:
    asean = gz.group_members("ASEAN")
    assert asean is not None and len(asean) == 10 and {"ID", "MY", "VN", "PH"} <= set(asean)
    assert sorted(gz.group_members("the Quad") or []) == ["AU", "IN", "JP", "US"]
    assert sorted(gz.group_members("AUKUS") or []) == ["AU", "GB", "US"]
    assert set(gz.group_members("Five Power Defence Arrangements") or []) == {"AU", "MY", "NZ", "SG", "GB"}
    assert len(gz.group_members("NATO") or []) == 32
    assert len(gz.group_members("EU") or []) == 27
    assert gz.group_members("Warsaw Pact") is None


def test_find_group_mentions() -> None:
    found = gz.find_group_mentions("All 10 ASEAN defence ministers, the Quad and NATO")
    assert [g.group for g in found] == ["ASEAN", "Quad", "NATO"]


def test_every_row_has_a_name_and_unique_code() -> None:
    path = gz.resource("gazetteer", "countries.tsv")
    codes = [line.split("\t")[0] for line in path.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith(("#", "code\t"))]
    assert len(codes) == len(set(codes))
    assert all(gz.country_name(c) for c in codes)
