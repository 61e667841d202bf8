"""The shallow reading of the words of trade around a span of a sentence."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from armstrack.extract.frames import Frames

SENTENCE = "Turkey will buy 40 F-16 jets from the United States; Greece was sold frigates."


def test_words_around_a_place_are_found_as_a_scan_would_find_them() -> None:
    frames = Frames(SENTENCE)
    words = frames.words
    for at in range(-1, len(SENTENCE) + 2):
        before = max((i for i, w in enumerate(words) if w[1] <= at), default=-1)
        after = min((i for i, w in enumerate(words) if w[0] >= at), default=len(words))
        assert frames._index_before(at) == before, at
        assert frames._index_after(at) == after, at


def test_a_party_reads_its_preposition_and_the_trade_word_it_governs() -> None:
    frames = Frames(SENTENCE)
    seller = SENTENCE.index("United States")
    assert frames.read(seller, seller + len("United States"), []) == {
        "prep": "from",
        "via": "from_buy",
    }
    buyer = SENTENCE.index("Greece")
    assert frames.read(buyer, buyer + len("Greece"), []) == {"subj": "sell_passive"}
    first = frames.read(0, len("Turkey"), [(buyer, buyer + 6)])
    assert first == {"subj": "buy"}


@settings(max_examples=300)
@given(st.text(alphabet="Ab z’'-—;:(),. 1é", max_size=40) | st.text(max_size=40))
def test_a_sentence_is_read_word_by_word_as_a_scan_of_its_words_gives_them(text: str) -> None:
    scanned = [
        (m.start(), m.end(), m.group(0).lower())
        for m in re.finditer(r"[A-Za-z][\w'’-]*|[;:()—–]|,", text)
    ]
    frames = Frames(text)
    assert frames.words == scanned
    assert frames.starts == [w[0] for w in scanned] and frames.ends == [w[1] for w in scanned]
