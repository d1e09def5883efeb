"""What a full status report shows, as plain data: the one view the HTML, SVG
and Markdown reports are drawn from.

`context` reads the ledger and the `Report` built from it and works out every
figure, chart bar and commitment section once; the templates and the Markdown
writer only lay them out. Ledger text is made safe to show here (controls
escaped); escaping for HTML or Markdown is the renderer's job.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence
from functools import partial
from itertools import accumulate
from operator import attrgetter
from typing import NamedTuple

from tracker import __version__
from tracker._memo import Memo
from tracker.aggregate import Group, Report, group_of
from tracker.model import SPLIT, Commitment, Ledger, PartyState, State, Status
from tracker.query import Filter, Row, passes, select
from tracker.render.report_text import percent_text, score_text
from tracker.render.text import multi_line, one_line
from tracker.views import Lazy

# The Okabe-Ito palette, safe for the common kinds of colour blindness, in
# the order of the default scale: pledged grey, in-progress sky blue, stalled
# orange, partial blue, fulfilled bluish green, abandoned vermilion. A custom
# scale takes them by position. Colour is never the only sign: every bar and
# badge carries its status as text too.
PALETTE = (
    "#b8b8b8",
    "#56b4e9",
    "#e69f00",
    "#0072b2",
    "#009e73",
    "#d55e00",
    "#cc79a7",
    "#f0e442",
)
# Sections of a ledger this large start folded, so the page stays usable.
OPEN_SECTIONS_UP_TO = 50
_LINKABLE = re.compile(r"https?://[^\s<>\"'`\\]+\Z", re.IGNORECASE)
# The same rule for an address all in ASCII (most of them), its whitespace
# spelt out (tab to carriage return, \x1c to the space): a set of characters
# the regex engine tests with a bitmap, where \s and case-folding make it try
# each member in turn for each character.
_LINKABLE_ASCII = re.compile(r"[hH][tT][tT][pP][sS]?://[^\t-\r\x1c- <>\"'`\\]+\Z")


class Legend(NamedTuple):
    """A status of the scale, with its colour class and weights."""

    name: str
    rank: int
    colour: str
    progress: float
    score: float
    closed: bool


class Segment(NamedTuple):
    """One status's share of a stacked bar, as fractions of the bar's length."""

    status: str
    rank: int
    colour: str
    number: int  # of commitments in this status
    start: float
    share: float


class Bar(NamedTuple):
    """A stacked bar of status counts: a party, a category or a quarter end."""

    key: str
    label: str
    total: int
    counts: tuple[int, ...]
    segments: tuple[Segment, ...]
    progress: str  # "25.0%", or "-" for no commitments
    score: str
    compliance: str
    compliance_value: float | None  # 0 to 100, for the line chart


class Link(NamedTuple):
    """Evidence or a source as shown: its text, and a URL only if safe to follow."""

    text: str
    url: str | None = None


class PartyStatus(NamedTuple):
    code: str
    name: str
    status: str
    rank: int
    progress: float  # 0 to 1
    progress_text: str


# A section and each of its updates are classes with slots, not named
# tuples: the page reads some 600,000 of their attributes, and an attribute
# of a class with slots is read in a third of the time of a named tuple's.
# Written out rather than made by `dataclasses`, whose import and generated
# code would cost every run that shows a report about 3 ms.
class Entry:
    """An update of a commitment's history, as shown."""

    __slots__ = ("by", "date", "evidence", "named", "note", "parties", "rank", "status")

    def __init__(
        self,
        date: str,
        status: str,
        rank: int,
        parties: str,  # the codes it concerns: those it names, else all
        note: str,
        evidence: tuple[Link, ...],
        by: str | None = None,  # who assessed it
        named: str = "",  # the parties it names, "" when it concerns all
    ) -> None:
        self.date = date
        self.status = status
        self.rank = rank
        self.parties = parties
        self.note = note
        self.evidence = evidence
        self.by = by
        self.named = named


