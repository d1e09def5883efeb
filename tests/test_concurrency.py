"""Many writers at once: real processes, one ledger, no update lost."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
import tomllib
from pathlib import Path

from tracker import loader, store, writes

from conftest import SOURCE_TEXT

WRITERS = 20

# Each writer imports the tracker, says it is ready, and waits for "go", so
# that all twenty call `tracker update` at the same moment, not one by one
# as they finish starting up.
STARTER = """\
import sys, time
from pathlib import Path
from tracker.cli import main
barrier = Path(sys.argv[1])
(barrier / f"ready-{sys.argv[2]}").touch()
while not (barrier / "go").exists():
    time.sleep(0.005)
main(sys.argv[3:])
"""


def test_twenty_writers_at_once_leave_all_twenty_updates(
    small_ledger: Path, tmp_path: Path
) -> None:
    before = small_ledger.read_bytes()
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "TRACKER_LEDGER"}
    env["TRACKER_LOCK_TIMEOUT"] = "60"

    def update(number: int) -> list[str]:
        note = f"writer {number}"
        args = ["update", "water-lab", "in-progress", "--date", "2024-05-01", "--note"]
        return [*args, note, "--ledger", str(small_ledger)]

    writers = [
        subprocess.Popen(
            [sys.executable, "-c", STARTER, str(barrier), str(n), *update(n)],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for n in range(WRITERS)
    ]
    deadline = time.monotonic() + 60
    while len(list(barrier.glob("ready-*"))) < WRITERS:
        assert time.monotonic() < deadline, "writers did not start"
        assert all(w.poll() is None for w in writers), "a writer died starting"
        time.sleep(0.01)
    (barrier / "go").touch()
    outcomes = [(w.wait(timeout=60), *w.communicate()) for w in writers]

    assert [code for code, _, _ in outcomes] == [0] * WRITERS, outcomes
    after = small_ledger.read_bytes()
    assert after.startswith(before)
    notes = [u["note"] for u in tomllib.loads(after.decode())["update"]]
    assert sorted(notes) == sorted(f"writer {n}" for n in range(WRITERS))
    ledger = loader.load(
        after, str(small_ledger), lambda _: SOURCE_TEXT, dt.date.today()
    )
    assert len(ledger.history("water-lab")) == WRITERS
    assert [p.name for p in small_ledger.parent.iterdir() if p.suffix == ".tmp"] == []

    # The undo record names the last of the twenty, and only it.
    plan = writes.undo_plan(store.Location(small_ledger))
    writes.undo(store.Location(small_ledger), plan, dt.date.today())
    notes_left = [u["note"] for u in tomllib.loads(small_ledger.read_text())["update"]]
    assert notes_left == notes[:-1]
