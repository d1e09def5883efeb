"""tracker export sqlite: the ledger as of a day, in SQLite, served by Datasette."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import tomllib
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from party_ledgers import AS_OF, SPLIT_LEDGER

from tracker import export_sqlite, query, store
from tracker.model import Ledger

from conftest import SMALL, Run, write_ledger

DAY = "2025-06-30"
UPDATES = [
    ("kz-consulates", "in-progress", "2023-09-01", "Sites agreed in Aktobe"),
    ("kz-consulates", "fulfilled", "2024-05-01", "Both consulates open"),
    ("tj-luban-workshop", "partial", "2024-01-10", "New courses at the workshop"),
    ("tm-year-of-culture", "stalled", "2025-01-15", "Talks paused"),
    ("kg-sco-heads-of-government", "fulfilled", "2025-09-01", "After the day"),
]


@pytest.fixture
def ledger(run: Run, xian_ledger: Path) -> Path:
    ids = {c for c, *_ in UPDATES}
    listed = json.loads(run("list", "--ledger", xian_ledger, "--format", "json").stdout)
    assert ids <= {row["id"] for row in listed}
    for commitment, status, date, note in UPDATES:
        result = run(
            "update", commitment, status, "--date", date, "--note", note,
            "--evidence", "xian-talks-2023", "--evidence", "https://example.org/n",
            "--ledger", xian_ledger,
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
    return xian_ledger


def _export(run: Run, ledger: Path, out: Path, *args: str) -> None:
    result = run("export", "sqlite", out, "--ledger", ledger, *args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        f"serve it with: datasette {out} --metadata "
        f"{out.with_name(out.stem + '.metadata.json')}\n"
    )


def _rows(db: Path, sql: str, *args: object) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql, args).fetchall()


def test_the_database_holds_the_ledger_as_of_the_day(
    run: Run, ledger: Path, tmp_path: Path
) -> None:
    out = tmp_path / "record.db"
    _export(run, ledger, out, "--as-of", DAY)
    assert _rows(out, "SELECT count(*) FROM commitments") == [(14,)]
    assert _rows(
        out,
        "SELECT party, status, since FROM commitment_parties "
        "WHERE commitment = 'kz-consulates'",
    ) == [("CN", "fulfilled", "2024-05-01"), ("KZ", "fulfilled", "2024-05-01")]
    # The update after the day is not there, and its commitment still pledged.
    assert _rows(out, "SELECT count(*) FROM updates") == [(4,)]
    assert _rows(
        out, "SELECT status FROM commitments WHERE id = 'kg-sco-heads-of-government'"
    ) == [("pledged",)]
    assert _rows(
        out,
        "SELECT u.commitment, e.position, e.item, e.source FROM evidence e "
        "JOIN updates u ON u.id = e.update_id WHERE u.date = '2025-01-15'",
    ) == [
        ("tm-year-of-culture", 0, "xian-talks-2023", "xian-talks-2023"),
        ("tm-year-of-culture", 1, "https://example.org/n", None),
    ]
    assert _rows(out, "PRAGMA foreign_key_check") == []
    assert ("sources", "source", "key") in [
        (r[2], r[3], r[4]) for r in _rows(out, "PRAGMA foreign_key_list(commitments)")
    ]
    assert _rows(out, "SELECT * FROM status_by_party WHERE party = 'KZ'") == [
        ("KZ", "Kazakhstan", "pledged", 2),
        ("KZ", "Kazakhstan", "fulfilled", 1),
    ]
    assert _rows(
        out, "SELECT status, commitments FROM status_by_category "
        "WHERE category = 'education'"
    ) == [("partial", 1)]  # fmt: skip
    # Update notes are searched as well as titles, quotes and notes.
    assert _rows(
        out,
        "SELECT c.id FROM commitments c JOIN commitments_fts f ON f.rowid = c.rowid "
        "WHERE commitments_fts MATCH 'courses'",
    ) == [("tj-luban-workshop",)]
    assert _rows(out, "SELECT * FROM scale WHERE status = 'fulfilled'") == [
        ("fulfilled", 4, 1.0, 1.0, 1)
    ]
    assert _rows(out, "SELECT value FROM meta WHERE key = 'as_of'") == [(DAY,)]


def test_export_replaces_the_file_whole_and_leaves_no_temporary(
    run: Run, ledger: Path, tmp_path: Path
) -> None:
    out = tmp_path / "record.db"
    out.write_bytes(b"an older export")
    out.chmod(0o640)
    _export(run, ledger, out, "--as-of", "2023-04-26")
    assert _rows(out, "SELECT count(*) FROM updates") == [(0,)]
    assert out.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_an_export_over_anothers_file_keeps_its_owner(
    run: Run, ledger: Path, tmp_path: Path
) -> None:
    """As a write to the ledger does: root (say, through sudo) replacing a
    researcher's export leaves it theirs. Anyone else owns what they replace."""
    out = tmp_path / "record.db"
    out.write_bytes(b"an older export")
    if os.geteuid() == 0:
        os.chown(out, 4321, 4321)
    owner = (out.stat().st_uid, out.stat().st_gid)
    _export(run, ledger, out, "--as-of", "2023-04-26")
    assert _rows(out, "SELECT count(*) FROM updates") == [(0,)]
    assert (out.stat().st_uid, out.stat().st_gid) == owner