class Section:
    """Everything about one commitment on the report's date."""

    __slots__ = (
        "anchor",
        "assessed",
        "category",
        "due",
        "earlier",
        "history",
        "id",
        "latest",
        "made",
        "notes",
        "overdue_days",
        "parties",
        "quote",
        "rank",
        "since",
        "source",
        "source_date",
        "source_place",
        "status",
        "title",
    )

    def __init__(
        self,
        id: str,
        anchor: str,
        title: str,
        category: str,
        status: str,
        rank: int,
        since: str,
        parties: tuple[PartyStatus, ...],
        made: str,
        due: str | None,
        overdue_days: int | None,
        source: Link,
        source_date: str | None,
        source_place: str | None,
        quote: str,
        notes: str | None,
        latest: Entry | None,
        history: tuple[Entry, ...],
        earlier: tuple[Entry, ...] = (),  # the history before the latest, newest first
        assessed: bool = False,  # whether the ledger says who assessed any of those
    ) -> None:
        self.id = id
        self.anchor = anchor
        self.title = title
        self.category = category
        self.status = status
        self.rank = rank
        self.since = since
        self.parties = parties
        self.made = made
        self.due = due
        self.overdue_days = overdue_days
        self.source = source
        self.source_date = source_date
        self.source_place = source_place
        self.quote = quote
        self.notes = notes
        self.latest = latest
        self.history = history
        self.earlier = earlier
        self.assessed = assessed


class ChangeRow(NamedTuple):
    date: str
    id: str
    anchor: str
    title: str
    before: str
    before_rank: int
    after: str
    after_rank: int
    note: str
    evidence: tuple[Link, ...]
    parties: str = ""  # the parties the update names, "" when it concerns all
    by: str | None = None  # who assessed the change


class OverdueRow(NamedTuple):
    id: str
    anchor: str
    title: str
    status: str
    rank: int
    due: str
    days: int


class Figure(NamedTuple):
    """A headline number: its label, value and a line saying what it means."""

    label: str
    value: str
    detail: str


class View(NamedTuple):
    """The whole report, ready to lay out."""

    title: str
    as_of: str
    since: str | None
    scope: str  # the filters and window, in words
    note: str | None
    figures: tuple[Figure, ...]
    legend: tuple[Legend, ...]  # the scale
    swatches: tuple[Legend, ...]  # the colours the charts use: the scale, and split
    overall: Bar
    parties: tuple[Bar, ...]
    categories: tuple[Bar, ...]
    timeline: tuple[Bar, ...]
    sections: Sequence[Section]  # made as they are read (`views.Lazy`)
    sections_open: bool
    changes: tuple[ChangeRow, ...] | None
    overdue: tuple[OverdueRow, ...]
    version: str
    ledger_sha256: str


def context(
    ledger: Ledger,
    report: Report,
    keep: Filter | None,
    ledger_sha256: str,
) -> View:
    """The view of `report`, which was built from `ledger` with `keep`."""
    h = report.header
    as_of = h.as_of
    legend = tuple(
        Legend(s.name, i, colour(i), s.progress, s.score, s.closed)
        for i, s in enumerate(ledger.scale.statuses)
    )
    rank = {s.name: s.rank for s in legend}
    rows = select(ledger, as_of, keep) if report.rows is None else report.rows
    shown = _Shown(ledger, rank)
    # Each section made as the page reaches it and written at once, so the
    # page never holds them all; what they share is worked out once (`_Shown`).
    sections = Lazy(rows, partial(_section, shown, as_of))
    overall = bar(report.overall, legend)
    points = timeline(ledger, as_of, keep, legend)
    split = any(p.segments and p.segments[-1].status == SPLIT for p in points)
    fulfilled = _closed_done(report, ledger)
    return View(
        title=one_line(h.title),
        as_of=as_of.isoformat(),
        since=h.since.isoformat() if h.since else None,
        scope=one_line(scope_text(report)),
        note=h.note,
        figures=(
            Figure("Commitments", str(h.commitments), f"made by {as_of.isoformat()}"),
            Figure(
                "Fulfilled",
                str(fulfilled),
                f"of {h.commitments}" if h.commitments else "none to fulfil",
            ),
            Figure("Progress", overall.progress, "mean share delivered"),
            Figure(
                "Compliance",
                overall.compliance,
                f"mean score {overall.score} on -1 to +1",
            ),
            Figure("Overdue", str(len(report.overdue)), "past their due date"),
        ),
        legend=legend,
        swatches=legend + ((split_legend(legend),) if split else ()),
        overall=overall,
        parties=tuple(bar(g, legend, f"{g.name} ({g.key})") for g in report.parties),
        categories=tuple(bar(g, legend) for g in report.categories),
        timeline=points,
        sections=sections,
        sections_open=len(sections) <= OPEN_SECTIONS_UP_TO,
        changes=None
        if report.changes is None
        else tuple(
            ChangeRow(
                c.date.isoformat(),
                one_line(c.id),
                anchor(c.id),
                one_line(c.title),
                one_line(c.before),
                rank.get(c.before, 0),
                one_line(c.after),
                rank.get(c.after, 0),
                multi_line(c.note),
                evidence_links(ledger, c.evidence),
                parties=", ".join(one_line(p) for p in c.parties) if c.named else "",
                by=one_line(c.by) if c.by else None,
            )
            for c in report.changes
        ),
        overdue=tuple(
            OverdueRow(
                one_line(o.id),
                anchor(o.id),
                one_line(o.title),
                one_line(o.label or o.status),
                rank.get(o.status, len(legend)),
                o.due.isoformat(),
                o.days,
            )
            for o in report.overdue
        ),
        version=__version__,
        ledger_sha256=ledger_sha256,
    )


