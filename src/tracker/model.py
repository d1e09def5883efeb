"""The ledger as immutable records, and the status each commitment had on a day.

Records are named tuples: cheap to define at start-up and to build by the
ten thousand from the cache.

Nothing here reads files or knows about the command line: a `Ledger` is built
by `tracker.loader` from TOML text and then only read.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import operator
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property
from typing import Any, NamedTuple

# The version of the ledger format this tracker reads and writes.
SCHEMA = 1


class Status(NamedTuple):
    """A step on the status scale.

    `progress` is the share delivered (0 to 1); `score` is the compliance score
    in the style of the G20 Research Group (+1 full, 0 partial, -1 not done);
    a `closed` status ends a commitment, which can then no longer be overdue.
    """

    name: str
    progress: float
    score: float
    closed: bool = False


class Scale(NamedTuple):
    """The ordered statuses of a ledger; the first is that of a new pledge."""

    statuses: tuple[Status, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.statuses)

    @property
    def first(self) -> Status:
        return self.statuses[0]

    def get(self, name: str) -> Status | None:
        for status in self.statuses:
            if status.name == name:
                return status
        return None

    def rank(self, name: str) -> int:
        """Position on the scale, for sorting; unknown names sort last."""
        names = self.names
        return names.index(name) if name in names else len(names)


DEFAULT_SCALE = Scale(
    (
        Status("pledged", 0.0, -1),
        Status("in-progress", 0.25, 0),
        Status("stalled", 0.25, -1),
        Status("partial", 0.5, 0),
        Status("fulfilled", 1.0, 1, closed=True),
        Status("abandoned", 0.0, -1, closed=True),
    )
)


class Source(NamedTuple):
    """Where commitments and evidence come from: a meeting, a statement."""

    key: str
    title: str
    date: dt.date | None  # when the event happened; an article may have none
    published: dt.date | None = None
    place: str | None = None
    url: str | None = None
    text: str | None = None  # archived copy, relative to the ledger
    publisher: str | None = None


class Commitment(NamedTuple):
    """A pledge, as curated by people; the tool never rewrites it."""

    id: str
    title: str
    countries: tuple[str, ...]
    category: str
    made: dt.date
    source: str
    quote: str
    due: dt.date | None = None
    tags: tuple[str, ...] = ()
    notes: str | None = None
    by: str | None = None  # who recorded it


class Update(NamedTuple):
    """One entry of the progress log: what happened to a commitment, and when."""

    commitment: str
    date: dt.date
    status: str
    note: str
    evidence: tuple[str, ...] = ()
    recorded: dt.datetime | None = None
    parties: tuple[str, ...] = ()  # the parties it concerns; () is all of them
    by: str | None = None  # who made the assessment

    def concerns(self, code: str) -> bool:
        return not self.parties or code in self.parties


SPLIT = "split"

# By commitment id: the status its last update set, the day that status
# began (None: the day it was made) and the day of its last update.
Ends = dict[str, tuple[str, dt.date | None, dt.date]]

# By commitment id: the day of its last update, and the notes of its updates
# by date, a line each.
UpdateNotes = dict[str, tuple[dt.date, str]]


class PartyState(NamedTuple):
    """Where one party to a commitment stood on a day."""

    code: str
    status: Status
    since: dt.date
    overdue: bool


class State(NamedTuple):
    """Where a commitment stood on a day.

    When its parties differ, `status` is a made-up status named `split` whose
    progress and score are the means of theirs, and `parties` says where each
    stands. When they agree, `parties` may be empty: each party then stands
    where the commitment does (see `party_states`).
    """

    status: Status
    since: dt.date  # when the current status began
    overdue: bool
    parties: tuple[PartyState, ...] = ()

    @property
    def split(self) -> bool:
        return self.status.name == SPLIT

    def party_states(self, commitment: Commitment) -> tuple[PartyState, ...]:
        """Each party's state, in the commitment's order."""
        if self.parties:
            return self.parties
        return tuple(
            PartyState(
                code=code, status=self.status, since=self.since, overdue=self.overdue
            )
            for code in commitment.countries
        )

    def label(self) -> str:
        """The status as every view shows it: `split: KZ fulfilled, CN pledged`."""
        if not self.split:
            return self.status.name
        each = ", ".join(f"{p.code} {p.status.name}" for p in self.parties)
        return f"{SPLIT}: {each}"


class Ledger:
    """A whole, valid ledger. Built once, then only read.

    A plain class rather than a named tuple, so that the indexes below can be
    computed once, on first use. A ledger from the cache may be given its
    update log as a function that decodes it, called on first use: listing
    commitments needs only `ends` and `split_ids`, which the cache keeps too.
    """

    FIELDS = (
        "title",
        "countries",
        "sources",
        "commitments",
        "updates",
        "scale",
        "require_evidence",
        "schema",
    )
    title: str
    countries: tuple[tuple[str, str], ...]  # (code, name) in ledger order
    sources: tuple[Source, ...]
    commitments: tuple[Commitment, ...]
    scale: Scale
    require_evidence: bool
    schema: int

    def __init__(
        self,
        title: str,
        countries: tuple[tuple[str, str], ...],
        sources: tuple[Source, ...],
        commitments: tuple[Commitment, ...],
        updates: tuple[Update, ...] | Callable[[], tuple[Update, ...]] = (),
        scale: Scale = DEFAULT_SCALE,
        require_evidence: bool = False,
        schema: int = 1,
        *,
        ends: Ends | None = None,
        split_ids: frozenset[str] | None = None,
        update_notes: Callable[[], UpdateNotes | None] | None = None,
    ) -> None:
        values = (
            title,
            countries,
            sources,
            commitments,
            updates,
            scale,
            require_evidence,
            schema,
        )
        for name, value in zip(self.FIELDS, values, strict=True):
            if name == "updates" and callable(value):
                name = "_decode_updates"  # see `updates`
            object.__setattr__(self, name, value)
        # Worked out before, and kept in the cache:
        if ends is not None:
            self.__dict__["ends"] = ends
        if split_ids is not None:
            self.__dict__["split_ids"] = split_ids
        # Decoded on first use, or None: worked out from the log after all.
        self.__dict__["_given_update_notes"] = update_notes

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a Ledger is read-only; cannot set {name!r}")

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.FIELDS)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Ledger) and self._values() == other._values()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            f"Ledger(title={self.title!r}, {len(self.commitments)} commitments, "
            f"{len(self.updates)} updates)"
        )

    def extended(
        self, commitments: tuple[Commitment, ...], updates: tuple[Update, ...]
    ) -> Ledger:
        """This ledger with blocks appended at the end of the file.

        What this one worked out from its update log and keeps in the cache
        (`ends`, `split_ids`, `update_notes`) is carried over, worked out
        again only for the commitments of the new updates: sorting every
        history again costs more than the rest of a write."""
        log = self.updates + updates
        touched = {u.commitment for u in updates}
        histories = _histories(u for u in log if u.commitment in touched)
        split = self.split_ids | split_commitments(updates)
        ends = {cid: end for cid, end in self.ends.items() if cid not in touched}
        ends.update(_ends(histories, split, self.scale.statuses[0].name))

        def update_notes() -> UpdateNotes:
            return {**self.update_notes, **_notes(histories)}

        return self.replaced(
            commitments=self.commitments + commitments,
            updates=log,
            ends=ends,
            split_ids=split,
            update_notes=update_notes,
        )

    def replaced(self, **changes: object) -> Ledger:
        """This ledger with some fields changed (a source added, say). What
        it worked out from its update log is worked out anew, unless given
        too (`ends=`, `split_ids=`, `update_notes=`: see `extended`)."""
        values: dict[str, Any] = dict(zip(self.FIELDS, self._values(), strict=True))
        values.update(changes)
        return Ledger(**values)

    @cached_property
    def updates(self) -> tuple[Update, ...]:
        """The update log, in file order: given as such, or decoded on first
        use by the function the ledger was given instead."""
        decode: Callable[[], tuple[Update, ...]] = self.__dict__["_decode_updates"]
        return decode()

    @cached_property
    def country_names(self) -> dict[str, str]:
        return dict(self.countries)

    @cached_property
    def source_by_key(self) -> dict[str, Source]:
        return {s.key: s for s in self.sources}

    @cached_property
    def commitment_by_id(self) -> dict[str, Commitment]:
        return {c.id: c for c in self.commitments}

    @cached_property
    def histories(self) -> dict[str, tuple[Update, ...]]:
        """Each commitment's updates by date; file order breaks ties."""
        return _histories(self.updates)

    def history(self, commitment_id: str) -> tuple[Update, ...]:
        return self.histories.get(commitment_id, ())

    @cached_property
    def ends(self) -> Ends:
        """Where each commitment with updates stands at the end of its history
        (its state on any day from its last update on), unless an update
        concerns only some of its parties: see `Ends`. Kept in the cache, so
        that a warm run needs no history to list ten thousand commitments."""
        return _ends(self.histories, self.split_ids, self.scale.statuses[0].name)

    @cached_property
    def update_notes(self) -> UpdateNotes:
        """The notes of each commitment's updates, the text an export
        indexes. Kept in the cache, so that an export needs no update log to
        write its commitments."""
        given: Callable[[], UpdateNotes | None] | None = self.__dict__[
            "_given_update_notes"
        ]
        notes = given() if given is not None else None
        return notes if notes is not None else _notes(self.histories)

    @cached_property
    def status_named(self) -> dict[str, Status]:
        return {s.name: s for s in reversed(self.scale.statuses)}

    @cached_property
    def categories(self) -> tuple[str, ...]:
        """Categories in order of first appearance."""
        return tuple(dict.fromkeys(c.category for c in self.commitments))

    @cached_property
    def split_ids(self) -> frozenset[str]:
        """Commitments with an update that concerns only some of their parties:
        only these need a status worked out party by party."""
        return split_commitments(self.updates)

    def state(self, commitment: Commitment, on: dt.date) -> State:
        """The status of `commitment` on day `on`, derived from the update log."""
        known = self.histories.get(commitment.id, ())
        # Updates on day `on` count: take those dated on or before it (on
        # today, that is all of them: no update is dated after today).
        if known and known[-1].date > on:
            known = known[: bisect.bisect_right(known, on, key=_date_of)]
        if commitment.id not in self.split_ids:
            # Every update concerns every party: the commitment's own status.
            # (The common case, and a hot path: the record is positional.)
            status, since = self._latest(commitment, known)
            overdue = (
                commitment.due is not None and commitment.due < on and not status.closed
            )
            return State(status, since, overdue)
        parties = []
        for code in commitment.countries:
            status, since = self._latest(
                commitment, [u for u in known if u.concerns(code)]
            )
            overdue = _overdue(commitment, status, on)
            parties.append(
                PartyState(code=code, status=status, since=since, overdue=overdue)
            )
        statuses = {p.status for p in parties}
        # Each party changed on its own day; the commitment as a whole has
        # stood as it is since the last of them.
        since = max(p.since for p in parties)
        overdue = any(p.overdue for p in parties)
        if len(statuses) == 1:
            return State(
                status=parties[0].status,
                since=since,
                overdue=overdue,
                parties=tuple(parties),
            )
        n = len(parties)
        split = Status(
            name=SPLIT,
            progress=math.fsum(p.status.progress for p in parties) / n,
            score=math.fsum(p.status.score for p in parties) / n,
            closed=all(p.status.closed for p in parties),
        )
        return State(status=split, since=since, overdue=overdue, parties=tuple(parties))

    def states(self, on: dt.date) -> list[tuple[Commitment, State]]:
        """`(c, self.state(c, on))` for each commitment made by day `on`, in
        ledger order: worked out in one pass from `ends`, without `state`'s
        look at each history, where every update concerns every party and
        none is after `on` (a list of ten thousand commitments asks for
        every one)."""
        ends = self.ends
        split = self.split_ids
        status_named = self.status_named
        first = self.scale.statuses[0]
        make = State._make
        states = []
        for c in self.commitments:
            if c.made > on:
                continue
            end = ends.get(c.id)
            if end is not None and end[2] <= on:
                name, began, _ = end
                status = status_named.get(name, first)
                since = c.made if began is None else began
            elif end is None and c.id not in split:  # no update at all
                status, since = first, c.made
            else:
                states.append((c, self.state(c, on)))
                continue
            overdue = c.due is not None and c.due < on and not status.closed
            states.append((c, make((status, since, overdue, ()))))
        return states

    def _latest(
        self, commitment: Commitment, known: Sequence[Update]
    ) -> tuple[Status, dt.date]:
        """The status the last of `known` set, and the day it began."""
        first = self.scale.statuses[0]
        if not known:
            return first, commitment.made
        name, since = _last_run(known, first.name)
        status = self.status_named.get(name, first)
        return status, commitment.made if since is None else since


