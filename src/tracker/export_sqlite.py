"""The ledger as of one day, published into SQLite for Datasette to serve.

The database is written to a temporary file beside the target and renamed
over it, so a reader (a running Datasette) sees the old database or the new
one, never half of one. Beside it goes a Datasette metadata file: titles,
descriptions, facets and the full-text index to search.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, compress, count, repeat
from operator import and_, attrgetter, itemgetter
from pathlib import Path
from typing import Any, NamedTuple

import msgspec

from tracker import _atomic, _child, query
from tracker import _sqlite_file as sqlite_file
from tracker._memo import Memo
from tracker.errors import TrackerError
from tracker.model import Commitment, Ledger, State, Update

# The full-text index reads its text from `commitments` rather than keeping a
# copy, and keeps `detail = column`: smaller and faster to build, and it
# answers searches for words (what Datasette sends), though not phrase or
# NEAR queries. No statement may hold a `;` but the one that ends it.
# A commitment whose parties stand apart has the status `split`, which is not
# on the scale: its parties' own statuses are in `commitment_parties`.
# The updates and their evidence are written into a file of their own and
# copied in (see write_database): the copy must have the same tables.
COMMITMENT_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE scale (
    status TEXT PRIMARY KEY, position INTEGER NOT NULL, progress REAL NOT NULL,
    score REAL NOT NULL, closed INTEGER NOT NULL
);
CREATE TABLE countries (
    code TEXT PRIMARY KEY, name TEXT NOT NULL, position INTEGER NOT NULL
);
CREATE TABLE sources (
    key TEXT PRIMARY KEY, title TEXT NOT NULL, date TEXT, published TEXT,
    publisher TEXT, place TEXT, url TEXT, text TEXT
);
CREATE TABLE commitments (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, parties TEXT NOT NULL,
    category TEXT NOT NULL, status TEXT NOT NULL,
    since TEXT NOT NULL, made TEXT NOT NULL, due TEXT, overdue INTEGER NOT NULL,
    source TEXT NOT NULL REFERENCES sources(key), quote TEXT NOT NULL,
    notes TEXT, tags TEXT NOT NULL, update_notes TEXT NOT NULL
);
CREATE TABLE commitment_parties (
    commitment TEXT NOT NULL REFERENCES commitments(id),
    party TEXT NOT NULL REFERENCES countries(code),
    status TEXT NOT NULL REFERENCES scale(status),
    since TEXT NOT NULL, overdue INTEGER NOT NULL,
    PRIMARY KEY (commitment, party)
) WITHOUT ROWID;
"""
UPDATE_TABLES = """
CREATE TABLE updates (
    id INTEGER PRIMARY KEY, commitment TEXT NOT NULL REFERENCES commitments(id),
    date TEXT NOT NULL, status TEXT NOT NULL REFERENCES scale(status),
    note TEXT NOT NULL, recorded TEXT, parties TEXT NOT NULL, by TEXT
);
CREATE TABLE evidence (
    update_id INTEGER NOT NULL REFERENCES updates(id), position INTEGER NOT NULL,
    item TEXT NOT NULL, source TEXT REFERENCES sources(key),
    PRIMARY KEY (update_id, position)
) WITHOUT ROWID;
"""
INDEX_AND_VIEWS = """
CREATE VIRTUAL TABLE commitments_fts USING fts5(
    title, quote, notes, update_notes, content = 'commitments', detail = column
);
CREATE VIEW status_by_party AS
    SELECT p.party, c.name, p.status, count(*) AS commitments
    FROM commitment_parties p JOIN countries c ON c.code = p.party
    JOIN scale s ON s.status = p.status
    GROUP BY p.party, p.status ORDER BY c.position, s.position;
CREATE VIEW status_by_category AS
    SELECT category, status, count(*) AS commitments
    FROM commitments LEFT JOIN scale USING (status)
    GROUP BY category, status
    ORDER BY min(commitments.rowid), ifnull(scale.position, 1000000);
"""
SCHEMA = COMMITMENT_TABLES + UPDATE_TABLES + INDEX_AND_VIEWS
# The text index is built once the rows are in: faster than row by row. No
# other index: Datasette's facets count whole tables, and a scan of even
# 10,000 commitments' updates for one of them takes a few milliseconds.
# FTS5 gathers the index in memory and writes it out in pieces of its
# `hashsize` (1 MiB unless told), merging the pieces as they pile up: at
# 100,000 commitments, pieces of 64 MiB make the build a third cheaper.
# The setting is kept in the index's configuration table, which it leaves
# once the index is written (see AFTER_COMMIT): a reader finds what the
# build would leave without it, and the same words find the same rows.
AFTER_ROWS = f"""
INSERT INTO commitments_fts (commitments_fts, rank) VALUES ('hashsize', {64 << 20});
INSERT INTO commitments_fts (commitments_fts) VALUES ('rebuild');
"""
AFTER_COMMIT = """
DELETE FROM commitments_fts_config WHERE k = 'hashsize';
"""


