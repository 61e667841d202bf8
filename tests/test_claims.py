"""Attribution (who says so) and certainty (how hedged), per sentence."""

from __future__ import annotations

import pytest

from armstrack.extract.claims import attribution_of, certainty_of
from armstrack.extract.entities import find_mentions


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "The sale was nearly vetoed, a Defense Ministry source told the Daily Courier.",
            "a Defense Ministry source",
        ),
        (
            "The two sides will meet by year's end, the Kommersant newspaper reported Monday.",
            "Kommersant",
        ),
        (
            '"We are talking to several countries," Turkish Defense Minister Fikret Yilmaz told reporters.',
            "Turkish Defense Minister Fikret Yilmaz",
        ),
        ("Turkey has announced that it is in talks with Moscow.", "Turkey"),
        ("According to Reuters, the deal is worth $2 billion.", "Reuters"),
        (
            '"The deal is done," said Defence Minister Anna Kowalska.',
            "Defence Minister Anna Kowalska",
        ),
        (
            "Deliveries will start in 2026, an unidentified official who works on exports said.",
            "an unidentified official who works on exports",
        ),
        ("Rosoboronexport has declined to comment on the negotiations.", "Rosoboronexport"),
    ],
)
def test_attribution(sentence: str, speaker: str) -> None:
    assert attribution_of(sentence, 0, find_mentions(sentence), "")[0] == speaker


def test_pronoun_takes_previous_speaker() -> None:
    sentence = 'This is "a direct national security issue," he said.'
    assert attribution_of(sentence, 0, [], "an unidentified official") == (
        "an unidentified official",
        True,
    )


def test_bare_quote_continues_previous_speaker() -> None:
    sentence = '"Currently, the position of the other side is positive."'
    assert attribution_of(sentence, 0, [], "the minister")[0] == "the minister"


def test_no_attribution() -> None:
    assert attribution_of("Russia and China signed a contract in 2014.", 0, [], "x") == ("", False)


@pytest.mark.parametrize(
    ("sentence", "word", "level"),
    [
        (
            "In all likelihood, Turkey would only receive the systems in the 2020s.",
            "receive",
            "probable",
        ),
        (
            "Next, Moscow will likely begin transferring the system to India.",
            "transferring",
            "probable",
        ),
        ("Turkey may buy the system.", "buy", "possible"),
        ("The sale could face technical delays.", "face", "possible"),
        ("Egypt reportedly ordered more jets.", "ordered", "reported"),
        ("Russia and China signed a contract in 2014.", "signed", "certain"),
        (
            "The two countries will hold a meeting to discuss the potential sale.",
            "meeting",
            "certain",
        ),
    ],
)
def test_certainty(sentence: str, word: str, level: str) -> None:
    result = certainty_of(sentence, sentence.index(word))
    assert result.level == level
    if level != "certain":
        assert result.trigger
