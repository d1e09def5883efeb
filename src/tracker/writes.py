"""Changing the ledger: append a block, undo the last append, start a ledger.

Writes append one block under a sidecar lock, all or nothing (see `_atomic`),
and note what they appended in a sidecar journal, `.NAME.undo`, so that
`tracker undo` can take back exactly that block and nothing else.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager, nullcontext, suppress
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

from tracker import _atomic, loader, record, store
from tracker.errors import InvalidLedger, RefusedWrite, TrackerError
from tracker.model import Ledger
from tracker.rules import SLUG
from tracker.store import Location

ENV_LOCK_TIMEOUT = "TRACKER_LOCK_TIMEOUT"
# How much of a ledger is read for its root table before an append.
ROOT_BYTES = 64 * 1024

Build = Callable[[Ledger], record.Block]


class Appended(NamedTuple):
    """A block appended to the ledger (or, for a dry run, that would be)."""

    path: Path
    block: record.Block
    text: str  # the block as serialised, with `\n` line ends
    before: Ledger
    after: Ledger
    written: bool
    undo_saved: bool = False


class UndoPlan(NamedTuple):
    """The block `tracker undo` would remove, and the file it was checked on."""

    path: Path
    text: str  # the block as it stands in the file, with `\n` line ends
    description: str
    offset: int  # where the block begins; the file is cut back to here
    sha256: str  # of the whole file as it was checked
    first_line: int


class Created(NamedTuple):
    """What `tracker init` wrote."""

    path: Path
    sources: tuple[Path, ...]
    commitments: int


def lock_timeout(environ: Mapping[str, str]) -> float:
    """Seconds to wait for another writer: $TRACKER_LOCK_TIMEOUT, else 10."""
    value = environ.get(ENV_LOCK_TIMEOUT)
    if not value:
        return _atomic.LOCK_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):
        raise TrackerError(
            f"${ENV_LOCK_TIMEOUT} is {value!r}, not a number of seconds",
            hint=f"unset it, or set it to e.g. {_atomic.LOCK_TIMEOUT:g}",
        )
    return seconds


def _writable(location: Location) -> Path:
    """The file a write replaces, once it is known to be a ledger of one's own."""
    if location.bundled:
        raise TrackerError(
            f"no ledger of your own here or in a parent (only the bundled one, "
            f"{location.path}, which is not written to)",
            hint="make one with: tracker init",
        )
    store.check_file(location.path)
    target = _atomic.real_target(location.path)
    _refuse_hard_links(target, location.path)
    return target


def _refuse_hard_links(target: Path, shown: Path) -> None:
    """A write replaces the file (so no reader sees half of it), which would
    leave each other hard link holding the old text: refuse such a ledger."""
    try:
        names = target.stat().st_nlink
    except OSError:
        return  # reading it will say what is wrong
    if names > 1:
        raise TrackerError(
            f"cannot write {shown}: the file has {names} names (hard links), and "
            "a write would give the new text to this one only",
            hint="keep one name and make the others symbolic links (ln -sf)",
        )


def _load(data: bytes, location: Location, today: dt.date) -> Ledger:
    return store.read_model(location.path, data, today, use_cache=False).ledger


def _load_new(data: bytes, location: Location, today: dt.date) -> Ledger:
    """The ledger as it would be; any problem is the new block's."""
    try:
        return _load(data, location, today)
    except InvalidLedger as error:
        raise RefusedWrite(error.problems) from None


class AppendedBlocks(NamedTuple):
    """Several blocks appended in one write (or, for a dry run, that would be)."""

    path: Path
    blocks: tuple[record.Block, ...]
    text: str  # the blocks as serialised, a blank line apart, `\n` line ends
    before: Ledger
    after: Ledger
    written: bool
    undo_saved: bool = False


BuildAll = Callable[[Ledger], "list[record.Block]"]


