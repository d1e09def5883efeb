"""Changing a file on disk all or nothing: locks, temporary files, os.replace.

The new text goes to a temporary file beside the target, is flushed and
fsynced, and only then `os.replace`s the target: a reader sees the old file
or the new one, never half of either. The write commits at `os.replace`;
before it, any failure (an OSError, Ctrl-C) removes the temporary file and
leaves the target as it was.
"""

from __future__ import annotations

import errno
import os
import re
import signal
import stat
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType

from tracker._cache import digest
from tracker.errors import STOP_SIGNALS, TrackerError

# filelock, tempfile and hashlib are imported where they are used: together
# they cost reading commands, which import this module, about 20 ms.

LOCK_TIMEOUT = 10.0
sha256 = digest  # the one SHA-256 helper, shared with the cache

_HINTS = {
    errno.EACCES: "check that you may write to {where}",
    errno.EPERM: "check that you may write to {where}",
    errno.EROFS: "the file system is read-only; work on a writable copy",
    errno.ENOSPC: "free some disk space and try again",
    errno.EDQUOT: "free some disk space and try again",
    errno.EISDIR: "name a file, not a directory",
    errno.ENOENT: "create the directory first: mkdir -p {where}",
}


def fs_error(error: OSError, path: Path, doing: str = "write") -> TrackerError:
    """An OSError as a one-line error that names the path."""
    reason = error.strerror or str(error)
    hint = _HINTS.get(error.errno or 0)
    where = (
        path.parent
        if error.errno in (errno.EACCES, errno.EPERM, errno.ENOENT)
        else path
    )
    return TrackerError(
        f"cannot {doing} {path}: {reason}",
        hint=hint.format(where=where) if hint else None,
    )


def sidecar(target: Path, suffix: str) -> Path:
    """`.NAME.SUFFIX` beside `target`: hidden, and tied to that one file."""
    return target.with_name(f".{target.name}.{suffix}")


def real_target(path: Path) -> Path:
    """The file to replace: a symlink's target, so the link stays a link."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


@contextmanager
def locked(target: Path, timeout: float) -> Iterator[None]:
    """Hold the sidecar lock of `target` for as long as the block runs."""
    from filelock import FileLock, Timeout

    lock_path = sidecar(target, "lock")
    lock = FileLock(lock_path, timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise TrackerError(
            f"cannot lock {target}: another write has held {lock_path} "
            f"for {timeout:g} s",
            hint="try again when it is done; $TRACKER_LOCK_TIMEOUT sets the wait",
        ) from None
    except OSError as error:
        raise fs_error(error, lock_path, "create the lock file") from None
    try:
        remove_stale(target)
        yield
    finally:
        lock.release()


def _stale_name(name: str) -> re.Pattern[str]:
    # `temporary_beside`'s names: mkstemp puts 8 of [a-z0-9_] between prefix and suffix.
    return re.compile(rf"\.{re.escape(name)}\.[a-z0-9_]{{8}}\.tmp")


def remove_stale(target: Path) -> None:
    """Remove temporary files a killed write of `target` (or of its undo
    record) left beside it. Only a holder of the lock may: no other write of
    that file can be staging one now."""
    names = [_stale_name(target.name), _stale_name(sidecar(target, "undo").name)]
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return
    for entry in entries:
        if any(n.fullmatch(entry.name) for n in names):
            with suppress(OSError):
                if entry.is_file(follow_symlinks=False):
                    os.unlink(entry.path)


def check_writable(target: Path) -> None:
    """Refuse a file its owner has made read-only (a rename would ignore it)."""
    if os.access(target, os.W_OK):
        return
    with suppress(OSError):
        if os.statvfs(target).f_flag & os.ST_RDONLY:
            raise fs_error(OSError(errno.EROFS, os.strerror(errno.EROFS)), target)
    raise TrackerError(
        f"cannot write {target}: it is read-only",
        hint=f"make it writable first, e.g. chmod u+w {target}",
    )


@contextmanager
def uninterrupted(final: bool = False) -> Iterator[None]:
    """Hold back Ctrl-C (and a signal to stop, see `errors.Stopped`) while a
    write commits.

    Once `os.replace` has run the new text is the ledger: stopping between it
    and the undo record would report a failure for a write that happened.
    With `final`, they stay ignored for the rest of the process once the
    block has run to its end: the command has done what it was asked, and
    exits 0 whatever arrives while it reports so.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def hold(signum: int, frame: FrameType | None) -> None:
        pass

    # Only those handled in Python: a signal left to the system's default
    # ends the process at once whatever is under way, outside the console
    # script as in any program.
    previous = {
        signum: signal.signal(signum, hold)
        for signum in (signal.SIGINT, *STOP_SIGNALS)
        if callable(signal.getsignal(signum))
    }
    done = False
    try:
        yield
        done = True
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, signal.SIG_IGN if final and done else handler)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def temporary_beside(target: Path) -> tuple[int, Path]:
    """A new empty file beside `target`, hidden and named after it, open (its
    descriptor), by an absolute path (as mkstemp makes it)."""
    import tempfile

    fd, name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    return fd, Path(name)


