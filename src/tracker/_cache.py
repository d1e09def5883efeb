"""A cache of validated ledgers, so a large ledger is parsed once per change.

An entry is JSON (never pickle: a cache file must not be able to run code),
kept in the user's cache directory, one file per ledger path so the cache
cannot grow without bound. It holds the validated model together with what it
was made from: the SHA-256 of the ledger's bytes and of every archived source
text, and the tracker, schema and entry-format versions. An entry is used only
if all of those still match, so it can never be stale; any miss, damage or
error falls back to parsing, silently.

Validity depends on today's date only through "no update after today", which
can only become true with time, so an entry made on an earlier day stays
valid; one made on a later day (a clock set back) is not used.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tracker import __version__
from tracker.loader import SCHEMA
from tracker.model import Commitment, Ledger, Scale, Source, Status, Update

FORMAT = 2
ENV_DISABLE = "TRACKER_NO_CACHE"


def enabled(environ: Mapping[str, str]) -> bool:
    return environ.get(ENV_DISABLE, "") in ("", "0")


def digest(data: bytes) -> str:
    import hashlib  # costs ~2 ms at start-up; only large ledgers need it

    return hashlib.sha256(data).hexdigest()


def directory() -> Path:
    import platformdirs  # only when the cache is used

    return platformdirs.user_cache_path("tracker")


def entry_path(ledger_path: Path) -> Path:
    key = digest(os.fsencode(os.path.abspath(ledger_path)))[:32]
    return directory() / f"{key}.json"


def load(
    ledger_path: Path, data: bytes, today: dt.date, read_source: Any
) -> tuple[Ledger, dict[str, str]] | None:
    """The cached ledger for these bytes and the digests of its source texts,
    or None.

    `read_source(relative)` returns an archived text's bytes or None.
    """
    try:
        entry = json.loads(entry_path(ledger_path).read_bytes())
        if (
            entry["format"] != FORMAT
            or entry["tracker"] != __version__
            or entry["schema"] != SCHEMA
            or entry["ledger_sha256"] != digest(data)
            or dt.date.fromisoformat(entry["validated_on"]) > today
        ):
            return None
        for relative, expected in entry["sources"].items():
            raw = read_source(relative)
            if raw is None or digest(raw) != expected:
                return None
        return restore(entry["ledger"]), dict(entry["sources"])
    except Exception:
        # Whatever an entry holds (damage, an old format, a forgery), the
        # ledger is parsed instead: a cache can make a command faster, never
        # make it fail.
        return None


def save(
    ledger_path: Path,
    data: bytes,
    ledger: Ledger,
    source_digests: Mapping[str, str],
    today: dt.date,
) -> None:
    """Store the entry for these bytes; a cache that cannot be written is skipped."""
    entry = {
        "format": FORMAT,
        "tracker": __version__,
        "schema": SCHEMA,
        "ledger_sha256": digest(data),
        "validated_on": today.isoformat(),
        "sources": dict(source_digests),
        "ledger": dump(ledger),
    }
    import tempfile

    try:
        target = entry_path(ledger_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".entry-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(json.dumps(entry, separators=(",", ":")).encode())
            os.replace(temporary, target)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        pass


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def dump(ledger: Ledger) -> dict[str, Any]:
    """The ledger as JSON-ready lists (positional, to load fast)."""
    return {
        "title": ledger.title,
        "countries": ledger.countries,
        "require_evidence": ledger.require_evidence,
        "scale": [
            [s.name, s.progress, s.score, s.closed] for s in ledger.scale.statuses
        ],
        "sources": [
            [
                s.key,
                s.title,
                _date(s.date),
                _date(s.published),
                s.place,
                s.url,
                s.text,
                s.publisher,
            ]
            for s in ledger.sources
        ],
        "commitments": [
            [
                c.id,
                c.title,
                c.countries,
                c.category,
                _date(c.made),
                c.source,
                c.quote,
                _date(c.due),
                c.tags,
                c.notes,
                c.by,
            ]
            for c in ledger.commitments
        ],
        "updates": [
            [
                u.commitment,
                _date(u.date),
                u.status,
                u.note,
                u.evidence,
                u.recorded.isoformat() if u.recorded else None,
                u.parties,
                u.by,
            ]
            for u in ledger.updates
        ],
    }


class BadEntry(ValueError):
    """An entry whose content is not what `dump` writes."""


def _number(value: object, low: float, high: float) -> float:
    # bool is an int in Python; NaN fails both comparisons.
    if type(value) not in (int, float) or not low <= value <= high:  # type: ignore[operator]
        raise BadEntry("expected a number in range")
    return value  # type: ignore[return-value]


def _rows(data: dict[str, Any], key: str) -> list[list[Any]]:
    # set(map(...)) runs in C; unpacking each row checks its length.
    rows = data[key]
    if type(rows) is not list or not set(map(type, rows)) <= {list}:
        raise BadEntry(f"{key}: expected rows")
    return rows


def restore(data: dict[str, Any]) -> Ledger:
    """The inverse of `dump`; `BadEntry` (or another ValueError) if `data` is
    not something `dump` could have written, so no entry, however damaged or
    forged, can hand the commands a ledger that breaks them.

    Records are built positionally here, in the order `dump` writes them:
    tens of thousands of them, on every run that reads the cache."""
    if type(data) is not dict:
        raise BadEntry("expected an object")
    day = dt.date.fromisoformat
    text: Any = (str,)
    optional: Any = (str, type(None))

    def maybe_day(value: str | None) -> dt.date | None:
        return day(value) if value is not None else None

    title, require_evidence = data["title"], data["require_evidence"]
    if type(title) is not str or type(require_evidence) is not bool:
        raise BadEntry("title, require_evidence")
    countries = tuple(
        (code, name)
        for code, name in _rows(data, "countries")
        if type(code) is str and type(name) is str
    )
    statuses = tuple(
        Status(name, float(_number(progress, 0, 1)), _number(score, -1, 1), closed)
        for name, progress, score, closed in _rows(data, "scale")
        if type(name) is str and type(closed) is bool
    )
    sources = tuple(
        Source(
            key,
            title,
            maybe_day(date),
            maybe_day(published),
            place,
            url,
            source_text,
            publisher,
        )
        for key, title, date, published, place, url, source_text, publisher in _rows(
            data, "sources"
        )
        if type(key) in text
        and type(title) in text
        and type(place) in optional
        and type(url) in optional
        and type(source_text) in optional
        and type(publisher) in optional
    )
    country_codes = {code for code, _ in countries}
    source_keys = {source.key for source in sources}
    commitments = tuple(
        Commitment(
            cid, title, tuple(parties), category, day(made), source, quote,
            maybe_day(due), tuple(tags), notes, by,
        )
        for (
            cid, title, parties, category, made, source, quote, due, tags, notes, by,
        ) in _rows(data, "commitments")
        if type(cid) is str
        and type(title) is str
        and type(category) is str
        and type(quote) is str
        and type(notes) in optional
        and type(by) in optional
        and source in source_keys
        # Inline, not a helper: a call per row is a large part of the cost.
        # join raises TypeError unless every item is a string.
        and type(parties) is list
        and country_codes.issuperset(parties)
        and type(tags) is list
        and type("".join(tags)) is str
    )  # fmt: skip
    ids = {c.id for c in commitments}
    names = {s.name for s in statuses}
    updates = tuple(
        Update(
            cid,
            day(date),
            status,
            note,
            tuple(evidence),
            dt.datetime.fromisoformat(recorded) if recorded is not None else None,
            tuple(parties),
            by,
        )
        for cid, date, status, note, evidence, recorded, parties, by in _rows(
            data, "updates"
        )
        if cid in ids
        and status in names
        and type(note) is str
        and type(recorded) in optional
        and type(evidence) is list
        and type("".join(evidence)) is str
        and type(parties) is list
        and country_codes.issuperset(parties)
        and type(by) in optional
    )
    # Each filter above drops a row that does not fit (and a value of the
    # wrong type where a date belongs raises); a dropped row means the entry
    # is not what `dump` wrote.
    if (
        len(countries) != len(data["countries"])
        or len(statuses) != len(data["scale"])
        or not statuses
        or len(names) != len(statuses)
        or len(sources) != len(data["sources"])
        or len(commitments) != len(data["commitments"])
        or len(ids) != len(commitments)
        or len(updates) != len(data["updates"])
    ):
        raise BadEntry("the entry does not hold together")
    return Ledger(
        title=title,
        countries=countries,
        sources=sources,
        commitments=commitments,
        updates=updates,
        scale=Scale(statuses),
        require_evidence=require_evidence,
        schema=SCHEMA,
    )
