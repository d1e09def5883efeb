"""Commitments or updates from a spreadsheet, appended to the ledger in one write.

The header row names the columns, which are the ledger's own keys: a file
with a `commitment` column holds updates, one with a `title` column holds
commitments. Each row is checked like `tracker add` or `tracker update`;
every problem is reported at once as FILE:ROW: message, and only a file
without problems is appended, whole, as one write and one undo step.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from tracker import dates, loader, record, store
from tracker.errors import InvalidLedger, Problem, RowsRefused, TrackerError
from tracker.model import Ledger

MAX_FILE_BYTES = 64 * 1024 * 1024
Cell = Callable[[str], Any]


def _text(cell: str) -> str:
    return cell.strip()


def _date(cell: str) -> dt.date:
    try:
        return dt.date.fromisoformat(cell.strip())
    except ValueError:
        # Say what is wrong, as a typed date does: 2024-13-01 has no month 13.
        return dates.parse_date(cell.strip())


def _list(cell: str) -> tuple[str, ...]:
    """Several values in one cell, separated by `;` or `,`."""
    return tuple(part.strip() for part in re.split(r"[;,]", cell) if part.strip())


def _items(cell: str) -> tuple[str, ...]:
    """Evidence: a sentence may hold commas, so only `;` separates items."""
    return tuple(part.strip() for part in cell.split(";") if part.strip())


# The columns of each kind of file: the ledger's keys, and how a cell is read.
# Each key is also the name of a field of the request it goes into
# (`record.CommitmentRequest`, `record.UpdateRequest`), so a new key of a
# block is one line here.
COMMITMENT_COLUMNS: dict[str, Cell] = {
    "id": _text,
    "title": _text,
    "countries": _list,
    "category": _text,
    "made": _date,
    "source": _text,
    "quote": _text,
    "due": _date,
    "tags": _list,
    "notes": _text,
    "by": _text,
}
UPDATE_COLUMNS: dict[str, Cell] = {
    "commitment": _text,
    "date": _date,
    "status": _text,
    "note": _text,
    "evidence": _items,
    "parties": _list,
    "by": _text,
}
REQUIRED = {
    "commitment": ("title", "countries", "category", "made", "source", "quote"),
    "update": ("commitment", "status", "note"),
}


class Sheet(NamedTuple):
    """The rows of a spreadsheet file, as read."""

    path: Path
    encoding: str  # as said to the person: "UTF-8", "cp1252 (Windows-1252)"
    header: tuple[str, ...]
    rows: tuple[tuple[int, dict[str, str]], ...]  # (row number, cells by column)


def decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding assumed: UTF-8 (with or without
    a byte-order mark), else cp1252, which Excel writes on Windows."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "UTF-8 (with BOM)"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252 (Windows-1252, as Excel saves CSV)"
    except UnicodeDecodeError as error:
        raise TrackerError(
            f"cannot read the file: byte {error.start + 1} is neither UTF-8 nor cp1252",
            hint="save it from the spreadsheet as CSV UTF-8",
        ) from None


def _read_bytes(path: Path) -> bytes:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise TrackerError(f"no file {path}", hint="check the path") from None
    except (OSError, ValueError) as error:
        raise TrackerError(f"cannot read {path}: {error}") from None
    if not stat.S_ISREG(info.st_mode):
        raise TrackerError(f"{path} is not a regular file", hint="name a .csv file")
    if info.st_size > MAX_FILE_BYTES:
        raise TrackerError(f"{path} is larger than {MAX_FILE_BYTES:,} bytes")
    try:
        return path.read_bytes()
    except OSError as error:
        raise TrackerError(f"cannot read {path}: {error.strerror}") from None


def read(path: Path) -> Sheet:
    """The rows of the CSV (or .xlsx) file at `path`; blank rows are left out."""
    from tracker import spreadsheet

    if path.suffix.lower() in spreadsheet.XLSX_SUFFIXES:
        _read_bytes(path)  # the same checks: a regular file, not too large
        table = spreadsheet.read_rows(path)
        if not table:
            raise TrackerError(
                f"{path} is empty", hint="its first row names the columns"
            )
        return _sheet(path, "an Excel workbook (its first sheet)", iter(table))
    data = _read_bytes(path)
    try:
        text, encoding = decode(data)
    except TrackerError as error:
        error.message = f"{path}: {error.message}"
        raise
    first = text.split("\n", 1)[0]
    # Excel in many European locales separates cells with `;`.
    delimiter = ";" if ";" in first and "," not in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _sheet(path, encoding, iter(reader))
    except csv.Error as error:
        raise TrackerError(f"{path}:{reader.line_num}: {error}") from None


def _sheet(path: Path, encoding: str, records: Iterator[list[str]]) -> Sheet:
    try:
        header = tuple(cell.strip() for cell in next(records))
    except StopIteration:
        raise TrackerError(
            f"{path} is empty", hint="its first row names the columns"
        ) from None
    rows = []
    for number, cells in enumerate(records, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        rows.append((number, dict(zip(header, cells, strict=False))))
    return Sheet(path, encoding, header, tuple(rows))


def kind_of(sheet: Sheet) -> str:
    """ "commitment" or "update", told by the header row."""
    header = set(sheet.header)
    if "commitment" in header and "title" not in header:
        return "update"
    if "title" in header and "commitment" not in header:
        return "commitment"
    raise TrackerError(
        f"{sheet.path}:1: the header row names neither commitments (a 'title' "
        "column) nor updates (a 'commitment' column)",
        hint="the columns are the ledger's keys: title, countries, category, "
        "made, source, quote... or commitment, date, status, note, evidence",
    )


def _check_header(sheet: Sheet, kind: str) -> list[Problem]:
    columns = COMMITMENT_COLUMNS if kind == "commitment" else UPDATE_COLUMNS
    problems = []
    where = str(sheet.path)
    for name in sheet.header:
        if name and name not in columns:
            close = loader.nearest(name, list(columns))
            guess = f"; did you mean {close[0]!r}?" if close else ""
            known = ", ".join(columns)
            problems.append(
                Problem(where, 1, f"unknown column {name!r}{guess} (columns: {known})")
            )
    if len(set(sheet.header)) != len(sheet.header):
        twice = sorted({n for n in sheet.header if sheet.header.count(n) > 1})
        problems.append(Problem(where, 1, f"column {twice[0]!r} is given twice"))
    for name in REQUIRED[kind]:
        if name not in sheet.header:
            problems.append(Problem(where, 1, f"no {name!r} column; it is required"))
    return problems


def _fields(
    cells: dict[str, str], columns: dict[str, Cell], required: Sequence[str]
) -> dict[str, Any]:
    """The row's non-empty cells, each read by its column."""
    fields: dict[str, Any] = {}
    for name, cell in cells.items():
        if name in columns and cell is not None and cell.strip():
            try:
                fields[name] = columns[name](cell)
            except ValueError as error:
                raise ValueError(f"{name}: {error}") from None
    for name in required:
        if name not in fields:
            raise ValueError(f"the {name} is empty")
    return fields


