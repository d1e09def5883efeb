"""A status report as plain text, Markdown, CSV and JSON.

Every format shows the same numbers, rounded the same way: percentages to one
decimal place, compliance scores (-1 to +1) to two; JSON also carries them
unrounded. The helpers here are the only place numbers become text, and the
Rich renderer uses them too.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from tracker.aggregate import Group, Moved, Overdue, Report
from tracker.model import SPLIT
from tracker.render import machine, plain
from tracker.render.machine import markdown_cell
from tracker.render.text import one_line

if TYPE_CHECKING:
    from tracker.render.report_view import Link, Section, View

BAR_WIDTH = 10
FULL, EMPTY = "█", "░"
NONE = "-"  # a mean of no commitments: not 0%, just nothing to measure

GROUP_TITLES = {"overall": "Overall", "party": "By party", "category": "By category"}
GROUP_LABELS = {"overall": "", "party": "Party", "category": "Category"}
OVERDUE_HEADER = ("ID", "Title", "Status", "Due", "Days overdue")
CHANGE_HEADER = ("Date", "ID", "From", "To", "Note")


# -- numbers ---------------------------------------------------------------


def rounded_percent(value: float | None) -> float | None:
    # + 0.0 turns -0.0 into 0.0, so no format ever shows "-0.0".
    return None if value is None else round(value, 1) + 0.0


def rounded_score(value: float | None) -> float | None:
    return None if value is None else round(value, 2) + 0.0


def percent_text(value: float | None) -> str:
    shown = rounded_percent(value)
    return NONE if shown is None else f"{shown:.1f}%"


def score_text(value: float | None) -> str:
    shown = rounded_score(value)
    return NONE if shown is None else f"{shown:+.2f}"


def filled_cells(fraction: float, width: int = BAR_WIDTH) -> int:
    """Cells of a bar to fill: anything above nothing shows, anything short of
    everything leaves a gap, so a bar never reads as 0% or 100% when it isn't."""
    cells = int(fraction * width + 0.5)
    if fraction > 0:
        cells = max(cells, 1)
    if fraction < 1:
        cells = min(cells, width - 1)
    return cells


def bar(fraction: float | None, width: int = BAR_WIDTH) -> str:
    if fraction is None:
        return NONE
    cells = filled_cells(fraction, width)
    return FULL * cells + EMPTY * (width - cells)


def progress_text(group: Group) -> str:
    """Progress as a bar and a percentage: `███░░░░░░░ 25.0%`."""
    if group.progress is None:
        return NONE
    return f"{bar(group.progress)} {percent_text(group.progress_percent)}"


def scope(report: Report) -> str:
    """The line under the title: the date, what is shown, and the filters."""
    h = report.header
    noun = "commitment" if h.commitments == 1 else "commitments"
    parts = [f"as of {h.as_of.isoformat()}", f"{h.commitments} {noun} shown"]
    if h.since is not None:
        parts.append(f"changes since {h.since.isoformat()}")
    parts += h.filters()
    return "Status report " + "; ".join(parts)


# -- rows shared by plain text and Markdown --------------------------------


def has_split(report: Report) -> bool:
    """Whether a commitment shown is split: only then do tables need a column
    for them (a party's own status is never split)."""
    return report.overall.split > 0


def group_header(report: Report, section: str) -> tuple[str, ...]:
    return (
        GROUP_LABELS[section],
        "Total",
        *report.statuses,
        *((SPLIT,) if has_split(report) else ()),
        "Progress",
        "Score",
        "Compliance",
    )


def group_label(section: str, group: Group) -> str:
    return f"{group.name} ({group.key})" if section == "party" else group.name


def group_row(report: Report, section: str, group: Group) -> tuple[str, ...]:
    return (
        group_label(section, group),
        str(group.total),
        *(str(n) for n in group.counts),
        *((str(group.split),) if has_split(report) else ()),
        progress_text(group),
        score_text(group.score),
        percent_text(group.compliance_percent),
    )


def overdue_row(item: Overdue) -> tuple[str, ...]:
    return (
        item.id,
        item.title,
        item.label or item.status,
        item.due.isoformat(),
        str(item.days),
    )