def colour(rank: int) -> str:
    return PALETTE[rank % len(PALETTE)]


def anchor(commitment_id: str) -> str:
    """The fragment of a commitment's section: ids are slugs, so always safe."""
    return "c-" + commitment_id


def scope_text(report: Report) -> str:
    """What the report covers beyond its date: count, window and filters."""
    h = report.header
    noun = "commitment" if h.commitments == 1 else "commitments"
    parts = [f"{h.commitments} {noun} shown"]
    if h.since is not None:
        parts.append(f"changes from {h.since.isoformat()} to {h.as_of.isoformat()}")
    parts += h.filters()
    return "; ".join(parts)


def _closed_done(report: Report, ledger: Ledger) -> int:
    """Commitments at the top of the scale's progress (fulfilled, by default)."""
    top = max(s.progress for s in ledger.scale.statuses)
    return sum(
        n
        for n, s in zip(report.overall.counts, ledger.scale.statuses, strict=True)
        if s.progress == top and s.closed
    )


def split_legend(legend: Sequence[Legend]) -> Legend:
    """The colour of split commitments, after the scale's: their progress
    and score are their parties' means, so it has none of its own."""
    return Legend(SPLIT, len(legend), colour(len(legend)), 0.0, 0.0, False)


def bar(group: Group, legend: Sequence[Legend], label: str | None = None) -> Bar:
    """A group's counts as a stacked bar, in the scale's order, and last the
    split commitments, whose parties stand apart (never in a party's bar)."""
    total = group.total
    segments = []
    start = 0.0
    split = split_legend(legend)
    for status, count in zip(
        (*legend, split), (*group.counts, group.split), strict=True
    ):
        if count:
            share = count / total
            segments.append(
                Segment(
                    one_line(status.name),
                    status.rank,
                    status.colour,
                    count,
                    start,
                    share,
                )
            )
            start += share
    compliance = group.compliance_percent
    return Bar(
        key=one_line(group.key),
        label=one_line(label or group.name),
        total=total,
        counts=group.counts,
        segments=tuple(segments),
        progress=percent_text(group.progress_percent),
        score=score_text(group.score),
        compliance=percent_text(compliance),
        compliance_value=compliance,
    )


def quarter_ends(first: dt.date, last: dt.date) -> list[dt.date]:
    """The quarter ends from the one on or after `first` up to `last`, and
    `last` itself when it is not one, so the chart ends on the report's day."""
    days = []
    year, quarter = first.year, (first.month - 1) // 3
    while True:
        month = 3 * quarter + 3
        end = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(1)
        if end > last:
            break
        days.append(end)
        year, quarter = (year + 1, 0) if quarter == 3 else (year, quarter + 1)
    if not days or days[-1] != last:
        days.append(last)
    return days


