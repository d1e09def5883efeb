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


# A templated text, as generated reports and the bench's sources are: a few
# sentence shapes whose slots take a few names and numbers, so every word of
# a quote recurs hundreds of times and a quote's words recur together.
SLOTS = ("Xi'an", "xian", "Astana", "Asta", "2027", "27", "\N{EN DASH}", "é", "a")
SHAPES = st.lists(
    st.lists(st.sampled_from((*WORDS, "*")), min_size=2, max_size=12),
    min_size=1,
    max_size=4,
)


def templated(shapes: list[list[str]], rng: random.Random) -> str:
    """Sentences of the given shapes, a slot (`*`) taking a name each time,
    repeated past the size where the index answers, with uneven whitespace."""
    words: list[str] = []
    size = 0
    while size < ArchivedText.INDEX_FROM:
        shape = rng.choice(shapes)
        sentence = [rng.choice(SLOTS) if word == "*" else word for word in shape]
        words += sentence
        size += sum(map(len, sentence)) + len(sentence)
    return "".join(word + rng.choice(("  ", " ", "\n", " ", " \t")) for word in words)


def piece(words: list[str], rng: random.Random) -> str:
    """Some consecutive words of `words`, at times cut inside a word at
    either end, at times with one word changed so it may occur nowhere."""
    start = rng.randrange(len(words))
    chosen = words[start : start + rng.randint(1, 14)]
    if rng.random() < 0.25:
        chosen[rng.randrange(len(chosen))] = rng.choice(SLOTS)
    fragment = " ".join(chosen)
    if rng.random() < 0.3:
        fragment = fragment[rng.randint(0, 2) : len(fragment) - rng.randint(0, 2)]
    return fragment.strip(" ") or chosen[0]


def _templated_text(
    shapes: list[list[str]], seed: int
) -> tuple[random.Random, ArchivedText, list[str]]:
    """A templated text made from `seed`, the generator to go on with, and
    the text's words."""
    rng = random.Random(seed)
    archived = ArchivedText(templated(shapes, rng))
    return rng, archived, archived.text.split(" ")


@settings(max_examples=60, deadline=None)
@given(SHAPES, st.integers(min_value=0, max_value=2**32))
def test_templated_texts_are_searched_as_a_scan(
    shapes: list[list[str]], seed: int
) -> None:
    rng, archived, words = _templated_text(shapes, seed)
    text = archived.text
    for _ in range(40):
        fragment = piece(words, rng)
        first = text.find(fragment)
        # From the start; at, just before and just past an occurrence; and
        # from anywhere, far from it or near it.
        for position in (0, first, first - 1, first + 1, rng.randrange(len(text))):
            position = max(position, 0)
            expected = text.find(fragment, position)
            assert archived.find(fragment, position) == expected, (fragment, position)
        # An elided quote: its fragments in the order of the text, or not.
        quote = " ... ".join(piece(words, rng) for _ in range(rng.randint(2, 3)))
        assert quote_found(quote, archived) is scan_found(quote, text), quote


def test_a_quote_after_the_last_one_found_is_also_found_before_it() -> None:
    # After "one two three", the second "alpha beta gamma" lies just past
    # where that quote ended, but "one two" follows only the first one: the
    # quote is there, and found from the start of the text.
    archived = big(
        ["x the cat sat"] * 3000
        + ["alpha beta gamma one two three", "alpha beta gamma four"]
    )
    assert quote_found("gamma one two three", archived)
    assert quote_found("alpha beta gamma ... one two", archived)
    assert not quote_found("alpha beta gamma four ... one two", archived)
    # And quotes in the order of the text, then back to its start.
    assert quote_found("beta gamma four", archived)
    assert quote_found("x the cat sat x the ... one two three ... four", archived)


@settings(max_examples=60, deadline=None)
@given(SHAPES, st.integers(min_value=0, max_value=2**32))
def test_quotes_in_the_order_of_the_text_are_found_as_a_scan_finds_them(
    shapes: list[list[str]], seed: int
) -> None:
    # As a ledger records a meeting's pledges: each quote a little past the
    # last, at times one from further back.
    rng, archived, words = _templated_text(shapes, seed)
    text = archived.text
    at = 0
    for _ in range(40):
        at = (
            rng.randrange(len(words)) if rng.random() < 0.2 else at + rng.randint(0, 30)
        )
        at = min(at, len(words) - 1)
        quote = piece(words[at:], rng)
        if rng.random() < 0.5:
            quote += " ... " + piece(words[at + rng.randint(0, 40) :] or words, rng)
        assert quote_found(quote, archived) is scan_found(quote, text), quote
