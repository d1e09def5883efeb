"""A status report drawn with Rich, for a terminal (the HTML and SVG reports
are `html_report`'s).

Every piece of ledger text goes in as `rich.text.Text` made from
`one_line(...)`, never as a string Rich would read as markup, so a title
cannot add styles, links or emoji.

The tables fit an 80-column terminal: the counts per status go in one cell,
a line each ("3 pledged", "1 fulfilled"), rather than a column each, so no
column has to be cut and no number is ever split or elided.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import IO
from urllib.parse import quote

from rich import box
from rich.console import Console, Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text

from tracker import aggregate
from tracker.aggregate import Report
from tracker.model import SPLIT, Source
from tracker.render import report_text
from tracker.render.rich_table import STATUS_STYLES
from tracker.render.text import one_line

SPLIT_STYLE = "magenta"
# What a URL may keep as it is: RFC 3986's reserved and unreserved characters,
# and `%` of escapes already made. Quotes, `<`, `>` and spaces are encoded.
_URL_SAFE = "-._~:/?#[]@!$&()*+,;=%"
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


def header(report: Report) -> list[RenderableType]:
    parts: list[RenderableType] = [
        Text(one_line(report.header.title), style="bold"),
        Text(one_line(report_text.scope(report)), style="dim"),
    ]
    if report.header.note:
        parts.append(Text("Note: " + one_line(report.header.note), style="yellow"))
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


def changes(report: Report) -> RenderableType | None:
    if report.changes is None:
        return None
    title = report_text.changes_title(report)
    if not report.changes:
        return Group(Text(title, style="bold"), Text(report_text.empty_text(title)))
    grid = _table(title, ("Date", "right"), ("Commitment", "left"), ("Change", "whole"))
    cited = {s.key: s for s in report.cited}
    for item in report.changes:
        commitment = Text(one_line(item.id), style="bold")
        commitment.append("\n" + one_line(item.note), style="")
        if item.by:
            commitment.append("\nby " + one_line(item.by), style="dim")
        for evidence in item.evidence:
            commitment.append("\n")
            commitment.append_text(evidence_text(evidence, cited.get(evidence)))
        change = status_text(item.before, report.statuses)
        change.append(" → ")
        change.append_text(status_text(item.after, report.statuses))
        if item.named:
            change.append(f" ({', '.join(item.parties)})")
        grid.add_row(Text(item.date.isoformat()), commitment, change)
    return grid


def safe_link(url: str | None) -> str | None:
    """`url` if it is http or https, percent-encoded so that it cannot end
    the HTML attribute Rich writes it into; None for anything else."""
    if url is None or not re.match(r"(?i)https?://[^\s/]", url):
        return None
    return quote(url, safe=_URL_SAFE)


def evidence_text(item: str, source: Source | None) -> Text:
    """An evidence item; a source key with its title, publisher and date,
    linked to the source's address."""
    if source is None:
        link = safe_link(item)
        text = one_line(item)
    else:
        link = safe_link(source.url)
        day = source.published or source.date
        about = [source.title, source.publisher, day.isoformat() if day else None]
        text = f"{one_line(item)}: " + one_line(", ".join(x for x in about if x))
    return Text("evidence: " + text, style=Style(dim=True, link=link))


def renderables(report: Report) -> list[RenderableType]:
    """The whole report, section by section, as Rich draws it."""
    sections = [
        overall(report),
        groups(report, "party"),
        groups(report, "category"),
        overdue(report),
        changes(report),
    ]
    parts = header(report)
    for section in sections:
        if section is not None:
            parts += [Text(""), section]
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


def show(report: Report, file: IO[str], width: int | None = None) -> None:
    out = console(file, width)
    for part in renderables(report):
        out.print(part)
