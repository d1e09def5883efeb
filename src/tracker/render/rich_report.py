"""A status report drawn with Rich, for a terminal (the HTML and SVG reports
are `html_report`'s).

Every piece of ledger text goes in as `rich.text.Text` made from
`one_line(...)`, never as a string Rich would read as markup, so a title
cannot add styles, links or emoji.

The tables fit an 80-column terminal: the counts per status go in one cell,
a line each ("3 pledged", "1 fulfilled"), rather than a column each, so no
column has to be cut and no number is ever split or elided. Narrower, each
row becomes a card (`narrow`); the changes are a flowing list at any width,
so a note or an evidence URL wraps at spaces only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from rich import box
from rich.console import Console, Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text

from tracker import aggregate
from tracker.aggregate import Report
from tracker.model import SPLIT, Source
from tracker.render import report_text
from tracker.render.rich_table import (
    STATUS_STYLES,
    hanging,
    linked,
    pack,
    safe_link,
)
from tracker.render.text import one_line

SPLIT_STYLE = "magenta"
# Narrower than this, the tables give way to the narrow layout.
WIDE = 80
__all__ = ["safe_link"]  # the hyperlink rule, shared with the other renderers
# A custom scale's statuses take colours by their place on the scale.
PALETTE = ("bright_black", "cyan", "yellow", "blue", "green", "red", "magenta")


def status_style(name: str, statuses: Sequence[str]) -> str:
    if name in STATUS_STYLES and set(statuses) <= set(STATUS_STYLES):
        return STATUS_STYLES[name]
    rank = statuses.index(name) if name in statuses else 0
    return PALETTE[rank % len(PALETTE)]


def status_text(name: str, statuses: Sequence[str]) -> Text:
    return Text(one_line(name), style=status_style(name, statuses))


def bar_text(fraction: float | None, style: str = "green") -> Text:
    if fraction is None:
        return Text(report_text.NONE, style="dim")
    cells = report_text.filled_cells(fraction)
    # Styles go on the spans: a base style would colour what is appended later.
    text = Text()
    text.append(report_text.FULL * cells, style=style)
    text.append(
        report_text.EMPTY * (report_text.BAR_WIDTH - cells), style="bright_black"
    )
    return text


def _table(title: str, *columns: tuple[str, str], footer: Sequence[str] = ()) -> Table:
    """A table of (header, kind) columns: "left" is text that may wrap,
    "right" a number, "whole" a left-aligned cell that keeps its lines."""
    grid = Table(
        title=Text(title, style="bold"),
        title_justify="left",
        box=box.SIMPLE if footer else box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        show_footer=bool(footer),
    )
    for i, (header, kind) in enumerate(columns):
        grid.add_column(
            Text(header),
            Text(footer[i], style="bold") if footer else "",
            justify="right" if kind == "right" else "left",
            # Only free text wraps; numbers, bars and "N status" lines keep
            # whole, and fold rather than vanish behind an ellipsis if the
            # terminal is narrower than even that.
            no_wrap=kind != "left",
            overflow="fold",
        )
    return grid


def header(report: Report, width: int) -> list[RenderableType]:
    title = Text(one_line(report.header.title), style="bold")
    scope = Text(one_line(report_text.scope(report)), style="dim")
    parts: list[RenderableType] = [
        hanging(Text(""), title, width),
        hanging(Text(""), scope, width),
    ]
    if report.header.note:
        note = linked(Text(one_line(report.header.note), style="yellow"))
        parts.append(hanging(Text("Note: ", style="yellow"), note, width))
    return parts


def overall(report: Report) -> RenderableType:
    group = report.overall
    counts = _table(
        "Overall",
        ("Status", "left"),
        ("Count", "right"),
        ("", "left"),
        footer=("total", str(group.total), ""),
    )
    for name, count in zip(report.statuses, group.counts, strict=True):
        style = status_style(name, report.statuses)
        share = count / group.total if group.total else None
        counts.add_row(
            status_text(name, report.statuses),
            Text(str(count)),
            bar_text(share, style),
        )
    if group.split:
        counts.add_row(
            Text(SPLIT, style=SPLIT_STYLE),
            Text(str(group.split)),
            bar_text(group.split / group.total, SPLIT_STYLE),
        )
    measures = Table.grid(padding=(0, 2))
    measures.add_column(style="bold")
    measures.add_column()
    progress = bar_text(group.progress)
    progress.append(" " + report_text.percent_text(group.progress_percent))
    measures.add_row(Text("Progress"), progress)
    measures.add_row(
        Text("Compliance score"),
        Text(
            f"{report_text.score_text(group.score)} "
            f"({report_text.percent_text(group.compliance_percent)})"
        ),
    )
    return Group(counts, Text(""), measures)


def groups(report: Report, section: str) -> RenderableType:
    label = report_text.GROUP_LABELS[section]
    grid = _table(
        report_text.GROUP_TITLES[section],
        (label, "left"),
        ("Total", "right"),
        ("Progress", "whole"),
        ("Score", "right"),
        ("Compl.", "right"),
        ("Statuses", "whole"),
    )
    chosen = report.parties if section == "party" else report.categories
    for group in chosen:
        progress = bar_text(group.progress)
        if group.progress is not None:
            progress.append(" " + report_text.percent_text(group.progress_percent))
        grid.add_row(
            Text(one_line(report_text.group_label(section, group))),
            Text(str(group.total)),
            progress,
            Text(report_text.score_text(group.score)),
            Text(report_text.percent_text(group.compliance_percent)),
            _status_counts(group, report.statuses),
        )
    return grid


def _status_counts(group: aggregate.Group, statuses: Sequence[str]) -> Text:
    """`3 pledged` and so on, a line each: the statuses this group has, in
    scale order. A line never breaks, so a count stays beside its status."""
    text = Text()
    for name, count in zip(statuses, group.counts, strict=True):
        if count:
            if text:
                text.append("\n")
            text.append(f"{count} {one_line(name)}", style=status_style(name, statuses))
    if group.split:
        if text:
            text.append("\n")
        text.append(f"{group.split} {SPLIT}", style=SPLIT_STYLE)
    return text if text else Text(report_text.NONE, style="dim")


def overdue(report: Report) -> RenderableType:
    if not report.overdue:
        return Group(
            Text("Overdue", style="bold"), Text(report_text.empty_text("Overdue"))
        )
    grid = _table(
        "Overdue",
        ("Commitment", "left"),
        ("Status", "left"),
        ("Due", "right"),
        ("Days", "right"),
    )
    for item in report.overdue:
        commitment = Text(one_line(item.id), style="bold")
        commitment.append("\n" + one_line(item.title), style="")
        status = (
            Text(one_line(item.label), style=SPLIT_STYLE)
            if item.status == SPLIT
            else status_text(item.status, report.statuses)
        )
        grid.add_row(
            commitment,
            status,
            Text(item.due.isoformat()),
            Text(str(item.days), style="red"),
        )
    return grid


def changes(report: Report, width: int) -> RenderableType | None:
    """What changed, as a flowing list rather than a table: a note or an
    evidence URL then wraps across the whole width, at spaces only."""
    if report.changes is None:
        return None
    title = report_text.changes_title(report)
    if not report.changes:
        return Group(Text(title, style="bold"), Text(report_text.empty_text(title)))
    parts: list[RenderableType] = [Text(title, style="bold")]
    cited = {s.key: s for s in report.cited}
    for item in report.changes:
        heading = Text(item.date.isoformat() + "  ")
        heading.append(one_line(item.id), style="bold")
        heading.append("  ")
        heading.append_text(status_text(item.before, report.statuses))
        heading.append(" → ")
        heading.append_text(status_text(item.after, report.statuses))
        if item.named:
            heading.append(f" ({', '.join(item.parties)})")
        parts.append(hanging(Text(""), heading, width, indent=2))
        parts.append(hanging(Text("  "), linked(Text(one_line(item.note))), width))
        if item.by:
            by = Text("  by ", style="dim")
            parts.append(hanging(by, Text(one_line(item.by), style="dim"), width))
        for evidence in item.evidence:
            label = Text("  evidence: ", style="dim")
            parts.append(
                hanging(label, evidence_text(evidence, cited.get(evidence)), width)
            )
    return Group(*parts)


def evidence_text(item: str, source: Source | None) -> Text:
    """An evidence item; a source key with its title, publisher and date,
    linked to the source's address."""
    if source is None:
        return linked(Text(one_line(item), style="dim"))
    link = safe_link(source.url)
    day = source.published or source.date
    about = [source.title, source.publisher, day.isoformat() if day else None]
    text = f"{one_line(item)}: " + one_line(", ".join(x for x in about if x))
    return Text(text, style=Style(dim=True, link=link))


