"""The git merge driver: two branches that only appended blocks merge cleanly.

Writes only ever append, so two researchers who record on their own branches
both add blocks at the end of the ledger, which git's line merge reports as a
conflict. When both sides only appended whole blocks (tables that start with
a `[` header) to the common base, the merge is the base, then our blocks, then
their blocks, with a block both sides added identically kept once. The result
must be a valid ledger. Anything else goes to git's own three-way merge, which
marks what it cannot combine; a result that still does not validate is
reported as a conflict. No line of either side is ever dropped.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import subprocess
from pathlib import Path
from typing import NamedTuple

from tracker import loader, store
from tracker.errors import InvalidLedger, Problem, TrackerError

DRIVER_NAME = "tracker"
DRIVER_COMMAND = "tracker merge-driver %O %A %B %P"
DRIVER_TITLE = "tracker ledger: keep the blocks both sides appended"


def attributes_line(ledger: str | Path) -> str:
    """The `.gitattributes` line that merges `ledger` with this driver."""
    return f"{Path(ledger).as_posix()} merge={DRIVER_NAME}"


class Outcome(NamedTuple):
    """What the driver leaves in the `ours` file, and whether it is clean."""

    text: bytes
    clean: bool
    how: str  # "appended", "git", "conflict" or "invalid"
    problems: tuple[Problem, ...] = ()


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


def _is_header(line: bytes) -> bool:
    return line.lstrip().startswith(b"[")


def _is_filler(line: bytes) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith(b"#")


def appended_blocks(base: bytes, side: bytes) -> list[bytes] | None:
    """The whole blocks `side` added after `base`, or None if it did anything else.

    A block is a table header and the lines up to the next header; blank and
    comment lines before a header belong to the block after them.
    """
    if not side.startswith(base):
        return None
    tail = side[len(base) :]
    if not tail:
        return []
    if base and not base.endswith(b"\n"):
        return None  # it went on writing the base's last line
    blocks: list[list[bytes]] = []
    pending: list[bytes] = []  # blank and comment lines not yet placed
    for line in _lines(tail):
        if _is_header(line):
            blocks.append([*pending, line])
            pending = []
        elif _is_filler(line):
            pending.append(line)
        elif not blocks:
            return None  # keys added to the base's last table
        else:
            blocks[-1].extend([*pending, line])
            pending = []
    if blocks:
        blocks[-1].extend(pending)
    elif pending:
        blocks.append(pending)
    return [b"".join(block) for block in blocks]


def _key(block: bytes) -> bytes:
    """A block as compared between the sides: line ends and blank edges aside."""
    return block.replace(b"\r\n", b"\n").strip(b"\n")


def _newline(data: bytes) -> bytes:
    end = data.find(b"\n")
    return b"\r\n" if end > 0 and data[end - 1 : end] == b"\r" else b"\n"


def combine(base: bytes, ours: bytes, theirs: bytes) -> bytes | None:
    """Base, our blocks, then their blocks not already ours; None if either
    side did more than append whole blocks."""
    if ours in (base, theirs):
        return theirs
    if theirs == base:
        return ours
    our_blocks = appended_blocks(base, ours)
    their_blocks = appended_blocks(base, theirs)
    if our_blocks is None or their_blocks is None:
        return None
    seen = {_key(block) for block in our_blocks}
    merged = ours
    newline = _newline(base or ours or theirs)
    for block in their_blocks:
        key = _key(block)
        if not key or key in seen:
            continue
        seen.add(key)
        body = key.replace(b"\n", newline) + newline
        if merged and not merged.endswith(b"\n"):
            merged += newline
        if merged and not merged.endswith((b"\n\n", b"\n\r\n")):
            merged += newline
        merged += body
    return merged


def _source_reader(path: Path) -> loader.ReadSource:
    """Archived texts from the working tree or, while git has not yet written
    them there, from the commits being merged (which `git merge` names in
    $GITHEAD_<commit> variables): a branch that adds a source with its text
    and the pledges quoting it must still merge."""
    on_disk = store.source_reader(path)
    commits = [
        name[len("GITHEAD_") :] for name in os.environ if name.startswith("GITHEAD_")
    ]

    def read(relative: str) -> str | None:
        text = on_disk(relative)
        if text is not None or not commits:
            return text
        wanted = posixpath.normpath(posixpath.join(path.parent.as_posix(), relative))
        for commit in commits:
            done = subprocess.run(
                ["git", "cat-file", "blob", f"{commit}:{wanted}"],
                capture_output=True,
                check=False,
            )
            if done.returncode == 0:
                return done.stdout.decode("utf-8", errors="replace")
        return None

    return read


def _validate(text: bytes, path: Path, today: dt.date) -> tuple[Problem, ...]:
    try:
        loader.load(text, str(path), _source_reader(path), today)
    except InvalidLedger as error:
        return tuple(error.problems)
    return ()


def git_merge(base: Path, ours: Path, theirs: Path, label: str) -> tuple[bytes, bool]:
    """Git's own three-way merge of the files, with conflict markers; clean?"""
    try:
        done = subprocess.run(
            [
                "git", "merge-file", "--stdout",
                "-L", f"ours:{label}", "-L", f"base:{label}", "-L", f"theirs:{label}",
                str(ours), str(base), str(theirs),
            ],
            capture_output=True,
            check=False,
        )  # fmt: skip
    except OSError as error:
        raise TrackerError(f"cannot run git merge-file: {error.strerror}") from None
    if done.returncode < 0 or done.returncode > 127:
        message = done.stderr.decode(errors="replace").strip()
        raise TrackerError(f"git merge-file failed: {message}")
    return done.stdout, done.returncode == 0


def merge(base: Path, ours: Path, theirs: Path, path: Path, today: dt.date) -> Outcome:
    """Merge three versions of the ledger at `path` (as git names the files)."""
    texts = [store.read_bytes(p) for p in (base, ours, theirs)]
    combined = combine(*texts)
    if combined is not None:
        problems = _validate(combined, path, today)
        if not problems:
            return Outcome(combined, True, "appended")
    else:
        problems = ()
    merged, clean = git_merge(base, ours, theirs, path.as_posix())
    if not clean:
        return Outcome(merged, False, "conflict", problems)
    later = _validate(merged, path, today)
    if later:
        return Outcome(merged, False, "invalid", later)
    return Outcome(merged, True, "git")


def resolve(
    base: Path, ours: Path, theirs: Path, path: Path, today: dt.date
) -> Outcome:
    """Merge as `merge` does and leave the result in `ours`, as git expects."""
    from tracker import _atomic

    outcome = merge(base, ours, theirs, path, today)
    _atomic.write_file(ours, outcome.text)
    return outcome


def install(cwd: Path) -> list[str]:
    """Register the driver in the git config of the repository at `cwd`."""
    commands = [
        ["git", "config", f"merge.{DRIVER_NAME}.name", DRIVER_TITLE],
        ["git", "config", f"merge.{DRIVER_NAME}.driver", DRIVER_COMMAND],
    ]
    for command in commands:
        try:
            done = subprocess.run(
                command, cwd=cwd, capture_output=True, text=True, check=False
            )
        except OSError as error:
            raise TrackerError(f"cannot run git: {error.strerror}") from None
        if done.returncode != 0:
            raise TrackerError(
                f"git config failed: {done.stderr.strip() or done.returncode}",
                hint="run it inside a git repository",
            )
    return [" ".join(_shell_word(word) for word in command) for command in commands]


def _shell_word(word: str) -> str:
    import shlex

    return shlex.quote(word)
