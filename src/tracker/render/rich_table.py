"""Tables for a terminal, drawn with Rich.

Every piece of ledger text goes in as `rich.text.Text`, never as a string
Rich would read as markup or emoji codes, and is escaped first so control
characters cannot reach the terminal. Columns fold rather than cut, so no
cell is ever shortened with an ellipsis.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from rich.console import Console
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