def renderables(report: Report, width: int = WIDE) -> list[RenderableType]:
    """The whole report, section by section, as Rich draws it: tables from
    `WIDE` columns on, the narrow layout below."""
    if width < WIDE:
        return narrow(report, width)
    sections = [
        overall(report),
        groups(report, "party"),
        groups(report, "category"),
        overdue(report),
        changes(report, width),
    ]
    parts = header(report, width)
    for section in sections:
        if section is not None:
            parts += [Text(""), section]
    return parts


# -- the narrow layout -----------------------------------------------------
#
# Below `WIDE` columns each row of a table becomes a card: its label, then
# its numbers as units (`Total 14`, `4 pledged`, `Score +0.07`) packed onto
# lines, wrapped between units and never inside one, so no word or number is
# ever split however narrow the terminal.


def _unit(name: str, value: Text | str, style: str = "") -> Text:
    unit = Text(name + " ", style="dim")
    unit.append_text(value if isinstance(value, Text) else Text(value, style=style))
    return unit


def _count_units(group: aggregate.Group, statuses: Sequence[str]) -> list[Text]:
    units = [
        Text(f"{count} {one_line(name)}", style=status_style(name, statuses))
        for name, count in zip(statuses, group.counts, strict=True)
        if count
    ]
    if group.split:
        units.append(Text(f"{group.split} {SPLIT}", style=SPLIT_STYLE))
    return units or [Text(report_text.NONE, style="dim")]


