"""Tables as aligned plain text, for output that goes to a file or a pipe.

One line per row and every cell whole: a script can grep it, and nothing is
cut short to fit a terminal that is not there.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from tracker.render.text import one_line, width


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    numeric: Collection[int] = (),
) -> str:
    """Aligned columns; those in `numeric` are right-aligned."""
    cells = [[one_line(c) for c in row] for row in [header, *rows]]
    # Each cell's width once: on a large ledger, measuring is most of the cost.
    sized = [[(cell, width(cell)) for cell in row] for row in cells]
    widths = [max(row[i][1] for row in sized) for i in range(len(header))]
    lines = []
    for row in sized:
        padded = [
            _pad(cell, columns, widths[i], right=i in numeric)
            for i, (cell, columns) in enumerate(row)
        ]
        lines.append("  ".join(padded).rstrip())
    return "\n".join(lines) + "\n"


def _pad(cell: str, columns: int, room: int, right: bool) -> str:
    gap = " " * (room - columns)
    return gap + cell if right else cell + gap
