"""A status report: where each party and each category stands on a day.

Built in one pass over the commitments (their status on the day, from the
update log) and one pass over the log for the changes since a date. The report
is plain data; `tracker.render` turns it into a table, Markdown, JSON, CSV,
HTML or SVG, and every format shows these same numbers.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from tracker.model import Ledger, Scale
from tracker.query import Change, Filter, Row, changes, select


class Header(NamedTuple):
    """What the report covers."""

    title: str
    as_of: dt.date
    since: dt.date | None
    commitments: int  # shown, after the filters
    countries: tuple[str, ...] = ()  # the filters, as given to the report
    categories: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    note: str | None = None
    sources: tuple[str, ...] = ()  # why the report is empty, if it is


class Group(NamedTuple):
    """The commitments of one party, one category, or all of them.

    `counts` follows the scale's order. The means are None for an empty group:
    there is no progress to speak of, rather than a progress of 0.
    """

    key: str
    name: str
    counts: tuple[int, ...]
    progress_total: float  # sum of the statuses' progress weights
    score_total: float  # sum of the statuses' compliance scores

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def progress(self) -> float | None:
        """Mean progress weight, 0 to 1."""
        return self.progress_total / self.total if self.total else None

    @property
    def progress_percent(self) -> float | None:
        # One division of the exact-as-possible sum, so rounding for display
        # never compounds two floating-point errors.
        return 100 * self.progress_total / self.total if self.total else None

    @property
    def score(self) -> float | None:
        """Mean compliance score, -1 to +1 (G20 Research Group style)."""
        return self.score_total / self.total if self.total else None

    @property
    def compliance_percent(self) -> float | None:
        """The mean score as a percentage: (mean + 1) / 2 x 100."""
        if not self.total:
            return None
        return 50 * (self.score_total + self.total) / self.total


class Overdue(NamedTuple):
    """A commitment past its due date that is neither fulfilled nor abandoned."""

    id: str
    title: str
    countries: tuple[str, ...]
    category: str
    status: str
    due: dt.date
    days: int  # days overdue on the report's date


class Moved(NamedTuple):
    """A status change between the report's two dates."""

    date: dt.date
    id: str
    title: str
    before: str
    after: str
    note: str
    evidence: tuple[str, ...]


class Report(NamedTuple):
    """Every section of a report, in the order it is shown."""

    header: Header
    statuses: tuple[str, ...]  # the scale, in order: the count columns
    overall: Group
    parties: tuple[Group, ...]
    categories: tuple[Group, ...]
    overdue: tuple[Overdue, ...]
    changes: tuple[Moved, ...] | None  # None: no --since was given
    # The commitments counted, with their state on the day: the full report
    # (HTML, SVG, Markdown) shows each. None when they were not kept.
    rows: tuple[Row, ...] | None = None

    def groups(self) -> list[tuple[str, Group]]:
        """(section, group) for every group row, overall first."""
        return [
            ("overall", self.overall),
            *(("party", g) for g in self.parties),
            *(("category", g) for g in self.categories),
        ]


class _Tally:
    """Counts per status for one group, filled as the commitments go by."""

    def __init__(self, size: int) -> None:
        self.counts = [0] * size

    def group(self, key: str, name: str, scale: Scale) -> Group:
        return group_of(key, name, self.counts, scale)


def group_of(key: str, name: str, counts: Sequence[int], scale: Scale) -> Group:
    """The group of these counts per status, in the scale's order."""
    statuses = scale.statuses
    # fsum of count x weight does not depend on the order commitments came
    # in, so the same ledger always gives the same last digit.
    return Group(
        key,
        name,
        tuple(counts),
        math.fsum(n * s.progress for n, s in zip(counts, statuses, strict=True)),
        math.fsum(n * s.score for n, s in zip(counts, statuses, strict=True)),
    )


def build(
    ledger: Ledger,
    as_of: dt.date,
    keep: Filter | None = None,
    since: dt.date | None = None,
) -> Report:
    """The report of the commitments that pass `keep`, as they stood on `as_of`;
    with `since`, the status changes dated `since <= date <= as_of` too."""
    keep = keep or Filter()
    rows = select(ledger, as_of, keep)
    scale = ledger.scale
    rank = {name: i for i, name in enumerate(scale.names)}
    party_codes = [
        code
        for code, _ in ledger.countries
        if not keep.countries or code in keep.countries
    ]
    category_names = [
        c for c in ledger.categories if not keep.categories or c in keep.categories
    ]
    overall = _Tally(len(rank))
    parties = {code: _Tally(len(rank)) for code in party_codes}
    categories = {name: _Tally(len(rank)) for name in category_names}
    for row in rows:
        i = rank[row.state.status.name]
        overall.counts[i] += 1
        for code in row.commitment.countries:
            if code in parties:
                parties[code].counts[i] += 1
        if row.commitment.category in categories:
            categories[row.commitment.category].counts[i] += 1
    header = Header(
        title=ledger.title,
        as_of=as_of,
        since=since,
        commitments=len(rows),
        countries=keep.countries,
        categories=keep.categories,
        statuses=keep.statuses,
        sources=keep.sources,
        note=_empty_note(ledger, as_of, rows),
    )
    names = ledger.country_names
    return Report(
        header=header,
        statuses=scale.names,
        overall=overall.group("all", "All commitments", scale),
        parties=tuple(t.group(c, names[c], scale) for c, t in parties.items()),
        categories=tuple(t.group(c, c, scale) for c, t in categories.items()),
        overdue=_overdue(rows, as_of),
        changes=None if since is None else _moved(changes(ledger, since, as_of, keep)),
        rows=tuple(rows),
    )


def _empty_note(ledger: Ledger, as_of: dt.date, rows: Sequence[Row]) -> str | None:
    if rows:
        return None
    if any(c.made <= as_of for c in ledger.commitments):
        return f"no commitments match as of {as_of.isoformat()}"
    return f"no commitments as of {as_of.isoformat()}"


def _overdue(rows: Iterable[Row], as_of: dt.date) -> tuple[Overdue, ...]:
    late = [
        Overdue(
            r.commitment.id,
            r.commitment.title,
            r.commitment.countries,
            r.commitment.category,
            r.state.status.name,
            r.commitment.due,
            (as_of - r.commitment.due).days,
        )
        for r in rows
        if r.state.overdue and r.commitment.due is not None
    ]
    # Longest overdue first; sorted() is stable, so ties keep ledger order.
    return tuple(sorted(late, key=lambda o: -o.days))


def _moved(entries: Iterable[Change]) -> tuple[Moved, ...]:
    return tuple(
        Moved(
            e.update.date,
            e.commitment.id,
            e.commitment.title,
            e.before,
            e.update.status,
            e.update.note,
            e.update.evidence,
        )
        for e in entries
    )
