"""Tables for a terminal, drawn with Rich.

Every piece of ledger text goes in as `rich.text.Text`, never as a string
Rich would read as markup or emoji codes, and is escaped first so control
characters cannot reach the terminal. Columns fold rather than cut, so no
cell is ever shortened with an ellipsis.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from tracker.render.text import multi_line, one_line

STATUS_STYLES = {
    "pledged": "bright_black",
    "in-progress": "cyan",
    "stalled": "yellow",
    "partial": "blue",
    "fulfilled": "green",
    "abandoned": "red",
}


# Narrower than this, seven columns fold into slivers; each row becomes a card.
CARDS_BELOW = 80


def console(file: IO[str]) -> Console:
    return Console(file=file, highlight=False, markup=False, emoji=False)


def status_text(name: str) -> Text:
    return Text(one_line(name), style=STATUS_STYLES.get(name, ""))


def cell(value: str | Text) -> Text:
    return value if isinstance(value, Text) else Text(multi_line(value))


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[str | Text]],
    title: str | None = None,
) -> Table:
    grid = Table(title=Text(one_line(title)) if title else None, title_justify="left")
    for name in header:
        grid.add_column(Text(name), overflow="fold")
    for row in rows:
        grid.add_row(*(cell(c) for c in row))
    return grid


def cards(header: Sequence[str], rows: Sequence[Sequence[str | Text]]) -> Group:
    """Rows as stacked cards for a narrow terminal: the first cell as a
    heading, then one `Header: value` line per other cell, nothing cut."""
    parts: list[Text | Padding] = []
    for row in rows:
        heading = cell(row[0]).copy()
        heading.stylize("bold")
        facts = Table.grid(padding=(0, 1))
        facts.add_column(style="dim", no_wrap=True)
        facts.add_column(overflow="fold")
        for name, value in zip(header[1:], row[1:], strict=True):
            facts.add_row(Text(name), cell(value))
        parts += [heading, Padding(facts, (0, 0, 1, 2))]
    return Group(*parts)