def after_text(item: Moved) -> str:
    """The new status, with the parties the update names: `fulfilled (KZ)`."""
    if not item.named:
        return item.after
    return f"{item.after} ({', '.join(item.parties)})"


def change_row(item: Moved) -> tuple[str, ...]:
    return (item.date.isoformat(), item.id, item.before, after_text(item), item.note)


def _sections(report: Report) -> list[tuple[str, Sequence[str], list[Sequence[str]]]]:
    """(title, header, rows) for every table of the report, in order."""
    tables: list[tuple[str, Sequence[str], list[Sequence[str]]]] = []
    for section, title in GROUP_TITLES.items():
        groups = [g for s, g in report.groups() if s == section]
        header = group_header(report, section)
        tables.append((title, header, [group_row(report, section, g) for g in groups]))
    tables.append(("Overdue", OVERDUE_HEADER, [overdue_row(o) for o in report.overdue]))
    if report.changes is not None:
        # Who assessed each change, when the ledger says for any of them.
        assessed = any(c.by for c in report.changes)
        tables.append(
            (
                changes_title(report),
                CHANGE_HEADER + (("By",) if assessed else ()),
                [
                    change_row(c) + ((c.by or "-",) if assessed else ())
                    for c in report.changes
                ],
            )
        )
    return tables


def changes_title(report: Report) -> str:
    h = report.header
    since = h.since.isoformat() if h.since else ""
    return f"Changes from {since} to {h.as_of.isoformat()}"


def empty_text(title: str) -> str:
    if title == "Overdue":
        return "No commitment is overdue."
    if title.startswith("Changes"):
        return "No status changed."
    return "None."


# -- plain text ------------------------------------------------------------


def to_plain(report: Report) -> str:
    """The report for a pipe or a file: one line per row, every cell whole."""
    lines = [one_line(report.header.title), one_line(scope(report))]
    if report.header.note:
        lines.append(f"Note: {report.header.note}")
    for title, header, rows in _sections(report):
        lines += ["", title]
        if not rows:
            lines.append(empty_text(title))
            continue
        numeric = _numeric_columns(header)
        lines.append(plain.table(header, rows, numeric=numeric).rstrip("\n"))
    return "\n".join(lines) + "\n"


def _numeric_columns(header: Sequence[str]) -> set[int]:
    if header == OVERDUE_HEADER:
        return {4}
    if header[: len(CHANGE_HEADER)] == CHANGE_HEADER:
        return set()
    # Group tables: every column but the label and the progress bar.
    return {i for i in range(1, len(header)) if header[i] != "Progress"}


# -- Markdown --------------------------------------------------------------

MARKDOWN_SCORES = ("Total", "Progress", "Score", "Compliance")


def to_markdown(report: Report, view: View) -> str:
    """GitHub-flavoured Markdown that fits a page: per group, one table of
    progress and scores and one of counts per status, then the overdue, the
    changes with their evidence, and a section per commitment."""
    lines = [
        f"# {markdown_cell(report.header.title)}",
        "",
        markdown_cell(scope(report)),
    ]
    if report.header.note:
        lines += ["", f"**Note:** {markdown_cell(report.header.note)}"]
    for section, title in GROUP_TITLES.items():
        groups = [g for s, g in report.groups() if s == section]
        label = GROUP_LABELS[section]
        lines += ["", f"## {title}", ""]
        scores = [
            (
                group_label(section, g),
                str(g.total),
                progress_text(g),
                score_text(g.score),
                percent_text(g.compliance_percent),
            )
            for g in groups
        ]
        lines.append(_md_table((label, *MARKDOWN_SCORES), scores, {1, 3, 4}))
        lines += ["", "Commitments per status:", ""]
        # A split column only when a commitment shown is split; a party's
        # own status never is.
        split = (SPLIT,) if has_split(report) else ()
        counts = [
            (
                group_label(section, g),
                *(str(n) for n in g.counts),
                *((str(g.split),) if split else ()),
            )
            for g in groups
        ]
        statuses = (*report.statuses, *split)
        numbers = set(range(1, len(statuses) + 1))
        lines.append(_md_table((label, *statuses), counts, numbers))
    lines += ["", "## Overdue", ""]
    if report.overdue:
        rows = [overdue_row(o) for o in report.overdue]
        lines.append(_md_table(OVERDUE_HEADER, rows, {4}))
    else:
        lines.append(empty_text("Overdue"))
    if view.changes is not None:
        lines += ["", f"## {changes_title(report)}", ""]
        if view.changes:
            # Who assessed each change, when the ledger says for any of them.
            assessed = any(c.by for c in view.changes)
            rows = [
                (
                    c.date,
                    c.id,
                    c.before,
                    f"{c.after} ({c.parties})" if c.parties else c.after,
                    c.note,
                    *((c.by or NONE,) if assessed else ()),
                    _md_links(c.evidence),
                )
                for c in view.changes
            ]
            header = (*CHANGE_HEADER, *(("By",) if assessed else ()), "Evidence")
            lines.append(_md_table(header, rows, (), (len(header) - 1,)))
        else:
            lines.append(empty_text("Changes"))
    lines += ["", "## Commitments"]
    for item in view.sections:
        lines += ["", *_md_commitment(item)]
    return "\n".join(lines) + "\n"