class Exported(NamedTuple):
    """What `tracker export sqlite` wrote."""

    path: Path
    metadata: Path
    commitments: int
    as_of: dt.date


def party_statuses(
    ledger: Ledger, commitment: Commitment, state: State
) -> list[tuple[str, State]]:
    """Each party of `commitment` and its own state on the day of `state`:
    the parties of a split commitment stand apart; otherwise each stands
    where the commitment does."""
    if not state.parties:
        return [(party, state) for party in commitment.countries]
    return [
        (p.code, State(status=p.status, since=p.since, overdue=p.overdue))
        for p in state.parties
    ]


def _codes(codes: tuple[str, ...]) -> str:
    """Country codes as a JSON array: codes are two capital letters, so no
    JSON escaping is needed."""
    return '["' + '", "'.join(codes) + '"]'


def _tags(tags: tuple[str, ...]) -> str:
    return json.dumps(list(tags))


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


# A table and its rows, as a sequence of each column's values.
Batch = tuple[str, Sequence[Sequence[Any]]]

# The parties of a commitment that stand together each stand where it does:
# those rows are made by SQLite from the commitments already in, faster than
# from Python. The others (in temp.apart) went in from Python.
FROM_ROWS = """
INSERT INTO commitment_parties
    SELECT c.id, p.value, c.status, c.since, c.overdue
    FROM commitments c, json_each(c.parties) p
    WHERE c.id NOT IN temp.apart;
"""
# What SQLite does on its own once the commitments are in: the parties that
# stand together, the text index, the commit.
FINISH = FROM_ROWS + AFTER_ROWS + "COMMIT;"


def _memos() -> tuple[Memo[Any, str | None], Memo[Any, str | None]]:
    """Texts of days and of sets of country codes, each made once: a ledger
    has a few hundred days and a few dozen sets of parties, each written
    thousands of times."""
    days = Memo[Any, str | None](dt.date.isoformat)
    days[None] = None
    return days, Memo[Any, str | None](_codes)


class UpdateLog(NamedTuple):
    """The updates of the exported commitments up to the day, in the order
    of the ledger's update log, and the place of each in that log, counted
    from 1: its id, which stays the same from one export to the next as the
    log grows."""

    places: Sequence[int]
    updates: Sequence[Update]


def update_log(ledger: Ledger, rows: list[query.Row], as_of: dt.date) -> UpdateLog:
    """The updates of the commitments of `rows` up to `as_of`."""
    log = ledger.updates
    keep: Iterator[bool] | None = None
    if len(rows) < len(ledger.commitments):  # rows are some of them
        chosen = set(map(_first, map(_first, rows)))
        keep = map(chosen.__contains__, map(_commitment, log))
    if max(map(_date, log), default=as_of) > as_of:
        on_time = map(as_of.__ge__, map(_date, log))
        keep = on_time if keep is None else map(and_, keep, on_time)
    if keep is None:
        return UpdateLog(range(1, len(log) + 1), log)
    kept = list(keep)
    return UpdateLog(list(compress(count(1), kept)), list(compress(log, kept)))


def _fields(records: Iterable[tuple[Any, ...]], width: int) -> list[Sequence[Any]]:
    """Records as a sequence of each field's values."""
    return list(zip(*records, strict=True)) or [()] * width


# The big tables' columns are made by map over the records' fields, which
# runs in C: a Python loop over some 600,000 rows at 100,000 commitments
# costs several times more.


