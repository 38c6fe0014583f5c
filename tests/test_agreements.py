"""Agreements: signed, agreed and affirmed commitments, split, merged and dated."""
from __future__ import annotations

from briefing.extract import extract
from briefing.ingest import article_from_text


def agreements(text: str) -> list[tuple[str, str]]:
    return [(a.status, a.text) for a in extract(article_from_text(text)).agreements]


def test_statuses() -> None:
    got = agreements(
        "date 2021-09-13 Japan and Vietnam signed a pact allowing Japan to export defence equipment to "
        "Vietnam. The two ministers agreed to intensify consultations on the transfer of vessels. "
        "They reaffirmed the importance of freedom of navigation. They also affirmed to enhance port calls.")
    assert [s for s, _ in got] == ["signed", "agreed", "affirmed", "agreed"]
    assert got[0][1].startswith("Pact allowing Japan")


def test_one_person_agreeing_is_no_agreement_but_signing_is() -> None:
    got = agreements("Kishi called for more cooperation. Ahn pledged support for Poland. "
                     "Poland on Friday signed a deal worth $6.5 billion to buy tanks from South Korea.")
    assert got == [("signed", "Deal worth $6.5 billion to buy tanks from South Korea")]


def test_coordinated_actions_are_separate_commitments() -> None:
    got = agreements("India and France agreed to strengthen their defence ties besides working together "
                     "to enhance cooperation in multilateral forums. Both sides agreed to expand and "
                     "deepen cooperation in cyber security.")
    assert len(got) == 3
    assert got[2][1].startswith("Expand and deepen")


def test_the_same_document_reported_twice_is_one_entry() -> None:
    got = agreements(
        "Kenya, Ethiopia sign second defence agreement\n\nKenya and Ethiopia have signed a second Defence "
        "Cooperation Agreement. It was signed by the two defence chiefs. Meetings led to the signing of "
        "the second cooperation agreement yesterday. The two countries signed the initial defence pact "
        "six decades ago.")
    assert [s for s, _ in got] == ["signed", "signed"]
    assert "six decades" not in got[0][1] and got[1][1].startswith("Initial defence pact")


def test_agreeing_to_sign_a_document_is_signed() -> None:
    got = agreements("They agreed to enhance relations by signing memorandums on cybersecurity and "
                     "military medicine. The memorandums were welcomed.")
    assert got[0][0] == "signed"
    assert len(got) == 1


def test_parties_and_date() -> None:
    ex = extract(article_from_text("date 2025-11-10 India and Vietnam on Monday signed a Memorandum of "
                                   "Understanding on submarine rescue."))
    (a,) = ex.agreements
    assert set(a.parties) == {"IN", "VN"} and a.date == "2025-11-10" and a.instrument == "memorandum"


def test_two_prepositional_actions_and_a_plan_of_two_named_states() -> None:
    got = agreements("Minister Joseph and Minister Marles also committed to upgrading the Lombrum Naval Base "
                     "and to expanding joint maritime surveillance patrols. Nigeria and Ghana will establish a "
                     "joint maritime operations centre in Lagos, the defence chief said.")
    assert [s for s, _ in got] == ["agreed", "agreed", "agreed"]
    assert got[1][1].startswith("Expanding joint maritime") or "expanding" in got[1][1].lower()
    assert "operations centre" in got[2][1]
