"""A ledger with blocks appended works out again only what the new updates
change, and comes to what the whole ledger, read afresh, works out."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from tracker.model import DEFAULT_SCALE, Commitment, Ledger, Source, Update

IDS = ["lab", "railway", "culture", "flights"]
SOURCE = Source(key="talks", title="Talks", date=dt.date(2023, 4, 26))
COMMITMENTS = tuple(
    Commitment(
        id=cid,
        title=cid,
        countries=("CN", "KZ"),
        category="c",
        made=dt.date(2023, 4, 26),
        source="talks",
        quote="q",
    )
    for cid in IDS
)


def _updates(ids: list[str]) -> st.SearchStrategy[list[Update]]:
    if not ids:
        return st.just([])
    return st.lists(
        st.builds(
            Update,
            commitment=st.sampled_from(ids),
            date=st.dates(dt.date(2023, 5, 1), dt.date(2023, 5, 6)),
            status=st.sampled_from([s.name for s in DEFAULT_SCALE.statuses]),
            note=st.sampled_from(["a", "b", "c d"]),
            parties=st.sampled_from([(), (), ("CN",), ("KZ",)]),
        ),
        max_size=12,
    )


def _ledger(commitments: tuple[Commitment, ...], log: tuple[Update, ...]) -> Ledger:
    return Ledger(
        title="t",
        countries=(("CN", "China"), ("KZ", "Kazakhstan")),
        sources=(SOURCE,),
        commitments=commitments,
        updates=log,
    )


@st.composite
def appends(draw: st.DrawFn) -> tuple[int, list[Update], list[Update]]:
    """How many commitments the ledger had, its updates, and those appended
    (the other commitments come with them)."""
    known = draw(st.integers(0, len(IDS)))
    return known, draw(_updates(IDS[:known])), draw(_updates(IDS))[:4]


@given(appends(), st.booleans())
def test_an_extended_ledger_works_out_what_the_whole_one_does(
    case: tuple[int, list[Update], list[Update]], worked_out: bool
) -> None:
    known, earlier, appended = case
    before = _ledger(COMMITMENTS[:known], tuple(earlier))
    if worked_out:  # as a ledger from the cache has them
        before.ends, before.split_ids, before.update_notes  # noqa: B018
    after = before.extended(COMMITMENTS[known:], tuple(appended))
    whole = _ledger(COMMITMENTS, tuple(earlier + appended))
    assert after == whole
    assert after.split_ids == whole.split_ids
    assert after.ends == whole.ends
    assert after.update_notes == whole.update_notes
    for day in (dt.date(2023, 5, 3), dt.date(2023, 6, 1)):
        for commitment in COMMITMENTS:
            assert after.state(commitment, day) == whole.state(commitment, day)
