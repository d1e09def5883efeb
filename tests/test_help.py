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


def test_top_level_help_lists_every_command(run: Run) -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.stdout
    assert isinstance(app, typer.Typer)
