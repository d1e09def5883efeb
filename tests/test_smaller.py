"""Smaller guarantees: check's path shown safely, stale temporary files
cleaned up, hard-linked ledgers refused."""

from __future__ import annotations

import fnmatch
import os
import re
from pathlib import Path

from conftest import REPO, SMALL, Run, write_ledger

UPDATE = ("update", "water-lab", "in-progress", "-n", "Begun", "--date", "2025-01-02")


def test_check_escapes_the_path_in_its_success_line(run: Run, tmp_path: Path) -> None:
    path = write_ledger(tmp_path / "a\x1b[31mb\x07", SMALL)
    result = run("check", "--ledger", path)
    assert result.exit_code == 0
    shown = str(path).replace("\x1b", "\\x1b").replace("\x07", "\\x07")
    assert result.stdout == f"{shown}: ok, 3 commitments, 0 updates\n"


STALE = [".commitments.toml.ab_12xyz.tmp", "..commitments.toml.undo.k3j4h5g6.tmp"]
NOT_OURS = [
    ".commitments.toml.short.tmp",  # not a name the tracker makes
    ".other.toml.ab_12xyz.tmp",  # another file's
    "commitments.toml.ab_12xyz.tmp",
]


def test_the_next_write_removes_stale_temporary_files(
    run: Run, small_ledger: Path
) -> None:
    directory = small_ledger.parent
    for name in STALE + NOT_OURS:
        (directory / name).write_text("left by kill -9")
    assert run(*UPDATE, "--dry-run", "--ledger", small_ledger).exit_code == 0
    assert all((directory / name).exists() for name in STALE)  # no lock: kept
    assert run(*UPDATE, "--ledger", small_ledger).exit_code == 0
    assert not any((directory / name).exists() for name in STALE)
    assert all((directory / name).exists() for name in NOT_OURS)
    leftovers = [p.name for p in directory.iterdir() if p.name.endswith(".tmp")]
    assert sorted(leftovers) == sorted(NOT_OURS)


def test_readme_gitignore_lines_cover_the_tracker_s_own_files() -> None:
    readme = (REPO / "README.md").read_text()
    paragraph = readme[readme.index("### Keeping the ledger in git") :]
    patterns = re.findall(r"`(\.\*[^`]*)`", paragraph.split("\n\n")[1])
    for name in [".commitments.toml.lock", ".commitments.toml.undo", *STALE]:
        assert any(fnmatch.fnmatch(name, p) for p in patterns), (name, patterns)


def test_a_hard_linked_ledger_is_refused_with_a_hint(
    run: Run, small_ledger: Path, tmp_path: Path
) -> None:
    other = tmp_path / "copy.toml"
    os.link(small_ledger, other)
    before = small_ledger.read_bytes()
    result = run(*UPDATE, "--ledger", small_ledger)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: cannot write {small_ledger}: the file has 2 names (hard links), "
        "and a write would give the new text to this one only\n"
        "hint: keep one name and make the others symbolic links (ln -sf)\n"
    )
    assert small_ledger.read_bytes() == other.read_bytes() == before
    other.unlink()
    assert run(*UPDATE, "--ledger", small_ledger).exit_code == 0
