"""Ctrl-C typed at a terminal during a write: exit 130, one line, and the
ledger byte for byte as it was. The child is held at a known point (a
question, or a lock the test holds), not by a full pipe."""

from __future__ import annotations

import fcntl
import os
import select
import signal
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from filelock import FileLock
from test_e2e import TRACKER

from tracker import _atomic

from conftest import SMALL, write_ledger

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="terminals and signals are POSIX"
)

UPDATE = (
    "update", "water-lab", "in-progress", "--note", "Begun", "--date", "2024-06-01",
)  # fmt: skip


def _take_terminal() -> None:
    # The pseudo-terminal becomes the child's controlling terminal, so the
    # Ctrl-C typed on it is a SIGINT from the terminal, as a person's is.
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Terminal:
    """`tracker ARGS` with stdin, stdout and stderr on a pseudo-terminal."""

    def __init__(self, args: list[str], cwd: Path) -> None:
        self.controller, terminal = os.openpty()
        env = {**os.environ, "TRACKER_LOCK_TIMEOUT": "120", "TRACKER_NO_CACHE": "1"}
        self.process = subprocess.Popen(
            [TRACKER, *args],
            stdin=terminal,
            stdout=terminal,
            stderr=terminal,
            cwd=cwd,
            env=env,
            start_new_session=True,
            preexec_fn=_take_terminal,
        )
        os.close(terminal)
        self.seen = b""

    def wait_for(self, text: bytes) -> None:
        deadline = time.monotonic() + 60
        while text not in self.seen:
            left = deadline - time.monotonic()
            assert left > 0, self.seen
            ready, _, _ = select.select([self.controller], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.controller, 4096)
                except OSError:
                    chunk = b""
                assert chunk, self.seen  # it ended before asking
                self.seen += chunk

    def type(self, keys: bytes) -> None:
        os.write(self.controller, keys)

    def finish(self) -> tuple[int, str]:
        code = self.process.wait(timeout=60)
        while True:
            ready, _, _ = select.select([self.controller], [], [], 0.5)
            if not ready:
                break
            try:
                chunk = os.read(self.controller, 4096)
            except OSError:
                break
            if not chunk:
                break
            self.seen += chunk
        os.close(self.controller)
        return code, self.seen.decode().replace("\r\n", "\n")


@pytest.fixture
def updated(tmp_path: Path) -> Path:
    """A ledger whose last block is an update tracker appended."""
    path = write_ledger(tmp_path, SMALL)
    done = subprocess.run(
        [TRACKER, *UPDATE, "--ledger", str(path)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return path


def test_ctrl_c_at_undo_question_removes_nothing(updated: Path) -> None:
    before = updated.read_bytes()
    terminal = Terminal(["undo", "--ledger", str(updated)], updated.parent)
    terminal.wait_for(b"[y/N] ")  # the write is under way, waiting for its answer
    terminal.type(b"\x03")  # Ctrl-C
    code, shown = terminal.finish()
    assert code == 130, shown
    assert shown.endswith("error: interrupted\n")
    assert shown.count("error:") == 1
    assert "Traceback" not in shown
    assert updated.read_bytes() == before


def test_ctrl_c_while_a_write_waits_for_the_lock_changes_nothing(
    updated: Path,
) -> None:
    before = updated.read_bytes()
    lock = FileLock(_atomic.sidecar(updated, "lock"))
    with lock:  # another write holds the ledger: this one cannot commit
        terminal = Terminal(["undo", "--ledger", str(updated)], updated.parent)
        terminal.wait_for(b"[y/N] ")
        terminal.type(b"y\n")  # yes: it goes on to wait for the lock
        terminal.wait_for(b"y\r\n")
        time.sleep(0.3)  # into the wait (the outcome is the same either way)
        terminal.type(b"\x03")
        code, shown = terminal.finish()
    assert code == 130, shown
    assert shown.endswith("error: interrupted\n")
    assert updated.read_bytes() == before
    leftovers = sorted(
        p.name for p in updated.parent.iterdir() if p.name.endswith(".tmp")
    )
    assert leftovers == []


def test_ctrl_c_during_start_up_is_one_line_too() -> None:
    """On a busy machine start-up takes a while; Ctrl-C then is no traceback."""
    held = (
        "import sys, time\n"
        "class Held:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'tracker.cli':\n"
        "            print('importing', flush=True)\n"
        "            time.sleep(60)\n"
        "sys.meta_path.insert(0, Held())\n"
        "from tracker._entry import main\n"
        "main()\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", held, "list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline() == "importing\n"  # held inside the import
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert (process.returncode, stderr) == (130, "error: interrupted\n")
