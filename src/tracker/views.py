"""What each command shows, as data: headers, rows and records, not output.

A view knows which columns a command has and how each value reads as text;
`tracker.output` decides how to put it on the screen or in a file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from typing import Any, NamedTuple, TypeVar, overload

from tracker import query
from tracker.dates import moment_text
from tracker.errors import Problem
from tracker.model import Commitment, Ledger, PartyState, Source, Update
from tracker.query import Change, Row, record
from tracker.render import record_json

T = TypeVar("T")

LIST_COLUMNS = ("ID", "Title", "Parties", "Category", "Status", "Since", "Due")
RECORD_FIELDS = (
    "id",
    "title",
    "countries",
    "category",
    "status",
    "since",
    "made",
    "due",
    "overdue",
    "source",
    "quote",
    "parties",
)


class Lazy(Sequence[T]):
    """Items made from rows as they are read, not all at once: a list of ten
    thousand commitments is written out without ever holding ten thousand
    records, and a format that never reads the table's rows never makes them."""

    def __init__(self, rows: Sequence[Row], make: Callable[[Row], T]):
        self.rows = rows
        self.make = make

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self.make(row) for row in self.rows[index]]
        return self.make(self.rows[index])

    def __iter__(self) -> Iterator[T]:
        return map(self.make, self.rows)


class Listing(NamedTuple):
    """Rows for a table, and the same data as records for JSON and CSV."""

    header: tuple[str, ...]
    rows: Sequence[Sequence[str]]
    records: Sequence[dict[str, Any]]
    fields: tuple[str, ...]
    status_column: int | None = None
    no_wrap: tuple[int, ...] = ()  # columns a table must not break (ids, dates)
    empty_message: str = "nothing to show"
    heading: str | None = None  # Markdown's first line: which ledger, which day
    # Each record as JSON text, written without building the record, where a
    # listing has a faster way than encoding `records` (the same bytes).
    json_texts: Sequence[str] | None = None


def commitment_list(
    rows: Sequence[Row], title: str | None = None, on: dt.date | None = None
) -> Listing:
    return Listing(
        header=LIST_COLUMNS,
        rows=Lazy(rows, _list_row),
        records=Lazy(rows, record),
        fields=RECORD_FIELDS,
        status_column=4,
        no_wrap=(0, 2, 3, 4, 5),
        empty_message="no commitments match",
        heading=None
        if title is None or on is None
        else f"{title}: commitments as of {on.isoformat()}",
        json_texts=Lazy(rows, record_json.writer()),
    )


def _list_row(r: Row) -> tuple[str, ...]:
    return (
        r.commitment.id,
        r.commitment.title,
        " ".join(r.commitment.countries),
        r.commitment.category,
        r.state.label(),
        r.state.since.isoformat(),
        _due(r),
    )


def _due(row: Row) -> str:
    due = row.commitment.due
    if due is None:
        return "-"
    return f"{due.isoformat()} (overdue)" if row.state.overdue else due.isoformat()


LOG_COLUMNS = ("Date", "Commitment", "Change", "Note", "Evidence", "By")
LOG_FIELDS = (
    "date",
    "id",
    "title",
    "from",
    "to",
    "note",
    "evidence",
    "recorded",
    "parties",
    "by",
)


def concerned(commitment: Commitment, update: Update) -> tuple[str, ...]:
    """The parties an update concerns: those it names, else all of them."""
    return update.parties or commitment.countries


def change_text(before: str, update: Update) -> str:
    """`from → to`, and the parties when the update names some: `(KZ)`."""
    text = f"{before} → {update.status}"
    return f"{text} ({', '.join(update.parties)})" if update.parties else text


def update_log(entries: Sequence[Change]) -> Listing:
    """The update log as a timeline: every update, re-confirmations included
    (their `from` and `to` are the same). Tables show the two as one column,
    `from → to`, which wraps between them in a narrow terminal."""
    rows = [
        (
            e.update.date.isoformat(),
            e.commitment.id,
            change_text(e.before, e.update),
            e.update.note,
            " ".join(e.update.evidence) or "-",
            e.update.by or "-",
        )
        for e in entries
    ]
    records = [
        {
            "date": e.update.date.isoformat(),
            "id": e.commitment.id,
            "title": e.commitment.title,
            "from": e.before,
            "to": e.update.status,
            "note": e.update.note,
            "evidence": list(e.update.evidence),
            "recorded": moment_text(e.update.recorded),
            "parties": list(concerned(e.commitment, e.update)),
            "by": e.update.by,
        }
        for e in entries
    ]
    return Listing(
        header=LOG_COLUMNS,
        rows=rows,
        records=records,
        fields=LOG_FIELDS,
        no_wrap=(0, 1),
        empty_message="no updates match",
    )


