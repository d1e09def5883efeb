"""Quotes found through the word index: the same answers as scanning the text."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.loader import ArchivedText, normalise_space, quote_found

WORDS = ("a", "aa", "ab", "b", "ba", "the", "then", "xian", "Xi'an", "\N{EN DASH}", "é")


def scan_found(quote: str, text: str) -> bool:
    """The plain scan the index replaces: each fragment from the last one's end."""
    position = 0
    for fragment in quote.split("..."):
        fragment = normalise_space(fragment)
        if not fragment:
            continue
        found = text.find(fragment, position)
        if found < 0:
            return False
        position = found + len(fragment)
    return True


def big(words: list[str]) -> ArchivedText:
    """An archived text long enough that the index, not a scan, answers."""
    archived = ArchivedText(" ".join(words))
    assert len(archived.text) >= ArchivedText.INDEX_FROM
    return archived


def test_index_finds_the_first_occurrence_after_the_position() -> None:
    archived = big(["x the cat sat"] * 4000)
    text = archived.text
    for position in (0, 1, 2, 13, 14, 1000, len(text) - 12, len(text)):
        for fragment in ("the cat sat", "he cat s", "sat x the", "cat sat x the"):
            assert archived.find(fragment, position) == text.find(fragment, position)
    assert archived.find("the dog sat", 0) == -1


def test_index_matches_a_scan_on_random_texts_and_quotes() -> None:
    rng = random.Random(14)
    words = [rng.choice(WORDS) for _ in range(16_000)]
    archived = big(words)
    for _ in range(3000):
        start = rng.randrange(len(words))
        piece = words[start : start + rng.randint(1, 6)]
        if rng.random() < 0.3:  # not always a real piece of the text
            piece[rng.randrange(len(piece))] = rng.choice(WORDS)
        quote = " ".join(piece)
        if rng.random() < 0.3:  # cut inside a word at either end
            quote = quote[rng.randint(0, 2) : len(quote) - rng.randint(0, 2)]
        if rng.random() < 0.4:  # an elision: a later fragment of the text
            later = words[start + 8 : start + 8 + rng.randint(1, 5)]
            quote += " ... " + "\n ".join(later)
        expected = scan_found(quote, archived.text)
        assert quote_found(quote, archived) is expected, quote


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=40),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=7),
    st.integers(min_value=0, max_value=200),
)
def test_index_and_scan_agree(body: list[str], quote: list[str], at: int) -> None:
    # The body repeated past the size where the index answers.
    words = body * (ArchivedText.INDEX_FROM // len(" ".join(body)) + 1)
    archived = big(words)
    fragment = " ".join(quote)
    assert archived.find(fragment, at) == archived.text.find(fragment, at)


def test_a_fragment_far_past_the_position_is_found_by_the_index() -> None:
    # Past `NEAR` characters after the position a scan no longer looks: the
    # index must give the same first occurrence as a scan of the whole text.
    filler = ["x the cat sat"] * (ArchivedText.INDEX_FROM // 28)
    archived = big([*filler, "a dog ran far", *filler, "a dog ran far", *filler])
    text = archived.text
    first = text.index("a dog ran far")
    for position in (0, 1, first - 1, first, first + 1, len(text) - 20):
        for fragment in ("dog ran", "a dog ran far", "g ran fa", "the cat sat x"):
            assert archived.find(fragment, position) == text.find(fragment, position)
    assert archived.find("a dog ran far", first + 1) > first + ArchivedText.NEAR
    assert archived.find("a cat ran far", 5) == -1
