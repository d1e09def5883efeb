"""Ledger text made safe to show: control characters become visible escapes.

Ledger text is data. Terminal control codes (ESC, NUL, C1 controls such as
CSI), and the bidirectional overrides that can make text read differently
from how it is stored, are shown as `\\x1b`, `\\u202e` and the like, so what a
researcher sees is what the file holds and nothing can steer the terminal.
"""

from __future__ import annotations

import functools
import re

_BIDI_AND_SEPARATORS = (
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069\u2028\u2029"
)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _table(keep: str) -> dict[int, str]:
    table = {
        code: _escape(chr(code))
        for code in [*range(0x20), 0x7F, *range(0x80, 0xA0)]
        if chr(code) not in keep
    }
    table.update({ord(c): _escape(c) for c in _BIDI_AND_SEPARATORS})
    return table


# Built on first use: most runs print JSON and need one of the three.
@functools.cache
def _escaper(kind: str) -> tuple[dict[int, str], re.Pattern[str]]:
    """The translation table for `kind`, and a pattern that finds any
    character it would change: most text has none, and a search runs in C
    where `str.translate` with these tables does not."""
    if kind == "json":
        # json.dumps escapes C0 itself; these are what it lets through.
        codes = [0x7F, *range(0x80, 0xA0), *map(ord, _BIDI_AND_SEPARATORS)]
        table = {code: f"\\u{code:04x}" for code in codes}
    else:
        table = _table(keep="" if kind == "one_line" else "\n\t")
    found = re.compile("[" + re.escape("".join(map(chr, sorted(table)))) + "]")
    return table, found


def _escaped(text: str, kind: str) -> str:
    table, found = _escaper(kind)
    return text.translate(table) if found.search(text) else text


def one_line(text: str) -> str:
    """Text for a table cell or a line of its own: every control is escaped."""
    # Every character escaped here is unprintable (a test holds the tables to
    # it), so printable text, most of it, needs no other look: a check in C
    # that is quicker than the search, beyond ASCII too.
    if text.isprintable():
        return text
    return _escaped(text, "one_line")


def multi_line(text: str) -> str:
    """Text for a paragraph: newlines and tabs kept, other controls escaped."""
    if text.isprintable():
        return text
    return _escaped(text, "multi_line")


def json_safe(encoded: str) -> str:
    """JSON text with the characters a terminal could act on escaped (still
    the same JSON value)."""
    # JSON text escapes C0 itself: in ASCII text (most of it, and a test that
    # costs nothing) only DEL is left to look for.
    if encoded.isascii():
        return encoded if "\x7f" not in encoded else _escaped(encoded, "json")
    if _json_clean(encoded.encode("utf-8", "surrogatepass")):
        return encoded
    return _escaped(encoded, "json")


def json_safe_utf8(data: bytes) -> bytes:
    """`json_safe` of JSON text in UTF-8, as UTF-8: looked at as bytes, and
    decoded only in the rare case where something needs escaping."""
    clean = b"\x7f" not in data if data.isascii() else _json_clean(data)
    return data if clean else _escaped(data.decode("utf-8"), "json").encode("utf-8")


def _json_clean(data: bytes) -> bool:
    """Whether UTF-8 `data` holds nothing `json_safe` escapes. Looked at with
    its ASCII dropped: a pass in C far quicker than a search for 46
    characters, which leaves the few bytes beyond ASCII to search."""
    return _json_unsafe_utf8().search(data.translate(None, _BELOW_DEL)) is None


_BELOW_DEL = bytes(range(0x7F))


@functools.cache
def _json_unsafe_utf8() -> re.Pattern[bytes]:
    """What `json_safe` escapes, as UTF-8. With the ASCII before DEL dropped,
    each UTF-8 sequence is still whole, and one can only match where one of
    these characters begins: a lead byte is never a continuation byte."""
    table, _ = _escaper("json")
    return re.compile(b"|".join(re.escape(chr(code).encode()) for code in table))


def width(text: str) -> int:
    """Columns `text` takes in a terminal: wide East Asian characters take two,
    combining marks none."""
    if text.isascii():
        return len(text)
    columns = len(text)
    # Only the distinct characters beyond ASCII need a look (a title with
    # accents has a few), each looked up once per run.
    for char in set(_ASCII_RUNS.sub("", text)):
        columns += (_char_width(char) - 1) * text.count(char)
    return columns


_ASCII_RUNS = re.compile("[\x00-\x7f]+")


@functools.cache
def _char_width(char: str) -> int:
    import unicodedata  # only for text beyond ASCII

    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1