def _stage(target: Path, data: bytes, like: os.stat_result | None) -> Path:
    """`data` in a new temporary file beside `target`, on disk, with its mode."""
    fd, temporary = temporary_beside(target)
    try:
        try:
            _write_all(fd, data)
            keep_mode_and_owner(fd, like)
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        _remove(temporary)
        raise
    return temporary


def existing(path: Path) -> os.stat_result | None:
    """The status of the file at `path`, or None where there is none yet."""
    try:
        return path.stat()
    except FileNotFoundError:
        return None


def keep_mode_and_owner(fd: int, like: os.stat_result | None) -> None:
    """Give the new file open at `fd` the mode and owner of the file it
    replaces, whose status is `like`; for no file, the mode a new file gets."""
    if like is None:
        os.fchmod(fd, 0o666 & ~umask())
        return
    os.fchmod(fd, stat.S_IMODE(like.st_mode))
    if (like.st_uid, like.st_gid) != (os.geteuid(), os.getegid()):
        with suppress(OSError):  # only root may give files away
            os.fchown(fd, like.st_uid, like.st_gid)


def umask() -> int:
    """The process's umask (reading it means setting it, and back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _remove(path: Path) -> None:
    with suppress(FileNotFoundError):
        path.unlink()


def fsync_directory(directory: Path) -> None:
    """Make a rename in `directory` durable, where the file system can."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a directory; the rename stands
    finally:
        os.close(fd)


def replace(
    target: Path,
    data: bytes,
    expected: str | None,
    then: Callable[[], None] | None = None,
    *,
    final: bool = False,
) -> None:
    """Make `data` the content of `target`, all or nothing.

    `expected` is the sha256 the target must still have: if anyone changed it
    since it was read, nothing is written. `then` runs after the commit, with
    Ctrl-C held back, so that a journal of the write is not lost to it; with
    `final`, Ctrl-C is ignored from the commit on (see `uninterrupted`).
    """
    try:
        temporary = _stage(target, data, existing(target))
    except OSError as error:
        raise fs_error(error, target) from None
    committed = False
    try:
        if expected is not None and sha256(target.read_bytes()) != expected:
            raise TrackerError(
                f"{target} changed while this write was being made; nothing written",
                hint="run the command again",
            )
        with uninterrupted(final):
            os.replace(temporary, target)
            committed = True
            fsync_directory(target.parent)
            if then is not None:
                then()
    except OSError as error:
        _remove(temporary)
        if committed:
            return  # written: what failed after it cannot undo that
        raise fs_error(error, target) from None
    except BaseException:
        _remove(temporary)
        raise


def write_file(target: Path, data: bytes) -> None:
    """Make `data` the content of `target` (new, or replaced whole, keeping its
    mode), all or nothing: readers see the old bytes or the new, never half."""
    replace(target, data, None)


def create(target: Path, data: bytes, *, final: bool = False) -> None:
    """A new file at `target` holding `data`; never replaces one that exists.
    With `final`, Ctrl-C is ignored from the commit on (see `uninterrupted`)."""
    try:
        temporary = _stage(target, data, None)
    except OSError as error:
        raise fs_error(error, target) from None
    try:
        with uninterrupted(final):
            # link() fails if the name is taken, where rename() would clobber it.
            os.link(temporary, target)
            fsync_directory(target.parent)
    except FileExistsError:
        raise TrackerError(
            f"{target} already exists; init never overwrites a file"
        ) from None
    except OSError as error:
        raise fs_error(error, target) from None
    finally:
        _remove(temporary)
