"""The ledger as of one day, published into SQLite for Datasette to serve.

The database is written to a temporary file beside the target and renamed
over it, so a reader (a running Datasette) sees the old database or the new
one, never half of one. Beside it goes a Datasette metadata file: titles,
descriptions, facets and the full-text index to search.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import stat
from collections.abc import Iterable, Iterator
from itertools import chain, count, islice, repeat
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any, NamedTuple

import msgspec

from tracker import _atomic, query
from tracker._memo import Memo
from tracker.errors import TrackerError
from tracker.model import Commitment, Ledger, State, Update

# The full-text index reads its text from `commitments` rather than keeping a
# copy, and keeps `detail = column`: smaller and faster to build, and it
# answers searches for words (what Datasette sends), though not phrase or
# NEAR queries. No statement may hold a `;` but the one that ends it.
# A commitment whose parties stand apart has the status `split`, which is not
# on the scale: its parties' own statuses are in `commitment_parties`.
SCHEMA = """
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


# A statement and the rows it is run for. The rows are made as they go in,
# not held all at once: at 100,000 commitments that is some 800,000 tuples
# fewer in memory at the same time.
Batch = tuple[str, Iterable[tuple[Any, ...]]]

# The parties of a commitment that stand together each stand where it does:
# those rows are made by SQLite from the commitments already in, faster than
# from Python. The others (in temp.apart) went in from Python.
FROM_ROWS = """
INSERT INTO commitment_parties
    SELECT c.id, p.value, c.status, c.since, c.overdue
    FROM commitments c, json_each(c.parties) p
    WHERE c.id NOT IN temp.apart;
"""


def _batches(ledger: Ledger, rows: list[query.Row], as_of: dt.date) -> Iterator[Batch]:
    """The rows of each table, a table at a time, in the order they go in."""
    # A ledger has a few hundred days and a few dozen sets of parties or
    # tags, each written thousands of times: each text is made once.
    days = Memo[Any, str | None](dt.date.isoformat)
    days[None] = None
    codes = Memo[Any, str | None](_codes)
    tags = Memo[Any, str | None](_tags)
    tags[()] = "[]"
    yield (
        "INSERT INTO scale VALUES (?, ?, ?, ?, ?)",
        [
            (s.name, i, s.progress, s.score, s.closed)
            for i, s in enumerate(ledger.scale.statuses)
        ],
    )
    yield (
        "INSERT INTO countries VALUES (?, ?, ?)",
        [(code, name, i) for i, (code, name) in enumerate(ledger.countries)],
    )
    yield (
        "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                s.key,
                s.title,
                _day(s.date),
                _day(s.published),
                s.publisher,
                s.place,
                s.url,
                s.text,
            )
            for s in ledger.sources
        ],
    )
    # The big tables' rows are put together column by column by map and zip
    # over the records' fields, which run in C: a Python loop that builds a
    # tuple per row costs several times more, some 600,000 rows at 100,000
    # commitments.
    commitments = list(map(_first, rows))
    states = list(map(_second, rows))
    # Each commitment's updates up to the day, read once here and walked
    # again for the updates and their evidence.
    histories = list(map(ledger.histories.get, map(_first, commitments), repeat(())))
    for i, history in enumerate(histories):
        # Sorted by date: only when the last is after the day is any cut.
        if history and history[-1].date > as_of:
            histories[i] = tuple(u for u in history if u.date <= as_of)
    yield (
        "INSERT INTO commitments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        zip(
            map(_first, commitments),  # id
            map(itemgetter(1), commitments),  # title
            map(codes.__getitem__, map(itemgetter(2), commitments)),
            map(itemgetter(3), commitments),  # category
            map(_status_name, states),
            map(days.__getitem__, map(_second, states)),  # since
            map(days.__getitem__, map(itemgetter(4), commitments)),  # made
            map(days.__getitem__, map(itemgetter(7), commitments)),  # due
            map(itemgetter(2), states),  # overdue
            map(itemgetter(5), commitments),  # source
            map(itemgetter(6), commitments),  # quote
            map(itemgetter(9), commitments),  # notes
            map(tags.__getitem__, map(itemgetter(8), commitments)),
            # The notes of its updates, a line each.
            map("\n".join, map(map, repeat(_note), histories)),
            strict=True,
        ),
    )
    apart = [(c, state) for c, state in rows if state.parties]
    yield "INSERT INTO temp.apart VALUES (?)", ((c.id,) for c, _ in apart)
    yield (
        "INSERT INTO commitment_parties VALUES (?, ?, ?, ?, ?)",
        (
            (c.id, party, state.status.name, days[state.since], state.overdue)
            for c, row_state in apart
            for party, state in party_statuses(ledger, c, row_state)
        ),
    )
    # The updates are numbered from 1 in this order, commitment by
    # commitment, each one's by date; their evidence refers to the numbers.
    updates = list(chain.from_iterable(histories))
    yield (
        "INSERT INTO updates VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        zip(
            count(1),
            map(_first, updates),  # commitment
            map(days.__getitem__, map(_second, updates)),  # date
            map(itemgetter(2), updates),  # status
            map(_note, updates),
            _stamps(list(map(itemgetter(5), updates))),  # recorded
            _update_parties(ledger, commitments, histories, codes),
            map(itemgetter(7), updates),  # by
        ),
    )
    evidence = list(map(itemgetter(4), updates))
    counts = list(map(len, evidence))
    items = list(chain.from_iterable(evidence))
    # An item that names a source refers to it; any other refers to nothing.
    keys = {key: key for key in ledger.source_by_key}
    yield (
        "INSERT INTO evidence VALUES (?, ?, ?, ?)",
        zip(
            chain.from_iterable(map(repeat, count(1), counts)),  # update
            chain.from_iterable(map(range, counts)),  # position
            items,
            map(keys.get, items),
            strict=True,
        ),
    )