def timeline(
    ledger: Ledger, as_of: dt.date, keep: Filter | None, legend: Sequence[Legend]
) -> tuple[Bar, ...]:
    """The overall counts and compliance at each quarter end from the earliest
    pledge to `as_of`, each exactly the report `--as-of` that day would give.

    A commitment's status only changes on the days of its updates, so each
    one adds its count to a run of quarter ends at a time: a few bisections
    per update rather than a step per quarter (a ten-thousand-commitment
    ledger spans dozens of quarters).
    """
    made = [c.made for c in ledger.commitments if c.made <= as_of]
    if not made:
        return ()
    days = quarter_ends(min(made), as_of)
    keep = keep or Filter()
    end = len(days)
    # Per status, +1 where a run of days in it starts and -1 where it ends.
    steps = [[0] * (end + 1) for _ in legend]
    split: list[list[Status]] = [[] for _ in days]
    scale = ledger.scale
    rank = {s.name: s.rank for s in legend}
    # As Ledger.state: an unknown status reads as the first of the scale.
    shown: dict[str, Status] = {}
    for s in scale.statuses:
        shown.setdefault(s.name, s)  # as Scale.get: the first of a name
    # Looked up once: the loop below runs once per commitment.
    first, histories, split_ids = scale.first, ledger.histories, ledger.split_ids
    statuses, overdue = keep.statuses, keep.overdue
    every = not (keep.countries or keep.categories or keep.sources or keep.search)
    # The index of the first quarter end on or after a day, and after it:
    # a few hundred distinct days among tens of thousands of dates.
    left: Memo[dt.date, int] = Memo(partial(bisect.bisect_left, days))
    right: Memo[dt.date, int] = Memo(partial(bisect.bisect_right, days))
    # Without a filter on status, each status's row of steps by name.
    every_status = not (statuses or overdue)
    row_of = {name: steps[rank[name]] for name in shown}
    first_row = row_of[first.name]
    for c in ledger.commitments:
        if c.made > as_of or not (every or passes(c, keep)):
            continue
        if c.id in split_ids:
            _split_days(ledger, c, days, keep, split, rank, steps)
            continue
        # The first quarter end on or after the pledge, then the first on or
        # after each update: from there on, the latest update is that one.
        pledged = left[c.made]
        if every_status:
            # As the runs below, counted as each one ends: no list of them.
            start, row = pledged, first_row
            for u in histories.get(c.id, ()):
                next_start = left[u.date]
                if next_start >= end:
                    break
                if next_start < pledged:
                    next_start = pledged
                if start < next_start:
                    row[start] += 1
                    row[next_start] -= 1
                start, row = next_start, row_of.get(u.status, first_row)
            if start < end:
                row[start] += 1
                row[end] -= 1
            continue
        runs = [(pledged, first)]
        for u in histories.get(c.id, ()):
            start = left[u.date]
            if start >= end:
                break
            runs.append((max(start, pledged), shown.get(u.status) or first))
        # Overdue from the first quarter end after the due date.
        overdue_from = end if c.due is None else right[c.due]
        last = len(runs) - 1
        for i, (start, status) in enumerate(runs):
            stop = runs[i + 1][0] if i < last else end
            if statuses and status.name not in statuses:
                continue
            if overdue:
                if status.closed:
                    continue
                start = max(start, overdue_from)
            if start < stop:
                row = steps[rank[status.name]]
                row[start] += 1
                row[stop] -= 1
    # Each day's count per status: the steps summed up to that day.
    runs_per_status = [list(accumulate(row[:end])) for row in steps]
    counts = [list(n) for n in zip(*runs_per_status, strict=True)]
    return tuple(
        bar(group_of(d.isoformat(), d.isoformat(), n, scale, s), legend)
        for d, n, s in zip(days, counts, split, strict=True)
    )


