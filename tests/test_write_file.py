"""Writing a report file whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from tracker._atomic import write_file
from tracker.errors import TrackerError


def test_writes_a_new_file(tmp_path: Path) -> None:
    target = tmp_path / "q3.md"
    write_file(target, b"# Report\n")
    assert target.read_bytes() == b"# Report\n"
    assert os.listdir(tmp_path) == ["q3.md"]


def test_replaces_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "q3.md"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_file(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o640


def test_a_new_file_is_not_private(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_file(tmp_path / "r.html", b"x")
    finally:
        os.umask(umask)
    assert (tmp_path / "r.html").stat().st_mode & 0o777 == 0o644


def test_failure_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "q3.md"
    target.write_bytes(b"old")

    def fail(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(TrackerError, match=r"cannot write .*q3\.md: No space left"):
        write_file(target, b"new")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["q3.md"]


def test_missing_directory(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "q3.md"
    with pytest.raises(TrackerError) as caught:
        write_file(target, b"x")
    assert str(target) in caught.value.message
    assert caught.value.hint == f"create the directory first: mkdir -p {target.parent}"


def test_a_directory_in_the_way(tmp_path: Path) -> None:
    (tmp_path / "q3.md").mkdir()
    with pytest.raises(TrackerError, match="cannot write"):
        write_file(tmp_path / "q3.md", b"x")
    assert os.listdir(tmp_path) == ["q3.md"]


def test_read_only_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root may write anywhere, so the refusal a read-only directory gives
    # everyone else is made here by hand.
    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(TrackerError, match="Permission denied") as caught:
        write_file(tmp_path / "q3.md", b"x")
    assert (
        caught.value.message == f"cannot write {tmp_path / 'q3.md'}: Permission denied"
    )
    assert os.listdir(tmp_path) == []
