"""The `tracker` command line: arguments in, a call to the core, a view out.

Each command is wiring only. Errors are turned into output in one place,
`TrackerGroup.main`, so every command fails the same way.

Unlike the rest of the package, this module keeps its annotations as objects
(no `from __future__ import annotations`): Typer reads every command's
annotations on every run, and strings would be compiled and evaluated anew
each time, about half of Typer's start-up.
"""

import copy
import datetime as dt
import inspect
import os
import sys
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

# Typer vendors click and re-exports only some of its exceptions; the rest
# are needed to give every usage error the same one-line form. Typer is
# pinned below 0.29 in pyproject.toml, so this private path is stable.
from typer._click.core import Context
from typer._click.exceptions import ClickException, UsageError
from typer._click.globals import get_current_context
from typer.core import TyperGroup

from tracker import __version__, _cache, _complete, errors, output, query, store, views
from tracker.errors import Interrupted, InvalidLedger, TrackerError
from tracker.model import DEFAULT_SCALE, Ledger
from tracker.render import OutputFormat

# The report's CSV tables, named here so `--help` needs no import of the renderer.
CSV_SECTIONS = ("overall", "party", "category", "overdue", "changes")

if TYPE_CHECKING:
    from tracker.render import report_view


class TrackerGroup(TyperGroup):
    """Runs a command and maps every way it can fail to a line and an exit code."""

    def invoke(self, ctx: Context) -> Any:
        # Caught here, before click turns it into a silent exit 130.
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as stop:
            raise Interrupted(stop) from None

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        _prepare_help(self)
        if os.environ.get("_TRACKER_COMPLETE"):
            _complete.register_shells()
        try:
            code = super().main(*args, **kwargs)
        except KeyboardInterrupt as stop:
            stopped = Interrupted(stop)
            output.report_error(stopped)
            code = stopped.exit_code
        except TrackerError as error:
            output.report_error(error)
            code = error.exit_code
        except UsageError as error:
            if not error.format_message():  # bare `tracker`: help was shown
                sys.exit(0)
            output.message(f"error: {error.format_message()}")
            command = error.ctx.command_path if error.ctx else "tracker"
            output.message(f"hint: see {command} --help")
            code = 2
        except ClickException as error:
            output.message(f"error: {error.format_message()}")
            code = error.exit_code
        except typer.Abort:
            output.message("error: aborted")
            code = 1
        except Exception as error:
            # A bug, not the user's doing: one line rather than a traceback,
            # and the traceback for whoever sets TRACKER_DEBUG.
            if os.environ.get("TRACKER_DEBUG"):
                raise
            output.message(f"error: internal error: {type(error).__name__}: {error}")
            output.message("hint: please report it; TRACKER_DEBUG=1 shows the details")
            code = 1
        sys.exit(code if isinstance(code, int) else 0)


def _reflow(text: str) -> str:
    """Help as paragraphs that wrap to the terminal: the line breaks of the
    source are only where it fitted in the code. An example keeps its lines."""
    paragraphs = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(
        p if p.startswith(("Example:", "\b")) else " ".join(p.split("\n"))
        for p in paragraphs
    )


def _prepare_help(command: Any) -> None:
    """Reflow the help of `command` and of every command under it, and have
    it written as every other output is (see `_written_as_output`)."""
    if command.help:
        command.help = _reflow(command.help)
    if not getattr(command, "help_as_output", False):
        command.format_help = _written_as_output(command.format_help)
        command.help_as_output = True
    for sub in getattr(command, "commands", {}).values():
        _prepare_help(sub)


def _written_as_output(draw: Callable[[Any, Any], None]) -> Callable[[Any, Any], None]:
    """Help drawn by Rich, written to stdout as `output` writes the rest: a
    full disk or a closed stdout is an `error:` line and a reader gone away
    (`tracker --help | head -1`) ends it quietly with 141, where Rich would
    exit 1 without a word or fail with an internal error. At a terminal Rich
    writes it itself, in colour; elsewhere it draws into text first, which
    is what it draws into a pipe.

    The help is then the whole of the run's output, and the run ends there:
    click would write one more newline, after the help, where a reader that
    has gone makes it exit 1 (the newline is written here instead)."""

    def format_help(ctx: Any, formatter: Any) -> None:
        if output.is_terminal():
            draw(ctx, formatter)
            return
        import contextlib
        import io

        text = io.StringIO()
        with contextlib.redirect_stdout(text):
            draw(ctx, formatter)
        output.emit_text(text.getvalue() + "\n")
        raise typer.Exit()

    return format_help


