"""Random sequences of update, add and undo: the ledger always loads, the old
file is always a prefix of the new, undo gives back the exact bytes, and the
history is exactly what was applied."""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker import loader, record, store, writes
from tracker.errors import TrackerError

from conftest import SMALL, SOURCE_TEXT, write_ledger

TODAY = dt.date.today()
MADE = dt.date(2024, 3, 1)
NOW = dt.datetime(2026, 11, 28, 9, 30, tzinfo=dt.UTC)
QUOTE = "Both sides agreed to hold a Year of Tourism"

# Any text a researcher might type, controls and all, so long as it says
# something; surrogates cannot be encoded, so hypothesis leaves them out.
notes = st.text(min_size=1, max_size=40).filter(lambda s: bool(s.strip()))
evidence = st.lists(
    st.sampled_from(
        ["https://example.org/news/1", "astana-2024", "Reported on TV, 3 May"]
    ),
    max_size=2,
    unique=True,
)
updates = st.tuples(
    st.just("update"),
    st.integers(min_value=0, max_value=20),  # which commitment, modulo
    st.sampled_from(["pledged", "in-progress", "stalled", "partial", "fulfilled"]),
    notes,
    st.integers(min_value=0, max_value=(TODAY - MADE).days),
    evidence,
)
adds = st.tuples(st.just("add"), notes)
undos = st.tuples(st.just("undo"))
operations = st.lists(st.one_of(updates, adds, undos), max_size=8)


@dataclass
class Model:
    """What the ledger should hold: ids, and each id's updates in file order."""

    ids: list[str]
    history: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)
    # The append undo would take back: the bytes before it, and what it added.
    undoable: tuple[bytes, tuple[str, str]] | None = None


def apply(path: Path, model: Model, op: tuple[Any, ...]) -> None:
    location = store.Location(path)
    before = path.read_bytes()
    if op[0] == "undo":
        if model.undoable is None:
            with pytest.raises(TrackerError, match="nothing to undo"):
                writes.undo_plan(location)
            return
        plan = writes.undo_plan(location)
        writes.undo(location, plan, TODAY)
        previous, added = model.undoable
        model.undoable = None  # undo is one step
        assert path.read_bytes() == previous
        if added[0] == "commitment":
            model.ids.remove(added[1])
        else:
            model.history[added[1]].pop()
        return
    if op[0] == "update":
        _, which, status, note, days, items = op
        cid = model.ids[which % len(model.ids)]
        request = record.UpdateRequest(
            cid, status, note, MADE + dt.timedelta(days=days), tuple(items), NOW
        )
        build: writes.Build = partial(record.new_update, request=request, today=TODAY)
        entry: tuple[Any, ...] = (status, note, request.date, tuple(items))
        result = writes.append(location, build, TODAY)
        model.history.setdefault(cid, []).append(entry)
        added = ("update", cid)
    else:
        title = op[1]
        request_c = record.CommitmentRequest(
            title, ("CN",), "culture", QUOTE, "astana-2024", MADE
        )
        result = writes.append(
            location, partial(record.new_commitment, request=request_c), TODAY
        )
        cid = result.block.table["id"]
        assert cid not in model.ids
        model.ids.append(cid)
        added = ("commitment", cid)
    assert result.written
    assert result.undo_saved
    assert path.read_bytes().startswith(before)
    model.undoable = (before, added)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(ops=operations, crlf=st.booleans())
def test_any_sequence_of_writes_keeps_a_valid_ledger_with_the_history_applied(
    ops: list[tuple[Any, ...]], crlf: bool
) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = write_ledger(Path(directory), "")
        original = SMALL.replace("\n", "\r\n") if crlf else SMALL
        path.write_bytes(original.encode())
        model = Model(ids=["water-lab", "tourism-year", "direct-flights"])
        for op in ops:
            apply(path, model, op)

        data = path.read_bytes()
        assert data.startswith(original.encode())
        if crlf:
            assert data.count(b"\n") == data.count(b"\r\n")
        ledger = loader.load(data, str(path), lambda _: SOURCE_TEXT, TODAY)
        assert [c.id for c in ledger.commitments] == model.ids
        for cid in model.ids:
            applied = model.history.get(cid, [])
            # A commitment's history is by date; file order breaks ties.
            expected = sorted(applied, key=lambda entry: entry[2])
            got = [(u.status, u.note, u.date, u.evidence) for u in ledger.history(cid)]
            assert got == expected