def _histories(updates: Iterable[Update]) -> dict[str, tuple[Update, ...]]:
    """`updates` (in file order) by commitment, each by date."""
    grouped: dict[str, list[Update]] = {}
    for update in updates:
        grouped.setdefault(update.commitment, []).append(update)
    # sorted() is stable, so updates on one day keep their file order.
    return {cid: tuple(sorted(ups, key=_date_of)) for cid, ups in grouped.items()}


def _ends(
    histories: dict[str, tuple[Update, ...]], split: frozenset[str], first: str
) -> Ends:
    """See `Ledger.ends`: of `histories`, but for the `split` commitments;
    `first` is the status of a new pledge."""
    return {
        cid: (*_last_run(known, first), known[-1].date)
        for cid, known in histories.items()
        if cid not in split
    }


def _notes(histories: dict[str, tuple[Update, ...]]) -> UpdateNotes:
    """See `Ledger.update_notes`."""
    return {
        cid: (known[-1].date, "\n".join(map(_note_of, known)))
        for cid, known in histories.items()
    }


def split_commitments(updates: Iterable[Update]) -> frozenset[str]:
    """The commitments with an update that names only some of their parties."""
    return frozenset(u.commitment for u in updates if u.parties)


def _last_run(known: Sequence[Update], first: str) -> tuple[str, dt.date | None]:
    """The status the last of `known` (a history, by date) set, and the day
    it began: None for the day the commitment was made, where every update
    re-confirms `first`, the status of a new pledge."""
    name = known[-1].status
    since = known[-1].date
    # A re-confirmation does not restart the clock: the status began
    # with the first of the latest run of updates that share it.
    for update in reversed(known):
        if update.status != name:
            return name, since
        since = update.date
    return name, None if name == first else since


# An update's date, as a C function: it is the sort key of every history.
_date_of = operator.itemgetter(Update._fields.index("date"))
_note_of = operator.itemgetter(Update._fields.index("note"))


def _overdue(commitment: Commitment, status: Status, on: dt.date) -> bool:
    return commitment.due is not None and commitment.due < on and not status.closed
