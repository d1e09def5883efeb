"""tracker undo: takes back exactly the last block the tool appended, or nothing."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import filelock
import pytest
from typer.testing import CliRunner

from tracker import cli, output
from tracker.cli import app

from conftest import BUNDLED, SMALL, Run, write_ledger

NOW = dt.datetime(2026, 11, 28, 9, 30, tzinfo=dt.UTC)
UPDATE = ["update", "water-lab", "in-progress", "--date", "2024-05-01", "-n", "Begun"]
BLOCK = (
    "[[update]]\n"
    'commitment = "water-lab"\n'
    "date = 2024-05-01\n"
    'status = "in-progress"\n'
    'note = "Begun"\n'
    "evidence = []\n"
    "recorded = 2026-11-28T09:30:00Z\n"
)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "_now", lambda: NOW)


def journal(ledger: Path) -> Path:
    return ledger.with_name(f".{ledger.name}.undo")


def appended(run: Run, ledger: Path, *args: str) -> bytes:
    """Append with `tracker update` (or `args`); the ledger's bytes before."""
    before = ledger.read_bytes()
    result = run(*(args or UPDATE), "--ledger", ledger)
    assert result.exit_code == 0, result.stderr
    return before


def test_undo_restores_the_file_exactly_and_shows_what_it_removed(
    run: Run, small_ledger: Path
) -> None:
    before = appended(run, small_ledger)
    result = run("undo", "--yes", "--ledger", small_ledger)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == BLOCK
    assert result.stderr == (
        f"{small_ledger}, line 43: the update of water-lab to in-progress "
        "(2024-05-01)\n"
        f"removed the update of water-lab to in-progress (2024-05-01) from "
        f"{small_ledger}\n"
    )
    assert small_ledger.read_bytes() == before
    assert not journal(small_ledger).exists()
    assert run("check", "--ledger", small_ledger).exit_code == 0


def test_the_journal_records_where_the_append_began_and_both_hashes(
    run: Run, small_ledger: Path
) -> None:
    before = appended(run, small_ledger)
    after = small_ledger.read_bytes()
    assert json.loads(journal(small_ledger).read_text()) == {
        "version": 1,
        "ledger": "commitments.toml",
        "offset": len(before),
        "appended_sha256": hashlib.sha256(after[len(before) :]).hexdigest(),
        "sha256": hashlib.sha256(after).hexdigest(),
    }


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(SMALL.replace("\n", "\r\n"), id="crlf"),
        pytest.param(SMALL.rstrip("\n"), id="no-final-newline"),
        pytest.param(SMALL + "\n\n# trailing comment", id="comment-last"),
    ],
)
def test_undo_gives_back_every_byte(run: Run, tmp_path: Path, text: str) -> None:
    path = write_ledger(tmp_path, "")
    path.write_bytes(text.encode())
    before = appended(run, path)
    assert run("undo", "--yes", "--ledger", path).exit_code == 0
    assert path.read_bytes() == before


def test_undo_takes_back_an_added_commitment(run: Run, small_ledger: Path) -> None:
    before = appended(
        run, small_ledger, "add", "--title", "Hold a Year of Tourism",
        "-c", "CN", "--category", "culture", "--source", "astana-2024",
        "--made", "2024-03-01", "--quote", "Both sides agreed",
    )  # fmt: skip
    result = run("undo", "--yes", "--ledger", small_ledger)
    assert result.exit_code == 0
    assert result.stderr.endswith(
        f"removed the commitment hold-a-year-of-tourism from {small_ledger}\n"
    )
    assert small_ledger.read_bytes() == before


def test_undo_takes_back_only_the_last_append_and_only_once(
    run: Run, small_ledger: Path
) -> None:
    first = appended(run, small_ledger)
    second = appended(run, small_ledger, "update", "water-lab", "partial", "-n", "x")
    assert run("undo", "--yes", "--ledger", small_ledger).exit_code == 0
    assert small_ledger.read_bytes() == second
    again = run("undo", "--yes", "--ledger", small_ledger)
    assert (again.exit_code, again.stdout) == (1, "")
    assert again.stderr == (
        f"error: nothing to undo in {small_ledger}\n"
        "hint: undo takes back only the last block tracker appended, once\n"
    )
    assert small_ledger.read_bytes() == second != first


def test_nothing_to_undo_in_a_fresh_ledger(run: Run, small_ledger: Path) -> None:
    result = run("undo", "--yes", "--ledger", small_ledger)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: nothing to undo in {small_ledger}\n")


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(lambda b: b + b"# a note added by hand\n", id="appended-after"),
        pytest.param(lambda b: b.replace(b'"Begun"', b'"Begin"'), id="block-edited"),
        pytest.param(lambda b: b.replace(b"Test ledger", b"Test Ledger"), id="top"),
        pytest.param(lambda b: b.replace(b"\n", b"\r\n"), id="line-ends"),
    ],
)
def test_undo_refuses_once_the_file_has_changed(
    run: Run, small_ledger: Path, edit: Any
) -> None:
    appended(run, small_ledger)
    small_ledger.write_bytes(edit(small_ledger.read_bytes()))
    edited = small_ledger.read_bytes()
    result = run("undo", "--yes", "--ledger", small_ledger)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: cannot undo: {small_ledger} has changed since tracker last "
        "appended to it\n"
        "hint: undo only takes back a block while it is still the last thing "
        "in the file; edit the file by hand instead\n"
    )
    assert small_ledger.read_bytes() == edited


