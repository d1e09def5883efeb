"""The git merge driver, in real git repositories: appended blocks merge."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tracker import merge

from conftest import XIAN_PLEDGES

LEDGER = Path("data") / "commitments.toml"
SOURCE_BLOCK = """
[sources.astana-2024]
title = "Astana summit"
date = 2024-03-01
"""
QUOTE = (
    "China and Kazakhstan will ... establish consulates general in Xian and "
    "Aktobe, respectively."
)


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    for name in ("TRACKER_LEDGER", "GIT_DIR", "GIT_WORK_TREE"):
        env.pop(name, None)
    env.update(
        GIT_AUTHOR_NAME="A. Researcher",
        GIT_AUTHOR_EMAIL="a@example.org",
        GIT_COMMITTER_NAME="A. Researcher",
        GIT_COMMITTER_EMAIL="a@example.org",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
    )
    return env


class Repo:
    def __init__(self, root: Path, env: dict[str, str]) -> None:
        self.root = root
        self.env = env

    def run(self, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            args, cwd=self.root, env=self.env, capture_output=True, text=True
        )
        if ok:
            assert done.returncode == 0, (args, done.stdout, done.stderr)
        return done

    def git(self, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        return self.run("git", *args, ok=ok)

    def tracker(self, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        return self.run("tracker", *args, ok=ok)

    def commit(self, message: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)

    @property
    def ledger(self) -> Path:
        return self.root / LEDGER


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    """A git repository holding the Xi'an ledger, with the driver registered."""
    root = tmp_path / "repo"
    (root / "data").mkdir(parents=True)
    shutil.copy(XIAN_PLEDGES, root / LEDGER)
    shutil.copytree(XIAN_PLEDGES.parent / "sources", root / "data" / "sources")
    repo = Repo(root, _env(tmp_path))
    repo.git("init", "-q", "-b", "main")
    (root / ".gitattributes").write_text(merge.attributes_line(LEDGER) + "\n")
    (root / ".gitignore").write_text(".*.lock\n.*.undo\n")
    installed = repo.tracker("merge-driver", "--install")
    assert installed.stderr.splitlines()[-1] == (
        "ran: git config merge.tracker.driver 'tracker merge-driver %O %A %B %P'"
    )
    repo.commit("the Xi'an ledger")
    return repo


def _update(repo: Repo, commitment: str, status: str, date: str, note: str) -> None:
    repo.tracker(
        "update", commitment, status, "--date", date, "--note", note,
        "--evidence", "xian-talks-2023",
    )  # fmt: skip


def _add(repo: Repo, commitment_id: str, title: str) -> None:
    repo.tracker(
        "add", "--id", commitment_id, "--title", title, "--country", "CN",
        "--country", "KZ", "--category", "consular", "--source", "xian-talks-2023",
        "--made", "2023-04-26", "--quote", QUOTE,
    )  # fmt: skip


def _two_branches(repo: Repo) -> tuple[bytes, bytes, bytes]:
    """Branches `a` and `b` that each appended updates, a commitment, and (b)
    a source; the ledger's bytes on main, a and b."""
    base = repo.ledger.read_bytes()
    repo.git("checkout", "-q", "-b", "a")
    _update(repo, "kz-consulates", "in-progress", "2023-09-01", "Sites agreed")
    _add(repo, "kz-consulate-almaty", "Open a consulate in Almaty")
    _update(repo, "tj-luban-workshop", "fulfilled", "2024-01-10", "Workshop open")
    repo.commit("a: two updates and a commitment")
    ours = repo.ledger.read_bytes()
    repo.git("checkout", "-q", "main")
    repo.git("checkout", "-q", "-b", "b")
    _update(repo, "kz-consulates", "fulfilled", "2024-05-01", "Both consulates open")
    with repo.ledger.open("ab") as handle:
        handle.write(SOURCE_BLOCK.replace("\n", _newline(base)).encode())
    _add(repo, "kz-water-lab", "Open a joint water laboratory")
    repo.commit("b: an update, a source and a commitment")
    theirs = repo.ledger.read_bytes()
    return base, ours, theirs


