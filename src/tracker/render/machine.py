"""JSON, CSV and Markdown: stable formats for scripts and briefs.

They are written as UTF-8 straight to the output, never through Rich, so the
bytes do not depend on the terminal, its width or colour settings.
"""

from __future__ import annotations

import functools
import io
import json
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from typing import Any

from tracker.render.text import json_safe, json_safe_utf8, multi_line, one_line

# Spreadsheets run a cell that starts with one of these as a formula; OWASP's
# advice is to prefix such a cell with a single quote so it is read as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def to_json(data: Any) -> str:
    """JSON as UTF-8 text. A list of records is written one record a line
    (readable, greppable, and fast: `indent` would need the slow pure-Python
    encoder); anything else is indented."""
    if isinstance(data, Sequence) and not isinstance(data, str):
        return b"".join(json_chunks(data)).decode("utf-8")
    return json_safe(indented(data)) + "\n"


def indented(data: Any) -> str:
    """`json.dumps(data, ensure_ascii=False, indent=2)`, made in C: with
    `indent`, `json.dumps` falls back to its pure-Python encoder, which is
    most of the cost of a large report. The compact text is re-indented by
    msgspec, which changes nothing but the white space."""
    import msgspec  # only for an indented document

    compact = json.dumps(data, ensure_ascii=False).encode()
    return msgspec.json.format(compact, indent=2).decode()


CHUNK = 500  # records per piece of output


def record_encoder() -> Callable[[Any], str]:
    """One encoder for a whole list: a function that writes a record as
    `json.dumps(record, ensure_ascii=False)` does. `json.dumps` builds a new
    encoder on every call, which costs more than encoding a small record;
    this builds the standard library's C encoder once."""
    # Not in the typeshed stubs; None without the C accelerator.
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # an interpreter without the C accelerator
        return functools.partial(json.dumps, ensure_ascii=False)
    encode = make(
        None,  # markers: records are trees, never cycles
        json.JSONEncoder().default,
        json.encoder.encode_basestring,  # ensure_ascii=False
        None,  # indent
        ": ",
        ", ",
        False,  # sort_keys
        False,  # skipkeys
        True,  # allow_nan
    )
    return lambda item: "".join(encode(item, 0))


def texts(records: Iterable[Any]) -> Iterator[str]:
    """Each record as `json.dumps(record, ensure_ascii=False)` writes it."""
    return map(record_encoder(), records)


def json_chunks(records: Iterable[Any]) -> Iterator[bytes]:
    """A list of records as JSON, one record a line, in UTF-8 pieces of a few
    hundred records: what `to_json` writes, without ever holding the whole
    text (nor, for a lazy sequence, every record) at once."""
    return json_array(texts(records))


def jsonl_chunks(records: Iterable[Any]) -> Iterator[bytes]:
    """Records as JSON Lines: one compact object a line, no enclosing array,
    in UTF-8 pieces of a few hundred records."""
    return json_lines(texts(records))


def json_array(texts: Iterable[str]) -> Iterator[bytes]:
    """JSON texts as the array `json_chunks` writes, made safe for a terminal
    (`json_safe`) a piece at a time."""
    # Each text is encoded on its own: joined first, one text beyond Latin-1
    # would make the whole piece wide, and its UTF-8 slower to write.
    encoded = map(str.encode, texts)
    first = next(encoded, None)
    if first is None:
        yield b"[]\n"
        return
    pieces = [b"[\n  ", first]
    for data in encoded:
        pieces += (b",\n  ", data)
        if len(pieces) >= 2 * CHUNK:
            yield json_safe_utf8(b"".join(pieces))
            pieces = []
    pieces.append(b"\n]\n")
    yield json_safe_utf8(b"".join(pieces))


def json_lines(texts: Iterable[str]) -> Iterator[bytes]:
    """JSON texts as the JSON Lines `jsonl_chunks` writes, made safe."""
    pieces: list[bytes] = []
    for data in map(str.encode, texts):
        pieces += (data, b"\n")
        if len(pieces) >= 2 * CHUNK:
            yield json_safe_utf8(b"".join(pieces))
            pieces = []
    if pieces:
        yield json_safe_utf8(b"".join(pieces))


# Cells whose list items are free text (an evidence item may be a URL or a
# sentence with `;`, `,`, quotes or a newline): written as a JSON array, so
# the list survives a round trip; other lists are codes joined with `;`.
JSON_LIST_COLUMNS = frozenset({"evidence"})


def csv_cell(value: Any, raw: bool = False, as_json: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        if as_json:
            return json.dumps(value, ensure_ascii=False)
        value = ";".join(str(v) for v in value)
    if isinstance(value, dict):
        # Each party's status, `KZ fulfilled;CN pledged`: one cell, like a list.
        value = ";".join(
            f"{key} {item['status'] if isinstance(item, dict) else item}"
            for key, item in value.items()
        )
    if isinstance(value, int | float):
        return str(value)
    text = multi_line(str(value))
    if raw:
        return text
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(
    header: Sequence[str], records: Sequence[dict[str, Any]], raw: bool = False
) -> str:
    """CSV with a header row. Unless `raw`, a text cell a spreadsheet would
    run as a formula gets a leading `'` (OWASP's advice); `raw` keeps every
    cell as it is, for data pipelines."""
    import csv  # only here: most runs print no CSV

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for item in records:
        writer.writerow(
            csv_cell(item.get(column), raw, column in JSON_LIST_COLUMNS)
            for column in header
        )
    return out.getvalue()


def markdown_cell(text: str) -> str:
    """A table cell that renders as the text itself, on one line."""
    lines = text.replace("\r\n", "\n").split("\n")
    return "<br>".join(_MARKDOWN_SPECIAL.sub(r"\\\1", one_line(x)) for x in lines)


def to_markdown(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    right: Collection[int] = (),
) -> str:
    """A GitHub table; the columns in `right` (numbers) are right-aligned."""
    rule = (" ---: " if i in right else " --- " for i in range(len(header)))
    lines = [
        "| " + " | ".join(markdown_cell(h) for h in header) + " |",
        "|" + "|".join(rule) + "|",
    ]
    lines += ["| " + " | ".join(markdown_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"
