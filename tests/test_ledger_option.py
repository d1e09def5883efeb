"""--ledger before the command (`tracker --ledger x list`, as `hledger -f` and
`git -C`), after it, or both: the one after the command wins."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_completion import bash_complete

from tracker import cli

from conftest import SMALL, Run, write_ledger


def _ids(stdout: str) -> list[str]:
    return [row["id"] for row in json.loads(stdout)]


@pytest.fixture
def two_ledgers(tmp_path: Path) -> tuple[Path, Path]:
    one = write_ledger(tmp_path / "one", SMALL)
    two = write_ledger(tmp_path / "two", SMALL.split("[[commitment]]")[0]
                       + "[[commitment]]" + SMALL.split("[[commitment]]")[3])  # fmt: skip
    return one, two


@pytest.mark.parametrize("flag", ["--ledger", "-l"])
def test_ledger_before_the_command(
    run: Run, two_ledgers: tuple[Path, Path], flag: str
) -> None:
    _, two = two_ledgers
    before = run(flag, two, "list", "-f", "json")
    after = run("list", "-f", "json", flag, two)
    assert before.exit_code == 0, before.stderr
    assert _ids(before.stdout) == _ids(after.stdout) == ["direct-flights"]
    assert before.stdout == after.stdout


def test_the_ledger_after_the_command_wins(
    run: Run, two_ledgers: tuple[Path, Path]
) -> None:
    one, two = two_ledgers
    result = run("--ledger", one, "list", "-f", "json", "--ledger", two)
    assert _ids(result.stdout) == ["direct-flights"]
    result = run("--ledger", two, "list", "-f", "json", "--ledger", one)
    assert _ids(result.stdout) == ["water-lab", "tourism-year", "direct-flights"]


def test_the_ledger_before_the_command_beats_the_environment(
    run: Run, two_ledgers: tuple[Path, Path]
) -> None:
    one, two = two_ledgers
    result = run(
        "--ledger", two, "list", "-f", "json", env={"TRACKER_LEDGER": str(one)}
    )
    assert _ids(result.stdout) == ["direct-flights"]


@pytest.mark.parametrize(
    "args",
    [
        ("show", "direct-flights", "-f", "json"),
        ("report", "-f", "json"),
        ("log",),
        ("check",),
        ("export", "sqlite", "out.db"),
    ],
)
def test_every_reading_command_takes_it_before(
    run: Run, two_ledgers: tuple[Path, Path], args: tuple[str, ...]
) -> None:
    _, two = two_ledgers
    assert run("--ledger", two, *args).stdout == run(*args, "--ledger", two).stdout
    assert run("--ledger", two, *args).exit_code == 0


def test_writes_take_it_before_and_write_that_ledger(
    run: Run, two_ledgers: tuple[Path, Path]
) -> None:
    one, two = two_ledgers
    untouched = one.read_bytes()
    result = run(
        "--ledger", two, "update", "direct-flights", "in-progress", "-n", "Begun",
        "--date", "2024-06-01",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert 'commitment = "direct-flights"' in two.read_text(encoding="utf-8")
    result = run(
        "-l", two, "source", "add", "kazinform-1", "--title", "A source",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "[sources.kazinform-1]" in two.read_text(encoding="utf-8")
    assert run("--ledger", two, "undo", "--yes").exit_code == 0
    assert "[sources.kazinform-1]" not in two.read_text(encoding="utf-8")
    assert one.read_bytes() == untouched


def test_a_missing_ledger_before_the_command_is_named(run: Run, tmp_path: Path) -> None:
    result = run("--ledger", tmp_path / "nowhere.toml", "list")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: no ledger at {tmp_path / 'nowhere.toml'}")


def test_one_declaration_serves_before_and_after() -> None:
    """The option before the command is the very one each command takes."""
    import typing

    root = typing.get_type_hints(cli._root, include_extras=True)["ledger_path"]
    assert root is cli.LedgerPath
    listing = typing.get_type_hints(cli.list_, include_extras=True)["ledger_path"]
    assert listing is cli.LedgerPath


def test_completion_reads_the_ledger_named_before_the_command(tmp_path: Path) -> None:
    write_ledger(tmp_path / "data", SMALL)  # found here, but not the one named
    other = write_ledger(
        tmp_path / "other", SMALL.replace('id = "water-lab"', 'id = "wells"')
    )
    named = bash_complete(f"tracker --ledger {other} show w", tmp_path, {})
    assert (named.stdout.split(), named.stderr) == (["wells"], "")
    found = bash_complete("tracker show w", tmp_path, {})
    assert found.stdout.split() == ["water-lab"]
    after = bash_complete(
        f"tracker --ledger nowhere show --ledger {other} w", tmp_path, {}
    )
    assert after.stdout.split() == ["wells"]
