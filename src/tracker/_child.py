"""A piece of work done by a second process while this one goes on.

Python runs one thread at a time, so a thread cannot put the machine's other
core to Python's work; a forked child can. It starts with this process's
memory (shared until either side writes to a page), does its one piece of
work, tells its parent how that ended through a pipe (what the work
returned, or the exception it raised, pickled) and leaves by `os._exit`: it
never returns into its parent's code, runs its clean-up or flushes its
buffers.

Where a process cannot fork (no `os.fork`, or no memory or process left for a
child), the work is done on a thread of this one: slower, the same result.
"""

from __future__ import annotations

import os
import pickle
import signal
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Generic, NoReturn, TypeVar, cast

from tracker.errors import STOP_SIGNALS

T = TypeVar("T")
Work = Callable[[], T]

_STOPPING = {signal.SIGINT, *STOP_SIGNALS}


@contextmanager
def in_child(work: Work[T]) -> Iterator[Callable[[], T]]:
    """Start `work` in a child process and run the block, which calls what
    this yields (once) to wait for the work to end: it returns what the work
    returned (which must pickle) or raises the work's exception. If the
    block fails (Ctrl-C too), or leaves without waiting, the child is killed:
    no child is left on leaving."""
    try:
        child = _Child(work) if hasattr(os, "fork") else None
    except OSError:  # no room for another process
        child = None
    if child is None:
        with ThreadPoolExecutor(1, thread_name_prefix="tracker-work") as pool:
            yield pool.submit(work).result
        return
    try:
        yield child.result
    finally:
        child.end()


class _Child(Generic[T]):
    def __init__(self, work: Work[T]) -> None:
        reader, writer = os.pipe()
        # Ctrl-C and the signals to stop are held back until the child has
        # its own way with them (see _run): they must never unwind into its
        # parent's code.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
        try:
            pid = os.fork()
        except BaseException:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
            os.close(reader)
            os.close(writer)
            raise
        if pid == 0:
            _run(work, reader, writer, held)
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        os.close(writer)
        self.pid: int | None = pid
        self.reader = reader

    def result(self) -> T:
        """Wait for the child to end; return what the work returned, or raise
        what it raised."""
        # Unpickled as it arrives: a large value is never held twice.
        with open(self.reader, "rb", closefd=False) as pipe:
            try:
                done, value = pickle.load(pipe)
            except Exception:  # a child that ended before its report did
                done, value = None, None
        assert self.pid is not None
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        if done is None or os.WIFSIGNALED(status):
            raise OSError(f"its second process {_ended(status)}")
        if not done:
            raise value
        return cast(T, value)

    def end(self) -> None:
        """Kill the child if it is still there, and reap it."""
        if self.pid is not None:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.pid = None
        os.close(self.reader)


def _run(
    work: Work[object], reader: int, writer: int, held: set[int | signal.Signals]
) -> NoReturn:
    """The child: do the work, report, and leave."""
    status = 1
    try:
        # Its parent has the terminal's Ctrl-C too (and a group's signal to
        # stop), and kills it.
        for signum in _STOPPING:
            signal.signal(signum, signal.SIG_IGN)
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        os.close(reader)
        try:
            report = pickle.dumps((True, work()), pickle.HIGHEST_PROTOCOL)
            code = 0
        except BaseException as error:
            report, code = _report(error), 1
        with open(writer, "wb", closefd=False) as pipe:
            pipe.write(report)
        status = code
    finally:
        os._exit(status)


def _report(error: BaseException) -> bytes:
    """`(False, error)` pickled, with the child's traceback as a note (see
    TRACKER_DEBUG), or with a RuntimeError that names it where it cannot be."""
    error.add_note(
        "in the second process:\n" + "".join(traceback.format_exception(error))
    )
    try:
        data = pickle.dumps((False, error))
        pickle.loads(data)  # some exceptions pickle but cannot be made again
    except Exception:
        stand_in = RuntimeError(f"{type(error).__name__}: {error}")
        stand_in.__notes__ = getattr(error, "__notes__", [])
        data = pickle.dumps((False, stand_in))
    return data


def _ended(status: int) -> str:
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            return f"was killed by {signal.Signals(number).name}"
        except ValueError:  # a signal Python has no name for
            return f"was killed by signal {number}"
    return f"ended with exit status {os.waitstatus_to_exitcode(status)}"
