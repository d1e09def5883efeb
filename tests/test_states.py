"""`Ledger.states` works out every commitment's state in one pass: it must
give exactly what `Ledger.state` gives for each, on any day, whether the
ledger was parsed or restored from the cache with each commitment's end."""

from __future__ import annotations

import datetime as dt

import msgspec
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker import _cache, _cache_entry
from tracker.model import DEFAULT_SCALE, Commitment, Ledger, Source, Update

CODES = ("CN", "KZ", "UZ")
START = dt.date(2024, 1, 1)
days = st.integers(0, 60).map(lambda n: START + dt.timedelta(days=n))


@st.composite
def ledgers(draw: st.DrawFn) -> Ledger:
    commitments = tuple(
        Commitment(
            id=f"c{n}",
            title="t",
            countries=tuple(
                draw(st.lists(st.sampled_from(CODES), min_size=1, unique=True))
            ),
            category="x",
            made=draw(days),
            source="s",
            quote="q",
            due=draw(st.none() | days),
        )
        for n in range(draw(st.integers(1, 5)))
    )
    updates = tuple(
        Update(
            commitment=c.id,
            date=draw(days),
            status=draw(st.sampled_from(DEFAULT_SCALE.names)),
            note="n",
            parties=tuple(
                draw(st.lists(st.sampled_from(c.countries), unique=True, max_size=2))
                if draw(st.booleans())
                else ()
            ),
        )
        for c in commitments
        for _ in range(draw(st.integers(0, 4)))
    )
    sources = (Source("s", "Talks", START),)
    return Ledger("t", tuple((c, c) for c in CODES), sources, commitments, updates)


@settings(max_examples=300)
@given(ledger=ledgers(), on=days)
def test_states_are_each_commitments_state(ledger: Ledger, on: dt.date) -> None:
    expected = [(c, ledger.state(c, on)) for c in ledger.commitments if c.made <= on]
    assert ledger.states(on) == expected


@settings(max_examples=300)
@given(ledger=ledgers(), on=days)
def test_a_ledger_from_the_cache_gives_the_same_states(
    ledger: Ledger, on: dt.date
) -> None:
    entry = msgspec.msgpack.encode(_cache_entry.dump(ledger))
    restored = _cache.restore(msgspec.msgpack.decode(entry, type=_cache_entry.Body))
    assert "ends" in restored.__dict__  # as the entry has them, not worked out again
    expected = [(c, ledger.state(c, on)) for c in ledger.commitments if c.made <= on]
    assert restored.states(on) == expected