app = typer.Typer(
    cls=TrackerGroup,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(ctx: typer.Context, value: bool) -> None:
    # Completing `tracker --version <TAB>` parses the line too: print nothing.
    if value and not ctx.resilient_parsing:
        output.emit_text(f"tracker {__version__}\n")
        raise typer.Exit()


def _parse_date(value: str) -> dt.date:
    from tracker.dates import parse_date

    try:
        return parse_date(value)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


def _one_of(choices: Sequence[str]) -> Any:
    """A callback that accepts one of `choices`, or is a usage error."""

    def check(value: str | None) -> str | None:
        if value is not None and value not in choices:
            raise typer.BadParameter(f"{value!r} is not one of {', '.join(choices)}")
        return value

    return check


def _format_option(*choices: OutputFormat) -> Any:
    names = [c.value for c in choices]
    return typer.Option(
        "--format",
        "-f",
        callback=_one_of(names),
        metavar="[" + "|".join(names) + "]",
        help="Output format.",
    )


TableFormats = Annotated[
    str,
    _format_option(
        OutputFormat.TABLE, OutputFormat.JSON, OutputFormat.CSV, OutputFormat.MARKDOWN
    ),
]
TableOrJson = Annotated[str, _format_option(OutputFormat.TABLE, OutputFormat.JSON)]
ListFormats = Annotated[
    str,
    _format_option(
        OutputFormat.TABLE,
        OutputFormat.JSON,
        OutputFormat.JSONL,
        OutputFormat.CSV,
        OutputFormat.MARKDOWN,
    ),
]
RawCsv = Annotated[
    bool,
    typer.Option(
        "--raw",
        help="CSV cells exactly as they are: no leading ' on a cell a "
        "spreadsheet would read as a formula (=, +, -, @, tab, CR).",
    ),
]
LedgerPath = Annotated[
    Path | None,
    typer.Option(
        "--ledger",
        "-l",
        metavar="PATH",
        help="Ledger file (default: $TRACKER_LEDGER, else data/commitments.toml "
        "here or in a parent).",
        show_default=False,
        dir_okay=True,
    ),
]
AsOf = Annotated[
    dt.date | None,
    typer.Option(
        "--as-of",
        parser=_parse_date,
        metavar="DATE",
        help="The ledger as it stood on this day (default: today).",
    ),
]


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version."
        ),
    ] = False,
    # The very option each command takes, also before the command (as
    # `hledger -f`, `git -C`); one given after the command wins.
    ledger_path: LedgerPath = None,
) -> None:
    """Follow what governments promised each other, and whether they did it.

    The ledger is data/commitments.toml in this directory or the nearest parent
    that has one, or the file named by --ledger (before or after the command)
    or $TRACKER_LEDGER.

    Example:  tracker -l data/commitments.toml list --overdue
    """


def _as_of(as_of: dt.date | None, today: dt.date) -> dt.date:
    """The day asked for, else today. A day after today in every time zone
    (the rule `dates` gives the ledger) is allowed, and noted: what is overdue
    then counts from a day not yet reached."""
    if as_of is None:
        return today
    from tracker import dates

    latest = dates.latest_today()
    if dates.is_future(as_of, latest):
        output.message(
            f"note: --as-of {as_of} is after today (at most {latest} in any "
            "time zone); overdue days count from a day not yet reached"
        )
    return as_of


NoCache = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Parse the ledger afresh; do not read or store the parse cache "
        "(also: TRACKER_NO_CACHE=1).",
    ),
]
NoPager = Annotated[
    bool,
    typer.Option(
        "--no-pager",
        help="Print long output at once, not through $TRACKER_PAGER, $PAGER or less.",
    ),
]


def _use_cache(no_cache: bool) -> bool:
    return not no_cache and _cache.enabled(os.environ)


def _location(path: Path | None) -> store.Location:
    """The ledger named after the command, else before it, else found."""
    if path is None:
        path = _complete.given_ledger(get_current_context(silent=True))
    return store.find_ledger(path, os.environ, Path.cwd())