def test_source_chooses_the_commitments_of_one_meeting(
    run: Run, ledger: Path, tmp_path: Path
) -> None:
    text = ledger.read_text(encoding="utf-8")
    text = text.replace(
        '[[commitment]]\nid = "kz-consulates"',
        '[sources.other-2023]\ntitle = "Another meeting"\ndate = 2023-04-26\n'
        'text = "sources/xian-talks-2023-04-26.txt"\n\n'
        '[[commitment]]\nid = "kz-consulates"',
        1,
    )
    text = text.replace(
        'category = "consular"\nmade = 2023-04-26\nsource = "xian-talks-2023"',
        'category = "consular"\nmade = 2023-04-26\nsource = "other-2023"',
        1,
    )
    assert text.count("other-2023") == 2
    ledger.write_text(text, encoding="utf-8")
    out = tmp_path / "other.db"
    _export(run, ledger, out, "--as-of", DAY, "--source", "other-2023")
    assert _rows(out, "SELECT id FROM commitments") == [("kz-consulates",)]
    assert _rows(out, "SELECT DISTINCT commitment FROM updates") == [("kz-consulates",)]


def test_an_update_keeps_its_id_as_the_log_grows(
    run: Run, ledger: Path, tmp_path: Path
) -> None:
    before = tmp_path / "before.db"
    _export(run, ledger, before, "--as-of", DAY)
    # News of an early commitment arrives later: it goes at the end of the log.
    result = run(
        "update", "kz-consulates", "fulfilled", "--date", "2024-06-01",
        "--note", "Visa desk opened", "--evidence", "https://example.org/v",
        "--ledger", ledger,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    after = tmp_path / "after.db"
    _export(run, ledger, after, "--as-of", DAY)
    rows = "SELECT id, commitment, date, note FROM updates ORDER BY id"
    old, new = _rows(before, rows), _rows(after, rows)
    assert new[: len(old)] == old
    # The id is the update's place in the ledger's update log, from 1; the
    # one dated after the day is left out, and its place with it.
    log = tomllib.loads(ledger.read_text(encoding="utf-8"))["update"]
    assert new == [
        (place, u["commitment"], u["date"].isoformat(), u["note"])
        for place, u in enumerate(log, start=1)
        if u["date"] <= dt.date.fromisoformat(DAY)
    ]
    assert len(new) == len(old) + 1
    assert _rows(after, "SELECT max(id) FROM updates") == [(len(log),)]
    assert _rows(after, "PRAGMA foreign_key_check") == []


@pytest.mark.parametrize("as_of", ["2023-01-01", "2024-01-10", DAY, "2030-01-01"])
@pytest.mark.parametrize(
    "chosen",
    [None, {"kz-consulates", "tm-year-of-culture"}, {"kg-sco-heads-of-government"}],
)
def test_the_updates_of_some_commitments_keep_their_places(
    ledger: Path, as_of: str, chosen: set[str] | None
) -> None:
    loaded = store.load(store.Location(ledger), dt.date(2030, 1, 1))
    day = dt.date.fromisoformat(as_of)
    rows = [
        row
        for row in query.select(loaded, day, query.make_filter(loaded))
        if chosen is None or row[0].id in chosen
    ]
    places, updates = export_sqlite.update_log(loaded, rows, day)
    assert list(zip(places, updates, strict=True)) == [
        (place, u)
        for place, u in enumerate(loaded.updates, start=1)
        if (chosen is None or u.commitment in chosen) and u.date <= day
    ]


def test_only_sqlite_is_known(run: Run, ledger: Path, tmp_path: Path) -> None:
    result = run("export", "excel", tmp_path / "x.db", "--ledger", ledger)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "error: Invalid value for 'sqlite': 'excel' is not one of sqlite"
    )


