"""The console script's entry point: `tracker` runs as a short-lived process."""

from __future__ import annotations

import gc
import sys


def main() -> None:
    """Run the command line with the cyclic garbage collector off.

    A run builds many long-lived objects (Typer's, click's, the ledger's) and
    next to no reference cycles, and exits soon after: the collector would
    scan them all again and again and free almost nothing, at a cost of about
    3 ms at start-up and more on a large ledger. Memory is still freed by
    reference counting.
    """
    gc.disable()
    try:
        from tracker.cli import main as run
    except KeyboardInterrupt:
        # Ctrl-C while start-up imports (slow on a busy machine): the same
        # one line and exit code as during a command, not a traceback.
        sys.stderr.write("error: interrupted\n")
        sys.exit(130)
    run()
