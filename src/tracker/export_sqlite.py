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
from pathlib import Path
from typing import Any, NamedTuple

from tracker import _atomic, query
from tracker.errors import TrackerError
from tracker.model import Commitment, Ledger, State

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
    key TEXT PRIMARY KEY, title TEXT NOT NULL, date TEXT NOT NULL,
    published TEXT, place TEXT, url TEXT, text TEXT
);
CREATE TABLE commitments (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, parties TEXT NOT NULL,
    category TEXT NOT NULL, status TEXT NOT NULL REFERENCES scale(status),
    since TEXT NOT NULL, made TEXT NOT NULL, due TEXT, overdue INTEGER NOT NULL,
    source TEXT NOT NULL REFERENCES sources(key), quote TEXT NOT NULL,
    notes TEXT, tags TEXT NOT NULL
);
CREATE TABLE commitment_parties (
    commitment TEXT NOT NULL REFERENCES commitments(id),
    party TEXT NOT NULL REFERENCES countries(code),
    status TEXT NOT NULL REFERENCES scale(status),
    since TEXT NOT NULL,
    PRIMARY KEY (commitment, party)
);
CREATE TABLE updates (
    id INTEGER PRIMARY KEY, commitment TEXT NOT NULL REFERENCES commitments(id),
    date TEXT NOT NULL, status TEXT NOT NULL REFERENCES scale(status),
    note TEXT NOT NULL, recorded TEXT
);
CREATE TABLE evidence (
    update_id INTEGER NOT NULL REFERENCES updates(id), position INTEGER NOT NULL,
    item TEXT NOT NULL, source TEXT REFERENCES sources(key),
    PRIMARY KEY (update_id, position)
);
CREATE INDEX commitment_parties_party ON commitment_parties(party, status);
CREATE INDEX updates_commitment ON updates(commitment, date);
CREATE VIRTUAL TABLE commitments_fts USING fts5(title, quote, notes, update_notes);
CREATE VIEW status_by_party AS
    SELECT p.party, c.name, p.status, count(*) AS commitments
    FROM commitment_parties p JOIN countries c ON c.code = p.party
    JOIN scale s ON s.status = p.status
    GROUP BY p.party, p.status ORDER BY c.position, s.position;
CREATE VIEW status_by_category AS
    SELECT category, status, count(*) AS commitments
    FROM commitments JOIN scale USING (status)
    GROUP BY category, status ORDER BY min(commitments.rowid), scale.position;
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
    """Each party of `commitment` and its status on the day of `state`.

    Today a commitment has one status, which every party shares; this is the
    one place to change when updates name the parties they concern.
    """
    return [(party, state) for party in commitment.countries]


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _fill(
    db: sqlite3.Connection, ledger: Ledger, rows: list[query.Row], as_of: dt.date
) -> None:
    scale = ledger.scale.statuses
    db.executemany(
        "INSERT INTO scale VALUES (?, ?, ?, ?, ?)",
        ((s.name, i, s.progress, s.score, s.closed) for i, s in enumerate(scale)),
    )
    db.executemany(
        "INSERT INTO countries VALUES (?, ?, ?)",
        ((code, name, i) for i, (code, name) in enumerate(ledger.countries)),
    )
    db.executemany(
        "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            (s.key, s.title, _day(s.date), _day(s.published), s.place, s.url, s.text)
            for s in ledger.sources
        ),
    )
    db.executemany(
        "INSERT INTO commitments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (_commitment(row) for row in rows),
    )
    db.executemany(
        "INSERT INTO commitment_parties VALUES (?, ?, ?, ?)",
        (
            (row.commitment.id, party, state.status.name, _day(state.since))
            for row in rows
            for party, state in party_statuses(ledger, row.commitment, row.state)
        ),
    )
    _fill_updates(db, ledger, rows, as_of)


def _commitment(row: query.Row) -> tuple[Any, ...]:
    c, state = row.commitment, row.state
    return (
        c.id, c.title, json.dumps(list(c.countries)), c.category,
        state.status.name, _day(state.since), _day(c.made), _day(c.due),
        state.overdue, c.source, c.quote, c.notes, json.dumps(list(c.tags)),
    )  # fmt: skip


def _fill_updates(
    db: sqlite3.Connection, ledger: Ledger, rows: list[query.Row], as_of: dt.date
) -> None:
    """The updates up to the day of the export, their evidence, and the index."""
    sources = ledger.source_by_key
    updates: list[tuple[Any, ...]] = []
    evidence: list[tuple[int, int, str, str | None]] = []
    search: list[tuple[str, str, str, str]] = []
    number = 0
    for row in rows:
        c = row.commitment
        notes = []
        for update in ledger.history(c.id):
            if update.date > as_of:
                break
            number += 1
            recorded = update.recorded.isoformat() if update.recorded else None
            updates.append(
                (number, c.id, _day(update.date), update.status, update.note, recorded)
            )
            evidence.extend(
                (number, i, item, item if item in sources else None)
                for i, item in enumerate(update.evidence)
            )
            notes.append(update.note)
        search.append((c.title, c.quote, c.notes or "", "\n".join(notes)))
    db.executemany("INSERT INTO updates VALUES (?, ?, ?, ?, ?, ?)", updates)
    db.executemany("INSERT INTO evidence VALUES (?, ?, ?, ?)", evidence)
    # The index's rowids are those of `commitments`: both are filled in order.
    db.executemany(
        "INSERT INTO commitments_fts (rowid, title, quote, notes, update_notes) "
        "VALUES (?, ?, ?, ?, ?)",
        ((i, *texts) for i, texts in enumerate(search, start=1)),
    )


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
    try:
        db = sqlite3.connect(temporary, isolation_level=None)
        try:
            # A private file until the rename: no journal to keep, and one
            # fsync before the rename rather than one per statement.
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("BEGIN")
            _schema(db)
            _meta(db, ledger, as_of, len(rows))
            _fill(db, ledger, rows, as_of)
            db.execute("COMMIT")
            problems = db.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise TrackerError(f"internal error: broken references {problems[:3]}")
        finally:
            db.close()
        with temporary.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
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


def _schema(db: sqlite3.Connection) -> None:
    # executescript would commit the open transaction; one statement at a time.
    for statement in SCHEMA.split(";"):
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
                        f"on {day}; parties is a JSON array of country codes.",
                        "facets": ["status", "category", {"array": "parties"}],
                        "fts_table": "commitments_fts",
                        "fts_pk": "rowid",
                        "label_column": "title",
                        "sort": "made",
                    },
                    "commitment_parties": {
                        "title": "Status by party",
                        "description": "Each party of each commitment, and the "
                        f"status of that party's part on {day}.",
                        "facets": ["status", "party"],
                    },
                    "updates": {
                        "title": "Updates",
                        "description": f"What happened, up to {day}.",
                        "facets": ["status"],
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
