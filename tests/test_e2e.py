"""The installed `tracker`, run as a user runs it: in a subprocess, piped or
on a terminal."""

from __future__ import annotations

import json
import os
import re
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, SMALL, Run, write_ledger

TRACKER = shutil.which("tracker", path=str(Path(sys.executable).parent)) or "tracker"
HOSTILE = "Review [TBC] phase [/bold] :coffee: \x1b[31mred\x1b]0;title\x07"


def tracker(
    *args: str | Path, cwd: Path = REPO, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [TRACKER, *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def test_quick_start_lists_the_bundled_pledges() -> None:
    result = tracker("list")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:2] == ["ID", "Title"]
    assert any(line.startswith("kz-consulates ") for line in lines)
    assert len(lines) == 1 + 14
    assert "\x1b" not in result.stdout
    assert result.stderr == ""


def test_python_dash_m_runs_the_same_program() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tracker", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert result.stdout.startswith("tracker ")


def test_outside_a_repository_the_bundled_ledger_is_used(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "TRACKER_LEDGER"}
    result = subprocess.run(
        [TRACKER, "list", "--format", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0
    assert len(json.loads(result.stdout)) >= 14
    assert result.stderr.startswith("note: no ledger here or in a parent")


@pytest.mark.parametrize(
    "command", ["list", "list --format json", "show kz-consulates"]
)
def test_a_closed_pipe_ends_quietly(command: str) -> None:
    result = subprocess.run(
        f"'{TRACKER}' {command} | head -c 10",
        shell=True,
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert len(result.stdout) == 10
    assert "Traceback" not in result.stderr
    assert result.stderr == ""


def test_hostile_title_prints_literally_when_piped(tmp_path: Path) -> None:
    path = write_ledger(
        tmp_path, SMALL.replace('"Hold a Year of Tourism"', json.dumps(HOSTILE))
    )
    result = tracker("list", "--ledger", path)
    assert result.returncode == 0
    assert "Review [TBC] phase [/bold] :coffee: \\x1b[31mred\\x1b]0;title\\x07" in (
        result.stdout
    )
    assert "\x1b" not in result.stdout


def run_on_terminal(args: list[str], columns: int = 200, no_color: bool = False) -> str:
    """Run tracker with stdout on a pseudo-terminal; return what it drew."""
    controller, terminal = os.openpty()
    env = {**os.environ, "COLUMNS": str(columns), "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    if no_color:
        env["NO_COLOR"] = "1"
    process = subprocess.Popen(
        [TRACKER, *args], stdout=terminal, stderr=subprocess.PIPE, env=env, cwd=REPO
    )
    os.close(terminal)
    chunks = []
    while True:
        ready, _, _ = select.select([controller], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal closed when the program ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=30)
    os.close(controller)
    assert process.returncode == 0
    return b"".join(chunks).decode("utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_hostile_title_on_a_terminal(tmp_path: Path) -> None:
    path = write_ledger(
        tmp_path, SMALL.replace('"Hold a Year of Tourism"', json.dumps(HOSTILE))
    )
    drawn = run_on_terminal(["list", "--ledger", str(path)], columns=250)
    assert "Review [TBC] phase [/bold] :coffee:" in drawn
    assert "\\x1b[31mred\\x1b]0;title\\x07" in drawn
    assert "\x1b]0;title" not in drawn  # no raw OSC could set the window title
    assert "☕" not in drawn


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_terminal_table_uses_colour_and_honours_no_color() -> None:
    colour = re.compile(r"\x1b\[[0-9;]*(3[0-9]|9[0-7])[0-9;]*m")
    drawn = run_on_terminal(["list"])
    assert "kz-consulates" in drawn
    assert colour.search(drawn)
    plain = run_on_terminal(["list"], no_color=True)
    assert "kz-consulates" in plain
    assert not colour.search(plain)


def big_ledger(directory: Path, count: int) -> Path:
    """A valid ledger of `count` commitments, slow enough to parse to be
    interrupted."""
    blocks = [
        f'[[commitment]]\nid = "c-{i:05d}"\ntitle = "Pledge {i}"\n'
        'countries = ["CN", "KZ"]\ncategory = "science"\nmade = 2024-03-01\n'
        'source = "astana-2024"\nquote = "Both sides agreed"\n'
        for i in range(count)
    ]
    head = SMALL.split("[[commitment]]")[0]
    return write_ledger(directory, head + "\n".join(blocks))


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_exits_130_with_one_line(tmp_path: Path) -> None:
    import signal
    import time

    path = big_ledger(tmp_path, 4000)
    before = path.read_bytes()
    process = subprocess.Popen(
        [TRACKER, "list", "--no-cache", "--ledger", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(0.4)  # past start-up, into parsing
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert stderr == "error: interrupted\n"
    assert path.read_bytes() == before


def test_report_to_a_closed_pipe_ends_quietly() -> None:
    result = subprocess.run(
        f"'{TRACKER}' report --format json | head -c 10",
        shell=True,
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert len(result.stdout) == 10
    assert result.stderr == ""


def test_the_console_script_runs_without_the_cycle_collector() -> None:
    """Start-up is cheaper without it (see tracker._entry); the library, as
    imported by tests or other programs, leaves it alone."""
    code = (
        "import gc, os, sys\n"
        "import tracker.cli\n"
        "assert gc.isenabled()\n"
        "from tracker._entry import main\n"
        "sys.argv = ['tracker', '--version']\n"
        "leave = os._exit\n"
        "os._exit = lambda status: (print(gc.isenabled(), flush=True), leave(status))\n"
        "main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    from tracker import __version__

    assert result.stdout.splitlines() == [f"tracker {__version__}", "False"]


def test_the_ledger_a_command_read_is_held_until_the_next_read(
    run: Run, small_ledger: Path, xian_ledger: Path
) -> None:
    """The console script ends the process without freeing the ledger object
    by object (see tracker._entry): the command must not free it either."""
    from tracker import cli

    assert run("list", "--ledger", small_ledger).exit_code == 0
    assert [ledger.title for ledger in cli._held] == ["Test ledger"]
    assert run("report", "--ledger", xian_ledger).exit_code == 0
    (held,) = cli._held
    assert held.title != "Test ledger"