def _read(path: Path | None, no_cache: bool = False) -> tuple[Ledger, dt.date]:
    """The ledger the user means, validated, and today's date."""
    return _read_at(_location(path), no_cache)


def _read_at(
    location: store.Location, no_cache: bool = False, *, read_cache: bool = True
) -> tuple[Ledger, dt.date]:
    _note_bundled(location)
    with output.waiting("reading the ledger"):
        ledger = store.load(
            location, _latest_today(), _use_cache(no_cache), read_cache=read_cache
        )
    return _hold(ledger), dt.date.today()


_held: list[Ledger] = []


def _hold(ledger: Ledger) -> Ledger:
    """Keep the ledger a command reads until the next one is read. The
    console script ends the process as soon as a command returns (see
    `tracker._entry`); freeing a large ledger's hundred thousand objects one
    by one as the command returns would cost a tenth of a warm `list`."""
    _held[:] = [ledger]
    return ledger


def _note_bundled(location: store.Location) -> None:
    if location.bundled:
        output.message(
            f"note: no ledger here or in a parent; reading the bundled one "
            f"({location.path})"
        )


Countries = Annotated[
    list[str] | None,
    typer.Option(
        "--country",
        "-c",
        metavar="COUNTRY",
        help="Party, by code or name (repeatable).",
        autocompletion=_complete.countries,
    ),
]
Statuses = Annotated[
    list[str] | None,
    typer.Option(
        "--status",
        "-s",
        metavar="STATUS",
        help="Status on the day asked (repeatable).",
        autocompletion=_complete.statuses,
    ),
]
Categories = Annotated[
    list[str] | None,
    typer.Option(
        metavar="CATEGORY",
        help="Category (repeatable).",
        autocompletion=_complete.categories,
    ),
]
Sources = Annotated[
    list[str] | None,
    typer.Option(
        "--source",
        metavar="KEY",
        help="Made at this source: a key of the ledger's sources (repeatable).",
        autocompletion=_complete.sources,
    ),
]
CommitmentId = Annotated[
    str, typer.Argument(metavar="ID", autocompletion=_complete.commitment_ids)
]


@app.command("list")
def list_(
    country: Countries = None,
    status: Statuses = None,
    category: Categories = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            "-q",
            metavar="TEXT",
            help="Text in the id, title, quote or notes (any case).",
        ),
    ] = None,
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Only those past their due date.")
    ] = False,
    source: Sources = None,
    as_of: AsOf = None,
    sort: Annotated[
        str | None,
        typer.Option(
            callback=_one_of(query.SORT_KEYS),
            metavar="[" + "|".join(query.SORT_KEYS) + "]",
            help="Order (default: as in the ledger).",
        ),
    ] = None,
    fmt: ListFormats = "table",
    raw: RawCsv = False,
    ledger_path: LedgerPath = None,
    no_cache: NoCache = False,
    no_pager: NoPager = False,
) -> None:
    """List the commitments and where each stands.

    Example:  tracker list --country KZ --overdue -f json
    """
    output.allow_pager(not no_pager)
    ledger, today = _read(ledger_path, no_cache)
    keep = query.make_filter(
        ledger, country or (), status or (), category or (), search, overdue,
        source or (),
    )  # fmt: skip
    day = _as_of(as_of, today)
    rows = query.select(ledger, day, keep)
    listing = views.commitment_list(
        query.sort_rows(ledger, rows, sort), ledger.title, day
    )
    output.emit_listing(listing, OutputFormat(fmt), raw)


@app.command()
def show(
    commitment_id: CommitmentId,
    as_of: AsOf = None,
    fmt: TableOrJson = "table",
    ledger_path: LedgerPath = None,
    no_cache: NoCache = False,
    no_pager: NoPager = False,
) -> None:
    """Show one commitment in full: parties, source, quote and history.

    Example:  tracker show kz-consulates
    """
    output.allow_pager(not no_pager)
    ledger, today = _read(ledger_path, no_cache)
    day = _as_of(as_of, today)
    row = query.row_on(ledger, query.find(ledger, commitment_id), day)
    output.emit_detail(views.commitment_detail(ledger, row, day), OutputFormat(fmt))


