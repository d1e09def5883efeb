"""One commitment, drawn for a terminal with Rich."""

from __future__ import annotations

from typing import IO

from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from tracker.render.rich_table import console, status_text
from tracker.render.text import multi_line, one_line
from tracker.views import Detail


def show(view: Detail, file: IO[str]) -> None:
    d = view.data
    source = d["source_detail"]
    out = console(file)
    heading = Text(one_line(d["id"]), style="bold")
    heading.append(": " + one_line(d["title"]))
    out.print(heading)

    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="dim")
    facts.add_column(overflow="fold")
    status = status_text(d["status"])
    status.append(f" since {d['since']}", style="")
    due = d["due"] or "-"
    rows: list[tuple[str, Text]] = [
        ("Parties", Text(one_line(", ".join(view.party_names)))),
        ("Category", Text(one_line(d["category"]))),
        ("Status", status),
        ("Made", Text(d["made"])),
        (
            "Due",
            Text(
                due + (" (overdue)" if d["overdue"] else ""),
                style="red" if d["overdue"] else "",
            ),
        ),
        ("Source", Text(one_line(source["title"]))),
        (
            "",
            Text(
                one_line(", ".join(x for x in (source["date"], source["place"]) if x))
            ),
        ),
    ]
    if d["tags"]:
        rows.append(("Tags", Text(one_line(", ".join(d["tags"])))))
    if d["notes"]:
        rows.append(("Notes", Text(multi_line(d["notes"]))))
    for name, value in rows:
        facts.add_row(Text(name), value)
    out.print(facts)
    out.print()
    out.print(Text("Quote", style="bold"))
    out.print(Text(multi_line(d["quote"]), style="italic"))
    out.print()
    if not d["history"]:
        out.print(Text("No updates yet.", style="dim"))
        return
    # A flowing list rather than a table: a long note or URL then wraps across
    # the whole width instead of being folded into a narrow column.
    out.print(Text("History", style="bold"))
    for update in d["history"]:
        line = Text(update["date"] + "  ")
        line.append_text(status_text(update["status"]))
        out.print(line)
        out.print(Padding(Text(multi_line(update["note"])), (0, 0, 0, 2)))
        for item in update["evidence"]:
            out.print(
                Padding(Text("evidence: " + one_line(item), style="dim"), (0, 0, 0, 2))
            )