def _split_days(
    ledger: Ledger,
    c: Commitment,
    days: Sequence[dt.date],
    keep: Filter,
    split: list[list[Status]],
    rank: dict[str, int],
    steps: list[list[int]],
) -> None:
    """A commitment whose parties may stand apart: each day's state party by
    party, as the report that day works it out (few commitments need it).

    Between two of its updates the state is the same each day but for being
    overdue, which only the overdue filter reads: without that filter, it is
    worked out once per run of days between updates, not once per day."""
    dates = [u.date for u in ledger.history(c.id)]
    end = len(days)
    k = bisect.bisect_left(days, c.made)  # the first day it was made by
    while k < end:
        day = days[k]
        seen = bisect.bisect_right(dates, day)  # the updates known that day
        if keep.overdue:
            stop = k + 1
        elif seen == len(dates):
            stop = end
        else:  # up to the first day that knows the next update
            stop = bisect.bisect_left(days, dates[seen], k + 1)
        if not seen and not (keep.statuses or keep.overdue):
            # Before its first update every party stands at the scale's
            # first status, as the chart counts any other commitment.
            row = steps[rank[ledger.scale.first.name]]
            row[k] += 1
            row[stop] -= 1
            k = stop
            continue
        state = ledger.state(c, day)
        if not (keep.statuses or keep.overdue) or _party_passes(
            state.party_states(c), keep
        ):
            if state.split:
                for j in range(k, stop):
                    split[j].append(state.status)
            else:
                row = steps[rank[state.status.name]]
                row[k] += 1
                row[stop] -= 1
        k = stop


def _party_passes(parties: Sequence[PartyState], keep: Filter) -> bool:
    """As the report's filter: a party (one of `keep.countries`, if given)
    has a status asked for and, if asked, is overdue."""
    return any(
        (not keep.statuses or p.status.name in keep.statuses)
        and (not keep.overdue or p.overdue)
        for p in parties
        if not keep.countries or p.code in keep.countries
    )


def party_statuses(commitment: Commitment, state: State) -> dict[str, Status]:
    """Each party's own status on the day: a split commitment's parties
    stand apart; otherwise every party stands where the commitment does."""
    return {p.code: p.status for p in state.party_states(commitment)}


class _Shown:
    """What every section shares, worked out once per report rather than once
    per commitment or update: dates and names as shown, each party's badge,
    evidence links. A ledger of ten thousand commitments has a few hundred
    distinct days and a handful of statuses among some thirty thousand."""

    def __init__(self, ledger: Ledger, rank: dict[str, int]) -> None:
        self.ledger = ledger
        self.histories = ledger.histories
        self.rank = rank
        self.names = {code: one_line(name) for code, name in ledger.countries}
        self.statuses: Memo[str, str] = Memo(one_line)
        self.days: Memo[dt.date, str] = Memo(dt.date.isoformat)
        self.parties: dict[tuple[str, str], PartyStatus] = {}
        self.categories: Memo[str, str] = Memo(one_line)
        self.sources: Memo[str, tuple[Link, str | None, str | None]] = Memo(self.source)
        self.groups: dict[tuple[tuple[str, ...], str], tuple[PartyStatus, ...]] = {}
        self.sources_by_key = ledger.source_by_key
        self.links: Memo[str, Link] = Memo(self.link)
        # Updates often cite the same sources: each list is worked out once.
        self.lists: Memo[tuple[str, ...], tuple[Link, ...]] = Memo(self.evidence)

    def party(self, code: str, status: Status) -> PartyStatus:
        key = (code, status.name)
        found = self.parties.get(key)
        if found is None:
            found = self.parties[key] = PartyStatus(
                code,
                self.names.get(code, code),
                self.statuses[status.name],
                self.rank.get(status.name, 0),
                status.progress,
                percent_text(100 * status.progress),
            )
        return found

    def source(self, key: str) -> tuple[Link, str | None, str | None]:
        """A source as a pledge cites it: its link, date and place."""
        s = self.ledger.source_by_key[key]
        return (
            self.links[key],
            self.days[s.date] if s.date else None,
            one_line(s.place) if s.place else None,
        )

    def all_parties(
        self, codes: tuple[str, ...], status: Status
    ) -> tuple[PartyStatus, ...]:
        """Parties who all stand where their commitment does (as
        `party_statuses`: each code once)."""
        key = (codes, status.name)
        found = self.groups.get(key)
        if found is None:
            found = tuple(self.party(code, status) for code in dict.fromkeys(codes))
            self.groups[key] = found
        return found

    def evidence(self, items: tuple[str, ...]) -> tuple[Link, ...]:
        """As `evidence_links` gives them. Most evidence is cited once, so
        each link is made here, not by a call per link through the memo."""
        links, sources = self.links, self.sources_by_key
        made = []
        for item in items:
            link = links.get(item)
            if link is None:
                source = sources.get(item)
                text, url = (
                    (item, item) if source is None else (source.title, source.url)
                )
                link = links[item] = _new(
                    Link,
                    (
                        text if text.isprintable() else one_line(text),
                        url if url and _linkable(url) else None,  # safe_url
                    ),
                )
            made.append(link)
        return tuple(made)

    def link(self, item: str) -> Link:
        """As `evidence_links` gives it."""
        source = self.sources_by_key.get(item)
        if source is None:
            return Link(one_line(item), safe_url(item))
        return Link(one_line(source.title), safe_url(source.url))