def _stamps(moments: list[dt.datetime | None]) -> list[str | None]:
    """Each moment's `isoformat()`, None for None.

    msgspec's JSON encoder writes a list of them in one call, some 0.2 us a
    moment against 1.2 us for `isoformat` of one with a time zone (an update's
    `recorded`). It writes the same text but for two things: UTC is "Z", put
    back here as "+00:00"; and an offset is rounded to the minute, so where
    any offset is not whole minutes (TOML cannot write one, Python can),
    every moment is written by `isoformat`."""
    zones = set(map(_zone, filter(None, moments)))
    if not all(map(_whole_minutes, zones)):
        return [m.isoformat() if m is not None else None for m in moments]
    texts = _JSON_TEXTS.decode(_JSON.encode(moments))
    return [t if t is None or t[-1] != "Z" else f"{t[:-1]}+00:00" for t in texts]


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
_second = itemgetter(1)
_note = itemgetter(3)
_status_name = attrgetter("status.name")


def _update_parties(
    ledger: Ledger,
    commitments: list[Commitment],
    histories: list[tuple[Update, ...]],
    codes: Memo[Any, str | None],
) -> Iterator[str | None]:
    """The parties each update concerns: those it names, else all its
    commitment's. Only the updates of a split commitment name any."""
    split = ledger.split_ids
    for c, history in zip(commitments, histories, strict=True):
        everyone = codes[c.countries]
        if c.id not in split:
            yield from repeat(everyone, len(history))
        else:
            for update in history:
                yield codes[update.parties] if update.parties else everyone