@app.command()
def check(
    fmt: TableOrJson = "table",
    ledger_path: LedgerPath = None,
    no_cache: NoCache = False,
) -> None:
    """Check the ledger: every problem, as PATH:LINE: message.

    Exits 1 if there is any problem, so it can guard a ledger in CI. It
    always parses the file itself; it never takes the cache's word for it.

    Example:  tracker check --ledger data/commitments.toml
    """
    location = _location(ledger_path)
    try:
        # The guard CI relies on parses the file itself: a cache entry is
        # only as good as whoever wrote it.
        ledger, _ = _read_at(location, no_cache, read_cache=False)
    except InvalidLedger as error:
        path = error.problems[0].path if error.problems else ""
        output.emit_check(views.CheckResult(path, error.problems), OutputFormat(fmt))
        raise TrackerError(error.message) from None
    result = views.CheckResult(
        str(location.path), (), len(ledger.commitments), len(ledger.updates)
    )
    output.emit_check(result, OutputFormat(fmt))


Since = Annotated[
    dt.date | None,
    typer.Option(
        "--since",
        parser=_parse_date,
        metavar="DATE",
        help="From this day on (inclusive).",
    ),
]


def _check_order(since: dt.date | None, until: dt.date, what: str) -> None:
    if since is not None and since > until:
        raise errors.UsageError(
            f"--since {since} is after {what} {until}",
            hint="give --since a day on or before it",
        )


@app.command()
def report(
    as_of: AsOf = None,
    since: Annotated[
        dt.date | None,
        typer.Option(
            "--since",
            parser=_parse_date,
            metavar="DATE",
            help="Also list the status changes from this day to --as-of "
            "(both inclusive).",
        ),
    ] = None,
    country: Countries = None,
    category: Categories = None,
    status: Statuses = None,
    source: Sources = None,
    fmt: Annotated[
        str,
        _format_option(
            OutputFormat.TABLE,
            OutputFormat.MARKDOWN,
            OutputFormat.JSON,
            OutputFormat.CSV,
            OutputFormat.HTML,
            OutputFormat.SVG,
        ),
    ] = "table",
    output_path: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the report to FILE (atomically) instead of stdout: a "
            "regular file or a new one, never the ledger or its files.",
            dir_okay=False,
        ),
    ] = None,
    section: Annotated[
        str | None,
        typer.Option(
            "--section",
            callback=_one_of(CSV_SECTIONS),
            metavar="[" + "|".join(CSV_SECTIONS) + "]",
            help="With --format csv: that section alone, in its own columns "
            "(changes needs --since).",
        ),
    ] = None,
    raw: RawCsv = False,
    ledger_path: LedgerPath = None,
    no_cache: NoCache = False,
    no_pager: NoPager = False,
) -> None:
    """Report where each party and category stands: progress, compliance
    score, what is overdue and, with --since, what changed.

    Example:  tracker report --since 2026-07-01 -f markdown
    """
    output.allow_pager(not no_pager)
    location = _location(ledger_path)
    _note_bundled(location)
    with output.waiting("reading the ledger"):
        ledger, digest = store.load_with_digest(
            location, _latest_today(), _use_cache(no_cache)
        )
    _hold(ledger)
    day = _as_of(as_of, dt.date.today())
    _check_order(since, day, "the report's date")
    if section is not None and fmt != OutputFormat.CSV:
        raise errors.UsageError(
            "--section picks a table of the CSV report",
            hint=f"tracker report --format csv --section {section}",
        )
    if section == "changes" and since is None:
        raise errors.UsageError(
            "--section changes needs --since: the changes are from that day on",
            hint="tracker report --format csv --section changes --since DATE",
        )
    keep = query.make_filter(
        ledger, country or (), status or (), category or (), sources=source or ()
    )
    from tracker import _report_file, aggregate

    built = aggregate.build(ledger, day, keep, since)

    def full_view() -> "report_view.View":
        from tracker.render import report_view

        return report_view.context(ledger, built, keep, digest)

    protected = _report_file.ledger_files(location.path, ledger) if output_path else []
    output.emit_report(
        built, OutputFormat(fmt), output_path, full_view, protected, section, raw
    )


