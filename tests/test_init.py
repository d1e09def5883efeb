"""tracker init: a ledger of one's own, valid at once, and nothing overwritten."""

from __future__ import annotations

import errno
import os
import stat
import tomllib
from pathlib import Path
from typing import Any

import pytest

from tracker import writes

from conftest import BUNDLED, Run

SOURCE = Path("sources") / "xian-talks-2023-04-26.txt"
GIT_OFFER = (
    "to merge it in git without conflicts, add this line to .gitattributes: "
    "data/commitments.toml merge=tracker\n"
    "and register the merge driver once per clone: tracker merge-driver --install\n"
)


def test_init_writes_the_bundled_ledger_and_its_sources_here(
    run: Run, tmp_path: Path
) -> None:
    result = run("init")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "created data/commitments.toml with the bundled ledger's 14 commitments\n"
    )
    assert result.stderr == (
        f"copied its archived source text to data/{SOURCE}\n" + GIT_OFFER
    )
    ledger = tmp_path / "data" / "commitments.toml"
    assert ledger.read_bytes() == BUNDLED.read_bytes()
    assert (ledger.parent / SOURCE).read_bytes() == (
        BUNDLED.parent / SOURCE
    ).read_bytes()
    check = run("check")  # found in ./data, no --ledger needed
    assert check.exit_code == 0, check.stdout
    updates = len(tomllib.loads(BUNDLED.read_text(encoding="utf-8"))["update"])
    assert check.stdout == (
        f"data/commitments.toml: ok, 14 commitments, {updates} updates\n"
    )


def test_init_at_a_path_makes_its_directories(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "research" / "pledges.toml"
    assert run("init", path).exit_code == 0
    assert path.is_file()
    assert (path.parent / SOURCE).is_file()
    assert run("check", "--ledger", path).exit_code == 0


def test_a_new_ledger_can_be_written_to_at_once(run: Run, tmp_path: Path) -> None:
    assert run("init").exit_code == 0
    update = run(
        "update", "kz-consulates", "in-progress", "--date", "2023-09-01",
        "--note", "Sites agreed", "--evidence", "xian-talks-2023",
    )  # fmt: skip
    assert update.exit_code == 0, update.stderr
    # What the status was before depends on the bundled record, which grows:
    # the exact line is asserted on the pledges-only fixture below.
    assert update.stdout.startswith("kz-consulates: ")
    assert update.stdout.endswith(" -> in-progress (2023-09-01)\n")
    updates = len(tomllib.loads(BUNDLED.read_text(encoding="utf-8"))["update"])
    assert run("check").stdout.endswith(f"ok, 14 commitments, {updates + 1} updates\n")


def test_the_pledges_can_be_written_to_at_once(run: Run, xian_ledger: Path) -> None:
    update = run(
        "update", "kz-consulates", "in-progress", "--date", "2023-09-01",
        "--note", "Sites agreed", "--evidence", "xian-talks-2023",
        "--ledger", xian_ledger,
    )  # fmt: skip
    assert update.exit_code == 0, update.stderr
    assert update.stdout == "kz-consulates: pledged -> in-progress (2023-09-01)\n"
    check = run("check", "--ledger", xian_ledger)
    assert check.stdout.endswith("ok, 14 commitments, 1 update\n")


def test_init_empty_writes_a_minimal_valid_ledger(run: Run, tmp_path: Path) -> None:
    result = run("init", "--empty")
    assert result.exit_code == 0, result.stderr
    assert (result.stdout, result.stderr) == (
        "created data/commitments.toml, an empty ledger\n",
        GIT_OFFER,
    )
    ledger = tmp_path / "data" / "commitments.toml"
    assert ledger.read_text() == writes.EMPTY_LEDGER
    assert not (tmp_path / "data" / "sources").exists()
    assert (
        run("check").stdout == "data/commitments.toml: ok, 0 commitments, 0 updates\n"
    )


def test_new_files_get_the_usual_permissions(run: Run, tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        assert run("init").exit_code == 0
    finally:
        os.umask(old)
    for path in (tmp_path / "data" / "commitments.toml", tmp_path / "data" / SOURCE):
        assert stat.S_IMODE(path.stat().st_mode) == 0o640


@pytest.mark.parametrize(
    "existing",
    [
        pytest.param("file", id="file"),
        pytest.param("empty-file", id="empty-file"),
        pytest.param("dangling-link", id="dangling-link"),
    ],
)
def test_init_never_overwrites(run: Run, tmp_path: Path, existing: str) -> None:
    path = tmp_path / "data" / "commitments.toml"
    path.parent.mkdir()
    if existing == "dangling-link":
        path.symlink_to(tmp_path / "elsewhere.toml")
    else:
        path.write_text("mine\n" if existing == "file" else "")
    result = run("init", "--empty")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: data/commitments.toml already exists; init never overwrites a file\n"
        "hint: use it (tracker check --ledger data/commitments.toml), or choose "
        "another path\n"
    )
    assert not (tmp_path / "elsewhere.toml").exists()
    if existing != "dangling-link":
        assert path.read_text() == ("mine\n" if existing == "file" else "")


@pytest.mark.parametrize("given", ["ledgers", "ledgers/"])
def test_init_into_a_directory_writes_commitments_toml_in_it(
    run: Run, tmp_path: Path, given: str
) -> None:
    (tmp_path / "ledgers").mkdir()
    result = run("init", given)
    assert result.exit_code == 0, result.stderr
    path = tmp_path / "ledgers" / "commitments.toml"
    assert result.stdout.startswith(f"created {given.rstrip('/')}/commitments.toml ")
    assert path.read_bytes() == BUNDLED.read_bytes()


def test_init_of_a_new_path_ending_in_a_slash_makes_the_directory(
    run: Run, tmp_path: Path
) -> None:
    result = run("init", "--empty", "sub/")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "sub" / "commitments.toml").is_file()
    assert result.stdout == "created sub/commitments.toml, an empty ledger\n"


