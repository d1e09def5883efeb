"""Tables for a terminal, drawn with Rich.

Every piece of ledger text goes in as `rich.text.Text`, never as a string
Rich would read as markup or emoji codes, and is escaped first so control
characters cannot reach the terminal.

No word is ever split: a table is drawn only when each column can hold its
longest word (a URL is one word), and otherwise the rows become cards, whose
text wraps at spaces. A word wider than the whole terminal (a long URL) then
stands on a line of its own and the terminal wraps it, so it is still one
word for the terminal to select or open.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import IO
from urllib.parse import quote

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group
from rich.style import Style
from rich.table import Table
from rich.text import Text

from tracker.render import text
from tracker.render.text import multi_line, one_line

STATUS_STYLES = {
    "pledged": "bright_black",
    "in-progress": "cyan",
    "stalled": "yellow",
    "partial": "blue",
    "fulfilled": "green",
    "abandoned": "red",
}

# A column of free text (a title, a note) is given at least this much room,
# or its longest word if that is wider, so that it reads as a phrase and not
# as a word a line; a table that cannot give it that becomes cards.
TEXT_ROOM = 24
# Cards hang their wrapped lines under the value; with less room than this
# beside the label, the value goes on the lines below, indented by four.
CARD_ROOM = 16
BELOW = 4
# What a URL may keep as it is: RFC 3986's reserved and unreserved characters,
# and `%` of escapes already made. Quotes, `<`, `>` and spaces are encoded.
_URL_SAFE = "-._~:/?#[]@!$&()*+,;=%"
_URL = re.compile(r"(?i)\bhttps?://[^\s]+")


def console(file: IO[str]) -> Console:
    return Console(file=file, highlight=False, markup=False, emoji=False)


def status_text(name: str) -> Text:
    return Text(one_line(name), style=STATUS_STYLES.get(name, ""))


def safe_link(url: str | None) -> str | None:
    """`url` if it is http or https, percent-encoded so that it cannot end
    the terminal's hyperlink sequence or an HTML attribute; None otherwise."""
    if url is None or not re.match(r"(?i)https?://[^\s/]", url):
        return None
    return quote(url, safe=_URL_SAFE)


def linked(value: Text) -> Text:
    """`value` with each http(s) URL in it made a hyperlink (OSC 8), which
    Rich writes only to a terminal with colours; the text is unchanged."""
    for match in _URL.finditer(value.plain):
        link = safe_link(match.group())
        if link is not None:
            value.stylize(Style(link=link), match.start(), match.end())
    return value


def cell(value: str | Text) -> Text:
    return value if isinstance(value, Text) else linked(Text(multi_line(value)))


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[str | Text]],
    widths: Sequence[int],
) -> Table:
    """A table with columns `widths` wide (from `column_widths`): a cell
    wraps at spaces and never needs to split a word."""
    # No edges and one space of padding between columns (three columns of
    # rule and padding would take a title's room in a seven-column list).
    grid = Table(
        box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True
    )
    for name, width in zip(header, widths, strict=True):
        grid.add_column(Text(name), width=width, overflow="fold")
    for row in rows:
        grid.add_row(*(cell(c) for c in row))
    return grid


def _longest_word(cells: Sequence[str]) -> int:
    return max((text.width(w) for c in cells for w in c.split()), default=0)


def column_widths(
    width: int,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    no_wrap: Sequence[int] = (),
) -> list[int] | None:
    """Columns for `table` in `width` terminal columns, or None if it does not
    fit without splitting a word.

    A `no_wrap` column (ids, dates, codes) is as wide as its widest cell. Each
    other column needs its longest word, and the one with the most text (the
    titles) at least `TEXT_ROOM`; the room left goes to the wrapping columns
    widest first, so titles get the room a wide terminal has. Between two
    columns are two spaces of padding and rule.
    """
    natural, least = [], []
    for index, name in enumerate(header):
        cells = [name, *(row[index] for row in rows)]
        lines = [line for c in cells for line in c.splitlines()]
        widest = max((text.width(line) for line in lines), default=0)
        natural.append(widest)
        least.append(widest if index in no_wrap else _longest_word(cells))
    wrapping = [i for i in range(len(header)) if i not in no_wrap]
    if wrapping:
        main = max(wrapping, key=lambda i: natural[i])
        least[main] = max(least[main], min(natural[main], TEXT_ROOM))
    room = width - 2 * (len(header) - 1)
    if sum(least) > room:
        return None
    widths = list(least)
    spare = room - sum(least)
    for index in sorted(wrapping, key=lambda i: -natural[i]):
        extra = min(natural[index] - least[index], spare)
        widths[index] += extra
        spare -= extra
    return widths


def flow(value: Text, room: int) -> list[Text]:
    """`value` as lines at most `room` columns wide, broken only at spaces
    and newlines; a word wider than `room` is a line of its own, whole."""
    lines: list[Text] = []
    for paragraph in value.split("\n", allow_blank=True):
        plain = paragraph.plain
        words = [m.span() for m in re.finditer(r"\S+", plain)]
        if not words:
            lines.append(Text(""))
            continue
        start, end = words[0]
        for word_start, word_end in words[1:]:
            if cell_len(plain[start:word_end]) <= room:
                end = word_end
            else:
                lines.append(paragraph[start:end])
                start, end = word_start, word_end
        lines.append(paragraph[start:end])
    return lines


def hanging(lead: Text, value: Text, width: int, indent: int | None = None) -> Text:
    """`lead` (a label) then `value`, wrapped to `width` with each further
    line indented to where the value began (or by `indent`), so a card's
    lines stay under their value. Print it with `soft_wrap=True`: it is
    wrapped already."""
    first = lead.cell_len
    if indent is None:
        indent = first
    room = width - max(first, indent)
    lines = flow(value, room)
    result = Text()
    result.append_text(lead)  # the label's style stays on the label
    too_long = max(line.cell_len for line in lines) > room
    if first and (room < CARD_ROOM or (too_long and width - BELOW > room)):
        # Too little room beside the label, or a word (a long key or URL)
        # that would fit below it but not beside it: the value goes below.
        result.rstrip()
        for line in flow(value, max(width - BELOW, 1)):
            result.append("\n" + " " * BELOW)
            result.append_text(line)
        return result
    for number, line in enumerate(lines):
        if number:
            result.append("\n" + " " * indent)
        result.append_text(line)
    return result


def pack(units: Sequence[Text], width: int, indent: int = 2) -> Text:
    """`units` on lines of at most `width` columns, two spaces apart, each
    line indented by `indent`; a unit (`4 pledged`, `Score +0.07`) is never
    broken, so a number stays beside what it counts."""
    result = Text(" " * indent)
    used = indent
    for unit in units:
        if used > indent and used + 2 + unit.cell_len > width:
            result.append("\n" + " " * indent)
            used = indent
        elif used > indent:
            result.append("  ")
            used += 2
        result.append_text(unit)
        used += unit.cell_len
    return result


def cards(
    header: Sequence[str], rows: Sequence[Sequence[str | Text]], width: int
) -> Group:
    """Rows as stacked cards for a narrow terminal: the first cell as a
    heading, then a `Header: value` line per other cell, wrapped at spaces
    under the value, never cut. Print with `soft_wrap=True`."""
    parts: list[Text] = []
    for row in rows:
        heading = cell(row[0]).copy()
        heading.stylize("bold")
        parts.append(hanging(Text(""), heading, width))
        for name, value in zip(header[1:], row[1:], strict=True):
            label = Text(f"  {name}: ", style="dim")
            parts.append(hanging(label, cell(value), width))
        parts.append(Text(""))
    return Group(*parts)
