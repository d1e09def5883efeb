"""Exit 0 means written, 1 or 130 means the ledger is unchanged: never both.

Once a block is committed (the `os.replace` of the ledger) the command exits 0,
whatever happens to its output (stdout closed, a full disk) and whatever
Ctrl-C arrives late. Before the commit, a failure or Ctrl-C leaves the ledger
byte for byte as it was, with exit 1 or 130 (143 or 129 for SIGTERM or
SIGHUP). Failures and real signals are injected at each step, on both sides
of the commit.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from test_e2e import TRACKER

from tracker import _atomic, _entry, output, store, writes

from conftest import Run

UPDATE = (
    "update",
    "water-lab",
    "in-progress",
    "-n",
    "Site chosen",
    "--date",
    "2025-01-02",
)


def _sigint_at(
    monkeypatch: pytest.MonkeyPatch,
    owner: Any,
    name: str,
    once: bool = True,
    signum: int = signal.SIGINT,
) -> None:
    """A real SIGINT (or `signum`) delivered as `owner.name` is called."""
    original = getattr(owner, name)
    sent: list[bool] = []

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        if not sent or not once:
            sent.append(True)
            os.kill(os.getpid(), signum)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, interrupted)


@pytest.fixture
def stop_signals() -> None:
    """The console script's handling of SIGTERM and SIGHUP, in this process
    (conftest puts the defaults back)."""
    _entry.stop_on_signals()


STOPS = [signal.SIGTERM, signal.SIGHUP]


def _named(signum: signal.Signals) -> str:
    return signum.name


BEFORE_COMMIT = [
    (store, "read_model"),
    (_atomic, "_stage"),
    (_atomic, "sha256"),
]
AFTER_COMMIT = [
    (_atomic, "fsync_directory"),
    (writes, "_save_journal"),
    (store, "remember"),
    (output, "emit_written"),
    (output, "message"),
]


@pytest.mark.parametrize(
    ("owner", "name"), BEFORE_COMMIT, ids=[n for _, n in BEFORE_COMMIT]
)
def test_ctrl_c_before_the_commit_changes_nothing_and_exits_130(
    run: Run, small_ledger: Path, monkeypatch: pytest.MonkeyPatch, owner: Any, name: str
) -> None:
    before = small_ledger.read_bytes()
    _sigint_at(monkeypatch, owner, name)
    result = run(*UPDATE, "--ledger", small_ledger)
    assert result.exit_code == 130
    assert result.stderr == "error: interrupted\n"
    assert small_ledger.read_bytes() == before
    assert (
        sorted(p.name for p in small_ledger.parent.iterdir() if ".tmp" in p.name) == []
    )


@pytest.mark.parametrize(
    ("owner", "name"), AFTER_COMMIT, ids=[n for _, n in AFTER_COMMIT]
)
def test_ctrl_c_after_the_commit_is_ignored_and_exits_0(
    run: Run, small_ledger: Path, monkeypatch: pytest.MonkeyPatch, owner: Any, name: str
) -> None:
    before = small_ledger.read_bytes()
    _sigint_at(monkeypatch, owner, name, once=False)
    result = run(*UPDATE, "--ledger", small_ledger)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "water-lab: pledged -> in-progress (2025-01-02)\n"
    assert small_ledger.read_bytes().startswith(before)
    assert b'note = "Site chosen"' in small_ledger.read_bytes()[len(before) :]


def test_ctrl_c_during_the_commit_is_held_and_the_write_stands(
    run: Run, small_ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _sigint_at(monkeypatch, os, "replace")
    result = run(*UPDATE, "--ledger", small_ledger)
    assert result.exit_code == 0, result.stderr
    assert b'note = "Site chosen"' in small_ledger.read_bytes()


def test_ctrl_c_after_undo_commits_is_ignored(
    run: Run, small_ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = small_ledger.read_bytes()
    assert run(*UPDATE, "--ledger", small_ledger).exit_code == 0
    _sigint_at(monkeypatch, writes, "_forget_journal", once=False)
    result = run("undo", "--yes", "--ledger", small_ledger)
    assert result.exit_code == 0, result.stderr
    assert small_ledger.read_bytes() == before


def test_ctrl_c_before_undo_commits_removes_nothing(
    run: Run, small_ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(*UPDATE, "--ledger", small_ledger).exit_code == 0
    # The write ignores Ctrl-C for the rest of its process; this one goes on.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    after = small_ledger.read_bytes()
    _sigint_at(monkeypatch, _atomic, "_stage")
    result = run("undo", "--yes", "--ledger", small_ledger)
    assert result.exit_code == 130
    assert small_ledger.read_bytes() == after


def _full_disk(*args: Any, **kwargs: Any) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_output_that_fails_after_the_commit_still_exits_0(
    run: Run, small_ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(output, "write", _full_disk)
    result = run(*UPDATE, "--ledger", small_ledger)
    assert result.exit_code == 0
    assert result.stderr == (
        "note: written, but cannot write output: No space left on device\n"
    )
    assert b'note = "Site chosen"' in small_ledger.read_bytes()


def test_a_dry_run_whose_output_fails_exits_1(
    run: Run, small_ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = small_ledger.read_bytes()
    monkeypatch.setattr(output, "write", _full_disk)
    result = run(*UPDATE, "--dry-run", "--ledger", small_ledger)
    assert result.exit_code == 1
    assert result.stderr == "error: cannot write output: No space left on device\n"
    assert small_ledger.read_bytes() == before


# -- the real thing, in a subprocess ----------------------------------------


def _tracker(
    *args: str | Path, stdout: str, stdin_closed: bool = False
) -> subprocess.CompletedProcess[str]:
    """`tracker ARGS` with stdout closed (`>&-`), sent to /dev/full, or a
    pipe whose reader has already gone (`| head -0`)."""
    closing = [1] + ([0] if stdin_closed else [])

    def close() -> None:
        for fd in closing if stdout == "closed" else closing[1:]:
            os.close(fd)

    if stdout == "gone":
        read_end, out = os.pipe()
        os.close(read_end)
    else:
        out = os.open(os.devnull if stdout == "closed" else "/dev/full", os.O_WRONLY)
    try:
        return subprocess.run(
            [TRACKER, *map(str, args)],
            stdout=out,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            preexec_fn=close,
            text=True,
            timeout=60,
            env={**os.environ, "TRACKER_NO_CACHE": "1"},
        )
    finally:
        os.close(out)


@pytest.mark.parametrize("stdout", ["closed", "full"])
def test_an_update_whose_output_fails_is_written_and_exits_0(
    small_ledger: Path, stdout: str
) -> None:
    before = small_ledger.read_bytes()
    result = _tracker(*UPDATE, "--ledger", small_ledger, stdout=stdout)
    assert result.returncode == 0, result.stderr
    reason = (
        "standard output is closed" if stdout == "closed" else "No space left on device"
    )
    assert result.stderr == f"note: written, but cannot write output: {reason}\n"
    assert small_ledger.read_bytes().startswith(before)
    assert len(small_ledger.read_bytes()) > len(before)


COMMANDS = {
    "list": ("list",),
    "list-json": ("list", "--format", "json"),
    "show": ("show", "water-lab"),
    "report": ("report",),
    "report-json": ("report", "--format", "json"),
    "log": ("log", "--format", "json"),
    "check": ("check",),
}


@pytest.mark.parametrize("stdout", ["closed", "full"])
@pytest.mark.parametrize("args", COMMANDS.values(), ids=COMMANDS.keys())
def test_reading_into_a_closed_or_full_stdout_is_an_error_line(
    small_ledger: Path, stdout: str, args: tuple[str, ...]
) -> None:
    result = _tracker(*args, "--ledger", small_ledger, stdout=stdout)
    assert result.returncode == 1
    reason = (
        "standard output is closed" if stdout == "closed" else "No space left on device"
    )
    assert result.stderr == f"error: cannot write output: {reason}\n"


@pytest.mark.parametrize("args", COMMANDS.values(), ids=COMMANDS.keys())
def test_a_reader_that_goes_away_ends_a_read_quietly(
    small_ledger: Path, args: tuple[str, ...]
) -> None:
    before = small_ledger.read_bytes()
    result = _tracker(*args, "--ledger", small_ledger, stdout="gone")
    # As `git log | head` ends: nothing on stderr, 128 + SIGPIPE.
    assert (result.returncode, result.stderr) == (141, "")
    assert small_ledger.read_bytes() == before


HELP_AND_VERSION = {
    "bare": (),
    "help": ("--help",),
    "command-help": ("list", "--help"),
    "group-help": ("source", "--help"),
    "version": ("--version",),
}
WRITING_FAILS = {
    "gone": (141, ""),
    "closed": (1, "error: cannot write output: standard output is closed\n"),
    "full": (1, "error: cannot write output: No space left on device\n"),
}


@pytest.mark.parametrize("stdout", WRITING_FAILS)
@pytest.mark.parametrize("args", HELP_AND_VERSION.values(), ids=HELP_AND_VERSION)
def test_help_and_the_version_fail_to_write_as_any_output_does(
    stdout: str, args: tuple[str, ...]
) -> None:
    """Rich, which draws the help, exited 1 without a word when the reader
    had gone and raised an internal error on a full disk."""
    result = _tracker(*args, stdout=stdout)
    assert (result.returncode, result.stderr) == WRITING_FAILS[stdout]


def test_help_whose_reader_goes_away_while_it_is_written_never_exits_1() -> None:
    """`tracker --help | head -1`: the help fits in the pipe, and the reader
    may go between its last write and the end of the run. Half such runs
    used to exit 1 (click's own newline after the help, into the closed
    pipe); each must exit 0 or 141, without a word."""
    codes = set()
    for _ in range(12):
        read_end, write_end = os.pipe()
        process = subprocess.Popen(
            [TRACKER, "--help"], stdout=write_end, stderr=subprocess.PIPE
        )
        os.close(write_end)
        os.read(read_end, 1)  # the first byte, then the reader is gone
        os.close(read_end)
        _, stderr = process.communicate(timeout=60)
        assert stderr == b""
        codes.add(process.returncode)
    assert codes <= {0, 141}


def test_an_update_whose_reader_went_away_is_written_and_says_so(
    small_ledger: Path,
) -> None:
    before = small_ledger.read_bytes()
    result = _tracker(*UPDATE, "--ledger", small_ledger, stdout="gone")
    assert result.returncode == 0
    assert result.stderr == (
        "note: written, but cannot write output: the reader of the output has gone\n"
    )
    assert small_ledger.read_bytes().startswith(before)
    assert b'note = "Site chosen"' in small_ledger.read_bytes()[len(before) :]


def test_undo_with_stdin_closed_asks_for_yes(small_ledger: Path, run: Run) -> None:
    assert run(*UPDATE, "--ledger", small_ledger).exit_code == 0
    after = small_ledger.read_bytes()
    with open(os.devnull, "w") as out:
        result = subprocess.run(
            [TRACKER, "undo", "--ledger", str(small_ledger)],
            stdout=out,
            stderr=subprocess.PIPE,
            preexec_fn=lambda: os.close(0),
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert "internal error" not in result.stderr
    assert "error: nothing removed: undo asks first, and stdin is not a terminal" in (
        result.stderr
    )
    assert small_ledger.read_bytes() == after


@pytest.mark.parametrize(
    "args",
    [
        (*UPDATE[:4], b"caf\xe9"),
        (*UPDATE, "-e", b"r\xe9sum\xe9"),
        ("add", "--title", b"Open a caf\xe9", "-c", "CN", "--category", "x",
         "--quote", "Both sides agreed", "--source", "astana-2024",
         "--made", "2024-03-01"),
    ],
    ids=["note", "evidence", "title"],
)  # fmt: skip
def test_arguments_that_are_not_utf8_are_an_error_line(
    small_ledger: Path, args: tuple[str | bytes, ...]
) -> None:
    before = small_ledger.read_bytes()
    result = subprocess.run(
        [os.fsencode(TRACKER), *(os.fsencode(a) for a in args),
         b"--ledger", os.fsencode(small_ledger)],
        capture_output=True,
        timeout=60,
        env={**os.environ, "LC_ALL": "C.UTF-8"},
    )  # fmt: skip
    assert result.returncode == 1
    assert b"is not valid UTF-8: " in result.stderr
    assert b"\\xe9" in result.stderr
    assert b"internal error" not in result.stderr
    assert small_ledger.read_bytes() == before


def test_ctrl_c_after_an_import_commits_is_ignored_and_exits_0(
    run: Run, small_ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = small_ledger.parent / "updates.csv"
    sheet.write_text(
        "commitment,status,note,date\nwater-lab,in-progress,Site chosen,2025-01-02\n",
        encoding="utf-8",
    )
    before = small_ledger.read_bytes()
    _sigint_at(monkeypatch, store, "remember", once=False)
    result = run("import", sheet, "--ledger", small_ledger)
    assert result.exit_code == 0, result.stderr
    assert small_ledger.read_bytes().startswith(before)
    assert b'note = "Site chosen"' in small_ledger.read_bytes()[len(before) :]


@pytest.mark.parametrize(
    ("code", "status", "stderr"),
    [("None", 0, ""), ("0", 0, ""), ("2", 2, ""), ("'bye'", 1, "bye\n")],
)
def test_the_console_script_leaves_as_sys_exit_would(
    code: str, status: int, stderr: str
) -> None:
    # Output still in Python's buffers (a pipe is block-buffered) is written
    # before the process goes, though Python's own shutdown never runs.
    program = (
        "import sys; from tracker._entry import leave\n"
        "sys.stdout.write('x' * 100); sys.stderr.write('')\n"
        f"leave({code})"
    )
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    result = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        timeout=60,
        env=buffered,
    )
    assert (result.returncode, result.stdout, result.stderr) == (
        status,
        "x" * 100,
        stderr,
    )


@pytest.mark.parametrize("signum", STOPS, ids=_named)
@pytest.mark.parametrize(
    ("owner", "name"), BEFORE_COMMIT, ids=[n for _, n in BEFORE_COMMIT]
)
@pytest.mark.usefixtures("stop_signals")
def test_a_signal_to_stop_before_the_commit_changes_nothing(
    run: Run,
    small_ledger: Path,
    monkeypatch: pytest.MonkeyPatch,
    owner: Any,
    name: str,
    signum: signal.Signals,
) -> None:
    before = small_ledger.read_bytes()
    _sigint_at(monkeypatch, owner, name, signum=signum)
    result = run(*UPDATE, "--ledger", small_ledger)
    assert result.exit_code == 128 + signum
    assert result.stderr == f"error: stopped by {signum.name}\n"
    assert small_ledger.read_bytes() == before
    assert [p.name for p in small_ledger.parent.iterdir() if ".tmp" in p.name] == []


@pytest.mark.parametrize("signum", STOPS, ids=_named)
@pytest.mark.usefixtures("stop_signals")
def test_a_signal_to_stop_during_the_commit_is_held_and_the_write_stands(
    run: Run, small_ledger: Path, monkeypatch: pytest.MonkeyPatch, signum: int
) -> None:
    _sigint_at(monkeypatch, os, "replace", signum=signum)
    result = run(*UPDATE, "--ledger", small_ledger)
    assert result.exit_code == 0, result.stderr
    assert b'note = "Site chosen"' in small_ledger.read_bytes()


@pytest.mark.parametrize("signum", STOPS, ids=_named)
@pytest.mark.usefixtures("stop_signals")
def test_a_signal_to_stop_after_the_commit_is_ignored_and_exits_0(
    run: Run, small_ledger: Path, monkeypatch: pytest.MonkeyPatch, signum: int
) -> None:
    _sigint_at(monkeypatch, writes, "_save_journal", once=False, signum=signum)
    result = run(*UPDATE, "--ledger", small_ledger)
    assert result.exit_code == 0, result.stderr
    assert b'note = "Site chosen"' in small_ledger.read_bytes()