def append_blocks(
    location: Location,
    build: BuildAll,
    today: dt.date,
    *,
    timeout: float = _atomic.LOCK_TIMEOUT,
    dry_run: bool = False,
    use_cache: bool = True,
) -> AppendedBlocks:
    """Append every block `build` makes from the ledger as one write: one lock,
    one validation of them all, one undo step; all or nothing.

    The ledger is read and validated under the lock (from the cache when its
    bytes are unchanged), the blocks are built from it and validated against
    it by the loader's own rules, and only then does the new text replace the
    old: the old file is a prefix of the new one, byte for byte.
    """
    target = _writable(location)
    if not dry_run:
        _atomic.check_writable(target)
    guard: AbstractContextManager[None] = (
        nullcontext() if dry_run else _atomic.locked(target, timeout)
    )
    with guard:
        data = store.read_bytes(target)
        model = store.read_model(
            location.path, data, today, use_cache, write_cache=False
        )
        before = model.ledger
        blocks = tuple(build(before))
        text = "\n".join(record.serialise(block) for block in blocks)
        fragment = record.fragment(data, text)
        new = data + fragment
        if any(block.kind == "source" for block in blocks):
            # A [sources.KEY] table is not an array that grows: the whole
            # new text is read, which also proves the key is not taken.
            after = _load_new(new, location, today)
        else:
            after = _with_fragment(before, data, fragment, location, today)
        if dry_run:
            return AppendedBlocks(
                location.path, blocks, text, before, after, written=False
            )
        saved: list[bool] = []
        _atomic.replace(
            target,
            new,
            _atomic.sha256(data),
            then=lambda: saved.append(_save_journal(target, len(data), new)),
            final=True,
        )
        store.remember(location.path, new, model._replace(ledger=after), today)
    return AppendedBlocks(
        location.path, blocks, text, before, after, True, undo_saved=all(saved)
    )


def append(
    location: Location,
    build: Build,
    today: dt.date,
    *,
    timeout: float = _atomic.LOCK_TIMEOUT,
    dry_run: bool = False,
    use_cache: bool = True,
) -> Appended:
    """Append the block `build` makes from the ledger, under the lock: the one
    block case of `append_blocks`."""
    result = append_blocks(
        location,
        lambda ledger: [build(ledger)],
        today,
        timeout=timeout,
        dry_run=dry_run,
        use_cache=use_cache,
    )
    (block,) = result.blocks
    return Appended(
        path=result.path,
        block=block,
        text=result.text,
        before=result.before,
        after=result.after,
        written=result.written,
        undo_saved=result.undo_saved,
    )


def add_source(
    location: Location,
    request: record.SourceRequest,
    text_file: Path | None,
    today: dt.date,
    *,
    timeout: float = _atomic.LOCK_TIMEOUT,
    dry_run: bool = False,
) -> Appended:
    """Append a `[sources.KEY]` block; with `text_file`, first copy it to
    `sources/KEY.EXT` beside the ledger and name the copy as its `text`.

    If the block is refused, a copy made for it is removed again, so a
    refused write leaves nothing behind.
    """
    if text_file is None:
        return append(
            location,
            partial(record.new_source, request=request),
            today,
            timeout=timeout,
            dry_run=dry_run,
        )
    relative, destination, fresh = _archive_target(location, request.key, text_file)
    full = replace(request, text=relative)
    if dry_run:
        # Nothing is copied, so the block is checked without its text and
        # shown with it.
        result = append(
            location,
            partial(record.new_source, request=request),
            today,
            dry_run=True,
        )
        block = record.new_source(result.before, full)
        return result._replace(block=block, text=record.serialise(block))
    if fresh:
        try:
            destination.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise _atomic.fs_error(error, destination.parent, "create") from None
        _atomic.create(destination, store.read_bytes(text_file, store.MAX_SOURCE_BYTES))
    try:
        return append(
            location,
            partial(record.new_source, request=full),
            today,
            timeout=timeout,
        )
    except BaseException:
        if fresh:
            with suppress(OSError):
                destination.unlink()
        raise


