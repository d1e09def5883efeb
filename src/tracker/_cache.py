"""A cache of validated ledgers, so a large ledger is parsed once per change.

An entry is MessagePack, data only (never pickle: a cache file must not be
able to run code), kept in the user's cache directory, one file per ledger
path so the cache cannot grow without bound. It holds the validated model
together with what it was made from: the SHA-256 of the ledger's bytes and
of every archived source text, and the tracker, schema and entry-format
versions. An entry is used only if all of those still match, so it can never
be stale; any miss, damage or error falls back to parsing, silently.

Validity depends on today's date only through "no update after today", which
can only become true with time, so an entry made on an earlier day stays
valid; one made on a later day (a clock set back) is not used.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker import __version__
from tracker.errors import TrackerError
from tracker.model import (
    SCHEMA,
    Commitment,
    Ledger,
    Scale,
    Status,
    Update,
    UpdateNotes,
    split_commitments,
)

if TYPE_CHECKING:
    from tracker._cache_entry import Body

FORMAT = 6
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
    return directory() / f"{key}.msgpack"


def load(
    ledger_path: Path,
    ledger_sha256: Callable[[], str],
    today: dt.date,
    source_sha256: Callable[[str], str | None],
    reparse: Callable[[], Ledger],
) -> tuple[Ledger, dict[str, str]] | None:
    """The cached ledger for the bytes whose SHA-256 is `ledger_sha256()`
    (asked for only once there is an entry to compare it with), and the
    digests of its source texts, or None.

    `source_sha256(relative)` returns the SHA-256 of an archived text, or None
    if it cannot be read; `reparse()` parses the ledger from its file, for an
    update log found damaged when it is decoded (see `restore`).
    """
    try:
        # Imported here: only a ledger large enough to cache needs it.
        from tracker._cache_entry import decode

        entry = decode(entry_path(ledger_path).read_bytes())
        if (
            entry.format != FORMAT
            or entry.tracker != __version__
            or entry.schema != SCHEMA
            or entry.ledger_sha256 != ledger_sha256()
            or entry.validated_on > today
        ):
            return None
        for relative, expected in entry.sources.items():
            if source_sha256(relative) != expected:
                return None
        return restore(entry.ledger, reparse), dict(entry.sources)
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
    from tracker._cache_entry import Entry, dump, encode

    entry = Entry(
        format=FORMAT,
        tracker=__version__,
        schema=SCHEMA,
        ledger_sha256=digest(data),
        validated_on=today,
        sources=dict(source_digests),
        ledger=dump(ledger),
    )
    import tempfile

    try:
        target = entry_path(ledger_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".entry-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(encode(entry))
            os.replace(temporary, target)
        except BaseException:
            os.unlink(temporary)
            raise
        # The JSON entry an earlier version kept for this ledger: never read again.
        target.with_suffix(".json").unlink(missing_ok=True)
    except OSError:
        pass


class BadEntry(ValueError):
    """An entry whose content is not what `dump` writes."""


def restore(body: Body, reparse: Callable[[], Ledger] | None = None) -> Ledger:
    """The inverse of `dump`; `BadEntry` if `body`, well typed as it is, does
    not hold together as a ledger (a number out of range, a reference to
    nothing), so no entry, however damaged or forged, can hand the commands a
    ledger that breaks them.

    The update log is decoded and checked when a command first asks for it;
    one that does not hold together is replaced by the log `reparse()` reads
    from the ledger itself (without `reparse`, it raises `BadEntry`).
    """
    statuses = tuple(
        Status(name, float(progress), score, closed)
        for name, progress, score, closed in body.scale
        # NaN fails both comparisons.
        if 0 <= progress <= 1 and -1 <= score <= 1
    )
    names = {s.name for s in statuses}
    codes = {code for code, _ in body.countries}
    keys = {s.key for s in body.sources}
    commitments = body.commitments
    ids = set(map(_ID, commitments))
    if (
        not statuses
        or len(statuses) != len(body.scale)
        or len(names) != len(statuses)
        or len(ids) != len(commitments)
        # Sets built in C rather than a loop per row.
        or not keys.issuperset(map(_SOURCE, commitments))
        or not codes.issuperset(chain.from_iterable(map(_COUNTRIES, commitments)))
        or not names.issuperset(map(_FIRST, body.ends.values()))
        or not ids.issuperset(body.ends)
        or not ids.issuperset(body.split)
    ):
        raise BadEntry("the entry does not hold together")
    split = frozenset(body.split)

    def fits(log: tuple[Update, ...]) -> bool:
        return (
            ids.issuperset(map(_COMMITMENT, log))
            and names.issuperset(map(_STATUS, log))
            and codes.issuperset(chain.from_iterable(map(_PARTIES, log)))
            and split == split_commitments(log)
        )

    def updates() -> tuple[Update, ...]:
        from tracker._cache_entry import decode_updates

        try:
            log = decode_updates(body.updates)
            if not fits(log):
                raise BadEntry("the entry's update log does not hold together")
        except ValueError:  # BadEntry, or msgspec's DecodeError
            if reparse is None:
                raise
            log = reparse().updates
            # The log is the ledger's, and the rest of the entry is not: the
            # entry was made up. Too late to use the ledger instead (its
            # commitments are in use); the reparse has stored a true entry.
            if not fits(log):
                raise TrackerError(
                    "the cache entry for this ledger did not match it",
                    hint="run the command again",
                ) from None
        return log

    def update_notes() -> UpdateNotes | None:
        from tracker._cache_entry import decode_update_notes

        try:
            return decode_update_notes(body.update_notes)
        except ValueError:  # damaged: worked out from the update log instead
            return None

    return Ledger(
        title=body.title,
        countries=body.countries,
        sources=body.sources,
        commitments=commitments,
        updates=updates,
        scale=Scale(statuses),
        require_evidence=body.require_evidence,
        schema=SCHEMA,
        ends=body.ends,
        split_ids=split,
        update_notes=update_notes,
    )


def _fields(record: type[Any], *names: str) -> list[itemgetter[Any]]:
    """A C getter for each named field of a named tuple."""
    return [itemgetter(record._fields.index(name)) for name in names]


_ID, _SOURCE, _COUNTRIES = _fields(Commitment, "id", "source", "countries")
_COMMITMENT, _STATUS, _PARTIES = _fields(Update, "commitment", "status", "parties")
_FIRST = itemgetter(0)