def test_undo_needs_yes_when_stdin_is_not_a_terminal(
    run: Run, small_ledger: Path
) -> None:
    appended(run, small_ledger)
    after = small_ledger.read_bytes()
    result = run("undo", "--ledger", small_ledger)
    assert result.exit_code == 1
    assert result.stdout == BLOCK  # shown, so the person sees what --yes would do
    assert result.stderr.splitlines()[1:] == [
        "error: nothing removed: undo asks first, and stdin is not a terminal",
        "hint: add --yes to remove it without asking",
    ]
    assert small_ledger.read_bytes() == after


@pytest.mark.parametrize(
    ("answer", "removed"),
    [
        pytest.param("y\n", True, id="y"),
        pytest.param("yes\n", True, id="yes"),
        pytest.param("n\n", False, id="n"),
        pytest.param("\n", False, id="enter"),
        pytest.param("", False, id="end-of-input"),
    ],
)
def test_undo_asks_at_a_terminal(
    run: Run,
    small_ledger: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer: str,
    removed: bool,
) -> None:
    before = appended(run, small_ledger)
    after = small_ledger.read_bytes()
    monkeypatch.setattr(output, "stdin_is_terminal", lambda: True)
    result = CliRunner().invoke(app, ["undo", "-l", str(small_ledger)], input=answer)
    assert f"Remove it from {small_ledger}? [y/N] " in result.stderr
    if removed:
        assert result.exit_code == 0
        assert small_ledger.read_bytes() == before
    else:
        assert result.exit_code == 1
        assert result.stderr.endswith("error: nothing removed\n")
        assert small_ledger.read_bytes() == after


def test_a_change_while_asking_is_not_undone(
    run: Run, small_ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    appended(run, small_ledger)

    def confirm_while_someone_edits(question: str) -> bool:
        with small_ledger.open("ab") as handle:
            handle.write(b"# edited\n")
        return True

    monkeypatch.setattr(output, "stdin_is_terminal", lambda: True)
    monkeypatch.setattr(output, "confirm", confirm_while_someone_edits)
    edited_later = small_ledger.read_bytes() + b"# edited\n"
    result = run("undo", "--ledger", small_ledger)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-2:] == [
        f"error: {small_ledger} changed since the block to undo was shown; "
        "nothing removed",
        "hint: run tracker undo again",
    ]
    assert small_ledger.read_bytes() == edited_later


def test_undo_waits_for_the_lock(run: Run, small_ledger: Path) -> None:
    appended(run, small_ledger)
    after = small_ledger.read_bytes()
    with filelock.FileLock(small_ledger.with_name(".commitments.toml.lock")):
        result = run(
            "undo", "--yes", "-l", small_ledger, env={"TRACKER_LOCK_TIMEOUT": "0.1"}
        )
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-2].startswith(
        f"error: cannot lock {small_ledger}"
    )
    assert small_ledger.read_bytes() == after


def test_a_failed_undo_changes_nothing_and_can_be_retried(
    run: Run, small_ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = appended(run, small_ledger)
    after = small_ledger.read_bytes()

    def full(*args: Any) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", full)
    failed = run("undo", "--yes", "--ledger", small_ledger)
    monkeypatch.undo()
    assert failed.exit_code == 1
    assert small_ledger.read_bytes() == after
    assert [p.name for p in small_ledger.parent.iterdir() if p.suffix == ".tmp"] == []
    assert run("undo", "--yes", "--ledger", small_ledger).exit_code == 0
    assert small_ledger.read_bytes() == before


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"not json", id="not-json"),
        pytest.param(b'{"offset": "12"}', id="wrong-types"),
        pytest.param(b"[]", id="not-an-object"),
    ],
)
def test_an_unreadable_journal_refuses_undo(
    run: Run, small_ledger: Path, content: bytes
) -> None:
    appended(run, small_ledger)
    after = small_ledger.read_bytes()
    journal(small_ledger).write_bytes(content)
    result = run("undo", "--yes", "--ledger", small_ledger)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: cannot undo: the undo record {journal(small_ledger)} is unreadable\n"
        "hint: edit the ledger by hand (its history is in git, if kept there)\n"
    )
    assert small_ledger.read_bytes() == after


def test_undo_through_a_symlink_restores_the_target(run: Run, tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    target = write_ledger(tmp_path / "real", SMALL)
    link = tmp_path / "ledger.toml"
    link.symlink_to(target)
    (tmp_path / "sources").symlink_to(target.parent / "sources")
    before = appended(run, link)
    assert journal(target).is_file()
    assert run("undo", "--yes", "--ledger", link).exit_code == 0
    assert link.is_symlink()
    assert target.read_bytes() == before


def test_undo_refuses_the_bundled_ledger(run: Run) -> None:
    before = BUNDLED.read_bytes()
    result = run("undo", "--yes")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "hint: make one with: tracker init"
    assert BUNDLED.read_bytes() == before
