"""Choosing and ordering commitments, and describing them as plain records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from tracker.errors import TrackerError, UnknownCommitment
from tracker.model import SPLIT, Commitment, Ledger, State, Update

SORT_KEYS = ("id", "due", "status", "country")
_NEVER = dt.date.max


class Row(NamedTuple):
    """A commitment and where it stood on the day asked."""

    commitment: Commitment
    state: State


class Filter(NamedTuple):
    """What to keep; an empty field keeps everything."""

    countries: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    search: str | None = None
    overdue: bool = False
    sources: tuple[str, ...] = ()  # keys of the meetings they were made at


def nearest(word: str, choices: Any, n: int = 1) -> list[str]:
    # Imported here: only a failed lookup needs the rule set's matcher.
    from tracker.rules import nearest

    return nearest(word, choices, n)


def _unknown(what: str, plural: str, word: str, known: Sequence[str]) -> TrackerError:
    close = nearest(word, known)
    hint = f"the {plural} are: {', '.join(known)}"
    if close:
        hint = f"did you mean {close[0]}? {hint}"
    return TrackerError(f"no {what} {word!r} in the ledger", hint=hint)


def _choose(
    wanted: Iterable[str], known: Sequence[str], what: str, plural: str
) -> tuple[str, ...]:
    chosen = []
    for word in wanted:
        name = in_any_case(word, known)
        if name is None:
            raise _unknown(what, plural, word, known)
        chosen.append(name)
    return tuple(chosen)


def in_any_case(word: str, known: Iterable[str]) -> str | None:
    """The name in `known` that `word` is, in any case (`Pledged` is
    `pledged`), as a country's code or name is; None if none is."""
    if word in known:
        return word
    folded = word.strip().casefold()
    return next((name for name in known if name.casefold() == folded), None)


def country_codes(ledger: Ledger, wanted: Iterable[str]) -> tuple[str, ...]:
    """Country codes for codes or names given in any case."""
    by_word = {code.casefold(): code for code, _ in ledger.countries}
    by_word.update({name.casefold(): code for code, name in ledger.countries})
    codes = []
    for word in wanted:
        code = by_word.get(word.strip().casefold())
        if code is None:
            names = [f"{code} ({name})" for code, name in ledger.countries]
            error = _unknown("country", "countries", word, names)
            close = nearest(word, [*ledger.country_names.values()])
            error.hint = f"did you mean {close[0]}?" if close else error.hint
            raise error
        codes.append(code)
    return tuple(codes)


def make_filter(
    ledger: Ledger,
    countries: Iterable[str] = (),
    statuses: Iterable[str] = (),
    categories: Iterable[str] = (),
    search: str | None = None,
    overdue: bool = False,
    sources: Iterable[str] = (),
) -> Filter:
    """A filter whose every value is checked against the ledger."""
    return Filter(
        countries=country_codes(ledger, countries),
        statuses=_choose(statuses, ledger.scale.names, "status", "statuses"),
        categories=_choose(categories, ledger.categories, "category", "categories"),
        search=search.casefold() if search else None,
        overdue=overdue,
        sources=_choose(sources, tuple(ledger.source_by_key), "source", "sources"),
    )


EVERYTHING = Filter()


def _matches(row: Row, keep: Filter) -> bool:
    if (keep.statuses or keep.overdue) and not _party_matches(row, keep):
        return False
    return passes(row.commitment, keep)


def passes(c: Commitment, keep: Filter) -> bool:
    """Whether `c` passes the parts of `keep` that hold whatever the day:
    countries, categories and search (not status or overdue)."""
    if keep.countries and not set(keep.countries) & set(c.countries):
        return False
    if keep.categories and c.category not in keep.categories:
        return False
    if keep.sources and c.source not in keep.sources:
        return False
    if keep.search:
        haystack = (c.id, c.title, c.quote, c.notes or "")
        return any(keep.search in text.casefold() for text in haystack)
    return True


def _party_matches(row: Row, keep: Filter) -> bool:
    """Whether a party has a status asked for and, if asked, is overdue: any
    party, or with countries given, one of those. The same party must pass
    both, so `-c KZ -s pledged --overdue` asks about Kazakhstan alone."""
    state = row.state
    if not state.parties and not keep.countries:
        # Every party stands where the commitment does.
        return (not keep.statuses or state.status.name in keep.statuses) and (
            not keep.overdue or state.overdue
        )
    return any(
        (not keep.statuses or p.status.name in keep.statuses)
        and (not keep.overdue or p.overdue)
        for p in state.party_states(row.commitment)
        if not keep.countries or p.code in keep.countries
    )


def select(ledger: Ledger, on: dt.date, keep: Filter | None = None) -> list[Row]:
    """The commitments that existed on `on` and pass `keep`, in ledger order."""
    rows = map(Row._make, ledger.states(on))
    if keep is None or keep == EVERYTHING:
        return list(rows)
    return [row for row in rows if _matches(row, keep)]


class Change(NamedTuple):
    """An update of the log, with the status the commitment had just before it.

    `before == update.status` is a re-confirmation: the log shows it, the
    report's Changes section does not.
    """

    commitment: Commitment
    update: Update
    before: str

    @property
    def moved(self) -> bool:
        return self.before != self.update.status


