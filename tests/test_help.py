"""Every command explains itself, with an example."""

from __future__ import annotations

import pytest
import typer

from tracker.cli import app

from conftest import Run

COMMANDS = sorted(
    c.name or c.callback.__name__  # type: ignore[union-attr]
    for c in app.registered_commands
)


def test_the_read_commands_are_registered() -> None:
    assert {"list", "show", "check"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(run: Run, command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.stdout
    assert f"tracker {command}" in result.stdout


@pytest.mark.parametrize("args", [["source"], ["source", "add"]])
def test_source_commands_have_help_with_an_example(run: Run, args: list[str]) -> None:
    result = run(*args, "--help")
    assert result.exit_code == 0
    assert "Example:  tracker source add kazinform-2023-05-19" in result.stdout
    assert "append its table, sources.KEY" in run("source", "--help").stdout


def test_top_level_help_lists_every_command(run: Run) -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.stdout
    assert isinstance(app, typer.Typer)


def test_bare_command_shows_help_and_succeeds(run: Run) -> None:
    result = run()
    assert result.exit_code == 0
    assert "Usage: tracker" in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["list", "--help"],
        ["show", "--help"],
        ["lst"],
        [],
        ["--ledger", "nowhere.toml", "list"],
        ["-l", "show", "list", "--help"],
    ],
    ids=["version", "list-help", "show-help", "typo", "bare", "ledger-first", "odd"],
)
def test_the_console_script_builds_only_what_it_needs(args: list[str]) -> None:
    """`main` may build a lean app, but it must answer as the whole app does."""
    import subprocess
    import sys

    code = "from tracker.cli import main; main()"
    lean = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True
    )
    whole = subprocess.run(
        [
            sys.executable,
            "-c",
            "from tracker.cli import app; app(prog_name='tracker')",
            *args,
        ],
        capture_output=True,
        text=True,
    )
    assert (lean.returncode, lean.stdout, lean.stderr) == (
        whole.returncode,
        whole.stdout,
        whole.stderr,
    )
