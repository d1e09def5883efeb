"""The keys of a TOML document's root table, as the TOML parser itself reads them.

The root table is what comes before the first table header. No scanner finds
that header soundly short of being a TOML parser (a `[` that starts a line may
sit inside a multi-line string or array), so the parser is asked: the text up
to a line that starts with `[` is tried, candidate by candidate. A prefix that
parses ends between two statements (every TOML statement ends at a newline
outside strings and brackets, and an unclosed one does not parse), so its `[`
line is a header and the prefix is the root table, whole.

The root of a ledger is a few lines (`schema`, `title`, ...), so the first
candidate nearly always succeeds, in microseconds; the tries are capped, and
past the cap the answer is "unknown" and the caller parses the whole text.
"""

from __future__ import annotations

import re

from tracker import _toml

_HEADER_START = re.compile(r"^[ \t]*\[", re.MULTILINE)
MAX_TRIES = 16


def root_keys(text: str) -> set[str] | None:
    """The keys of the root table of the valid TOML `text`, or None if the
    root could not be found in a few tries."""
    for tries, match in enumerate(_HEADER_START.finditer(text)):
        if tries >= MAX_TRIES:
            return None
        try:
            return set(_toml.loads(text[: match.start()]))
        except (_toml.TOMLDecodeError, RecursionError):
            continue  # the `[` is inside a string or an array
    return None  # no header, or none found: the caller parses the whole text