@app.command()
def log(
    since: Since = None,
    until: Annotated[
        dt.date | None,
        typer.Option(
            "--until",
            parser=_parse_date,
            metavar="DATE",
            help="Up to this day, inclusive; today if not given.",
        ),
    ] = None,
    country: Countries = None,
    category: Categories = None,
    source: Sources = None,
    commitment: Annotated[
        list[str] | None,
        typer.Option(
            "--commitment",
            metavar="ID",
            help="Commitment (repeatable).",
            autocompletion=_complete.commitment_ids,
        ),
    ] = None,
    reverse: Annotated[bool, typer.Option("--reverse", help="Oldest first.")] = False,
    fmt: ListFormats = "table",
    raw: RawCsv = False,
    ledger_path: LedgerPath = None,
    no_cache: NoCache = False,
    no_pager: NoPager = False,
) -> None:
    """Show the update log across all commitments, newest first.

    Every update is listed, with the status before it (from) and after (to);
    a re-confirmation has the same status on both sides.

    Example:  tracker log --since 2026-07-01 --country KZ
    """
    output.allow_pager(not no_pager)
    ledger, today = _read(ledger_path, no_cache)
    day = until or today
    _check_order(since, day, "--until")
    keep = query.make_filter(
        ledger, country or (), (), category or (), sources=source or ()
    )
    ids = [query.find(ledger, cid).id for cid in commitment or ()]
    entries = query.log(ledger, since, day, keep, ids)
    if not reverse:
        entries.reverse()
    output.emit_listing(views.update_log(entries), OutputFormat(fmt), raw)


@app.command()
def export(
    kind: Annotated[
        str,
        typer.Argument(
            metavar="sqlite",
            help="What to write: sqlite.",
            callback=_one_of(["sqlite"]),
        ),
    ],
    out: Annotated[
        Path, typer.Argument(metavar="OUT.db", help="The database file to write.")
    ],
    as_of: AsOf = None,
    source: Sources = None,
    ledger_path: LedgerPath = None,
    no_cache: NoCache = False,
) -> None:
    """Export the ledger as of a day into SQLite, with metadata for Datasette.

    Writes OUT.db (replaced whole, atomically) and OUT.metadata.json beside it;
    serve both with: datasette OUT.db --metadata OUT.metadata.json

    Example:  tracker export sqlite out.db --as-of 2026-06-30
    """
    from tracker import _report_file, export_sqlite

    location = _location(ledger_path)
    ledger, today = _read_at(location, no_cache)
    keep = query.make_filter(ledger, sources=source or ())
    protected = _report_file.ledger_files(location.path, ledger)
    exported = export_sqlite.export(ledger, out, _as_of(as_of, today), keep, protected)
    _after_commit(True, lambda: output.emit_exported(exported))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


By = Annotated[
    str | None,
    typer.Option(
        "--by",
        metavar="NAME",
        help="Who made the assessment (default: $TRACKER_AUTHOR, else git's "
        "user.name where the ledger is kept).",
        show_default=False,
    ),
]


def _latest_today() -> dt.date:
    """What validation takes for today: the date is not in the future while it
    is today anywhere (see `dates`)."""
    from tracker import dates

    return dates.latest_today()


def _utf8(values: dict[str, str | Sequence[str] | None]) -> None:
    """Refuse text for the ledger that is not valid UTF-8 (bytes typed at a
    Latin-1 terminal arrive as lone surrogates, which no file can hold)."""
    for label, value in values.items():
        for text in [value] if isinstance(value, str) else value or ():
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                try:
                    raw = text.encode("utf-8", "surrogateescape")
                    shown = raw.decode("utf-8", "backslashreplace")
                except UnicodeEncodeError:
                    shown = ascii(text)
                raise TrackerError(
                    f"{label} is not valid UTF-8: {shown}",
                    hint="set the terminal to UTF-8 (LANG=C.UTF-8) and type it again",
                ) from None


def _after_commit(written: bool, emit: Callable[[], None]) -> None:
    """Say what a write did. Once it is written the command has succeeded
    (exit 0: a script that retried would write it twice), so output that
    cannot be written is only noted on stderr."""
    try:
        emit()
    except errors.CannotWriteOutput as error:
        if not written:
            raise
        output.message(f"note: written, but {error.message}")


DryRun = Annotated[
    bool,
    typer.Option("--dry-run", help="Show the block it would append; write nothing."),
]
NewCategory = Annotated[
    bool,
    typer.Option(
        "--new-category",
        help="Start a category the ledger does not have yet (without it, one "
        "it does not have is refused as a likely typo).",
    ),
]