def commitment_batches(
    ledger: Ledger, rows: list[query.Row], update_notes: list[str]
) -> Iterator[Batch]:
    """The rows of the tables but the updates and evidence, a table at a
    time, in the order they go in."""
    days, codes = _memos()
    tags = Memo[Any, str | None](_tags)
    tags[()] = "[]"
    scale = [
        (s.name, i, s.progress, s.score, s.closed)
        for i, s in enumerate(ledger.scale.statuses)
    ]
    yield "scale", _fields(scale, 5)
    countries = [(code, name, i) for i, (code, name) in enumerate(ledger.countries)]
    yield "countries", _fields(countries, 3)
    sources = [
        (s.key, s.title, _day(s.date), _day(s.published), s.publisher, s.place,
         s.url, s.text)
        for s in ledger.sources
    ]  # fmt: skip
    yield "sources", _fields(sources, 8)
    (ids, titles, parties, categories, made, source, quotes, due, tags_of,
     notes, _) = _fields(map(_first, rows), len(Commitment._fields))  # fmt: skip
    status, since, overdue, _ = _fields(map(_second, rows), len(State._fields))
    yield (
        "commitments",
        [
            ids,
            titles,
            list(map(codes.__getitem__, parties)),
            categories,
            list(map(_name, status)),
            list(map(days.__getitem__, since)),
            list(map(days.__getitem__, made)),
            list(map(days.__getitem__, due)),
            overdue,
            source,
            quotes,
            notes,
            list(map(tags.__getitem__, tags_of)),
            update_notes,
        ],
    )
    apart = [(c, state) for c, state in rows if state.parties]
    yield "temp.apart", [[c.id for c, _ in apart]]
    own = [
        (c.id, party, state.status.name, days[state.since], state.overdue)
        for c, row_state in apart
        for party, state in party_statuses(ledger, c, row_state)
    ]
    yield "commitment_parties", _fields(own, 5)


def notes_of_updates(
    ledger: Ledger, rows: list[query.Row], as_of: dt.date
) -> list[str]:
    """The notes of the updates of each commitment of `rows`, up to `as_of`,
    by date, a line each: from `Ledger.update_notes`, kept in the cache,
    unless some commitment was updated after the day."""
    ids = list(map(_first, map(_first, rows)))
    known = ledger.update_notes
    noted = list(map(known.get, ids, repeat(_NO_NOTES)))
    if max(map(_first, noted), default=as_of) <= as_of:
        return list(map(_second, noted))
    histories = map(ledger.histories.get, ids, repeat(()))
    return ["\n".join([u.note for u in h if u.date <= as_of]) for h in histories]


_NO_NOTES = (dt.date.min, "")


def update_batches(
    ledger: Ledger, rows: list[query.Row], log: UpdateLog
) -> Iterator[Batch]:
    """The rows of the updates and their evidence."""
    days, codes = _memos()
    # Field by field in one pass (zip runs in C): each field of each update
    # is read once, and a pass over 200,000 records per field costs as much
    # again.
    fields = _fields(log.updates, len(Update._fields))
    commitment, date, status, note, evidence, recorded, parties, by = fields
    # Their evidence refers to their places, their ids.
    yield (
        "updates",
        [
            log.places,
            commitment,
            list(map(days.__getitem__, date)),
            status,
            note,
            _stamps(recorded),
            _update_parties(rows, commitment, parties, codes),
            by,
        ],
    )
    counts = list(map(len, evidence))
    items = list(chain.from_iterable(evidence))
    # An item that names a source refers to it; any other refers to nothing.
    keys = {key: key for key in ledger.source_by_key}
    yield (
        "evidence",
        [
            list(chain.from_iterable(map(repeat, log.places, counts))),  # update
            list(chain.from_iterable(map(range, counts))),  # position
            items,
            list(map(keys.get, items)),
        ],
    )


def _update_parties(
    rows: list[query.Row],
    commitments: Sequence[str],
    named: Sequence[tuple[str, ...]],
    codes: Memo[Any, str | None],
) -> list[str | None]:
    """The parties each update concerns (updates of `commitments`, ids of
    some of the commitments of `rows`): those it names, else all its
    commitment's."""
    records = list(map(_first, rows))
    ids = map(_first, records)
    everyone = dict(
        zip(ids, map(codes.__getitem__, map(_countries, records)), strict=True)
    )
    column: list[str | None] = list(map(everyone.__getitem__, commitments))
    # Only the updates of a split commitment name any: a few, if any.
    for i in compress(range(len(column)), named):
        column[i] = codes[named[i]]
    return column


