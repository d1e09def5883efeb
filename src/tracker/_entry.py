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
        # Ctrl-C while the command line is still being imported: nothing has
        # been read or written yet, and the handler in `cli` is not in place.
        sys.stderr.write("error: interrupted\n")
        raise SystemExit(130) from None
    run()
