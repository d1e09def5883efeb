"""Long output through a pager on a terminal, as git does it.

The pager is `$TRACKER_PAGER`, else `$PAGER`, else `less -FRX`; an empty
value or `cat` means none. It runs only when stdout is a terminal, paging is
not turned off (`--no-pager`), and the text is taller than the screen. A
pager that cannot start or that fails never loses the output: it is printed
as it would have been without one.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
from collections.abc import Mapping

DEFAULT = "less -FRX"


def command(env: Mapping[str, str]) -> str | None:
    """The pager to run, or None for none: an empty value or `cat` is none."""
    chosen = env.get("TRACKER_PAGER")
    if chosen is None:
        chosen = env.get("PAGER", DEFAULT)
    chosen = chosen.strip()
    return None if chosen in ("", "cat") else chosen


def wanted(text: str) -> str | None:
    """The pager for `text` on this run, or None to print it directly."""
    if sys.stdout is None or not sys.stdout.isatty():
        return None
    pager = command(os.environ)
    if pager is None:
        return None
    return pager if text.count("\n") >= shutil.get_terminal_size().lines else None


def run(pager: str, text: str) -> bool:
    """Show `text` in `pager`; False if it could not, so the caller prints it.

    The pager is run by the shell, as git runs it, so `less -R` and
    `PAGER='less -S'` work. Quitting the pager before the end is not a
    failure; a pager that is missing (the shell's 127) or exits non-zero is.
    """
    import subprocess  # only when a pager runs

    env = dict(os.environ)
    env.setdefault("LESS", "FRX")  # as git: raw colours, quit if one screen
    env.setdefault("LV", "-c")
    try:
        sys.stdout.flush()
        child = subprocess.Popen(pager, shell=True, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    # The pager owns the terminal now: Ctrl-C is for it (less ignores it),
    # and must not end this process while the pager still draws.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        assert child.stdin is not None
        try:
            child.stdin.write(text.encode("utf-8"))
            child.stdin.close()
        except OSError:
            pass  # the pager quit before reading everything: the user's choice
        code = child.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    return code == 0
