"""Putting a view on stdout in the format asked for, and errors on stderr.

Machine formats are encoded here and written as UTF-8 bytes. Tables go
through Rich only when stdout is a terminal; piped, they are plain text.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import IO, TYPE_CHECKING, ParamSpec

from tracker.errors import (
    CannotWriteOutput,
    InvalidLedger,
    ReaderGone,
    TrackerError,
    UsageError,
)
from tracker.render import OutputFormat, machine, plain
from tracker.render.text import multi_line, one_line
from tracker.views import (
    CheckResult,
    Detail,
    Listing,
    evidence_text,
    history_status,
    party_lines,
    source_place,
)

P = ParamSpec("P")

if TYPE_CHECKING:
    from rich.console import Console

    from tracker.aggregate import Report
    from tracker.export_sqlite import Exported
    from tracker.merge import Outcome
    from tracker.record import Summary
    from tracker.render.report_view import View
    from tracker.writes import Appended, AppendedBlocks, Created, UndoPlan


def write(text: str, stream: IO[str] | None = None) -> None:
    """Write `text` to stdout as UTF-8, whatever the locale says."""
    out = stream or _stdout()
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        out.write(text)
    else:
        out.flush()
        buffer.write(text.encode("utf-8"))
    out.flush()


def write_pieces(pieces: Iterable[bytes]) -> None:
    """Write UTF-8 text made piece by piece, as `write` writes it whole."""
    out = _stdout()
    buffer = getattr(out, "buffer", None)
    out.flush()
    for piece in pieces:
        if buffer is None:
            out.write(piece.decode("utf-8"))
        else:
            buffer.write(piece)
    out.flush()


def _stdout() -> IO[str]:
    if sys.stdout is None:  # started with stdout closed (`>&-`)
        raise CannotWriteOutput("standard output is closed")
    return sys.stdout


def _discard_stdout() -> None:
    """Point stdout at the null device, so that the bytes that could not be
    written are not tried again (and fail again) as the process exits."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, sys.stdout.fileno())
        finally:
            os.close(null)
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (a test's capture): nothing is flushed at exit


def to_stdout(emit: Callable[P, None]) -> Callable[P, None]:
    """Make a failure to write stdout (closed, a full disk, a broken pipe)
    a `CannotWriteOutput`, the user's `error:` line rather than a bug."""

    @functools.wraps(emit)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            emit(*args, **kwargs)
            if sys.stdout is not None:
                sys.stdout.flush()
        except BrokenPipeError:
            _discard_stdout()
            raise ReaderGone() from None
        except OSError as error:
            _discard_stdout()
            raise CannotWriteOutput(error.strerror or str(error)) from None
        except ValueError:
            if sys.stdout is None or not sys.stdout.closed:
                raise
            raise CannotWriteOutput("standard output is closed") from None

    return guarded


def message(text: str) -> None:
    """A line for the person at the terminal, never for a script."""
    try:
        sys.stderr.write(one_line(text) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass  # stderr closed or full: there is nowhere left to say it


def report_error(error: TrackerError) -> None:
    if error.quiet:
        return
    message(f"error: {error.message}")
    if isinstance(error, InvalidLedger):
        for line in error.details():
            message(f"  {line}")
    if error.hint:
        message(f"hint: {error.hint}")


def is_terminal() -> bool:
    return sys.stdout is not None and sys.stdout.isatty()


def terminal_width() -> int:
    """Columns of the terminal (or $COLUMNS), without importing Rich."""
    import shutil

    return shutil.get_terminal_size().columns


def to_terminal(draw: Callable[[Console], None]) -> None:
    """Draw with Rich for the terminal, through the pager if it is long.

    The drawing is captured first, as the terminal would show it (colours,
    links, this width), so its height is known before choosing to page; a
    spinner shows on stderr if drawing a large table keeps the user waiting.
    """
    from tracker.render import rich_table

    out = rich_table.console(sys.stdout)
    with waiting("drawing"), out.capture() as captured:
        draw(out)
    page(captured.get())


def waiting(label: str) -> AbstractContextManager[None]:
    """A spinner on stderr, shown if the work inside takes half a second;
    nothing at all (not even an import) unless both outputs are terminals."""
    try:
        both = sys.stdout.isatty() and sys.stderr.isatty()
    except (AttributeError, ValueError):
        both = False  # closed or missing: nowhere to draw
    if not both:
        return nullcontext()
    from tracker import _spinner

    return _spinner.waiting(label)


_paging = True


def allow_pager(allowed: bool) -> None:
    """Whether this run may page its output (`--no-pager` says no)."""
    global _paging
    _paging = allowed


def page(text: str) -> None:
    """`text` through the pager when it is longer than the screen on a
    terminal; printed directly otherwise, or if the pager fails."""
    from tracker import _pager

    pager = _pager.wanted(text) if _paging else None
    if pager is not None:
        if _pager.run(pager, text):
            return
        message(f"note: the pager ({pager}) failed; printing instead")
    write(text)


def stdin_is_terminal() -> bool:
    return sys.stdin is not None and not sys.stdin.closed and sys.stdin.isatty()


def confirm(question: str) -> bool:
    """Ask on stderr; only `y` or `yes` is yes."""
    sys.stderr.write(one_line(question) + " [y/N] ")
    sys.stderr.flush()
    try:
        answer = sys.stdin.readline()
    except (OSError, ValueError, AttributeError):
        answer = ""  # no way to answer is no
    return answer.strip().casefold() in ("y", "yes")


@to_stdout
def emit_text(text: str) -> None:
    """Text made elsewhere (the version, the help), written as any output."""
    write(text)


@to_stdout
def emit_written(result: Appended, summary: Summary) -> None:
    """The one-line result of a write, or for a dry run the block itself."""
    _say_appended(result, summary.line, summary.notes)


@to_stdout
def emit_imported(result: AppendedBlocks, line: str) -> None:
    """What an import appended, or for a dry run the blocks themselves."""
    _say_appended(result, line)


def _say_appended(
    result: Appended | AppendedBlocks, line: str, notes: Sequence[str] = ()
) -> None:
    if not result.written:
        write(multi_line(result.text))
        message(f"dry run: nothing written to {result.path}")
        return
    write(one_line(line) + "\n")
    for note in notes:
        message(note)
    if not result.undo_saved:
        message("note: the undo record could not be saved; undo will refuse")


@to_stdout
def emit_exported(exported: Exported) -> None:
    noun = "commitment" if exported.commitments == 1 else "commitments"
    write(
        f"exported {exported.commitments} {noun} as of {exported.as_of} to "
        f"{exported.path}\n"
    )
    message(f"serve it with: datasette {exported.path} --metadata {exported.metadata}")


@to_stdout
def emit_undo_plan(plan: UndoPlan) -> None:
    """The block undo would remove: on stdout, as it stands in the file."""
    message(f"{plan.path}, line {plan.first_line}: {plan.description}")
    write(multi_line(plan.text))


def emit_undone(plan: UndoPlan) -> None:
    message(f"removed {plan.description} from {plan.path}")


@to_stdout
def emit_created(created: Created) -> None:
    if created.commitments:
        write(
            f"created {created.path} with the bundled ledger's "
            f"{created.commitments} commitments\n"
        )
    else:
        write(f"created {created.path}, an empty ledger\n")
    for source in created.sources:
        message(f"copied its archived source text to {source}")
    from tracker.merge import attributes_line

    message(
        "to merge it in git without conflicts, add this line to .gitattributes: "
        f"{attributes_line(created.path)}"
    )
    message(
        "and register the merge driver once per clone: tracker merge-driver --install"
    )


def emit_merge(path: Path, outcome: Outcome) -> None:
    """What the merge driver did, on stderr (git shows it during a merge)."""
    if outcome.how == "appended":
        message(f"{path}: merged the blocks both sides appended")
    elif outcome.how == "invalid":
        message(f"{path}: git merged the lines, but the ledger is not valid:")
    for problem in outcome.problems:
        message(f"  {problem}")


@to_stdout
def emit_listing(listing: Listing, fmt: OutputFormat, raw: bool = False) -> None:
    if fmt in (OutputFormat.JSON, OutputFormat.JSONL):
        texts: Iterable[str] = (
            machine.texts(listing.records)
            if listing.json_texts is None
            else listing.json_texts
        )
        pieces = machine.json_array if fmt is OutputFormat.JSON else machine.json_lines
        write_pieces(pieces(texts))
        return
    if fmt is OutputFormat.CSV:
        write(machine.to_csv(listing.fields, listing.records, raw))
        return
    table_rows = list(listing.rows)  # made once: a table reads them twice
    if fmt is OutputFormat.MARKDOWN:
        table = machine.to_markdown(listing.header, table_rows)
        if listing.heading is not None:
            heading = machine.markdown_cell(listing.heading)
            table = f"# {heading}\n\n{table}"
        write(table)
    elif not table_rows:
        message(listing.empty_message)
    elif is_terminal():
        from tracker.render import rich_table

        rows = [
            tuple(
                rich_table.status_text(c) if i == listing.status_column else c
                for i, c in enumerate(row)
            )
            for row in table_rows
        ]
        columns = terminal_width()
        header = listing.header
        widths = rich_table.column_widths(columns, header, table_rows, listing.no_wrap)
        if widths is not None:
            to_terminal(lambda out: out.print(rich_table.table(header, rows, widths)))
        else:
            cards = rich_table.cards(header, rows, columns)
            to_terminal(lambda out: out.print(cards, soft_wrap=True))
    else:
        write(plain.table(listing.header, table_rows))


@to_stdout
def emit_report(
    report: Report,
    fmt: OutputFormat,
    path: Path | None,
    full_view: Callable[[], View] | None = None,
    protected: Sequence[tuple[Path, str]] = (),
    section: str | None = None,
    raw: bool = False,
) -> None:
    """The report on stdout, or written atomically to `path`, which must be a
    regular file or a new one, and none of the `protected` files.

    HTML and SVG are files: to a terminal they would be a page of markup, so
    they need --output unless stdout is piped. `full_view` gives what the
    HTML, SVG and Markdown reports show beyond the tables (charts over time,
    a section per commitment); it is only called for them.
    """
    is_file = fmt in (OutputFormat.HTML, OutputFormat.SVG)
    if is_file and path is None and is_terminal():
        raise UsageError(
            f"--format {fmt} makes a file; name it with --output",
            hint=f"--output report.{fmt}",
        )
    if fmt is OutputFormat.TABLE and path is None and is_terminal():
        from tracker.render import rich_report

        # Tables from 80 columns on, the narrow layout below: see rich_report.
        to_terminal(lambda out: rich_report.draw(report, out))
        return
    if fmt is OutputFormat.HTML and full_view is not None:
        from tracker.render import html_report

        # Written as it is made, a piece at a time, never held whole as text.
        pieces = html_report.html_chunks(full_view())
    else:
        pieces = iter([report_document(report, fmt, full_view, section, raw).encode()])
    if path is None:
        write_pieces(pieces)
    else:
        from tracker import _report_file
        from tracker._atomic import write_file

        write_file(_report_file.target(path, protected), b"".join(pieces))


def report_document(
    report: Report,
    fmt: OutputFormat,
    full_view: Callable[[], View] | None = None,
    section: str | None = None,
    raw: bool = False,
) -> str:
    """The report as the text of a file in format `fmt` (a table is plain)."""
    from tracker.render import report_text

    if fmt in (OutputFormat.HTML, OutputFormat.SVG, OutputFormat.MARKDOWN):
        if full_view is None:
            raise ValueError(f"a {fmt} report needs the full view of the ledger")
        view = full_view()
        if fmt is OutputFormat.MARKDOWN:
            return report_text.to_markdown(report, view)
        from tracker.render import html_report

        if fmt is OutputFormat.HTML:
            return html_report.to_html(view)
        return html_report.to_svg(view)
    if fmt is OutputFormat.JSON:
        return report_text.to_json(report)
    if fmt is OutputFormat.CSV:
        return report_text.to_csv(report, section, raw)
    return report_text.to_plain(report)


@to_stdout
def emit_detail(view: Detail, fmt: OutputFormat) -> None:
    if fmt is OutputFormat.JSON:
        write(machine.to_json(view.record()))
    elif is_terminal():
        from tracker.render import rich_detail

        to_terminal(lambda out: rich_detail.draw(view, out))
    else:
        write(detail_text(view))


def detail_text(view: Detail) -> str:
    """One commitment as plain text, every value whole."""
    c, state, source = view.commitment, view.row.state, view.source
    lines = [
        f"{one_line(c.id)}: {one_line(c.title)}",
        "",
        f"Parties:   {one_line(', '.join(view.party_names))}",
        f"Category:  {one_line(c.category)}",
    ]
    if state.split:
        lines.append(f"Status:    {one_line(state.label())}")
        lines += [f"           {one_line(line)}" for line in party_lines(view)]
    else:
        lines.append(f"Status:    {one_line(state.status.name)} since {state.since}")
    due = c.due.isoformat() if c.due else "-"
    lines += [
        f"Made:      {c.made}",
        f"Due:       {due}{' (overdue)' if state.overdue else ''}",
        f"Source:    {one_line(source.title)} ({one_line(source_place(source))})",
    ]
    if c.by:
        lines.append(f"By:        {one_line(c.by)}")
    if c.tags:
        lines.append(f"Tags:      {one_line(', '.join(c.tags))}")
    if c.notes:
        lines.append(f"Notes:     {multi_line(c.notes)}")
    lines += ["", "Quote:", f"  {multi_line(c.quote)}", "", "History:"]
    if not view.history:
        lines.append("  no updates yet")
    for update in view.history:
        lines.append(
            f"  {update.date}  {one_line(history_status(update))}  "
            f"{multi_line(update.note)}"
        )
        if update.by:
            lines.append(f"    by: {one_line(update.by)}")
        for item in update.evidence:
            lines.append(f"    evidence: {one_line(evidence_text(view, item))}")
    return "\n".join(lines) + "\n"


@to_stdout
def emit_check(result: CheckResult, fmt: OutputFormat) -> None:
    if fmt is OutputFormat.JSON:
        write(machine.to_json(result.records()))
        return
    if result.problems:
        write("".join(one_line(str(p)) + "\n" for p in result.problems))
    else:
        write(one_line(result.summary()) + "\n")  # the path may hold controls
