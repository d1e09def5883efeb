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

from tracker.model import SPLIT, Ledger, Scale, Source, Status
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
    note: str | None = None  # why the report is empty, if it is
    sources: tuple[str, ...] = ()

    def filters(self) -> list[str]:
        """Each filter given, as a report's scope line names it: `country: KZ, UZ`."""
        given = (
            ("country", self.countries),
            ("category", self.categories),
            ("status", self.statuses),
            ("source", self.sources),
        )
        return [f"{label}: {', '.join(values)}" for label, values in given if values]


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
    split: int = 0  # commitments whose parties differ (never in a party's group)

    @property
    def total(self) -> int:
        return sum(self.counts) + self.split

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
    """A commitment past its due date with a party whose status is not closed."""

    id: str
    title: str
    countries: tuple[str, ...]  # the parties that are overdue
    category: str
    status: str  # the commitment's: `split` when its parties differ
    due: dt.date
    days: int  # days overdue on the report's date
    label: str = ""  # the status as shown: `split: KZ fulfilled, CN pledged`
    parties: tuple[tuple[str, str], ...] = ()  # (code, status) of the overdue


class Moved(NamedTuple):
    """A status change between the report's two dates."""

    date: dt.date
    id: str
    title: str
    before: str
    after: str
    note: str
    evidence: tuple[str, ...]
    parties: tuple[str, ...] = ()  # those the update concerns
    by: str | None = None
    named: bool = False  # whether the update names its parties (not all)


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
    cited: tuple[Source, ...] = ()  # the sources the changes cite as evidence

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
        # A split commitment counts as split, and weighs in with the means
        # of its parties' progress and score.
        self.split: list[Status] = []

    def group(self, key: str, name: str, scale: Scale) -> Group:
        return group_of(key, name, self.counts, scale, self.split)

    def add(self, status: Status, rank: dict[str, int]) -> None:
        if status.name == SPLIT:
            self.split.append(status)
        else:
            self.counts[rank[status.name]] += 1


def group_of(
    key: str,
    name: str,
    counts: Sequence[int],
    scale: Scale,
    split: Sequence[Status] = (),
) -> Group:
    """The group of these counts per status, in the scale's order, and of the
    split commitments, each weighing in with its parties' means."""
    statuses = scale.statuses
    # fsum of count x weight does not depend on the order commitments came
    # in, so the same ledger always gives the same last digit.
    return Group(
        key=key,
        name=name,
        counts=tuple(counts),
        progress_total=math.fsum(
            [
                *(n * s.progress for n, s in zip(counts, statuses, strict=True)),
                *(s.progress for s in split),
            ]
        ),
        score_total=math.fsum(
            [
                *(n * s.score for n, s in zip(counts, statuses, strict=True)),
                *(s.score for s in split),
            ]
        ),
        split=len(split),
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
        state = row.state
        overall.add(state.status, rank)
        if row.commitment.category in categories:
            categories[row.commitment.category].add(state.status, rank)
        # Each party is scored on its own status, as the G20 Research Group
        # scores each member on each commitment.
        if state.parties:
            for party in state.parties:
                if party.code in parties:
                    parties[party.code].add(party.status, rank)
            continue
        i = rank[state.status.name]  # all parties share it: count it once
        for code in row.commitment.countries:
            if code in parties:
                parties[code].counts[i] += 1
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
    moved = None if since is None else _moved(changes(ledger, since, as_of, keep))
    by_key = ledger.source_by_key
    cited = {
        item: by_key[item] for m in moved or () for item in m.evidence if item in by_key
    }
    return Report(
        header=header,
        statuses=scale.names,
        overall=overall.group("all", "All commitments", scale),
        parties=tuple(t.group(c, names[c], scale) for c, t in parties.items()),
        categories=tuple(t.group(c, c, scale) for c, t in categories.items()),
        overdue=_overdue(rows, as_of, keep.countries),
        changes=moved,
        cited=tuple(cited.values()),
        rows=tuple(rows),
    )


def _empty_note(ledger: Ledger, as_of: dt.date, rows: Sequence[Row]) -> str | None:
    if rows:
        return None
    if any(c.made <= as_of for c in ledger.commitments):
        return f"no commitments match as of {as_of.isoformat()}"
    return f"no commitments as of {as_of.isoformat()}"


def _overdue(
    rows: Iterable[Row], as_of: dt.date, countries: tuple[str, ...]
) -> tuple[Overdue, ...]:
    """Commitments with an overdue party (one of `countries`, if given)."""
    late = []
    for r in rows:
        c, state = r.commitment, r.state
        if not state.overdue or c.due is None:
            continue
        name = state.status.name
        if state.parties:
            behind = [(p.code, p.status.name) for p in state.parties if p.overdue]
        else:  # all parties share the status, so all are overdue
            behind = [(code, name) for code in c.countries]
        if countries and not any(code in countries for code, _ in behind):
            continue
        late.append(
            Overdue(
                id=c.id,
                title=c.title,
                countries=tuple(code for code, _ in behind),
                category=c.category,
                status=name,
                due=c.due,
                days=(as_of - c.due).days,
                label=state.label(),
                parties=tuple(behind),
            )
        )
    # Longest overdue first; sorted() is stable, so ties keep ledger order.
    return tuple(sorted(late, key=lambda o: -o.days))


def _moved(entries: Iterable[Change]) -> tuple[Moved, ...]:
    return tuple(
        Moved(
            date=e.update.date,
            id=e.commitment.id,
            title=e.commitment.title,
            before=e.before,
            after=e.update.status,
            note=e.update.note,
            evidence=e.update.evidence,
            parties=e.update.parties or e.commitment.countries,
            by=e.update.by,
            named=bool(e.update.parties),
        )
        for e in entries
    )
