"""`Ledger.states` works out every commitment's state in one pass: it must
give exactly what `Ledger.state` gives for each, on any day."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.model import DEFAULT_SCALE, Commitment, Ledger, Update

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
    return Ledger("t", tuple((c, c) for c in CODES), (), commitments, updates)


@settings(max_examples=300)
@given(ledger=ledgers(), on=days)
def test_states_are_each_commitments_state(ledger: Ledger, on: dt.date) -> None:
    expected = [(c, ledger.state(c, on)) for c in ledger.commitments if c.made <= on]
    assert ledger.states(on) == expected