def test_a_different_source_text_in_the_way_refuses_the_whole_init(
    run: Run, tmp_path: Path
) -> None:
    theirs = tmp_path / "data" / SOURCE
    theirs.parent.mkdir(parents=True)
    theirs.write_text("someone else's notes\n")
    result = run("init")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"error: data/{SOURCE} already exists and differs from the bundled copy; "
        "nothing written"
    )
    assert theirs.read_text() == "someone else's notes\n"
    assert not (tmp_path / "data" / "commitments.toml").exists()


def test_the_same_source_text_already_there_is_kept(run: Run, tmp_path: Path) -> None:
    ours = tmp_path / "data" / SOURCE
    ours.parent.mkdir(parents=True)
    ours.write_bytes((BUNDLED.parent / SOURCE).read_bytes())
    result = run("init")
    assert (result.exit_code, result.stderr) == (0, GIT_OFFER)
    assert run("check").exit_code == 0


def test_a_ledger_made_meanwhile_is_not_clobbered(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "data" / "commitments.toml"
    real_link = os.link

    def someone_else_first(src: Any, dst: Any) -> None:
        if Path(dst).name == "commitments.toml":
            Path(dst).write_text("theirs\n")
        real_link(src, dst)

    monkeypatch.setattr(os, "link", someone_else_first)
    result = run("init")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: data/commitments.toml already exists; init never overwrites a file\n"
    )
    assert path.read_text() == "theirs\n"
    assert [p.name for p in path.parent.iterdir() if p.suffix == ".tmp"] == []


def test_a_failed_init_leaves_no_ledger_and_no_temporary_file(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: Any) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    result = run("init", "--empty")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: cannot write data/commitments.toml: No space left on device\n"
        "hint: free some disk space and try again\n"
    )
    assert list((tmp_path / "data").iterdir()) == []
