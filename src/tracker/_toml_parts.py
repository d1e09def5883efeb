"""A long ledger read as two parts at once: the head by this process, the
tail by a second one (see `_child`), each by the same parser.

Reading TOML is Python's work, so one core's. A long ledger is cut at a line
that starts with `[[`, and the parts read side by side say what the whole
says, provided that (`joined` checks the last two):

- The head parses. Then the cut lies between two statements (as `_root`
  explains: every statement ends at a newline outside strings and brackets,
  and an unclosed one does not parse), so the whole reads the head exactly
  as the head alone reads, and the tail starts with a table header.
- The tail parses. Starting with a header, it has nothing in its root: each
  of its keys is made by its headers, and a header means in the whole what
  it means alone unless its first key is one the head has.
- Every key both parts have is an array of tables in both. In the head it
  was made by `[[key]]` headers, not written as an array in its root (which
  no header may extend). In the tail its first header is then `[[key]]` (any
  other would make it a table), which adds a table to the head's array in
  the whole as it starts one alone; the headers of that key after it go to
  the last table in either reading.

The whole is then the head's values with the tail's joined on: each shared
array extended, each other key after the head's, in the order a reading of
the whole makes them. Where anything fails, the caller reads the whole.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from tracker import _toml
from tracker._root import root_keys

Parse = Callable[[str], dict[str, Any]]

# From here on a second process saves time: about 5% of a cold run at
# 512 KiB, 17% at 1 MiB, where it costs a few ms to start.
SPLIT_FROM = 1 << 19
# The share of lines the tail gets: less than half, as its reader also
# pickles what it read, and this one unpickles it after reading the head.
TAIL_SHARE = 0.42


def fast_loads(text: str) -> dict[str, Any] | None:
    """`_toml.fast_loads(text)`, read in two parts at once where the text is
    long and the machine has a core to spare."""
    parse = _toml.fast_parser()
    if parse is not None and len(text) >= SPLIT_FROM and _spare_core():
        cut = cut_at(text)
        if cut is not None:
            data = read_in_two(text, cut, parse)
            if data is not None:
                return data
    return _toml.fast_loads(text)


def _spare_core() -> bool:
    if not hasattr(os, "fork"):
        return False  # a thread would hold Python's lock while it reads
    usable = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    return (len(usable) if usable is not None else os.cpu_count() or 1) > 1


def cut_at(text: str) -> int | None:
    """Where a line that starts with `[[` begins, about `TAIL_SHARE` of the
    lines from the end (lines, not characters: reading costs by the line);
    None if there is none past the start."""
    want = text.count("\n") * (1 - TAIL_SHARE)
    step = len(text) // 64 + 1
    seen = start = 0
    # Lines counted a sixty-fourth of the text at a time, in C.
    while start < len(text):
        here = text.count("\n", start, start + step)
        if seen + here >= want:
            break
        seen += here
        start += step
    found = text.find("\n[[", max(start - 1, 0))
    return found + 1 if found >= 0 else None


def read_in_two(text: str, cut: int, parse: Parse) -> dict[str, Any] | None:
    """`parse(text)`, made of `text[:cut]` read here and `text[cut:]` read by
    a second process at the same time; None where the parts cannot say."""
    if not text.startswith("[", cut):
        return None
    # Imported here: pickle, traceback and concurrent.futures cost a small
    # ledger, which is never cut, about 20 ms of its start-up.
    from tracker import _child

    # The tail is copied out of the text by the second process, in its own
    # memory, and the head is let go of once read.
    with _child.in_child(lambda: _read(parse, text[cut:])) as tail_read:
        first = _read(parse, text[:cut])
        if first is None:
            return None
        try:
            second = tail_read()
        except Exception:  # no second process, or it failed: read the whole
            return None
    return None if second is None else joined(text, first, second)


def _read(parse: Parse, text: str) -> dict[str, Any] | None:
    """`parse(text)`, or None where it is not TOML (or nests too deep): a
    reading of the whole then meets the problem, and says what it is."""
    try:
        return parse(text)
    except (ValueError, RecursionError):  # TOMLDecodeError is a ValueError
        return None


def joined(
    text: str, first: dict[str, Any], second: dict[str, Any]
) -> dict[str, Any] | None:
    """The values of `text`, given `first` and `second`, what the two parts
    it is cut into (the second starting with a table header) read as alone;
    None where the two share a key that is not an array of tables in both."""
    shared = first.keys() & second.keys()
    if shared:
        if any(
            type(first[k]) is not list or type(second[k]) is not list for k in shared
        ):
            return None
        # The head's root, which is the text's: the cut is at a header.
        roots = root_keys(text)
        if roots is None or not roots.isdisjoint(shared):
            return None
    for key, value in second.items():
        if key in shared:
            first[key] += value
        else:
            first[key] = value
    return first