def _archive_target(
    location: Location, key: str, text_file: Path
) -> tuple[str, Path, bool]:
    """Where `text_file` goes beside the ledger: the path relative to it, the
    file, and whether it must be made (False: the same text is there)."""
    target = _writable(location)
    if not SLUG.fullmatch(key):
        raise TrackerError(
            f"source key {key!r} is not a slug",
            hint=f"use lowercase letters, digits and '-', e.g. {record.slugify(key)}",
        )
    relative = f"sources/{key}{text_file.suffix or '.txt'}"
    destination = target.parent / relative
    data = store.read_bytes(text_file, store.MAX_SOURCE_BYTES)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        raise TrackerError(
            f"{text_file} is not UTF-8 text", hint="save it as UTF-8 and try again"
        ) from None
    if os.path.lexists(destination):
        if _same_file(text_file, destination):
            return relative, destination, False
        raise TrackerError(
            f"{destination} already exists and differs from {text_file}; "
            "nothing written",
            hint="choose another key, or move the file away",
        )
    return relative, destination, True


def _with_fragment(
    before: Ledger, data: bytes, fragment: bytes, location: Location, today: dt.date
) -> Ledger:
    """The ledger once `fragment` is appended to `data`; any problem is the
    new block's. Only the fragment is parsed where that is sure to be the
    same as parsing the whole new text (see `loader.appendable`)."""
    # The root table is a ledger's first few lines: a prefix is read for it,
    # not the whole ledger decoded again. Its answer is the whole text's, or
    # "not appendable" where the root does not end within it (`_root` says
    # why), and then the whole new text is parsed.
    if not loader.appendable(data[:ROOT_BYTES].decode("utf-8", errors="replace")):
        return _load_new(data + fragment, location, today)
    try:
        return loader.extend(
            before,
            fragment.decode("utf-8"),
            str(location.path),
            store.source_reader(location.path),
            today,
            first_line=data.count(b"\n") + 1,
        )
    except InvalidLedger:
        # Refused: the whole text says why, with every line number.
        return _load_new(data + fragment, location, today)


def _journal_path(target: Path) -> Path:
    return _atomic.sidecar(target, "undo")


def _save_journal(target: Path, offset: int, new: bytes) -> bool:
    """Note what was just appended; False if it could not be noted."""
    entry = {
        "version": 1,
        "ledger": target.name,
        "offset": offset,
        "appended_sha256": _atomic.sha256(new[offset:]),
        "sha256": _atomic.sha256(new),
    }
    journal = _journal_path(target)
    try:
        _atomic.replace(journal, json.dumps(entry, indent=2).encode() + b"\n", None)
    except TrackerError:
        # The append stands; a journal left from an earlier append names a
        # file that no longer exists, so undo refuses rather than misleads.
        return False
    return True


_BY_HAND = "edit the ledger by hand (its history is in git, if kept there)"


def _read_journal(target: Path, shown: Path) -> dict[str, Any]:
    """The journal of the last append to `target` (`shown` in messages)."""
    journal = _journal_path(target)
    try:
        entry: object = json.loads(journal.read_bytes())
    except FileNotFoundError:
        raise TrackerError(
            f"nothing to undo in {shown}",
            hint="undo takes back only the last block tracker appended, once",
        ) from None
    except (OSError, ValueError):
        entry = None
    if not (
        isinstance(entry, dict)
        and type(entry.get("offset")) is int
        and isinstance(entry.get("sha256"), str)
        and isinstance(entry.get("appended_sha256"), str)
    ):
        raise TrackerError(
            f"cannot undo: the undo record {journal} is unreadable", hint=_BY_HAND
        )
    return entry


def undo_plan(location: Location) -> UndoPlan:
    """The last block the tool appended, if it still ends the file unchanged."""
    target = _writable(location)
    entry = _read_journal(target, location.path)
    data = store.read_bytes(target)
    offset = entry["offset"]
    unchanged = (
        0 <= offset <= len(data)
        and _atomic.sha256(data) == entry["sha256"]
        and _atomic.sha256(data[offset:]) == entry["appended_sha256"]
    )
    if not unchanged:
        raise TrackerError(
            f"cannot undo: {location.path} has changed since tracker last "
            "appended to it",
            hint="undo only takes back a block while it is still the last "
            "thing in the file; edit the file by hand instead",
        )
    removed = data[offset:].decode("utf-8").replace("\r\n", "\n")
    text = removed.lstrip("\n")
    first_line = data[:offset].count(b"\n") + 1 + len(removed) - len(text)
    return UndoPlan(
        location.path,
        text,
        record.describe(text),
        offset,
        entry["sha256"],
        first_line,
    )