@dataclass
class _Build:
    """Makes the blocks of every row from the ledger read under the lock."""

    sheet: Sheet
    kind: str
    today: dt.date  # the user's own: an update's date when none is given
    latest: dt.date  # the latest today anywhere: what validation takes
    recorded: dt.datetime
    read_source: loader.ReadSource
    by: str | None = None  # who is importing: a row's empty `by` is theirs
    new_category: bool = False  # categories the ledger lacks are meant (--new-category)

    def __call__(self, ledger: Ledger) -> list[record.Block]:
        problems = _check_header(self.sheet, self.kind)
        if problems:
            raise RowsRefused(problems, str(self.sheet.path))
        if not self.sheet.rows:
            raise TrackerError(
                f"{self.sheet.path} has no rows below its header; nothing imported"
            )
        blocks: list[record.Block] = []
        rows: list[int] = []
        taken: dict[str, int] = {}  # ids of this file, and their rows
        for number, cells in self.sheet.rows:
            try:
                block = self._block(ledger, cells, taken)
            except (TrackerError, ValueError) as error:
                problems.append(self._problem(number, error))
                continue
            if self.kind == "commitment":
                taken[block.table["id"]] = number
            blocks.append(block)
            rows.append(number)
        problems.extend(self._validate(ledger, blocks, rows))
        if problems:
            raise RowsRefused(problems, str(self.sheet.path))
        return blocks

    def _problem(self, number: int, error: Exception) -> Problem:
        if isinstance(error, TrackerError):
            message = error.message
            if error.hint:
                message += f" ({error.hint})"
        else:
            message = str(error)
        return Problem(str(self.sheet.path), number, message)

    def _block(
        self, ledger: Ledger, cells: dict[str, str], taken: dict[str, int]
    ) -> record.Block:
        if self.kind == "update":
            fields = _fields(cells, UPDATE_COLUMNS, REQUIRED["update"])
            defaults = {"date": self.today, "evidence": (), "by": self.by}
            request = record.UpdateRequest(
                **{**defaults, **fields}, recorded=self.recorded
            )
            return record.new_update(ledger, request, self.latest)
        fields = _fields(cells, COMMITMENT_COLUMNS, REQUIRED["commitment"])
        fields.setdefault("by", self.by)
        wanted = fields.get("id")
        if wanted is None:
            # A slug of the title, free in the ledger and in this file.
            base = record.slugify(fields["title"])
            fields["id"] = record.unique_id(base, {*ledger.commitment_by_id, *taken})
        elif wanted in taken:
            raise ValueError(f"id {wanted!r} is also on row {taken[wanted]}")
        pledge = record.CommitmentRequest(**fields, new_category=self.new_category)
        return record.new_commitment(ledger, pledge)

    def _validate(
        self, ledger: Ledger, blocks: list[record.Block], rows: list[int]
    ) -> Iterator[Problem]:
        """The loader's own checks (quotes in their sources...), by row."""
        if not blocks:
            return
        texts = [record.serialise(block) for block in blocks]
        starts, line = [], 1
        for text in texts:
            starts.append(line)
            line += text.count("\n") + 1
        path = self.sheet.path
        try:
            loader.extend(
                ledger, "\n".join(texts), str(path), self.read_source, self.latest, 1
            )
        except InvalidLedger as error:
            for problem in error.problems:
                index = _block_at(starts, problem.line or 1)
                yield Problem(str(path), rows[index], problem.message)


def _block_at(starts: list[int], line: int) -> int:
    """The index of the block that `line` of the joined blocks falls in."""
    import bisect

    return max(bisect.bisect_right(starts, line) - 1, 0)


def build(
    sheet: Sheet,
    ledger_path: Path,
    today: dt.date,
    latest: dt.date,
    recorded: dt.datetime,
    by: str | None = None,
    *,
    new_category: bool = False,
) -> Callable[[Ledger], list[record.Block]]:
    """The function that makes the sheet's blocks from the ledger as it is:
    `today` is the user's, `latest` the latest today anywhere (see `dates`);
    `by` is who is importing, for the rows that do not say who; a category
    the ledger lacks is refused, as by `tracker add`, unless `new_category`."""
    kind = kind_of(sheet)
    reader = store.source_reader(ledger_path)
    return _Build(sheet, kind, today, latest, recorded, reader, by, new_category)


def summary(kind: str, count: int, path: Path) -> str:
    noun = kind if count == 1 else f"{kind}s"
    return f"imported {count} {noun} into {path}"