@app.command()
def update(
    commitment_id: CommitmentId,
    status: Annotated[
        str,
        typer.Argument(
            metavar="STATUS",
            help="The status it reached, in any case: "
            + ", ".join(DEFAULT_SCALE.names)
            + " (the default scale; a ledger may define its own).",
            autocompletion=_complete.statuses,
        ),
    ],
    note: Annotated[str, typer.Option("--note", "-n", help="What happened.")],
    date: Annotated[
        dt.date | None,
        typer.Option(
            parser=_parse_date,
            metavar="DATE",
            help="When it happened (default: today).",
        ),
    ] = None,
    evidence: Annotated[
        list[str] | None,
        typer.Option(
            "--evidence", "-e", help="A URL, a source key or a sentence (repeatable)."
        ),
    ] = None,
    party: Annotated[
        list[str] | None,
        typer.Option(
            "--party",
            "-p",
            metavar="COUNTRY",
            help="A party it concerns, by code or name (repeatable; "
            "default: every party).",
            autocompletion=_complete.parties,
        ),
    ] = None,
    by: By = None,
    dry_run: DryRun = False,
    ledger_path: LedgerPath = None,
    no_cache: NoCache = False,
) -> None:
    """Record what happened to a commitment: append an update to the ledger.

    The ledger only grows: the update is added at the end of the file, and
    everything already there stays byte for byte. With --party the update
    concerns only those parties; the others keep their status.

    Example:  tracker update kz-consulates fulfilled \\
      --party KZ -n "Opened" -e URL
    """
    from tracker import record, writes

    _utf8(
        {
            "ID": commitment_id, "STATUS": status, "--note": note,
            "--evidence": evidence, "--party": party, "--by": by,
        }
    )  # fmt: skip
    latest = _latest_today()
    location = _location(ledger_path)
    request = record.UpdateRequest(
        commitment=commitment_id,
        status=status,
        note=note,
        date=date or dt.date.today(),  # the user's own today
        evidence=tuple(evidence or ()),
        recorded=_now(),
        parties=tuple(party or ()),
        by=store.author(by, os.environ, location.path),
    )
    result = writes.append(
        location,
        partial(record.new_update, request=request, today=latest),
        latest,
        timeout=writes.lock_timeout(os.environ),
        dry_run=dry_run,
        use_cache=_use_cache(no_cache),
    )
    _after_commit(
        result.written,
        lambda: output.emit_written(
            result, record.update_summary(result.before, result.block)
        ),
    )


@app.command()
def add(
    title: Annotated[str, typer.Option(help="What was promised, in a line.")],
    country: Annotated[
        list[str],
        typer.Option(
            "--country",
            "-c",
            help="Party, by code or name (repeatable).",
            autocompletion=_complete.countries,
        ),
    ],
    category: Annotated[
        str,
        typer.Option(
            help="One the ledger has, in any case (e.g. consular, economy); "
            "a new one needs --new-category.",
            autocompletion=_complete.categories,
        ),
    ],
    quote: Annotated[str, typer.Option(help="The words of the source.")],
    source: Annotated[str, typer.Option(help="Its key among the sources.")],
    made: Annotated[
        dt.date,
        typer.Option(parser=_parse_date, metavar="DATE", help="When it was made."),
    ],
    due: Annotated[
        dt.date | None,
        typer.Option(parser=_parse_date, metavar="DATE", help="Deadline, if any."),
    ] = None,
    tags: Annotated[
        list[str] | None,
        typer.Option(help="Tags, comma-separated or repeated."),
    ] = None,
    notes: Annotated[str | None, typer.Option(help="The curator's notes.")] = None,
    commitment_id: Annotated[
        str | None,
        typer.Option("--id", help="A slug (default: made from the title)."),
    ] = None,
    by: By = None,
    new_category: NewCategory = False,
    dry_run: DryRun = False,
    ledger_path: LedgerPath = None,
    no_cache: NoCache = False,
) -> None:
    """Add a commitment: append it to the ledger.

    Its id is made from the title unless --id gives one. A category the
    ledger does not have yet is refused as a likely typo, with the nearest
    one it has, unless --new-category says it is new.

    Example:  tracker add --title "Open a water laboratory" \\
      -c CN -c KZ --category science --source astana-2024 \\
      --made 2024-03-01 --quote "will open a laboratory"
    """
    from tracker import record, writes

    _utf8(
        {
            "--title": title, "--country": country, "--category": category,
            "--quote": quote, "--source": source, "--tags": tags,
            "--notes": notes, "--id": commitment_id, "--by": by,
        }
    )  # fmt: skip
    location = _location(ledger_path)
    request = record.CommitmentRequest(
        title=title,
        countries=tuple(country),
        category=category,
        quote=quote,
        source=source,
        made=made,
        due=due,
        tags=tuple(tags or ()),
        notes=notes,
        id=commitment_id,
        by=store.author(by, os.environ, location.path),
        new_category=new_category,
    )
    result = writes.append(
        location,
        partial(record.new_commitment, request=request),
        _latest_today(),
        timeout=writes.lock_timeout(os.environ),
        dry_run=dry_run,
        use_cache=_use_cache(no_cache),
    )
    _after_commit(
        result.written,
        lambda: output.emit_written(result, record.add_summary(result.block)),
    )