def undo(
    location: Location,
    plan: UndoPlan,
    today: dt.date,
    *,
    timeout: float = _atomic.LOCK_TIMEOUT,
) -> None:
    """Cut the ledger back to just before the block `plan` names, under the lock."""
    target = _writable(location)
    _atomic.check_writable(target)
    with _atomic.locked(target, timeout):
        data = store.read_bytes(target)
        if _atomic.sha256(data) != plan.sha256:
            raise TrackerError(
                f"{location.path} changed since the block to undo was shown; "
                "nothing removed",
                hint="run tracker undo again",
            )
        _load(data, location, today)
        kept = data[: plan.offset]
        _load_new(kept, location, today)
        _atomic.replace(
            target, kept, plan.sha256, then=lambda: _forget_journal(target), final=True
        )


def _forget_journal(target: Path) -> None:
    # If this fails the journal names a file that no longer exists: harmless.
    with suppress(OSError):
        _journal_path(target).unlink()


# -- a new ledger -----------------------------------------------------------

EMPTY_LEDGER = """\
# A ledger of commitments: what governments promised each other, and whether
# they did it. Add the parties under [countries] and the meetings or
# statements the commitments come from under [sources], then record
# commitments with `tracker add` and their progress with `tracker update`.

schema = 1
title = "Commitments"

[countries]
# CN = "China"

[sources]
# [sources.xian-talks-2023]
# title = "Qin Gang holds talks with foreign ministers of five Central Asian countries"
# date = 2023-04-26
# text = "sources/xian-talks-2023-04-26.txt"   # archived copy, for tracker check
"""


def init_path(given: str) -> Path:
    """Where `tracker init GIVEN` writes: a directory (or a path ending in
    `/`) means commitments.toml inside it."""
    path = Path(given)
    if given.endswith(("/", os.sep)) or path.is_dir():
        return path / "commitments.toml"
    return path


def init(path: Path, today: dt.date, *, empty: bool = False) -> Created:
    """A new ledger at `path`: the bundled one with its sources, or an empty one.

    Nothing is overwritten: an existing ledger, or an archived source that
    differs from the bundled copy, refuses the whole init.
    """
    if path.is_dir():
        raise TrackerError(
            f"{path} is a directory",
            hint=f"give the file's path, e.g. tracker init {path / 'commitments.toml'}",
        )
    if os.path.lexists(path):
        raise TrackerError(
            f"{path} already exists; init never overwrites a file",
            hint=f"use it (tracker check --ledger {path}), or choose another path",
        )
    copies: list[tuple[Path, Path]] = []
    if empty:
        data, count = EMPTY_LEDGER.encode(), 0
    else:
        data, copies, count = _bundled_copy(path.parent, today)
    copies = [(s, d) for s, d in copies if not _same_file(s, d)]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for _, destination in copies:
            destination.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _atomic.fs_error(error, path, "create") from None
    for source, destination in copies:
        _atomic.create(destination, store.read_bytes(source, store.MAX_SOURCE_BYTES))
    _atomic.create(path, data, final=True)
    return Created(path, tuple(d for _, d in copies), count)


def _bundled_copy(
    directory: Path, today: dt.date
) -> tuple[bytes, list[tuple[Path, Path]], int]:
    """The bundled ledger's bytes, the source texts to copy, its size."""
    bundled = Location(store.bundled_path(), bundled=True)
    data = store.read_bytes(bundled.path)
    ledger = _load(data, bundled, today)
    copies = []
    for source in ledger.sources:
        relative = Path(source.text) if source.text else None
        if relative is None or relative.is_absolute() or ".." in relative.parts:
            continue
        copies.append((bundled.path.parent / relative, directory / relative))
    for source_path, destination in copies:
        if os.path.lexists(destination) and not _same_file(source_path, destination):
            raise TrackerError(
                f"{destination} already exists and differs from the bundled copy; "
                "nothing written",
                hint="move it away, or init the ledger in another directory",
            )
    return data, copies, len(ledger.commitments)


def _same_file(source: Path, destination: Path) -> bool:
    """Whether `destination` already holds exactly `source`'s text."""
    try:
        return destination.read_bytes() == source.read_bytes()
    except OSError:
        return False