def _newline(data: bytes) -> str:
    return "\r\n" if b"\r\n" in data else "\n"


def _blocks_of(base: bytes, side: bytes) -> list[bytes]:
    blocks = merge.appended_blocks(base, side)
    assert blocks is not None
    return [b.strip(b"\r\n") for b in blocks]


@pytest.mark.parametrize(("into", "other"), [("a", "b"), ("b", "a")])
def test_branches_that_appended_merge_cleanly_in_either_order(
    repo: Repo, into: str, other: str
) -> None:
    base, a, b = _two_branches(repo)
    repo.git("checkout", "-q", into)
    done = repo.git("merge", "--no-edit", other)
    assert "merged the blocks both sides appended" in done.stderr
    merged = repo.ledger.read_bytes()
    first, second = (a, b) if into == "a" else (b, a)
    # Every line of both sides is there: ours whole, then theirs' blocks.
    assert merged.startswith(first)
    assert _blocks_of(base, merged) == _blocks_of(base, first) + _blocks_of(
        base, second
    )
    assert repo.tracker("check").stdout == (
        "data/commitments.toml: ok, 16 commitments, 3 updates\n"
    )
    assert repo.git("status", "--porcelain").stdout == ""
    state = repo.tracker("show", "kz-consulates", "--format", "json").stdout
    assert '"status": "fulfilled"' in state


def test_a_crlf_ledger_merges_and_keeps_its_line_endings(repo: Repo) -> None:
    repo.ledger.write_bytes(repo.ledger.read_bytes().replace(b"\n", b"\r\n"))
    repo.commit("CRLF")
    _base, a, _b = _two_branches(repo)
    repo.git("checkout", "-q", "a")
    repo.git("merge", "--no-edit", "b")
    merged = repo.ledger.read_bytes()
    assert merged.startswith(a)
    assert merged.count(b"\n") == merged.count(b"\r\n")
    assert b"kz-water-lab" in merged
    assert b"[sources.astana-2024]" in merged
    assert repo.tracker("check").stdout.endswith("ok, 16 commitments, 3 updates\n")


def test_a_hand_edit_of_the_same_line_on_both_sides_still_conflicts(
    repo: Repo,
) -> None:
    line = b'title = "Make full use of the Luban Workshop in Tajikistan"'
    assert line in repo.ledger.read_bytes()
    repo.git("checkout", "-q", "-b", "a")
    repo.ledger.write_bytes(
        repo.ledger.read_bytes().replace(line, line.replace(b"full", b"good"))
    )
    _update(repo, "kz-consulates", "in-progress", "2023-09-01", "Sites agreed")
    repo.commit("a: reword a title")
    repo.git("checkout", "-q", "main")
    repo.git("checkout", "-q", "-b", "b")
    repo.ledger.write_bytes(
        repo.ledger.read_bytes().replace(line, line.replace(b"full", b"best"))
    )
    repo.commit("b: reword it otherwise")
    repo.git("checkout", "-q", "a")
    done = repo.git("merge", "--no-edit", "b", ok=False)
    assert done.returncode != 0
    assert "CONFLICT" in done.stdout
    merged = repo.ledger.read_bytes()
    assert b"<<<<<<< ours:data/commitments.toml" in merged
    assert line.replace(b"full", b"good") in merged
    assert line.replace(b"full", b"best") in merged
    assert b"Sites agreed" in merged  # nothing of either side dropped
    assert repo.tracker("check", ok=False).returncode == 1


def test_undo_after_a_merge_refuses(repo: Repo) -> None:
    _two_branches(repo)
    repo.git("checkout", "-q", "a")
    repo.git("merge", "--no-edit", "b")
    before = repo.ledger.read_bytes()
    done = repo.tracker("undo", "--yes", ok=False)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        "error: cannot undo: data/commitments.toml has changed since tracker last "
        "appended to it\n"
        "hint: undo only takes back a block while it is still the last thing in "
        "the file; edit the file by hand instead\n"
    )
    assert repo.ledger.read_bytes() == before