@app.command("import")
def import_(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE.csv",
            help="A CSV file; its header row names the columns.",
            dir_okay=False,
        ),
    ],
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help="Show the blocks it would append; write nothing."
        ),
    ] = False,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            metavar="NAME",
            help="Who recorded the rows whose by column is empty (default: "
            "$TRACKER_AUTHOR, else git's user.name where the ledger is kept).",
            show_default=False,
        ),
    ] = None,
    new_category: NewCategory = False,
    ledger_path: LedgerPath = None,
    no_cache: NoCache = False,
) -> None:
    """Import commitments or updates from a spreadsheet, all in one write.

    The header row tells which: a 'title' column for commitments, a
    'commitment' column for updates. Every row is checked first; one bad row
    and nothing is written. One tracker undo takes the whole import back.

    Example:  tracker import pledges.csv --dry-run
    """
    from tracker import import_csv, writes

    _utf8({"--by": by})
    latest = _latest_today()
    sheet = import_csv.read(file)
    output.message(f"read {file} as {sheet.encoding}")
    location = _location(ledger_path)
    result = writes.append_blocks(
        location,
        import_csv.build(
            sheet,
            location.path,
            dt.date.today(),
            latest,
            _now(),
            store.author(by, os.environ, location.path),
            new_category=new_category,
        ),
        latest,
        timeout=writes.lock_timeout(os.environ),
        dry_run=dry_run,
        use_cache=_use_cache(no_cache),
    )
    line = import_csv.summary(
        import_csv.kind_of(sheet), len(result.blocks), result.path
    )
    _after_commit(result.written, lambda: output.emit_imported(result, line))


source_app = typer.Typer(
    no_args_is_help=True,
    help="Sources that commitments quote and updates cite.\n\n"
    "A source is a meeting, a statement or an article; its key is how "
    "commitments and updates name it.\n\n"
    "Example:  tracker source add kazinform-2023-05-19 \\\n"
    "  --title TITLE --url URL",
)
app.add_typer(source_app, name="source")


@source_app.command("add")
def source_add(
    key: Annotated[
        str, typer.Argument(metavar="KEY", help="A slug, e.g. kazinform-2023-05-19.")
    ],
    title: Annotated[str, typer.Option(help="The article's or document's title.")],
    url: Annotated[str | None, typer.Option(help="Where to read it.")] = None,
    publisher: Annotated[
        str | None, typer.Option(help="Who published it, e.g. Kazinform.")
    ] = None,
    published: Annotated[
        dt.date | None,
        typer.Option(parser=_parse_date, metavar="DATE", help="When it was published."),
    ] = None,
    text_file: Annotated[
        Path | None,
        typer.Option(
            "--text-file",
            metavar="FILE",
            help="Archive this text as sources/KEY.EXT beside the ledger.",
            dir_okay=False,
        ),
    ] = None,
    dry_run: DryRun = False,
    ledger_path: LedgerPath = None,
) -> None:
    """Add a source: append its table, sources.KEY, to the ledger.

    A source only cited as evidence needs no archived text; one that a
    commitment quotes does (--text-file).

    Example:  tracker source add kazinform-2023-05-19 \\
      --title "A consulate opens" --publisher Kazinform \\
      --url https://example.org/a --published 2023-05-19
    """
    from tracker import record, writes

    _utf8({"KEY": key, "--title": title, "--url": url, "--publisher": publisher})
    request = record.SourceRequest(
        key=key, title=title, url=url, publisher=publisher, published=published
    )
    result = writes.add_source(
        _location(ledger_path),
        request,
        text_file,
        _latest_today(),
        timeout=writes.lock_timeout(os.environ),
        dry_run=dry_run,
    )
    _after_commit(
        result.written,
        lambda: output.emit_written(result, record.source_summary(result.block)),
    )


