"""Writing a whole file so that readers see the old bytes or the new, never half.

The data goes to a temporary file in the same directory (so the final rename
stays on one file system), is flushed to disk, and then replaces the target
in one `os.replace`. If anything fails, the temporary file is removed and the
target is left as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from tracker.errors import TrackerError


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically, or raise `TrackerError` naming it."""
    directory = path.parent
    try:
        fd, temporary = tempfile.mkstemp(
            dir=directory, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise _error(path, error) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            # mkstemp makes the file private (0600); a report is made to be
            # shared, so give it the mode a plain `open` would have.
            os.fchmod(handle.fileno(), _mode_for(path))
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise _error(path, error) from None
        raise
    _sync_directory(directory)


def _mode_for(path: Path) -> int:
    """The mode of the file being replaced, else the umask's default."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable; not every system can, so best effort."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _error(path: Path, error: OSError) -> TrackerError:
    reason = error.strerror or str(error)
    hint = None
    if isinstance(error, FileNotFoundError) and not path.parent.is_dir():
        hint = f"create the directory first: mkdir -p {path.parent}"
    elif isinstance(error, IsADirectoryError) or path.is_dir():
        hint = f"name a file, e.g. {path / 'report.md'}"
    return TrackerError(f"cannot write {path}: {reason}", hint=hint)