# Tuple's own constructor: a named tuple's runs a Python function per record,
# and a report of ten thousand commitments makes some fifteen thousand links.
_new = tuple.__new__


# Who assessed an update, of an `Entry`: read in C, for each section's list.
_BY = attrgetter("by")


def _section(shown: _Shown, as_of: dt.date, row: Row) -> Section:
    # Text already printable, nearly all of it, is taken as it is here, as
    # one_line and multi_line would return it, without a call per field.
    c, state = row
    current, since, overdue, split_parties = state
    name = current.name
    if split_parties:
        parties = tuple(
            shown.party(code, status)
            for code, status in party_statuses(c, state).items()
        )
    else:
        parties = shown.all_parties(c.countries, current)
    # An update that names no party concerns them all.
    codes = " ".join(c.countries)
    # The log is in date order: the updates up to the report's day lead it.
    log = shown.histories.get(c.id, ())
    if log and log[-1].date > as_of:
        log = log[: bisect.bisect_right(log, as_of, key=lambda u: u.date)]
    days, statuses, rank, lists = shown.days, shown.statuses, shown.rank, shown.lists
    # Each update's fields unpacked at once, and looked up in the memos
    # above: a few C calls per update rather than a Python call per field.
    history = tuple(
        [
            Entry(
                days[day],
                statuses[status],
                rank.get(status, 0),
                " ".join(named) if named else codes,
                note if note.isprintable() else multi_line(note),
                lists[evidence],
                (by if by.isprintable() else one_line(by)) if by else None,
                ", ".join(named),
            )
            for _, day, status, note, evidence, _, named, by in log
        ]
    )
    earlier = history[-2::-1]
    source, source_date, source_place = shown.sources[c.source]
    due = c.due
    return Section(
        i if (i := c.id).isprintable() else one_line(i),
        "c-" + c.id,  # as `anchor`
        t if (t := c.title).isprintable() else one_line(t),
        shown.categories[c.category],
        one_line(state.label()) if name == SPLIT else statuses[name],
        rank.get(name, len(rank)),
        days[since],
        parties,
        days[c.made],
        days[due] if due else None,
        (as_of - due).days if overdue and due else None,
        source,
        source_date,
        source_place,
        q if (q := c.quote).isprintable() else multi_line(q),
        multi_line(c.notes) if c.notes else None,
        history[-1] if history else None,
        history,
        earlier,
        any(map(_BY, earlier)),
    )


def safe_url(url: str | None) -> str | None:
    """`url` if it is an http or https address with nothing that could break
    out of an attribute or a Markdown link; None otherwise."""
    if url and _linkable(url):
        return url
    return None


def _linkable(url: str) -> bool:
    return (_LINKABLE_ASCII if url.isascii() else _LINKABLE).match(url) is not None


def evidence_links(ledger: Ledger, evidence: Sequence[str]) -> tuple[Link, ...]:
    """Evidence as links: a URL is followed only if http or https; a source
    key shows the source's title and links to its `url`."""
    links = []
    sources = ledger.source_by_key
    for item in evidence:
        source = sources.get(item)
        if source is not None:
            links.append(Link(one_line(source.title), safe_url(source.url)))
        else:
            links.append(Link(one_line(item), safe_url(item)))
    return tuple(links)
