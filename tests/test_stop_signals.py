"""A signal to stop (SIGTERM from `kill`, `timeout` or a CI runner; SIGHUP
from a closing terminal) unwinds as Ctrl-C does: one `error:` line, exit
128 + the signal's number, and nothing left behind, neither a temporary file
beside the ledger or the export nor a second process.

Each run is the console script, held at a known point by a wrapper that
patches the tracker before it starts, then signalled from outside.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_export_write import ENDLESS

from conftest import REPO, SMALL, write_ledger

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

UPDATE = ["update", "water-lab", "in-progress", "--note", "Begun"]

# A write held for `seconds` (its first argument) once its new ledger is
# staged beside the old, as it checks that the old is still as it was read.
HELD_WRITE = """\
import sys, time
from tracker import _atomic
hold = float(sys.argv.pop(1))
stage, sha256 = _atomic._stage, _atomic.sha256
staged, held = [], []
def staging(*args):
    staged.append(True)
    return stage(*args)
def checking(data):
    if staged and not held:
        held.append(True)
        sys.stderr.write("staged\\n")
        sys.stderr.flush()
        time.sleep(hold)
    return sha256(data)
_atomic._stage, _atomic.sha256 = staging, checking
from tracker._entry import main
main()
"""

# An export whose last statement runs for a minute unless it is stopped.
HELD_EXPORT = f"""\
from tracker import export_sqlite
export_sqlite.FINISH = {ENDLESS!r}
from tracker._entry import main
main()
"""


def _start(code: str, *args: str | Path, **options: object) -> subprocess.Popen[str]:
    env = {**os.environ, "TRACKER_NO_CACHE": "1"}
    return subprocess.Popen(
        [sys.executable, "-c", code, *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
        **options,  # type: ignore[call-overload]
    )


def _no_process_left(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.mark.parametrize(
    "signum", [signal.SIGTERM, signal.SIGHUP], ids=lambda s: s.name
)
def test_a_write_stopped_once_staged_leaves_the_ledger_and_no_file(
    tmp_path: Path, signum: signal.Signals
) -> None:
    ledger = write_ledger(tmp_path, SMALL)
    before = ledger.read_bytes()
    process = _start(HELD_WRITE, 60, *UPDATE, "--ledger", ledger)
    assert process.stderr is not None
    assert process.stderr.readline() == "staged\n"
    assert any(p.name.endswith(".tmp") for p in tmp_path.iterdir())
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=30)
    assert (process.returncode, stderr) == (
        128 + signum,
        f"error: stopped by {signum.name}\n",
    )
    assert ledger.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize("whole_group", [False, True], ids=["process", "group"])
def test_an_export_stopped_by_sigterm_leaves_the_last_one_and_nothing_else(
    tmp_path: Path, whole_group: bool
) -> None:
    out = tmp_path / "record.db"
    out.write_bytes(b"the last export")
    ledger = REPO / "data" / "commitments.toml"
    process = _start(HELD_EXPORT, "export", "sqlite", out, "--ledger", ledger)
    deadline = time.monotonic() + 30
    while not any(p.name.endswith(".tmp") for p in tmp_path.iterdir()):
        assert time.monotonic() < deadline, "the export never began writing"
        time.sleep(0.05)
    time.sleep(0.5)  # into the last statement (the outcome is the same before)
    if whole_group:  # as `timeout` and a CI runner stop it
        os.killpg(process.pid, signal.SIGTERM)
    else:
        process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=30)
    assert (process.returncode, stderr) == (143, "error: stopped by SIGTERM\n")
    assert out.read_bytes() == b"the last export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["record.db"]
    assert _no_process_left(process.pid)


def test_a_hangup_ignored_from_the_start_stays_ignored(tmp_path: Path) -> None:
    """`nohup tracker ...` goes on when its terminal closes."""
    ledger = write_ledger(tmp_path, SMALL)

    def ignore_hangups() -> None:
        signal.signal(signal.SIGHUP, signal.SIG_IGN)

    process = _start(
        HELD_WRITE, 1, *UPDATE, "--ledger", ledger, preexec_fn=ignore_hangups
    )
    assert process.stderr is not None
    assert process.stderr.readline() == "staged\n"
    process.send_signal(signal.SIGHUP)
    stdout, stderr = process.communicate(timeout=30)
    assert (process.returncode, stderr) == (0, "")
    assert stdout.startswith("water-lab: pledged -> in-progress")
    assert b'note = "Begun"' in ledger.read_bytes()
