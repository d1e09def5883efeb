"""Tables for a terminal, drawn with Rich.

Every piece of ledger text goes in as `rich.text.Text`, never as a string
Rich would read as markup or emoji codes, and is escaped first so control
characters cannot reach the terminal. Columns fold rather than cut, so no
cell is ever shortened with an ellipsis.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from rich import box
from rich.console import Console, Group
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


def console(file: IO[str]) -> Console:
    return Console(file=file, highlight=False, markup=False, emoji=False)


def status_text(name: str) -> Text:
    return Text(one_line(name), style=STATUS_STYLES.get(name, ""))


def cell(value: str | Text) -> Text:
    return value if isinstance(value, Text) else Text(multi_line(value))


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[str | Text]],
    no_wrap: Sequence[int] = (),
) -> Table:
    """A table whose `no_wrap` columns (ids, dates) are never broken; the
    others wrap at spaces, and fold a word only if it is wider than them."""
    grid = Table(box=box.SIMPLE_HEAD)
    for index, name in enumerate(header):
        grid.add_column(Text(name), overflow="fold", no_wrap=index in no_wrap)
    for row in rows:
        grid.add_row(*(cell(c) for c in row))
    return grid


def fits(
    width: int,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    no_wrap: Sequence[int] = (),
) -> bool:
    """Whether `table` fits `width` columns without cutting a `no_wrap` cell
    or folding a word: each such column as wide as its widest cell, each other
    as wide as its longest word (up to 20), and three columns of padding and
    rule to each."""
    needed = 1
    for index, name in enumerate(header):
        cells = [name, *(row[index] for row in rows)]
        if index in no_wrap:
            needed += max(text.width(c) for c in cells)
        else:
            words = [w for c in cells for w in c.split()] or [""]
            needed += min(20, max(text.width(w) for w in words))
        needed += 3
    return needed <= width


def cards(header: Sequence[str], rows: Sequence[Sequence[str | Text]]) -> Group:
    """Rows as stacked cards for a narrow terminal: the first cell as a
    heading, then a `Header: value` line per other cell, wrapped, never cut."""
    parts: list[Text] = []
    for row in rows:
        heading = cell(row[0]).copy()
        heading.stylize("bold")
        parts.append(heading)
        for name, value in zip(header[1:], row[1:], strict=True):
            line = Text(f"  {name}: ", style="dim")
            line.append_text(cell(value))
            parts.append(line)
        parts.append(Text(""))
    return Group(*parts)