class Detail(NamedTuple):
    """One commitment in full, as it stood on a day."""

    row: Row
    party_names: tuple[str, ...]  # in the commitment's order
    source: Source  # the one it is quoted from
    history: tuple[Update, ...]  # up to the day, oldest first
    evidence: dict[str, Source]  # the sources its history cites, by key
    befores: tuple[str, ...]  # the status just before each update of history

    @property
    def commitment(self) -> Commitment:
        return self.row.commitment

    @property
    def parties(self) -> tuple[PartyState, ...]:
        return self.row.state.party_states(self.row.commitment)

    def record(self) -> dict[str, Any]:
        """The JSON of `tracker show` (see the README)."""
        c, s = self.commitment, self.source
        return {
            **record(self.row),
            "tags": list(c.tags),
            "notes": c.notes,
            "source_detail": {
                "title": s.title,
                "date": _day(s.date),
                "place": s.place,
                "published": _day(s.published),
                "url": s.url,
            },
            "history": [
                {
                    "date": u.date.isoformat(),
                    "from": before,
                    "status": u.status,
                    "note": u.note,
                    "evidence": list(u.evidence),
                    "recorded": moment_text(u.recorded),
                    "parties": list(concerned(c, u)),
                    "by": u.by,
                }
                for u, before in zip(self.history, self.befores, strict=True)
            ],
            "by": c.by,
            "evidence_sources": {
                key: {
                    "title": e.title,
                    "publisher": e.publisher,
                    "published": _day(e.published),
                    "date": _day(e.date),
                    "url": e.url,
                }
                for key, e in self.evidence.items()
            },
        }


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def commitment_detail(ledger: Ledger, row: Row, on: dt.date) -> Detail:
    c = row.commitment
    changes = query.log(ledger, None, on, ids=(c.id,))
    history = tuple(e.update for e in changes)
    cited = ledger.source_by_key
    return Detail(
        row=row,
        party_names=tuple(ledger.country_names[code] for code in c.countries),
        source=ledger.source_by_key[c.source],
        history=history,
        evidence={
            item: cited[item] for u in history for item in u.evidence if item in cited
        },
        befores=tuple(e.before for e in changes),
    )


def source_place(source: Source) -> str:
    """`2023-04-26, Xi'an, China`: when and where, whichever is known."""
    made_at = (source.date.isoformat() if source.date else None, source.place)
    return ", ".join(x for x in made_at if x)


def party_lines(view: Detail) -> list[str]:
    """`KZ fulfilled since 2023-05-19`, a line per party, `(overdue)` if so."""
    return [
        f"{p.code} {p.status.name} since {p.since}"
        + (" (overdue)" if p.overdue else "")
        for p in view.parties
    ]


def history_status(update: Update) -> str:
    """An update's status, with the parties it names: `fulfilled (KZ)`."""
    if not update.parties:
        return update.status
    return f"{update.status} ({', '.join(update.parties)})"


def evidence_text(view: Detail, item: str) -> str:
    """An evidence item; a source key with its title, publisher and date."""
    source = view.evidence.get(item)
    if source is None:
        return item
    day = source.published or source.date
    about = [source.title, source.publisher, day.isoformat() if day else None]
    return f"{item}: " + ", ".join(x for x in about if x)


class CheckResult(NamedTuple):
    """What `tracker check` found."""

    path: str
    problems: tuple[Problem, ...]
    commitments: int = 0
    updates: int = 0

    def summary(self) -> str:
        return (
            f"{self.path}: ok, {_count(self.commitments, 'commitment')}, "
            f"{_count(self.updates, 'update')}"
        )

    def records(self) -> list[dict[str, Any]]:
        return [
            {"path": p.path, "line": p.line, "column": p.column, "message": p.message}
            for p in self.problems
        ]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
