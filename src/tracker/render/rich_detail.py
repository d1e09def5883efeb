"""One commitment, drawn for a terminal with Rich.

Every line is wrapped here, at spaces, with its further lines indented under
its value (a card keeps its shape at any width), and printed as it is: no
word is split, and a URL wider than the terminal stands whole on its own
line for the terminal to wrap.
"""

from __future__ import annotations

from typing import IO

from rich.console import Console
from rich.style import Style
from rich.text import Text

from tracker.render.rich_table import console, hanging, linked, safe_link, status_text
from tracker.render.text import multi_line, one_line
from tracker.views import (
    Detail,
    evidence_text,
    history_status,
    party_lines,
    source_place,
)

LABEL_WIDTH = 10  # "Category" and two spaces: the values start in one column


def show(view: Detail, file: IO[str]) -> None:
    draw(view, console(file))


def _print(out: Console, text: Text) -> None:
    out.print(text, soft_wrap=True)  # wrapped already, by `hanging`


def draw(view: Detail, out: Console) -> None:
    c, state, source = view.commitment, view.row.state, view.source
    width = out.width
    heading = Text(one_line(c.id) + ": ", style="bold")
    _print(out, hanging(heading, linked(Text(one_line(c.title))), width))

    if state.split:
        status = Text(one_line(state.label()), style="magenta")
        for line in party_lines(view):
            status.append("\n" + one_line(line), style="")
    else:
        status = status_text(state.status.name)
        status.append(f" since {state.since}", style="")
    due = c.due.isoformat() if c.due else "-"
    source_link = Style(link=safe_link(source.url)) if safe_link(source.url) else ""
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
        ("Source", Text(one_line(source.title), style=source_link)),
        ("", Text(one_line(source_place(source)))),
    ]
    if c.by:
        rows.append(("By", Text(one_line(c.by))))
    if c.tags:
        rows.append(("Tags", Text(one_line(", ".join(c.tags)))))
    if c.notes:
        rows.append(("Notes", linked(Text(multi_line(c.notes)))))
    for name, value in rows:
        label = Text(name.ljust(LABEL_WIDTH), style="dim")
        _print(out, hanging(label, value, width))
    out.print()
    out.print(Text("Quote", style="bold"))
    quote = linked(Text(multi_line(c.quote), style="italic"))
    _print(out, hanging(Text("  "), quote, width))
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
        _print(out, hanging(Text(""), entry, width))
        _print(out, hanging(Text("  "), linked(Text(multi_line(update.note))), width))
        if update.by:
            by = Text("  by: ", style="dim")
            _print(out, hanging(by, Text(one_line(update.by), style="dim"), width))
        for item in update.evidence:
            cited = view.evidence.get(item)
            link = safe_link(cited.url if cited is not None else item)
            shown = Text(one_line(evidence_text(view, item)), style="dim")
            if link is not None and cited is not None:
                shown.stylize(Style(link=link))
            _print(
                out, hanging(Text("  evidence: ", style="dim"), linked(shown), width)
            )
