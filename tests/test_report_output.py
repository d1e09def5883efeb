"""`report --output` writes only a regular file or a new path.

Anything else at the path (a device, a FIFO, a socket, a directory) is
refused with an error and a hint, and stays as it was; a symlink to a regular
file has its target written and stays a link; the ledger, its lock and undo
files and its archived source texts are never replaced by a report.
"""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from conftest import Run

REPORT = ("--as-of", "2025-01-01", "--format", "markdown")


def _refused(run: Run, ledger: Path, target: Path | str, what: str) -> None:
    result = run("report", "--ledger", ledger, *REPORT, "--output", target)
    assert result.exit_code == 1, result.stderr
    assert f"error: cannot write {target}: it is {what}" in result.stderr
    assert "hint: " in result.stderr
    assert result.stdout == ""


def test_a_fifo_is_refused_and_left_alone(
    run: Run, small_ledger: Path, tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    _refused(run, small_ledger, fifo, "a FIFO")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_socket_is_refused_and_left_alone(
    run: Run, small_ledger: Path, tmp_path: Path
) -> None:
    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        _refused(run, small_ledger, path, "a socket")
    assert stat.S_ISSOCK(os.lstat(path).st_mode)


@pytest.fixture
def device(tmp_path: Path) -> Path:
    """A character device these tests could lose, were the check broken: a
    node of their own like /dev/null where they may make one (as root, who
    could replace /dev/null itself); elsewhere /dev/null."""
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except OSError:  # not root, or a container that forbids devices
        return Path("/dev/null")
    return node


def test_a_device_is_refused_and_left_alone(
    run: Run, small_ledger: Path, device: Path
) -> None:
    _refused(run, small_ledger, device, "a character device")
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_a_link_to_a_device_is_refused(
    run: Run, small_ledger: Path, tmp_path: Path, device: Path
) -> None:
    link = tmp_path / "out.md"
    link.symlink_to(device)
    _refused(run, small_ledger, link, "a character device")
    assert link.is_symlink()
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_a_link_to_a_regular_file_writes_its_target(
    run: Run, small_ledger: Path, tmp_path: Path
) -> None:
    real = tmp_path / "reports" / "q3.md"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "latest.md"
    link.symlink_to(real)
    result = run("report", "--ledger", small_ledger, *REPORT, "--output", link)
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink()
    assert os.readlink(link) == str(real)
    assert real.read_text().startswith("# Test ledger\n")


def test_a_dangling_link_is_refused(
    run: Run, small_ledger: Path, tmp_path: Path
) -> None:
    link = tmp_path / "out.md"
    link.symlink_to(tmp_path / "nowhere.md")
    result = run("report", "--ledger", small_ledger, "--output", link)
    assert result.exit_code == 1
    assert "which does not exist" in result.stderr
    assert link.is_symlink()
    assert not (tmp_path / "nowhere.md").exists()


@pytest.mark.parametrize(
    ("name", "what"),
    [
        ("commitments.toml", "the ledger"),
        (".commitments.toml.lock", "the ledger's lock file"),
        (".commitments.toml.undo", "the ledger's undo record"),
        ("sources/astana.txt", "the archived text of source 'astana-2024'"),
        ("sources/../commitments.toml", "the ledger"),
    ],
)
def test_the_ledger_and_its_files_are_never_replaced(
    run: Run, small_ledger: Path, name: str, what: str
) -> None:
    target = small_ledger.parent / name
    before = target.read_bytes() if target.exists() else None
    _refused(run, small_ledger, target, what)
    assert (target.read_bytes() if target.exists() else None) == before


def test_a_link_or_hard_link_to_the_ledger_is_refused(
    run: Run, small_ledger: Path, tmp_path: Path
) -> None:
    before = small_ledger.read_bytes()
    link = tmp_path / "report.md"
    link.symlink_to(small_ledger)
    _refused(run, small_ledger, link, "the ledger")
    hard = tmp_path / "hard.md"
    os.link(small_ledger, hard)
    _refused(run, small_ledger, hard, "the ledger")
    assert small_ledger.read_bytes() == before


def test_the_ledger_found_by_default_is_protected_too(
    run: Run, tmp_path: Path, small_ledger: Path
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    small_ledger.rename(data / "commitments.toml")
    (tmp_path / "sources").rename(data / "sources")
    before = (data / "commitments.toml").read_bytes()
    result = run("report", "--output", "data/commitments.toml")
    assert result.exit_code == 1
    assert "it is the ledger" in result.stderr
    assert (data / "commitments.toml").read_bytes() == before
