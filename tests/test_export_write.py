"""How `export sqlite` writes its database: rows in groups, a second process
and a second thread, what a failure on any leaves behind, and what OUT.db may
be."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker import _sqlite_file as sqlite_file
from tracker import export_sqlite, query, store
from tracker.errors import TrackerError
from tracker.model import Ledger

from conftest import Run

AS_OF = dt.date(2026, 6, 30)
GROUP = sqlite_file.GROUP
VALUES = st.one_of(
    st.none(),
    st.integers(-(2**63), 2**63 - 1),
    st.text(st.characters(codec="utf-8")),
    st.floats(allow_nan=False),
)


@given(
    st.integers(1, 5).flatmap(
        lambda width: st.lists(
            st.tuples(*[VALUES] * width), max_size=3 * GROUP + 5
        ).map(lambda rows: (width, rows))
    )
)
def test_insert_puts_in_every_row_in_order(table: tuple[int, list[Any]]) -> None:
    width, rows = table
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE TABLE t ({', '.join(f'c{i}' for i in range(width))})")
    columns = [[row[i] for row in rows] for i in range(width)]
    sqlite_file.insert(db, "t", columns)
    assert db.execute("SELECT * FROM t ORDER BY rowid").fetchall() == rows


@pytest.mark.parametrize("count", [0, 1, GROUP - 1, GROUP, GROUP + 1, 2 * GROUP + 3])
def test_insert_handles_whole_groups_and_the_rest(count: int) -> None:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE t (a, b)")
    sqlite_file.insert(db, "t", [range(count), [str(i) for i in range(count)]])
    assert db.execute("SELECT * FROM t ORDER BY rowid").fetchall() == [
        (i, str(i)) for i in range(count)
    ]


def test_insert_refuses_columns_of_different_lengths() -> None:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE t (a, b)")
    with pytest.raises(ValueError, match="the columns of t differ in length"):
        sqlite_file.insert(db, "t", [[1, 2], [1]])
    assert db.execute("SELECT count(*) FROM t").fetchall() == [(0,)]


# -- failures ---------------------------------------------------------------------


@pytest.fixture
def ledger() -> Ledger:
    return store.load(store.Location(store.bundled_path()), dt.date.today())


def _export(ledger: Ledger, out: Path) -> None:
    export_sqlite.export(ledger, out, AS_OF, query.make_filter(ledger))


# Counts to a hundred million: some 45 s of SQLite's work on the machine
# these tests were written on, unless interrupted.
ENDLESS = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
    "WHERE i < 100000000) SELECT count(*) FROM n;"
)
PROMPTLY = 15  # seconds


def _broken_updates(error: BaseException) -> Any:
    def batches(*args: object) -> Any:
        raise error
        yield  # a generator, as the real one is

    return batches


@pytest.mark.parametrize(
    ("index", "updates", "message"),
    [
        # The index fails: the updates are written, then its error.
        (
            "SELECT no_such_function();",
            None,
            "cannot write {out}: no such function: no_such_function",
        ),
        # The updates fail while the index is built: it is interrupted.
        (
            ENDLESS,
            sqlite3.OperationalError("disk I/O error"),
            "cannot write {out}: disk I/O error",
        ),
        (
            ENDLESS,
            OSError(28, "No space left on device"),
            "cannot write {out}: No space",
        ),
    ],
    ids=["index fails", "updates fail", "disk full"],
)
def test_a_failure_on_either_side_leaves_the_last_export_as_it_was(
    ledger: Ledger,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    index: str,
    updates: BaseException | None,
    message: str,
) -> None:
    out = tmp_path / "record.db"
    out.write_bytes(b"the last export")
    threads = threading.active_count()
    monkeypatch.setattr(export_sqlite, "FINISH", index)
    if updates is not None:
        monkeypatch.setattr(export_sqlite, "update_batches", _broken_updates(updates))
    started = time.monotonic()
    with pytest.raises(TrackerError) as raised:
        _export(ledger, out)
    assert time.monotonic() - started < PROMPTLY
    assert str(raised.value).startswith(message.format(out=out))
    assert out.read_bytes() == b"the last export"
    assert [p.name for p in tmp_path.iterdir()] == ["record.db"]
    assert threading.active_count() == threads


def test_ctrl_c_while_the_index_is_built_stops_every_side(
    ledger: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "record.db"
    threads = threading.active_count()
    monkeypatch.setattr(export_sqlite, "FINISH", ENDLESS)
    monkeypatch.setattr(
        export_sqlite, "update_batches", _broken_updates(KeyboardInterrupt())
    )
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        _export(ledger, out)
    assert time.monotonic() - started < PROMPTLY
    assert list(tmp_path.iterdir()) == []
    assert threading.active_count() == threads


def test_a_system_that_cannot_fork_writes_the_same_database(
    ledger: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    forked = tmp_path / "forked.db"
    _export(ledger, forked)
    monkeypatch.delattr(os, "fork")
    threads = tmp_path / "threads.db"
    _export(ledger, threads)
    dumps = []
    for path in (forked, threads):
        with sqlite3.connect(path) as db:
            dumps.append(list(db.iterdump()))
            assert db.execute("SELECT count(*) FROM updates").fetchone()[0] > 0
    assert dumps[0] == dumps[1]


def test_a_script_stopped_before_its_next_statement_begins_no_other() -> None:
    db = sqlite3.connect(":memory:")
    stop = threading.Event()
    stop.set()
    sqlite_file.run(db, "CREATE TABLE a (x); CREATE TABLE b (x);", stop)
    assert db.execute("SELECT name FROM sqlite_master").fetchall() == []


def test_a_directory_whose_name_reads_as_a_uri_gets_the_database(
    run: Run, tmp_path: Path
) -> None:
    # SQLite takes a name that starts with `file:` for a URI: `file:x/out.db`
    # would be x/out.db, unless the names it is given are absolute.
    (tmp_path / "file:x").mkdir()
    (tmp_path / "x").mkdir()
    result = run(
        "export", "sqlite", "file:x/out.db", "--as-of", str(AS_OF),
        "--ledger", store.bundled_path(),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    out = tmp_path / "file:x" / "out.db"
    with sqlite3.connect(out) as db:
        assert db.execute("SELECT count(*) FROM commitments").fetchall() == [(14,)]
        assert db.execute("SELECT count(*) FROM updates").fetchall() != [(0,)]
    assert sorted(p.name for p in (tmp_path / "file:x").iterdir()) == [
        "out.db",
        "out.metadata.json",
    ]
    assert list((tmp_path / "x").iterdir()) == []


def test_a_missing_directory_is_one_error_with_a_hint(run: Run, tmp_path: Path) -> None:
    result = run(
        "export", "sqlite", tmp_path / "nowhere" / "out.db",
        "--ledger", store.bundled_path(),
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: cannot write {tmp_path / 'nowhere' / 'out.db'}: "
        "No such file or directory",
        f"hint: create the directory first: mkdir -p {tmp_path / 'nowhere'}",
    ]
    assert list(tmp_path.iterdir()) == []


# -- what OUT.db may be -------------------------------------------------------------


def _refused(run: Run, ledger: Path, out: Path | str, what: str) -> None:
    result = run("export", "sqlite", out, "--ledger", ledger)
    assert result.exit_code == 1, result.stderr
    assert result.stderr.splitlines() == [
        f"error: cannot write {out}: it is {what}",
        "hint: name a new .db file, e.g. tracker export sqlite record.db",
    ]


@pytest.mark.parametrize(
    ("name", "what"),
    [
        ("commitments.toml", "the ledger; an export never replaces it"),
        (
            ".commitments.toml.lock",
            "the ledger's lock file; an export never replaces it",
        ),
        (
            ".commitments.toml.undo",
            "the ledger's undo record; an export never replaces it",
        ),
        (
            "sources/astana.txt",
            "the archived text of source 'astana-2024'; an export never replaces it",
        ),
        ("sources/../commitments.toml", "the ledger; an export never replaces it"),
        ("sources", "a directory; an export replaces only a regular file"),
    ],
)
def test_the_ledger_and_its_files_are_never_exported_over(
    run: Run, small_ledger: Path, name: str, what: str
) -> None:
    (small_ledger.parent / ".commitments.toml.undo").write_text("undo record")
    files = {p: p.read_bytes() for p in small_ledger.parent.rglob("*") if p.is_file()}
    _refused(run, small_ledger, small_ledger.parent / name, what)
    after = {p: p.read_bytes() for p in small_ledger.parent.rglob("*") if p.is_file()}
    assert after == files


def test_links_to_the_ledger_and_fifos_are_refused(
    run: Run, small_ledger: Path, tmp_path: Path
) -> None:
    before = small_ledger.read_bytes()
    link = tmp_path / "record.db"
    link.symlink_to(small_ledger)
    _refused(run, small_ledger, link, "the ledger; an export never replaces it")
    hard = tmp_path / "hard.db"
    os.link(small_ledger, hard)
    _refused(run, small_ledger, hard, "the ledger; an export never replaces it")
    fifo = tmp_path / "pipe.db"
    os.mkfifo(fifo)
    _refused(run, small_ledger, fifo, "a FIFO; an export replaces only a regular file")
    assert small_ledger.read_bytes() == before
    assert link.is_symlink()
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_metadata_that_would_replace_a_fifo_stops_the_export_first(
    run: Run, small_ledger: Path, tmp_path: Path
) -> None:
    os.mkfifo(tmp_path / "record.metadata.json")
    result = run("export", "sqlite", tmp_path / "record.db", "--ledger", small_ledger)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"error: cannot write {tmp_path / 'record.metadata.json'}: it is a FIFO"
    )
    assert not (tmp_path / "record.db").exists()


def test_a_link_to_an_earlier_export_has_its_target_replaced(
    run: Run, small_ledger: Path, tmp_path: Path
) -> None:
    real = tmp_path / "exports" / "2026-q3.db"
    real.parent.mkdir()
    real.write_bytes(b"an earlier export")
    link = tmp_path / "latest.db"
    link.symlink_to(real)
    result = run("export", "sqlite", link, "--ledger", small_ledger)
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink()
    with sqlite3.connect(real) as db:
        assert db.execute("SELECT count(*) FROM commitments").fetchone()[0] > 0


def test_a_full_disk_says_how_much_room_an_export_needs(
    ledger: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = sqlite3.SQLITE_FULL  # as sqlite3 sets it
    monkeypatch.setattr(export_sqlite, "update_batches", _broken_updates(full))
    out = tmp_path / "record.db"
    with pytest.raises(TrackerError) as raised:
        _export(ledger, out)
    assert str(raised.value) == f"cannot write {out}: database or disk is full"
    assert raised.value.hint == (
        "free some disk space and try again: while it runs, an export needs "
        "about a third more than the database"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_statement_begun_just_after_an_interrupt_is_interrupted_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The second thread looks at `stop`, is held up, and begins its statement
    # after the block has failed and interrupted: SQLite forgot that
    # interrupt, as no statement ran then.
    def late(db: sqlite3.Connection, script: str, stop: threading.Event) -> None:
        stopped = stop.is_set()
        time.sleep(0.3)
        if not stopped:
            db.execute(script)

    monkeypatch.setattr(sqlite_file, "run", late)
    db = sqlite_file.connect(tmp_path / "x.db", threads=True)
    started = time.monotonic()
    with (
        pytest.raises(OSError, match="the block failed"),
        sqlite_file.in_background(db, ENDLESS.rstrip(";")),
    ):
        raise OSError("the block failed")
    assert time.monotonic() - started < PROMPTLY
    db.close()