def _group_card(
    label: str, group: aggregate.Group, statuses: Sequence[str], width: int
) -> list[RenderableType]:
    progress = bar_text(group.progress)
    if group.progress is not None:
        progress.append(" " + report_text.percent_text(group.progress_percent))
    numbers = [
        _unit("Total", str(group.total)),
        _unit("Progress", progress),
        _unit("Score", report_text.score_text(group.score)),
        _unit("Compliance", report_text.percent_text(group.compliance_percent)),
    ]
    return [
        hanging(Text(""), Text(one_line(label), style="bold"), width, indent=2),
        pack(numbers, width),
        pack(_count_units(group, statuses), width),
    ]


def narrow(report: Report, width: int) -> list[RenderableType]:
    """The report for a terminal narrower than its tables, as cards."""
    parts = header(report, width)
    for section, title in report_text.GROUP_TITLES.items():
        parts += [Text(""), Text(title, style="bold")]
        for kind, group in report.groups():
            if kind != section:
                continue
            label = (
                "All commitments"
                if section == "overall"
                else report_text.group_label(section, group)
            )
            parts += _group_card(label, group, report.statuses, width)
    parts += [Text(""), Text("Overdue", style="bold")]
    if not report.overdue:
        parts.append(Text(report_text.empty_text("Overdue")))
    for item in report.overdue:
        status = (
            Text(one_line(item.label), style=SPLIT_STYLE)
            if item.status == SPLIT
            else status_text(item.status, report.statuses)
        )
        parts += [
            hanging(Text(""), Text(one_line(item.id), style="bold"), width, indent=2),
            hanging(Text("  "), Text(one_line(item.title)), width),
            pack(
                [
                    status,
                    _unit("due", item.due.isoformat()),
                    Text(
                        f"{item.days} day{'' if item.days == 1 else 's'} overdue",
                        style="red",
                    ),
                ],
                width,
            ),
        ]
    moved = changes(report, width)
    if moved is not None:
        parts += [Text(""), moved]
    return parts


def console(file: IO[str], width: int | None = None, record: bool = False) -> Console:
    return Console(
        file=file,
        width=width,
        record=record,
        highlight=False,
        markup=False,
        emoji=False,
    )


def draw(report: Report, out: Console) -> None:
    # Tables fit the width; every other part is wrapped already, so it is
    # printed as it is, and a word wider than the terminal is never cut.
    for part in renderables(report, out.width):
        out.print(part, soft_wrap=not isinstance(part, Table))


def show(report: Report, file: IO[str], width: int | None = None) -> None:
    draw(report, console(file, width))