def _stamps(moments: Sequence[dt.datetime | None]) -> list[str | None]:
    """Each moment's `isoformat()`, None for None.

    msgspec's JSON encoder writes a list of them in one call, some 0.2 us a
    moment against 1.2 us for `isoformat` of one with a time zone (an update's
    `recorded`). It writes the same text but for two things: UTC is "Z", put
    back here as "+00:00" (in the JSON, `Z"` can only end a moment); and an
    offset is rounded to the minute, so where any offset is not whole minutes
    (TOML cannot write one, Python can), every moment is written by
    `isoformat`."""
    zones = set(map(_zone, filter(None, moments)))
    if not all(map(_whole_minutes, zones)):
        return [m.isoformat() if m is not None else None for m in moments]
    return _JSON_TEXTS.decode(_JSON.encode(moments).replace(b'Z"', b'+00:00"'))


def _whole_minutes(zone: dt.tzinfo | None) -> bool:
    """Whether a zone is none or a fixed offset of whole minutes."""
    if zone is None:
        return True
    if type(zone) is not dt.timezone:
        return False
    return zone.utcoffset(None) % _MINUTE == dt.timedelta(0)


_MINUTE = dt.timedelta(minutes=1)
_zone = attrgetter("tzinfo")
_JSON = msgspec.json.Encoder()
_JSON_TEXTS = msgspec.json.Decoder(list[str | None])
_first = itemgetter(0)
_commitment = itemgetter(Update._fields.index("commitment"))
_countries = itemgetter(Commitment._fields.index("countries"))
_date = itemgetter(Update._fields.index("date"))
_name = attrgetter("name")
_second = itemgetter(1)


def write_database(
    target: Path, ledger: Ledger, rows: list[query.Row], as_of: dt.date
) -> None:
    """The database at `target`, replaced whole by a rename."""
    files: list[Path] = []
    try:
        for _ in range(2):  # one by one: each is removed if the next fails
            files.append(sqlite_file.temporary(target))
        database, updates = files
        sqlite_file.bind_plainly()
        notes = notes_of_updates(ledger, rows, as_of)
        # A second process reads the update log and writes the updates and
        # their evidence into a file of their own while this one writes the
        # commitments; then SQLite builds the text index and the parties'
        # rows on a thread without Python's lock while this one waits for
        # that process: Python's work on both cores, then SQLite's and
        # Python's. The updates are copied in after.
        write_updates = functools.partial(_write_updates, updates, ledger, rows, as_of)
        with _child.in_child(write_updates) as updates_written:
            db = sqlite_file.connect(database, threads=True)
            try:
                _write_commitments(db, ledger, rows, notes, as_of)
                with sqlite_file.in_background(db, FINISH):
                    updates_written()
                # Its own transaction: FTS5 writes the last of the index as
                # the one before it commits, with the setting it read at the
                # start.
                sqlite_file.run(db, AFTER_COMMIT)
                sqlite_file.copy_tables(db, updates, ["updates", "evidence"])
            finally:
                db.close()
        sqlite_file.publish(database, target)
    except OSError as error:
        raise _atomic.fs_error(error, target) from None
    except sqlite3.Error as error:
        full = getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
        raise TrackerError(
            f"cannot write {target}: {error}",
            hint="free some disk space and try again: while it runs, an export "
            "needs about a third more than the database"
            if full
            else None,
        ) from None
    finally:
        for path in files:
            path.unlink(missing_ok=True)


def _write_commitments(
    db: sqlite3.Connection,
    ledger: Ledger,
    rows: list[query.Row],
    update_notes: list[str],
    as_of: dt.date,
) -> None:
    """Every table, the updates and evidence left empty, and the rows of all
    but the parties that stand together; the transaction left open."""
    db.execute("BEGIN")
    sqlite_file.run(db, SCHEMA)
    _meta(db, ledger, as_of, len(rows))
    db.execute("CREATE TEMP TABLE apart (id TEXT PRIMARY KEY)")
    for table, columns in commitment_batches(ledger, rows, update_notes):
        sqlite_file.insert(db, table, columns)