@app.command()
def undo(
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Do not ask; needed in scripts.")
    ] = False,
    ledger_path: LedgerPath = None,
) -> None:
    """Take back the last block tracker appended, if it is still last and unchanged.

    Example:  tracker undo --yes
    """
    from tracker import writes

    location = _location(ledger_path)
    plan = writes.undo_plan(location)
    output.emit_undo_plan(plan)
    if not yes:
        if not output.stdin_is_terminal():
            raise TrackerError(
                "nothing removed: undo asks first, and stdin is not a terminal",
                hint="add --yes to remove it without asking",
            )
        if not output.confirm(f"Remove it from {plan.path}?"):
            raise TrackerError("nothing removed")
    timeout = writes.lock_timeout(os.environ)
    writes.undo(location, plan, _latest_today(), timeout=timeout)
    output.emit_undone(plan)


@app.command()
def init(
    path: Annotated[
        str,
        typer.Argument(
            help="Where to write it; in a directory (or a path ending in /), "
            "commitments.toml.",
            show_default=True,
        ),
    ] = str(store.LEDGER_NAME),
    empty: Annotated[
        bool, typer.Option("--empty", help="A minimal ledger, not the Xi'an one.")
    ] = False,
) -> None:
    """Write a new ledger: the bundled Xi'an one with its sources, or --empty.

    Example:  tracker init data/commitments.toml
    """
    from tracker import writes

    created = writes.init(writes.init_path(path), _latest_today(), empty=empty)
    _after_commit(True, lambda: output.emit_created(created))


@app.command("merge-driver")
def merge_driver(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="BASE OURS THEIRS PATH",
            help="The files git passes as %O %A %B %P.",
            show_default=False,
        ),
    ] = None,
    install: Annotated[
        bool,
        typer.Option(
            "--install", help="Register the driver in this repository's git config."
        ),
    ] = False,
) -> None:
    """Merge two branches' ledgers in git: keep the blocks both sides appended.

    Git runs it as `tracker merge-driver %O %A %B %P` for the files that
    .gitattributes marks `merge=tracker`; it leaves the result in OURS and
    exits 0, or leaves git's conflict markers and exits 1.

    Example:  tracker merge-driver --install
    """
    from tracker import merge

    if install:
        if files:
            raise errors.UsageError("--install takes no files")
        for line in merge.install(Path.cwd()):
            output.message(f"ran: {line}")
        return
    if not files or len(files) != 4:
        raise errors.UsageError(
            "give the four files git passes: BASE OURS THEIRS PATH",
            hint="register it with: tracker merge-driver --install",
        )
    base, ours, theirs, path = files
    outcome = merge.resolve(base, ours, theirs, path, _latest_today())
    output.emit_merge(path, outcome)
    if not outcome.clean:
        raise TrackerError(
            f"{path}: conflict; resolve it by hand, then run tracker check",
            hint="keep every block of both sides",
        )


def _app_for(args: Sequence[str]) -> typer.Typer:
    """The app, with only the command that will run when that is known.

    Typer builds the options of every registered command at start-up, about
    a millisecond each; a run needs one. Help, completion and anything
    unrecognised get the whole app.
    """
    if not args or os.environ.get("_TRACKER_COMPLETE"):
        return app
    # The command is the first word, or comes after options such as
    # `--ledger PATH`: keep every command named anywhere on the line, which
    # always includes the one that runs, and leaves parsing to click.
    words = set(args)
    wanted = [
        info
        for info in app.registered_commands
        if (info.name or getattr(info.callback, "__name__", "")) in words
    ]
    if not wanted and args[0] != "--version":
        return app
    lean = copy.copy(app)
    lean.registered_commands = wanted
    return lean


def main(argv: Sequence[str] | None = None) -> None:
    """The console script."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        _app_for(args)(args=args, prog_name="tracker")
    except KeyboardInterrupt as stop:  # before or after a command runs
        stopped = Interrupted(stop)
        output.report_error(stopped)
        sys.exit(stopped.exit_code)
