"""Every command explains itself, with an example."""

from __future__ import annotations

import textwrap
from typing import Any

import pytest
import typer

from tracker import cli
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


def _commands(group: Any = None, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and group, as the words that name it."""
    group = group or typer.main.get_group(app)
    found = [path]
    for name, command in sorted(group.commands.items()):
        if hasattr(command, "commands"):
            found += _commands(command, (*path, name))
        else:
            found.append((*path, name))
    return found


ALL = _commands()


def test_the_walk_finds_the_commands_the_issue_names() -> None:
    for words in [(), ("source",), ("source", "add"), ("import",), ("export",),
                  ("merge-driver",), ("update",)]:  # fmt: skip
        assert words in ALL


@pytest.mark.parametrize("words", ALL, ids=lambda w: " ".join(w) or "tracker")
def test_every_command_and_group_has_an_example_of_itself(
    run: Run, words: tuple[str, ...]
) -> None:
    result = run(*words, "--help", env={"COLUMNS": "160"})
    assert result.exit_code == 0
    examples = [line for line in result.stdout.splitlines() if "Example:" in line]
    assert len(examples) == 1, result.stdout
    # The example runs this very command (the root's, any command).
    shown = examples[0].split("Example:")[1].split()
    assert shown[: len(words) + 1] == ["tracker", *words]


def _source_help(words: tuple[str, ...]) -> str:
    command = typer.main.get_group(app)
    for word in words:
        command = command.commands[word]
    return cli._reflow(command.help or "")


@pytest.mark.parametrize("width", [60, 160])
@pytest.mark.parametrize("words", ALL, ids=lambda w: " ".join(w) or "tracker")
def test_help_paragraphs_wrap_to_the_terminal_and_examples_keep_their_lines(
    run: Run, words: tuple[str, ...], width: int
) -> None:
    shown = run(*words, "--help", env={"COLUMNS": str(width)}).stdout
    lines = [line.strip() for line in shown.splitlines()]
    for paragraph in _source_help(words).split("\n\n"):
        if paragraph.startswith("Example:"):
            for line in paragraph.split("\n"):
                assert len(line) <= 57, "an example line must fit 60 columns"
                assert line.strip() in lines
            continue
        # Filled to the width (one column of padding each side), as greedy
        # wrapping does: a source line break would leave a short line.
        wrapped = textwrap.wrap(
            paragraph, width - 2, break_on_hyphens=False, break_long_words=False
        )
        start = lines.index(wrapped[0])
        assert lines[start : start + len(wrapped)] == wrapped


def test_update_help_lists_the_statuses(run: Run) -> None:
    shown = run("update", "--help", env={"COLUMNS": "160"}).stdout
    assert (
        "The status it reached, in any case: pledged, in-progress, stalled, "
        "partial, fulfilled, abandoned (the default scale; a ledger may define "
        "its own)." in " ".join(shown.replace("│", " ").split())
    )
