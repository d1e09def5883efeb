"""Where `report --output` and `export sqlite` may write: a regular file, or
a new path.

Both replace their file whole (see `_atomic.write_file`), which would turn a
device, a FIFO or a socket into a plain file, a symlink into a copy, and the
ledger into a report or a database. So the path is checked first: a symlink
is followed to its target (as ledger writes do), and only a regular file or a
name not yet taken is written. The ledger, its lock and undo files and its
archived source texts are never theirs to replace, under any name (a link,
`..`).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from tracker._atomic import real_target, sidecar
from tracker.errors import TrackerError
from tracker.model import Ledger

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
)
_HINT = "name a regular file, or a new one, e.g. --output report.md"


def _kind(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def target(
    path: Path,
    protected: Iterable[tuple[Path, str]],
    writer: str = "a report",
    hint: str = _HINT,
) -> Path:
    """The file a report (or another `writer`) written to `path` replaces or
    creates.

    `protected` pairs each file it must not replace with what it is ("the
    ledger", ...). Raise a `TrackerError` with `hint` for anything else.
    """
    linked = False
    try:
        linked = path.is_symlink()
        info = path.stat()
    except FileNotFoundError:
        if linked:
            raise TrackerError(
                f"cannot write {path}: it is a link to {os.readlink(path)}, "
                "which does not exist",
                hint="point the link at a file, or name another --output",
            ) from None
        info = None
    except OSError as error:
        raise TrackerError(f"cannot write {path}: {error.strerror}") from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise TrackerError(
            f"cannot write {path}: it is {_kind(info.st_mode)}; {writer} replaces "
            "only a regular file",
            hint=hint,
        )
    real = Path(os.path.realpath(path))
    for other, what in protected:
        if _same(real, info, other):
            raise TrackerError(
                f"cannot write {path}: it is {what}; {writer} never replaces it",
                hint=hint,
            )
    return real if linked else path


def _same(real: Path, info: os.stat_result | None, other: Path) -> bool:
    if Path(os.path.realpath(other)) == real:
        return True
    if info is None:
        return False
    try:
        theirs = other.stat()
    except OSError:
        return False
    # A hard link is the same file under another name.
    return (theirs.st_dev, theirs.st_ino) == (info.st_dev, info.st_ino)


def ledger_files(ledger_path: Path, ledger: Ledger) -> list[tuple[Path, str]]:
    """The files that belong to the ledger at `ledger_path`, each with what it is."""
    real = real_target(ledger_path)
    files = [
        (ledger_path, "the ledger"),
        (real, "the ledger"),
        (sidecar(real, "lock"), "the ledger's lock file"),
        (sidecar(real, "undo"), "the ledger's undo record"),
    ]
    for source in ledger.sources:
        if source.text is not None:
            what = f"the archived text of source '{source.key}'"
            files.append((ledger_path.parent / source.text, what))
    return files
