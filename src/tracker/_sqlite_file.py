"""A SQLite file nobody reads until it is whole, written fast.

An export builds its database in temporary files beside the target, with no
journal and no fsync until the end, and renames the finished file over the
target: a reader (a running Datasette) sees the old database or the new one.
Two connections may write at the same time, each on its own thread and file
(`in_background`).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tracker import _atomic


def temporary(target: Path) -> Path:
    """A new empty file beside `target` (see `_atomic.temporary_beside`). Its
    path is absolute: SQLite reads a name that starts with `file:` as a URI,
    which could name some other file."""
    fd, path = _atomic.temporary_beside(target)
    os.close(fd)
    return path


def connect(path: Path, *, threads: bool = False) -> sqlite3.Connection:
    """A connection to a private file: no journal to keep, no fsync per
    statement, no lock to share, temporary tables in memory. `threads`: the
    connection may be used from another thread than the one that opened it
    (never from two at once)."""
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=not threads)
    # The references come from a validated ledger, so they are not checked
    # row by row as they go in (the tests check them); and with the check
    # off, SQLite copies a table from one file to another whole.
    for setting in (
        "foreign_keys = OFF",
        "journal_mode = OFF",
        "synchronous = OFF",
        "cache_size = -262144",
        "locking_mode = EXCLUSIVE",
        "temp_store = MEMORY",
    ):
        db.execute(f"PRAGMA {setting}")
    return db


def run(
    db: sqlite3.Connection, script: str, stop: threading.Event | None = None
) -> None:
    """Each statement of `script`, which may hold no `;` but the ones that
    end its statements, in the open transaction (executescript would
    commit it); none once `stop` is set."""
    for statement in script.split(";"):
        if stop is not None and stop.is_set():
            return
        if statement.strip():
            db.execute(statement)


# Rows go in this many to a statement: each statement run costs as much as
# binding a few values, and at 100,000 commitments some 600,000 rows go in.
GROUP = 64


def insert(
    db: sqlite3.Connection, table: str, columns: Sequence[Sequence[Any]]
) -> None:
    """Insert into `table` the rows whose values are `columns`: a sequence
    of each column's values, all of one length. They go in GROUP rows to a
    statement, the last few by a statement of their own.

    A statement's values are laid out in one list, column by column into
    every width-th place, by slice assignments that run in C: some 40% of
    the cost of making each row a tuple and flattening them."""
    width = len(columns)
    count = len(columns[0]) if columns else 0
    if any(len(column) != count for column in columns):
        raise ValueError(f"the columns of {table} differ in length")
    if not count:
        return
    one = f"({', '.join('?' * width)})"
    whole = count - count % GROUP
    values: list[Any] = [None] * (GROUP * width)

    def groups() -> Iterator[list[Any]]:
        # The same list each time: sqlite3 binds (copies) its values before
        # it asks for the next.
        for start in range(0, whole, GROUP):
            for place, column in enumerate(columns):
                values[place::width] = column[start : start + GROUP]
            yield values

    db.executemany(f"INSERT INTO {table} VALUES {', '.join([one] * GROUP)}", groups())
    if whole < count:
        rest: list[Any] = [None] * ((count - whole) * width)
        for place, column in enumerate(columns):
            rest[place::width] = column[whole:]
        db.execute(
            f"INSERT INTO {table} VALUES {', '.join([one] * (count - whole))}", rest
        )


@contextmanager
def in_background(db: sqlite3.Connection, script: str) -> Iterator[None]:
    """Run `script` on `db` on a second thread while the block runs, and
    leave when both are done. If either fails, so does the block, with that
    error; if the block fails (Ctrl-C too), the script is stopped: the
    statement running is interrupted, and no other is begun. The block must
    not use `db`."""
    from concurrent.futures import ThreadPoolExecutor, wait

    stop = threading.Event()
    with ThreadPoolExecutor(1, thread_name_prefix="tracker-sqlite") as pool:
        done = pool.submit(run, db, script, stop)
        try:
            yield
            done.result()
        except BaseException:
            stop.set()
            # Again and again until the thread ends: SQLite forgets an
            # interrupt that comes while no statement runs, and a statement
            # may begin just after the thread last looked at `stop`.
            while not done.done():
                db.interrupt()
                wait([done], timeout=0.01)
            raise


def copy_tables(db: sqlite3.Connection, path: Path, tables: Iterable[str]) -> None:
    """Copy `tables` whole from the database at `path` into `db`'s, where
    they are empty and made by the same statements: SQLite then moves the
    stored rows as they are, without taking them apart."""
    db.execute("ATTACH DATABASE ? AS written", (str(path),))
    db.execute("BEGIN")
    for table in tables:
        db.execute(f"INSERT INTO main.{table} SELECT * FROM written.{table}")
    db.execute("COMMIT")
    db.execute("DETACH DATABASE written")


def bind_plainly() -> None:
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


def publish(written: Path, target: Path) -> None:
    """Put the finished file `written` in the place of `target`: fsynced,
    with the mode and owner of the file it replaces, by a rename."""
    like = _atomic.existing(target)
    with written.open("rb+") as handle:
        _atomic.keep_mode_and_owner(handle.fileno(), like)
        os.fsync(handle.fileno())
    os.replace(written, target)
    _atomic.fsync_directory(target.parent)