# -- Datasette -------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


@pytest.fixture
def served(run: Run, ledger: Path, tmp_path: Path) -> Iterator[str]:
    """The export, served by datasette as the README says; its base URL."""
    out = tmp_path / "record.db"
    _export(run, ledger, out, "--as-of", DAY)
    yield from _serve(out)


def _serve(out: Path) -> Iterator[str]:
    datasette = shutil.which("datasette", path=str(Path(sys.executable).parent))
    assert datasette is not None, "datasette is in the test extras"
    port = _free_port()
    server = subprocess.Popen(
        [datasette, "serve", str(out), "--metadata", str(out.with_name(
            out.stem + ".metadata.json")), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=dict(os.environ),
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                _get(f"{base}/-/versions.json")
                break
            except OSError:
                assert server.poll() is None, (
                    server.stderr.read() if server.stderr else ""
                )
                assert time.monotonic() < deadline, "datasette did not start"
                time.sleep(0.1)
        yield f"{base}/{out.stem}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        if server.stderr:
            server.stderr.close()


def _facets(data: Any, name: str) -> dict[str, int]:
    return {r["value"]: r["count"] for r in data["facet_results"][name]["results"]}


def test_datasette_serves_facets_search_and_per_party_statuses(
    run: Run, ledger: Path, served: str
) -> None:
    report = json.loads(
        run("report", "--ledger", ledger, "--as-of", DAY, "--format", "json").stdout
    )
    commitments = _get(f"{served}/commitments.json?_size=0")
    assert _facets(commitments, "status") == {
        s: n for s, n in report["overall"]["counts"].items() if n
    }
    assert _facets(commitments, "category") == {
        g["key"]: g["total"] for g in report["by_category"] if g["total"]
    }
    parties = _get(f"{served}/commitment_parties.json?_size=0")
    assert _facets(parties, "party") == {
        g["key"]: g["total"] for g in report["by_party"] if g["total"]
    }
    assert _facets(parties, "status") == {
        s: sum(g["counts"][s] for g in report["by_party"])
        for s in report["statuses"]
        if any(g["counts"][s] for g in report["by_party"])
    }

    found = _get(f"{served}/commitments.json?_search=Luban&_shape=array")
    assert [row["id"] for row in found] == ["tj-luban-workshop"]

    statuses = _get(
        f"{served}/commitment_parties.json?commitment=kz-consulates&_shape=array"
    )
    assert [(r["party"], r["status"], r["since"]) for r in statuses] == [
        ("CN", "fulfilled", "2024-05-01"),
        ("KZ", "fulfilled", "2024-05-01"),
    ]


def test_one_function_gives_each_party_its_status() -> None:
    from tracker.model import Commitment, Ledger

    commitment = Commitment(
        "x", "A pledge", ("CN", "KZ"), "economy", export_sqlite.dt.date(2023, 1, 1),
        "s", "q",
    )  # fmt: skip
    ledger = Ledger("t", (("CN", "China"), ("KZ", "Kazakhstan")), (), (commitment,))
    state = ledger.state(commitment, export_sqlite.dt.date(2024, 1, 1))
    assert export_sqlite.party_statuses(ledger, commitment, state) == [
        ("CN", state),
        ("KZ", state),
    ]


# -- a ledger whose updates name parties ---------------------------------------


@pytest.fixture
def split_export(run: Run, tmp_path: Path) -> Path:
    ledger = write_ledger(tmp_path / "ledger", SPLIT_LEDGER)
    out = tmp_path / "split.db"
    _export(run, ledger, out, "--as-of", AS_OF)
    return out


def test_each_party_has_its_own_status_since_and_overdue(split_export: Path) -> None:
    # See party_ledgers: worked out by hand.
    assert _rows(
        split_export,
        "SELECT p.commitment, p.party, p.status, p.since, p.overdue "
        "FROM commitment_parties p JOIN commitments c ON c.id = p.commitment "
        "ORDER BY c.rowid, p.party",
    ) == [
        ("water-lab", "CN", "pledged", "2024-03-01", 1),
        ("water-lab", "KZ", "fulfilled", "2024-05-19", 0),
        ("tourism-year", "CN", "partial", "2024-04-01", 0),
        ("tourism-year", "KZ", "partial", "2024-04-01", 0),
        ("direct-flights", "CN", "in-progress", "2024-06-01", 0),
        ("direct-flights", "KZ", "in-progress", "2024-06-01", 0),
        ("direct-flights", "UZ", "fulfilled", "2024-08-01", 0),
    ]
    assert _rows(
        split_export,
        "SELECT id, status, since, overdue FROM commitments ORDER BY rowid",
    ) == [
        ("water-lab", "split", "2024-05-19", 1),
        ("tourism-year", "partial", "2024-04-01", 0),
        ("direct-flights", "split", "2024-08-01", 0),
    ]
    assert _rows(
        split_export, "SELECT commitment, date, parties, by FROM updates ORDER BY date"
    ) == [
        ("tourism-year", "2024-04-01", '["CN", "KZ"]', None),
        ("water-lab", "2024-05-19", '["KZ"]', "A. Researcher"),
        ("direct-flights", "2024-06-01", '["CN", "KZ", "UZ"]', None),
        ("direct-flights", "2024-08-01", '["UZ"]', "B. Analyst"),
        ("tourism-year", "2024-09-01", '["CN"]', None),
    ]
    assert _rows(split_export, "SELECT * FROM status_by_party WHERE party = 'KZ'") == [
        ("KZ", "Kazakhstan", "in-progress", 1),
        ("KZ", "Kazakhstan", "partial", 1),
        ("KZ", "Kazakhstan", "fulfilled", 1),
    ]
    assert _rows(split_export, "SELECT * FROM status_by_category") == [
        ("science", "split", 1),
        ("culture", "partial", 1),
        ("connectivity", "split", 1),
    ]
    assert _rows(
        split_export, "SELECT publisher FROM sources WHERE key = 'kazinform-2024-05-19'"
    ) == [("Kazinform",)]
    assert _rows(split_export, "PRAGMA foreign_key_check") == []


def test_datasette_facets_each_party_on_its_own_status(
    run: Run, tmp_path: Path, split_export: Path
) -> None:
    ledger = tmp_path / "ledger" / "commitments.toml"
    report = json.loads(
        run("report", "--ledger", ledger, "--as-of", AS_OF, "--format", "json").stdout
    )
    for served in _serve(split_export):
        parties = _get(f"{served}/commitment_parties.json?_size=0")
        by_status = {
            s: sum(g["counts"][s] for g in report["by_party"])
            for s in report["statuses"]
            if any(g["counts"][s] for g in report["by_party"])
        }
        assert _facets(parties, "status") == by_status
        assert by_status == {
            "pledged": 1,
            "in-progress": 2,
            "partial": 2,
            "fulfilled": 2,
        }
        commitments = _get(f"{served}/commitments.json?_size=0")
        assert _facets(commitments, "status") == {"split": 2, "partial": 1}
        updates = _get(f"{served}/updates.json?_size=0")
        assert _facets(updates, "parties") == {"CN": 3, "KZ": 3, "UZ": 2}


# -- every table, row for row ----------------------------------------------------


def _expected(ledger: Ledger, as_of: dt.date) -> dict[str, list[tuple[Any, ...]]]:
    """Every table as the ledger says it should be, worked out the plain way,
    one commitment and one update at a time, in each table's key order."""

    def day(value: dt.date | None) -> str | None:
        return value.isoformat() if value else None

    rows = query.select(ledger, as_of, query.make_filter(ledger))
    tables: dict[str, list[tuple[Any, ...]]] = {
        "meta": [
            ("title", ledger.title),
            ("as_of", as_of.isoformat()),
            ("commitments", str(len(rows))),
        ],
        "scale": [
            (s.name, i, s.progress, s.score, int(s.closed))
            for i, s in enumerate(ledger.scale.statuses)
        ],
        "countries": [
            (code, name, i) for i, (code, name) in enumerate(ledger.countries)
        ],
        "sources": [
            (
                s.key,
                s.title,
                day(s.date),
                day(s.published),
                s.publisher,
                s.place,
                s.url,
                s.text,
            )
            for s in ledger.sources
        ],
        "commitments": [],
        "commitment_parties": [],
        "updates": [],
        "evidence": [],
    }
    keys = {s.key for s in ledger.sources}
    # An update's id is its place in the update log.
    places = {id(u): place for place, u in enumerate(ledger.updates, start=1)}
    for c, state in rows:
        history = [u for u in ledger.history(c.id) if u.date <= as_of]
        tables["commitments"].append(
            (
                c.id,
                c.title,
                json.dumps(list(c.countries)),
                c.category,
                state.status.name,
                day(state.since),
                day(c.made),
                day(c.due),
                int(state.overdue),
                c.source,
                c.quote,
                c.notes,
                json.dumps(list(c.tags)),
                "\n".join(u.note for u in history),
            )
        )
        for p in state.party_states(c):
            tables["commitment_parties"].append(
                (c.id, p.code, p.status.name, day(p.since), int(p.overdue))
            )
        for u in history:
            number = places[id(u)]
            tables["updates"].append(
                (
                    number,
                    c.id,
                    day(u.date),
                    u.status,
                    u.note,
                    u.recorded.isoformat() if u.recorded else None,
                    json.dumps(list(u.parties or c.countries)),
                    u.by,
                )
            )
            tables["evidence"] += [
                (number, i, item, item if item in keys else None)
                for i, item in enumerate(u.evidence)
            ]
    for table in ("commitment_parties", "updates", "evidence"):
        tables[table].sort(key=lambda row: (row[0], row[1]))
    return tables


def _words(text: str | None) -> set[str]:
    """The words the full-text index finds in `text`, where they are plain
    ASCII (the index also folds accents, which this check leaves aside)."""
    return {w for w in re.findall(r"[^\W_]+", (text or "").lower()) if w.isascii()}


# Updates recorded at moments of every form TOML has: local, UTC, offsets
# either side, fractions of a second; and updates with no `recorded`.
STAMPED_LEDGER = SMALL + "".join(
    f"""
[[update]]
commitment = "{commitment}"
date = 2024-0{month}-01
status = "in-progress"
note = "Update {month}"
evidence = ["astana-2024", "https://example.org/{month}"]
{recorded}
"""
    for month, (commitment, recorded) in enumerate(
        [
            ("water-lab", "recorded = 2024-06-02T10:00:00Z"),
            ("water-lab", "recorded = 2024-06-02T10:00:00.25+05:30"),
            ("tourism-year", "recorded = 2024-06-02T23:59:59.999999-08:00"),
            ("tourism-year", "recorded = 2024-06-02T10:00:00"),
            ("direct-flights", ""),
            ("direct-flights", "recorded = 0999-01-02T03:04:05+00:00"),
        ],
        start=4,
    )
)


@pytest.mark.parametrize("which", ["bundled", "record", "split", "stamped"])
def test_every_table_holds_exactly_the_ledger_row_for_row(
    run: Run, ledger: Path, tmp_path: Path, which: str
) -> None:
    path, day = {
        "bundled": (store.bundled_path(), "2026-06-30"),
        "record": (ledger, DAY),
        "split": (write_ledger(tmp_path / "split", SPLIT_LEDGER), AS_OF),
        "stamped": (write_ledger(tmp_path / "stamped", STAMPED_LEDGER), DAY),
    }[which]
    out = tmp_path / "every.db"
    _export(run, path, out, "--as-of", day)
    model = store.load(store.Location(path), dt.date.today())
    expected = _expected(model, dt.date.fromisoformat(day))
    assert expected["updates"]
    assert expected["evidence"]
    for table, want in expected.items():
        # In the order they went in, or by key where the table has no rowid.
        order = "1, 2" if table in {"commitment_parties", "evidence"} else "rowid"
        assert _rows(out, f"SELECT * FROM {table} ORDER BY {order}") == want, table
    # The text index matches its table, and finds each word in exactly the
    # commitments whose title, quote, notes or update notes hold it.
    _rows(
        out, "INSERT INTO commitments_fts (commitments_fts) VALUES ('integrity-check')"
    )
    holders: dict[str, set[str]] = {}
    for row in expected["commitments"]:
        for word in set().union(*(_words(row[i]) for i in (1, 10, 11, 13))):
            holders.setdefault(word, set()).add(row[0])
    assert len(holders) > 20
    for word, ids in holders.items():
        found = _rows(
            out,
            "SELECT c.id FROM commitments c JOIN commitments_fts f "
            "ON f.rowid = c.rowid WHERE commitments_fts MATCH ?",
            f'"{word}"',
        )
        assert {i for (i,) in found} == ids, word


@pytest.mark.parametrize("which", ["record", "split"])
def test_the_text_index_holds_what_sqlite_builds_from_the_commitments(
    run: Run, ledger: Path, tmp_path: Path, which: str
) -> None:
    # However the export builds it, the index holds exactly what FTS5 makes
    # from the commitments table with its own settings: every word of every
    # column of every commitment, the same lengths, the same configuration,
    # so the same searches find the same rows in the same rank order.
    path, day = {
        "record": (ledger, DAY),
        "split": (write_ledger(tmp_path / "split", SPLIT_LEDGER), AS_OF),
    }[which]
    out = tmp_path / "index.db"
    _export(run, path, out, "--as-of", day)
    again = tmp_path / "again.db"
    shutil.copyfile(out, again)
    _rows(again, "INSERT INTO commitments_fts (commitments_fts) VALUES ('rebuild')")
    held = {}
    for db in (out, again):
        with sqlite3.connect(db) as connection:
            connection.execute(
                "CREATE VIRTUAL TABLE temp.words "
                "USING fts5vocab(main, commitments_fts, 'instance')"
            )
            words = connection.execute(
                "SELECT * FROM temp.words ORDER BY 1, 2, 3"
            ).fetchall()
            held[db] = {
                "words": words,
                "found": [
                    connection.execute(
                        "SELECT rowid, rank FROM commitments_fts "
                        "WHERE commitments_fts MATCH ? ORDER BY rank, rowid",
                        (f'"{word}"',),
                    ).fetchall()
                    for word in sorted({w for w, *_ in words})
                ],
                "lengths": connection.execute(
                    "SELECT * FROM commitments_fts_docsize ORDER BY id"
                ).fetchall(),
                "settings": connection.execute(
                    "SELECT * FROM commitments_fts_config ORDER BY k"
                ).fetchall(),
            }
    assert held[out] == held[again]
    assert len(held[out]["words"]) > 50
    assert held[out]["settings"] == [("version", 4)]
    assert _rows(out, "SELECT count(*) FROM commitments_fts_docsize") == _rows(
        out, "SELECT count(*) FROM commitments"
    )
    # What it indexes, and how: a change here changes what searches find.
    assert _rows(
        out, "SELECT sql FROM sqlite_master WHERE name = 'commitments_fts'"
    ) == [
        (
            "CREATE VIRTUAL TABLE commitments_fts USING fts5(\n"
            "    title, quote, notes, update_notes, content = 'commitments', "
            "detail = column\n)",
        )
    ]


def _zones() -> st.SearchStrategy[dt.tzinfo | None]:
    """No zone, UTC, fixed offsets of whole minutes (all TOML can write) and
    of odd seconds (which Python can make)."""
    minutes = st.integers(-24 * 60 + 1, 24 * 60 - 1).map(
        lambda m: dt.timedelta(minutes=m)
    )
    seconds = st.integers(-86399, 86399).map(lambda s: dt.timedelta(seconds=s))
    return st.one_of(
        st.none(),
        st.just(dt.UTC),
        minutes.map(dt.timezone),
        seconds.map(dt.timezone),
    )


@given(
    st.lists(
        st.one_of(st.none(), st.datetimes(timezones=_zones())),
        max_size=20,
    )
)
def test_stamps_are_written_as_isoformat_writes_them(
    moments: list[dt.datetime | None],
) -> None:
    assert export_sqlite._stamps(moments) == [
        m.isoformat() if m is not None else None for m in moments
    ]
