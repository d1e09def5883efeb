"""One commitment, drawn for a terminal with Rich."""

from __future__ import annotations

from typing import IO

from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from tracker.render.rich_table import console, status_text
from tracker.render.text import multi_line, one_line
from tracker.views import (
    Detail,
    evidence_text,
    history_status,
    party_lines,
    source_place,
)


def show(view: Detail, file: IO[str]) -> None:
    c, state, source = view.commitment, view.row.state, view.source
    out = console(file)
    heading = Text(one_line(c.id), style="bold")
    heading.append(": " + one_line(c.title))
    out.print(heading)

    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="dim")
    facts.add_column(overflow="fold")
    if state.split:
        status = Text(one_line(state.label()), style="magenta")
        for line in party_lines(view):
            status.append("\n" + one_line(line), style="")
    else:
        status = status_text(state.status.name)
        status.append(f" since {state.since}", style="")
    due = c.due.isoformat() if c.due else "-"
    rows: list[tuple[str, Text]] = [
        ("Parties", Text(one_line(", ".join(view.party_names)))),
        ("Category", Text(one_line(c.category))),
        ("Status", status),
        ("Made", Text(c.made.isoformat())),
        (
            "Due",
            Text(
                due + (" (overdue)" if state.overdue else ""),
                style="red" if state.overdue else "",
            ),
        ),
        ("Source", Text(one_line(source.title))),
        ("", Text(one_line(source_place(source)))),
    ]
    if c.by:
        rows.append(("By", Text(one_line(c.by))))
    if c.tags:
        rows.append(("Tags", Text(one_line(", ".join(c.tags)))))
    if c.notes:
        rows.append(("Notes", Text(multi_line(c.notes))))
    for name, value in rows:
        facts.add_row(Text(name), value)
    out.print(facts)
    out.print()
    out.print(Text("Quote", style="bold"))
    out.print(Text(multi_line(c.quote), style="italic"))
    out.print()
    if not view.history:
        out.print(Text("No updates yet.", style="dim"))
        return
    # A flowing list rather than a table: a long note or URL then wraps across
    # the whole width instead of being folded into a narrow column.
    out.print(Text("History", style="bold"))
    for update in view.history:
        entry = Text(update.date.isoformat() + "  ")
        entry.append_text(status_text(update.status))
        if update.parties:
            entry.append(history_status(update)[len(update.status) :])
        out.print(entry)
        out.print(Padding(Text(multi_line(update.note)), (0, 0, 0, 2)))
        if update.by:
            out.print(
                Padding(Text("by: " + one_line(update.by), style="dim"), (0, 0, 0, 2))
            )
        for item in update.evidence:
            out.print(
                Padding(
                    Text(
                        "evidence: " + one_line(evidence_text(view, item)), style="dim"
                    ),
                    (0, 0, 0, 2),
                )
            )