def _write_updates(
    path: Path,
    ledger: Ledger,
    rows: list[query.Row],
    as_of: dt.date,
) -> None:
    """The updates and their evidence, into a database of their own."""
    log = update_log(ledger, rows, as_of)
    db = sqlite_file.connect(path)
    try:
        db.execute("BEGIN")
        sqlite_file.run(db, UPDATE_TABLES)
        for table, columns in update_batches(ledger, rows, log):
            sqlite_file.insert(db, table, columns)
        db.execute("COMMIT")
    finally:
        db.close()


def _meta(db: sqlite3.Connection, ledger: Ledger, as_of: dt.date, count: int) -> None:
    db.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [
            ("title", ledger.title),
            ("as_of", as_of.isoformat()),
            ("commitments", str(count)),
        ],
    )


def metadata(ledger: Ledger, database: str, as_of: dt.date) -> dict[str, Any]:
    """Datasette's metadata: titles, descriptions, facets, the text index."""
    day = as_of.isoformat()
    return {
        "title": ledger.title,
        "description": f"Commitments and where they stood on {day}, "
        "exported by tracker.",
        "databases": {
            database: {
                "title": ledger.title,
                "description": f"The ledger as of {day}.",
                "tables": {
                    "commitments": {
                        "title": "Commitments",
                        "description": "One row per commitment, with its status "
                        f"on {day} (split when its parties stand apart: see "
                        "Status by party); parties is a JSON array of country "
                        "codes.",
                        "facets": ["status", "category", {"array": "parties"}],
                        "fts_table": "commitments_fts",
                        "fts_pk": "rowid",
                        "label_column": "title",
                        "sort": "made",
                    },
                    "commitment_parties": {
                        "title": "Status by party",
                        "description": "Each party of each commitment, and the "
                        f"status of that party's part on {day}, since when, and "
                        "whether that party is overdue.",
                        "facets": ["status", "party"],
                    },
                    "updates": {
                        "title": "Updates",
                        "description": f"What happened, up to {day}; parties "
                        "is a JSON array of the parties an update concerns, by "
                        "who assessed it.",
                        "facets": ["status", {"array": "parties"}],
                        "sort_desc": "date",
                    },
                    "evidence": {
                        "title": "Evidence",
                        "description": "The evidence of each update: a URL, a "
                        "source, or a sentence.",
                    },
                    "sources": {
                        "title": "Sources",
                        "description": "The meetings and statements the "
                        "commitments come from.",
                        "label_column": "title",
                    },
                    "countries": {"title": "Parties", "label_column": "name"},
                    "scale": {
                        "title": "Status scale",
                        "description": "Progress (share delivered) and "
                        "compliance score of each status, in order.",
                    },
                    "commitments_fts": {"hidden": True},
                    "meta": {"hidden": True},
                },
            }
        },
    }


def metadata_path(target: Path) -> Path:
    """`OUT.metadata.json` beside `OUT.db`."""
    return target.with_name(f"{target.stem}.metadata.json")


def export(
    ledger: Ledger,
    target: Path,
    as_of: dt.date,
    keep: query.Filter,
    protected: Iterable[tuple[Path, str]] = (),
) -> Exported:
    """Write the commitments that pass `keep`, as of `as_of`, to `target`.

    `target` and the metadata beside it must be regular files or new paths,
    and neither may be one of `protected` (the ledger and its files: see
    `_report_file`)."""
    from tracker import _report_file

    protected = list(protected)
    database, beside = (
        _report_file.target(path, protected, "an export", _HINT)
        for path in (target, metadata_path(target))
    )
    rows = query.select(ledger, as_of, keep)
    write_database(database, ledger, rows, as_of)
    described = metadata(ledger, target.stem, as_of)
    text = json.dumps(described, indent=2, ensure_ascii=False) + "\n"
    _atomic.write_file(beside, text.encode("utf-8"))
    return Exported(target, metadata_path(target), len(rows), as_of)


_HINT = "name a new .db file, e.g. tracker export sqlite record.db"