# -- the merge itself, on bytes ------------------------------------------------

BASE = b'schema = 1\n\n[[update]]\ncommitment = "x"\n'
U1 = b'[[update]]\ncommitment = "y"\n'
U2 = b'[[update]]\ncommitment = "z"\n'


def test_blocks_both_sides_appended_identically_are_kept_once() -> None:
    ours = BASE + b"\n" + U1 + b"\n" + U2
    theirs = BASE + b"\n" + U2
    assert merge.combine(BASE, ours, theirs) == ours
    assert merge.combine(BASE, theirs, ours) == theirs + b"\n" + U1


def test_anything_but_whole_appended_blocks_is_not_combined() -> None:
    edited = BASE.replace(b'"x"', b'"w"') + b"\n" + U1
    assert merge.combine(BASE, edited, BASE + b"\n" + U2) is None
    into_last_table = BASE + b'note = "added to the last block"\n'
    assert merge.combine(BASE, into_last_table, BASE + b"\n" + U2) is None
    assert merge.combine(BASE.rstrip(), BASE.rstrip() + b"x\n", BASE + U2) is None


def test_an_invalid_combination_falls_back_to_a_conflict(tmp_path: Path) -> None:
    text = XIAN_PLEDGES.read_bytes()
    block = (
        b'\n[[update]]\ncommitment = "kz-consulates"\ndate = 2023-09-01\n'
        b'status = "%s"\nnote = "n"\n'
    )
    base, ours, theirs = (tmp_path / n for n in ("base", "ours", "theirs"))
    base.write_bytes(text)
    ours.write_bytes(text + block % b"in-progress")
    theirs.write_bytes(text + block % b"no-such-status")
    ledger = tmp_path / "data" / "commitments.toml"
    ledger.parent.mkdir()
    shutil.copytree(XIAN_PLEDGES.parent / "sources", ledger.parent / "sources")
    outcome = merge.resolve(base, ours, theirs, ledger, merge.dt.date(2026, 1, 1))
    assert (outcome.clean, outcome.how) == (False, "conflict")
    assert "no-such-status" in str(outcome.problems[0])
    result = ours.read_bytes()
    assert b"<<<<<<< ours:" in result
    assert b'status = "in-progress"' in result
    assert b'status = "no-such-status"' in result


def test_the_driver_needs_four_files(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from tracker.cli import app

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["merge-driver", "a", "b"], prog_name="tracker")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "error: give the four files git passes: BASE OURS THEIRS PATH\n"
        "hint: register it with: tracker merge-driver --install\n"
    )


def test_a_branch_that_adds_a_source_text_and_its_pledges_merges(repo: Repo) -> None:
    repo.git("checkout", "-q", "-b", "a")
    _update(repo, "kz-consulates", "in-progress", "2023-09-01", "Sites agreed")
    repo.commit("a: an update")
    repo.git("checkout", "-q", "main")
    repo.git("checkout", "-q", "-b", "b")
    (repo.root / "data" / "sources" / "astana.txt").write_text(
        "China and Kazakhstan will open a joint water laboratory.\n"
    )
    with repo.ledger.open("a") as handle:
        handle.write(
            '\n[sources.astana-2024]\ntitle = "Astana summit"\ndate = 2024-03-01\n'
            'text = "sources/astana.txt"\n'
        )
    repo.tracker(
        "add", "--id", "kz-water-lab", "--title", "Open a joint water laboratory",
        "--country", "CN", "--country", "KZ", "--category", "science",
        "--new-category", "--source", "astana-2024", "--made", "2024-03-01",
        "--quote", "China and Kazakhstan will open a joint water laboratory",
    )  # fmt: skip
    repo.commit("b: a new meeting, its text and a pledge")
    repo.git("checkout", "-q", "a")
    done = repo.git("merge", "--no-edit", "b")
    assert "merged the blocks both sides appended" in done.stderr
    assert repo.tracker("check").stdout.endswith("ok, 15 commitments, 1 update\n")