def log(
    ledger: Ledger,
    since: dt.date | None = None,
    until: dt.date | None = None,
    keep: Filter = EVERYTHING,
    ids: Iterable[str] = (),
) -> list[Change]:
    """Every update dated `since <= date <= until` (both inclusive) of the
    commitments that pass `keep` (judged on `until`) and, if given, have one
    of `ids`; oldest first, file order breaking ties. With countries in
    `keep`, only the updates that concern one of them.
    """
    wanted = set(ids)
    before: dict[int, str] = {}
    # One pass over the log: each commitment's date-ordered history gives the
    # status just before each update (the first status of the scale to start).
    for cid, history in ledger.histories.items():
        if wanted and cid not in wanted:
            continue
        if cid in ledger.split_ids:
            before.update(_befores(ledger, ledger.commitment_by_id[cid], history))
            continue
        previous = ledger.scale.first.name
        for update in history:
            before[id(update)] = previous
            previous = update.status
    kept: dict[str, bool] = {}
    entries = []
    for update in ledger.updates:  # file order, so the sort below keeps it
        if id(update) not in before:
            continue
        if since is not None and update.date < since:
            continue
        if until is not None and update.date > until:
            continue
        if keep.countries and not any(map(update.concerns, keep.countries)):
            continue  # an update for other parties says nothing of these
        commitment = ledger.commitment_by_id[update.commitment]
        if commitment.id not in kept:
            if keep.statuses or keep.overdue:
                on = until or dt.date.max
                state = ledger.state(commitment, on)
                kept[commitment.id] = _matches(Row(commitment, state), keep)
            else:  # a status is worked out only when the filter asks about it
                kept[commitment.id] = passes(commitment, keep)
        if kept[commitment.id]:
            entries.append(
                Change(commitment=commitment, update=update, before=before[id(update)])
            )
    return sorted(entries, key=lambda e: e.update.date)


def _befores(
    ledger: Ledger, commitment: Commitment, history: Iterable[Update]
) -> dict[int, str]:
    """The status just before each update of a commitment whose updates name
    parties: that of the parties it concerns, or `split: ...` if they differ."""
    current = dict.fromkeys(commitment.countries, ledger.scale.first.name)
    before = {}
    for update in history:
        concerned = update.parties or commitment.countries
        olds = {current[code] for code in concerned}
        before[id(update)] = (
            olds.pop()
            if len(olds) == 1
            else f"{SPLIT}: " + ", ".join(f"{c} {current[c]}" for c in concerned)
        )
        for code in concerned:
            current[code] = update.status
    return before


def changes(
    ledger: Ledger, since: dt.date, until: dt.date, keep: Filter = EVERYTHING
) -> list[Change]:
    """The status changes dated `since <= date <= until` (both inclusive),
    oldest first: updates whose status differs from the one just before."""
    return [e for e in log(ledger, since, until, keep) if e.moved]


def sort_rows(ledger: Ledger, rows: list[Row], key: str | None) -> list[Row]:
    """Rows in the order asked; ties keep ledger order."""
    if key is None:
        return rows
    if key == "id":
        return sorted(rows, key=lambda r: r.commitment.id)
    if key == "due":
        # Undated commitments last: they have no deadline to sort by.
        return sorted(
            rows, key=lambda r: (r.commitment.due is None, r.commitment.due or _NEVER)
        )
    if key == "status":
        return sorted(rows, key=lambda r: ledger.scale.rank(r.state.status.name))
    if key == "country":
        order = {code: i for i, (code, _) in enumerate(ledger.countries)}
        return sorted(rows, key=lambda r: [order[c] for c in r.commitment.countries])
    raise ValueError(f"unknown sort key {key!r}")


def find(ledger: Ledger, commitment_id: str) -> Commitment:
    """The commitment with this id, or an error that names the nearest ids."""
    commitment = ledger.commitment_by_id.get(commitment_id)
    if commitment is None:
        raise UnknownCommitment(
            commitment_id, nearest(commitment_id, ledger.commitment_by_id, n=3)
        )
    return commitment


def record(row: Row) -> dict[str, Any]:
    """A commitment as the JSON and CSV formats describe it."""
    c = row.commitment
    return {
        "id": c.id,
        "title": c.title,
        "countries": list(c.countries),
        "category": c.category,
        "status": row.state.status.name,
        "since": row.state.since.isoformat(),
        "made": c.made.isoformat(),
        "due": c.due.isoformat() if c.due else None,
        "overdue": row.state.overdue,
        "source": c.source,
        "quote": c.quote,
        "parties": parties_record(row),
    }


def parties_record(row: Row) -> dict[str, dict[str, Any]]:
    """Each party's own status: code -> {status, since, overdue}."""
    state = row.state
    if not state.parties:
        # All stand where the commitment does: one object, shared (a list of
        # ten thousand commitments builds no more than it must).
        shared = {
            "status": state.status.name,
            "since": state.since.isoformat(),
            "overdue": state.overdue,
        }
        return dict.fromkeys(row.commitment.countries, shared)
    return {
        p.code: {
            "status": p.status.name,
            "since": p.since.isoformat(),
            "overdue": p.overdue,
        }
        for p in row.state.party_states(row.commitment)
    }


def row_on(ledger: Ledger, commitment: Commitment, on: dt.date) -> Row:
    """Where `commitment` stood on day `on`; an error if it was not yet made."""
    if commitment.made > on:
        raise TrackerError(
            f"{commitment.id!r} was made on {commitment.made}, after {on}",
            hint=f"give a day on or after {commitment.made}",
        )
    return Row(commitment=commitment, state=ledger.state(commitment, on))
