"""What each command shows, as data: headers, rows and records, not output.

A view knows which columns a command has and how each value reads as text;
`tracker.output` decides how to put it on the screen or in a file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, NamedTuple

from tracker.errors import Problem
from tracker.model import Ledger
from tracker.query import Change, Row, detail, record

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
)


class Listing(NamedTuple):
    """Rows for a table, and the same data as records for JSON and CSV."""

    header: tuple[str, ...]
    rows: Sequence[Sequence[str]]
    records: list[dict[str, Any]]
    fields: tuple[str, ...]
    status_column: int | None = None
    no_wrap: tuple[int, ...] = ()  # columns a table must not break (ids, dates)
    empty_message: str = "nothing to show"
    heading: str | None = None  # Markdown's first line: which ledger, which day


def commitment_list(
    rows: Sequence[Row], title: str | None = None, on: dt.date | None = None
) -> Listing:
    table_rows = [
        (
            r.commitment.id,
            r.commitment.title,
            " ".join(r.commitment.countries),
            r.commitment.category,
            r.state.status.name,
            r.state.since.isoformat(),
            _due(r),
        )
        for r in rows
    ]
    return Listing(
        header=LIST_COLUMNS,
        rows=table_rows,
        records=[record(r) for r in rows],
        fields=RECORD_FIELDS,
        status_column=4,
        no_wrap=(0, 2, 3, 4, 5),
        empty_message="no commitments match",
        heading=None
        if title is None or on is None
        else f"{title}: commitments as of {on.isoformat()}",
    )


def _due(row: Row) -> str:
    due = row.commitment.due
    if due is None:
        return "-"
    return f"{due.isoformat()} (overdue)" if row.state.overdue else due.isoformat()


LOG_COLUMNS = ("Date", "Commitment", "Change", "Note", "Evidence")
LOG_FIELDS = (
    "date",
    "commitment",
    "title",
    "from",
    "to",
    "note",
    "evidence",
    "recorded",
)


def update_log(entries: Sequence[Change]) -> Listing:
    """The update log as a timeline: every update, re-confirmations included
    (their `from` and `to` are the same). Tables show the two as one column,
    `from → to`, which wraps between them in a narrow terminal."""
    rows = [
        (
            e.update.date.isoformat(),
            e.commitment.id,
            f"{e.before} → {e.update.status}",
            e.update.note,
            " ".join(e.update.evidence) or "-",
        )
        for e in entries
    ]
    records = [
        {
            "date": e.update.date.isoformat(),
            "commitment": e.commitment.id,
            "title": e.commitment.title,
            "from": e.before,
            "to": e.update.status,
            "note": e.update.note,
            "evidence": list(e.update.evidence),
            "recorded": e.update.recorded.isoformat() if e.update.recorded else None,
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
    """One commitment in full."""

    data: dict[str, Any]
    party_names: list[str]


def commitment_detail(ledger: Ledger, row: Row, on: dt.date) -> Detail:
    names = [ledger.country_names[c] for c in row.commitment.countries]
    return Detail(detail(ledger, row, on), names)


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