def _md_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    right: set[int] | tuple[int, ...],
    markdown: tuple[int, ...] = (),
) -> str:
    """A table; the cells of the `markdown` columns are Markdown already."""
    if not markdown:
        return machine.to_markdown(header, rows, right).rstrip("\n")
    rule = (" ---: " if i in right else " --- " for i in range(len(header)))
    out = [
        "| " + " | ".join(markdown_cell(h) for h in header) + " |",
        "|" + "|".join(rule) + "|",
    ]
    for row in rows:
        cells = (c if i in markdown else markdown_cell(c) for i, c in enumerate(row))
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)


def _md_links(links: Sequence[Link]) -> str:
    """Evidence as Markdown: a link only for http and https; the rest as text."""
    shown = [
        f"[{markdown_cell(link.text)}](<{link.url}>)"
        if link.url
        else markdown_cell(link.text)
        for link in links
    ]
    return "; ".join(shown) or NONE


def _md_commitment(item: Section) -> list[str]:
    due = f"; due {item.due}" if item.due else ""
    if item.overdue_days is not None:
        due += f", overdue by {item.overdue_days} days"
    parties = "; ".join(
        f"{markdown_cell(p.name)} ({p.code}): {markdown_cell(p.status)}"
        for p in item.parties
    )
    source = _md_links([item.source])
    lines = [
        f"### {markdown_cell(item.id)}: {markdown_cell(item.title)}",
        "",
        f"- **Status:** {markdown_cell(item.status)} since {item.since}{due}",
        f"- **Parties:** {parties}",
        f"- **Pledge:** “{markdown_cell(item.quote)}” ({source}, {item.source_date})",
    ]
    if item.latest is None:
        lines.append("- **Latest:** no update recorded")
    else:
        latest = item.latest
        named = f" ({markdown_cell(latest.named)})" if latest.named else ""
        by = f" (by {markdown_cell(latest.by)})" if latest.by else ""
        lines += [
            f"- **Latest:** {latest.date}, {markdown_cell(latest.status)}{named}: "
            f"{markdown_cell(latest.note)}{by}",
            f"- **Evidence:** {_md_links(latest.evidence)}",
        ]
    return lines


# -- JSON ------------------------------------------------------------------


def group_record(group: Group, statuses: Sequence[str]) -> dict[str, Any]:
    return {
        "key": group.key,
        "name": group.name,
        "total": group.total,
        "counts": dict(zip(statuses, group.counts, strict=True)),
        "progress": group.progress,
        "progress_percent": group.progress_percent,
        "score": group.score,
        "compliance_percent": group.compliance_percent,
        "split": group.split,
    }


