"""Work done by a second process (or, where there is no fork, a thread): its
result, its errors, and no child left behind whatever happens."""

from __future__ import annotations

import datetime as dt
import errno
import os
import signal
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tracker import _child

PROMPTLY = 15  # seconds


@pytest.fixture(params=["fork", "thread"])
def where(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each test runs where a process can fork and where it cannot."""
    if request.param == "thread":
        monkeypatch.delattr(os, "fork")
    return str(request.param)


def _children() -> set[int]:
    """This process's children, zombies too."""
    found = set()
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[1] == str(os.getpid()):
            found.add(int(entry.name))
    return found


def test_the_work_is_done_by_the_time_it_is_waited_for(
    where: str, tmp_path: Path
) -> None:
    out = tmp_path / "out"

    def work() -> None:
        out.write_text(str(os.getpid()))

    children = _children()
    with _child.in_child(work) as done:
        done()
        worker = int(out.read_text())
    assert (worker != os.getpid()) == (where == "fork")
    assert _children() == children


def test_what_the_work_returns_is_what_the_block_gets(where: str) -> None:
    # More than a pipe holds at once, and values pickle knows: dates too.
    value = {"note": "x" * (1 << 20), "made": [dt.date(2023, 4, 26)] * 1000}

    def work() -> dict[str, object]:
        return {**value, "by": os.getpid()}

    with _child.in_child(work) as done:
        got = done()
    assert (got.pop("by") != os.getpid()) == (where == "fork")
    assert got == value


def _wait_for(work: Callable[[], None]) -> None:
    with _child.in_child(work) as done:
        done()


def _raising(error: BaseException) -> Callable[[], None]:
    def work() -> None:
        raise error

    return work


def test_the_works_error_is_raised_with_what_it_says(where: str) -> None:
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = sqlite3.SQLITE_FULL  # as sqlite3 sets it
    with pytest.raises(sqlite3.OperationalError) as raised:
        _wait_for(_raising(full))
    assert str(raised.value) == "database or disk is full"
    assert raised.value.sqlite_errorcode == sqlite3.SQLITE_FULL
    disk = OSError(errno.ENOSPC, "No space left on device", "/tmp/x.db")
    with pytest.raises(OSError, match="No space") as failed:
        _wait_for(_raising(disk))
    assert (failed.value.errno, failed.value.strerror, failed.value.filename) == (
        errno.ENOSPC,
        "No space left on device",
        "/tmp/x.db",
    )


class _Unmakeable(Exception):
    """Pickles, but cannot be made again from what it pickles."""

    def __init__(self, what: str, where: str) -> None:
        super().__init__(f"{what} at {where}")


def test_an_error_that_cannot_cross_arrives_as_one_that_names_it() -> None:
    with pytest.raises(RuntimeError) as raised:
        _wait_for(_raising(_Unmakeable("odd", "line 3")))
    assert str(raised.value) == "_Unmakeable: odd at line 3"
    # Where it went wrong, for TRACKER_DEBUG's traceback.
    (note,) = raised.value.__notes__
    assert note.startswith("in the second process:\nTraceback")
    assert "raise error" in note


def test_a_child_killed_by_a_signal_is_an_error_that_says_so() -> None:
    def work() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    with pytest.raises(OSError, match=r"^its second process was killed by SIGKILL$"):
        _wait_for(work)


def test_a_failed_block_kills_the_child_at_once(tmp_path: Path) -> None:
    late = tmp_path / "late"

    def work() -> None:
        time.sleep(60)
        late.write_text("the work went on")

    children = _children()
    started = time.monotonic()
    seen = []

    def block() -> None:
        with _child.in_child(work):
            seen.append(len(_children() - children))
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        block()
    assert seen == [1]
    assert time.monotonic() - started < PROMPTLY
    assert _children() == children
    assert not late.exists()


def test_ctrl_c_in_the_child_is_left_to_its_parent(tmp_path: Path) -> None:
    # The terminal sends it to both; the parent stops the work.
    out = tmp_path / "out"

    def work() -> None:
        os.kill(os.getpid(), signal.SIGINT)
        out.write_text("went on")

    _wait_for(work)
    assert out.read_text() == "went on"


def test_a_process_that_cannot_fork_does_the_work_on_a_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_room() -> int:
        raise OSError(errno.ENOMEM, "Cannot allocate memory")

    monkeypatch.setattr(os, "fork", no_room)
    out = tmp_path / "out"
    fds = len(os.listdir("/proc/self/fd"))
    with _child.in_child(
        lambda: out.write_text(threading.current_thread().name)
    ) as done:
        done()
    assert out.read_text().startswith("tracker-work")
    assert len(os.listdir("/proc/self/fd")) == fds  # the pipe is closed
