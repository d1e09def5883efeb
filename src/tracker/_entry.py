"""The console script's entry point: `tracker` runs as a short-lived process."""

from __future__ import annotations

import gc
import os
import signal
import sys
from types import FrameType


def main() -> None:
    """Run the command line with the cyclic garbage collector off, and leave
    without tearing down what the command built.

    A run builds many long-lived objects (Typer's, click's, the ledger's) and
    next to no reference cycles, and exits soon after: the collector would
    scan them all again and again and free almost nothing, at a cost of about
    3 ms at start-up and more on a large ledger. Memory is still freed by
    reference counting.
    """
    gc.disable()
    try:
        stop_on_signals()
        from tracker.cli import main as run
    except KeyboardInterrupt as stop:
        # Ctrl-C (or a signal to stop) while the command line is still being
        # imported: nothing has been read or written yet, and the handler in
        # `cli` is not in place.
        from tracker.errors import Interrupted

        stopped = Interrupted(stop)
        sys.stderr.write(f"error: {stopped}\n")
        raise SystemExit(stopped.exit_code) from None
    try:
        run()
    except SystemExit as exit:
        leave(exit.code)
    leave(0)


def stop_on_signals() -> None:
    """Make each of `errors.STOP_SIGNALS` raise `errors.Stopped`, as Ctrl-C
    raises KeyboardInterrupt, so that a write it stops leaves nothing behind
    (by default Python would end at once, leaving a half-written temporary
    file beside the ledger or the export). A signal the process was started
    with ignored (`nohup` ignores SIGHUP) stays ignored."""
    from tracker.errors import STOP_SIGNALS, Stopped

    def stop(signum: int, frame: FrameType | None) -> None:
        raise Stopped(signum)

    for signum in STOP_SIGNALS:
        if signal.getsignal(signum) == signal.SIG_DFL:
            signal.signal(signum, stop)


def leave(code: object) -> None:
    """Exit with `code` as `sys.exit` would, once every output is flushed,
    but without freeing the ledger object by object: the system takes the
    whole process back at once, where Python's own shutdown would spend
    about a tenth of a warm `list` of ten thousand commitments on it.

    Nothing is left for Python's shutdown to do: every file the command
    opened is closed, its lock released and its temporary files removed by
    the `with` blocks it ran in, and nothing registers an `atexit` handler.
    """
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message"): the message goes to stderr, the status is 1
        sys.stderr.write(f"{code}\n")
        status = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass  # the command has reported it; nothing more can be written
    os._exit(status)