def report_record(report: Report) -> dict[str, Any]:
    """The report as one JSON object, a key per section (see the README)."""
    h = report.header
    return {
        "header": {
            "title": h.title,
            "as_of": h.as_of.isoformat(),
            "since": h.since.isoformat() if h.since else None,
            "commitments": h.commitments,
            "filters": {
                "countries": list(h.countries),
                "categories": list(h.categories),
                "statuses": list(h.statuses),
                "sources": list(h.sources),
            },
            "note": h.note,
        },
        "statuses": list(report.statuses),
        "overall": group_record(report.overall, report.statuses),
        "by_party": [group_record(g, report.statuses) for g in report.parties],
        "by_category": [group_record(g, report.statuses) for g in report.categories],
        "overdue": [
            {
                "id": o.id,
                "title": o.title,
                "countries": list(o.countries),
                "category": o.category,
                "status": o.status,
                "due": o.due.isoformat(),
                "days_overdue": o.days,
                "parties": dict(o.parties),
            }
            for o in report.overdue
        ],
        "changes": None
        if report.changes is None
        else [
            {
                "date": c.date.isoformat(),
                "id": c.id,
                "title": c.title,
                "from": c.before,
                "to": c.after,
                "note": c.note,
                "evidence": list(c.evidence),
                "parties": list(c.parties),
                "by": c.by,
            }
            for c in report.changes
        ],
    }


def to_json(report: Report) -> str:
    return machine.to_json(report_record(report))


# -- CSV -------------------------------------------------------------------


# `report --format csv --section X` (tracker.cli.CSV_SECTIONS) writes one
# table of one shape, so a column holds one kind of value and its numbers
# read back as integers.
def count_column(status: str) -> str:
    """`count_in_progress`: a status is a slug, so the name is snake_case
    once its hyphens are underscores, and can never clash with a fixed
    column, which the scale cannot name."""
    return "count_" + status.replace("-", "_")


def group_columns(report: Report) -> list[str]:
    return [
        "section",
        "key",
        "name",
        "total",
        *(count_column(s) for s in report.statuses),
        "split",
        "progress_percent",
        "score",
        "compliance_percent",
    ]


OVERDUE_COLUMNS = ("id", "title", "status", "due", "days_overdue")
CHANGE_COLUMNS = ("date", "id", "title", "from", "to", "note", "evidence", "by")


def csv_columns(report: Report) -> list[str]:
    """The columns of the report's every section in one wide table."""
    return [
        *group_columns(report),
        "id",
        "title",
        "status",
        "due",
        "days_overdue",
        "date",
        "from",
        "to",
        "note",
        "evidence",
        "by",
    ]


def group_csv_record(report: Report, section: str, group: Group) -> dict[str, Any]:
    record: dict[str, Any] = {
        "section": section,
        "key": group.key,
        "name": group.name,
        "total": group.total,
        "split": group.split,
        "progress_percent": rounded_percent(group.progress_percent),
        "score": rounded_score(group.score),
        "compliance_percent": rounded_percent(group.compliance_percent),
    }
    record.update(
        {count_column(s): n for s, n in zip(report.statuses, group.counts, strict=True)}
    )
    return record


def overdue_csv_record(o: Overdue) -> dict[str, Any]:
    return {
        "id": o.id,
        "title": o.title,
        "status": o.label or o.status,
        "due": o.due.isoformat(),
        "days_overdue": o.days,
    }


def change_csv_record(c: Moved) -> dict[str, Any]:
    return {
        "date": c.date.isoformat(),
        "id": c.id,
        "title": c.title,
        "from": c.before,
        "to": after_text(c),
        "note": c.note,
        "evidence": list(c.evidence),
        "by": c.by,
    }


def to_csv(report: Report, section: str | None = None, raw: bool = False) -> str:
    """With `section`, that section alone, in its own columns. Without, one
    row per (section, group), then one per overdue commitment and per change;
    a row fills only the columns of its section."""
    if section in ("overall", "party", "category"):
        rows = [
            group_csv_record(report, name, group)
            for name, group in report.groups()
            if name == section
        ]
        return machine.to_csv(group_columns(report), rows, raw)
    if section == "overdue":
        rows = [overdue_csv_record(o) for o in report.overdue]
        return machine.to_csv(OVERDUE_COLUMNS, rows, raw)
    if section == "changes":
        rows = [change_csv_record(c) for c in report.changes or ()]
        return machine.to_csv(CHANGE_COLUMNS, rows, raw)
    records = [group_csv_record(report, name, g) for name, g in report.groups()]
    records += [{"section": "overdue", **overdue_csv_record(o)} for o in report.overdue]
    records += [
        {"section": "change", **change_csv_record(c)} for c in report.changes or ()
    ]
    return machine.to_csv(csv_columns(report), records, raw)