def _mode(target: Path) -> int:
    """The mode of the database it replaces, else the one a new file gets."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mask = os.umask(0o022)
        os.umask(mask)
        return 0o666 & ~mask


def write_database(
    target: Path, ledger: Ledger, rows: list[query.Row], as_of: dt.date
) -> None:
    """The database at `target`, replaced whole by a rename."""
    import tempfile

    try:
        fd, name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
    except OSError as error:
        raise _atomic.fs_error(error, target) from None
    os.close(fd)
    temporary = Path(name)
    _bind_plainly()
    try:
        db = sqlite3.connect(temporary, isolation_level=None)
        try:
            # A private file until the rename: no journal to keep, and one
            # fsync before the rename rather than one per statement.
            # The references come from a validated ledger, so they are not
            # checked row by row as they go in (the tests check them).
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            db.execute("PRAGMA cache_size = -262144")
            # No other connection needs it before the rename; the temporary
            # table of commitments whose parties stand apart stays in memory.
            db.execute("PRAGMA locking_mode = EXCLUSIVE")
            db.execute("PRAGMA temp_store = MEMORY")
            db.execute("BEGIN")
            _schema(db)
            _meta(db, ledger, as_of, len(rows))
            db.execute("CREATE TEMP TABLE apart (id TEXT PRIMARY KEY)")
            for sql, values in _batches(ledger, rows, as_of):
                _insert(db, sql, values)
            _schema(db, FROM_ROWS)
            _schema(db, AFTER_ROWS)
            db.execute("COMMIT")
            # Its own transaction: FTS5 writes the last of the index as the
            # one before it commits, with the setting it read at the start.
            _schema(db, AFTER_COMMIT)
        finally:
            db.close()
        with temporary.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(temporary, _mode(target))
        os.replace(temporary, target)
        _atomic.fsync_directory(target.parent)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise _atomic.fs_error(error, target) from None
    except sqlite3.Error as error:
        temporary.unlink(missing_ok=True)
        raise TrackerError(f"cannot write {target}: {error}") from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _bind_plainly() -> None:
    """Let sqlite3 bind None and bool without its adaptation protocol.

    Python's sqlite3 binds an int, float or str as it is, but passes any
    other value, None and bool among them, through that protocol, which
    formats an AttributeError for each value and drops it: some 2 us a value,
    and an export of 100,000 commitments binds some 600,000 of them (due
    dates, notes, authors and evidence without a source; overdue flags). An
    adapter registered for the type is found at once. These give sqlite3
    what it binds anyway, NULL and 1 or 0, so nothing else that binds them in
    this process sees a difference."""
    sqlite3.register_adapter(type(None), _null)
    sqlite3.register_adapter(bool, int)


def _null(value: None) -> None:
    return value


# Rows go in this many to a statement: each statement run costs as much as
# binding a few values, and at 100,000 commitments some 600,000 rows go in.
GROUP = 64


def _insert(db: sqlite3.Connection, sql: str, rows: Iterable[tuple[Any, ...]]) -> None:
    """Run `sql`, an `INSERT ... VALUES (?, ...)` of one row, for each of
    `rows`, GROUP rows to a statement; the last few by a statement of their
    own."""
    head, one = sql.split(" VALUES ")
    width = one.count("?")
    remaining = iter(rows)
    rest: list[tuple[Any, ...]] = []

    def groups() -> Iterator[tuple[Any, ...]]:
        while True:
            values = tuple(chain.from_iterable(islice(remaining, GROUP)))
            if len(values) < GROUP * width:
                rest.append(values)
                return
            yield values

    db.executemany(f"{head} VALUES {', '.join([one] * GROUP)}", groups())
    if rest and rest[0]:
        left = len(rest[0]) // width
        db.execute(f"{head} VALUES {', '.join([one] * left)}", rest[0])


def _schema(db: sqlite3.Connection, script: str = SCHEMA) -> None:
    # executescript would commit the open transaction; one statement at a time.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


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
    ledger: Ledger, target: Path, as_of: dt.date, keep: query.Filter
) -> Exported:
    """Write the commitments that pass `keep`, as of `as_of`, to `target`."""
    if target.is_dir():
        raise TrackerError(f"{target} is a directory", hint="name the .db file")
    rows = query.select(ledger, as_of, keep)
    write_database(target, ledger, rows, as_of)
    described = metadata(ledger, target.stem, as_of)
    text = json.dumps(described, indent=2, ensure_ascii=False) + "\n"
    _atomic.write_file(metadata_path(target), text.encode("utf-8"))
    return Exported(target, metadata_path(target), len(rows), as_of)
