"""A spinner on stderr for work that keeps a terminal waiting.

`output.waiting` starts it only when stdout and stderr are both terminals; it
shows only once the work has taken half a second: a warm run ends before the
timer fires, so it pays for a timer thread started and cancelled, and nothing
is drawn.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

DELAY = 0.5  # seconds of silence before the spinner shows
FRAMES = "|/-\\"
INTERVAL = 0.1


class _Spinner:
    def __init__(self, label: str) -> None:
        self.label = label
        self.stop = threading.Event()
        self.drawn = False
        self.thread = threading.Thread(target=self._spin, daemon=True)

    def _spin(self) -> None:
        if self.stop.wait(DELAY):
            return
        frame = 0
        while not self.stop.is_set():
            self._draw(f"\r{FRAMES[frame % len(FRAMES)]} {self.label}")
            self.drawn = True
            frame += 1
            self.stop.wait(INTERVAL)

    def _draw(self, text: str) -> None:
        try:
            sys.stderr.write(text)
            sys.stderr.flush()
        except (OSError, ValueError, AttributeError):
            self.stop.set()  # stderr went away: stop drawing

    def finish(self) -> None:
        self.stop.set()
        self.thread.join()
        if self.drawn:
            self._draw("\r\x1b[K")  # leave the line as it was


@contextmanager
def waiting(label: str) -> Iterator[None]:
    """Show `label` with a spinner on stderr if the work inside takes long.
    The caller (`output.waiting`) has made sure both outputs are terminals."""
    spinner = _Spinner(label)
    spinner.thread.start()
    try:
        yield
    finally:
        spinner.finish()
