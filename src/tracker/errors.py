"""The errors a user can cause, each with its exit code and, where known, a hint.

Every command raises a `TrackerError`; one handler in the CLI turns it into an
`error:` line, an optional `hint:` line and the exit code.
"""

from __future__ import annotations

import signal
from collections.abc import Sequence
from typing import NamedTuple


class Problem(NamedTuple):
    """One thing wrong with a ledger, found by validation."""

    path: str
    line: int | None
    message: str
    column: int | None = None

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class TrackerError(Exception):
    """A problem with the request or the data; never a bug."""

    exit_code = 1
    quiet = False  # True: the exit code alone tells it

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(TrackerError):
    """Arguments that cannot be right whatever the ledger holds."""

    exit_code = 2


class LedgerNotFound(TrackerError):
    """No ledger where one was asked for or looked for."""


class InvalidLedger(TrackerError):
    """The ledger has problems; reading commands refuse it, writes too."""

    shown = 5

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(
            f"the ledger has {count} {noun}", hint="run tracker check to see them all"
        )

    def details(self) -> list[str]:
        """The first few problems, one per line, for the error report."""
        lines = [str(p) for p in self.problems[: self.shown]]
        if len(self.problems) > self.shown:
            lines.append(f"... and {len(self.problems) - self.shown} more")
        return lines


class UnknownCommitment(TrackerError):
    """An id that is not in the ledger."""

    def __init__(self, wanted: str, suggestions: Sequence[str]) -> None:
        hint = f"did you mean {', '.join(suggestions)}?" if suggestions else None
        super().__init__(f"no commitment {wanted!r}", hint=hint or "run tracker list")


class RefusedWrite(InvalidLedger):
    """A new block that the loader would not accept; nothing was written.

    The ledger was valid before, so every problem is one the block brings.
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(problems)
        first = self.problems[0].message if self.problems else "it is not valid"
        self.message = f"nothing written: {first}"
        self.hint = None

    def details(self) -> list[str]:
        # Line numbers would point past the end of the file as it is.
        rest = [p.message for p in self.problems[1:]]
        lines = rest[: self.shown]
        if len(rest) > self.shown:
            lines.append(f"... and {len(rest) - self.shown} more")
        return lines


class RowsRefused(InvalidLedger):
    """Rows of a spreadsheet that cannot be imported; nothing was written.

    Every problem is shown, each as FILE:ROW: message, so all can be fixed
    in one pass.
    """

    def __init__(self, problems: Sequence[Problem], file: str) -> None:
        super().__init__(problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        self.message = f"nothing imported: {count} {noun} in {file}"
        self.hint = None

    def details(self) -> list[str]:
        return [str(p) for p in self.problems]


class CannotWriteOutput(TrackerError):
    """Standard output is closed, full or gone: the user's disk, not a bug."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"cannot write output: {reason}")


class ReaderGone(CannotWriteOutput):
    """The program reading the output stopped (`tracker list | head`): as
    for any filter killed by SIGPIPE, nothing is said and the exit code is
    128 + 13, the signal's number."""

    exit_code = 141
    quiet = True

    def __init__(self) -> None:
        super().__init__("the reader of the output has gone")


# Signals that ask a process to stop, rather than kill it outright: sent by
# `kill`, `timeout`, a CI runner cancelling a job or a system shutting down
# (SIGTERM), or by a terminal that closes (SIGHUP). The console script makes
# each raise `Stopped`.
STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class Stopped(KeyboardInterrupt):
    """A signal to stop the process (SIGTERM, SIGHUP) raised as Ctrl-C's
    exception is, so that it unwinds the same way: the write under way is not
    made, its temporary files are removed and its lock released."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class Interrupted(TrackerError):
    """Ctrl-C, or a signal to stop: whatever was being written was not. The
    exit code is 128 + the signal's number, as for a process it killed."""

    def __init__(self, stop: KeyboardInterrupt | None = None) -> None:
        if isinstance(stop, Stopped):
            name = signal.Signals(stop.signum).name
            super().__init__(f"stopped by {name}")
            self.exit_code = 128 + stop.signum
        else:
            super().__init__("interrupted")
            self.exit_code = 128 + signal.SIGINT
