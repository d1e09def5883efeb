"""The first sheet of an Excel workbook (.xlsx) as rows of text, like a CSV file.

Reading .xlsx needs openpyxl, an optional extra (`pip install 'tracker[xlsx]'`):
a CSV file needs nothing beyond Python.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tracker.errors import TrackerError

XLSX_SUFFIXES = (".xlsx", ".xlsm")


def cell_text(value: object) -> str:
    """A cell as the text a CSV export would hold; dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_rows(path: Path) -> list[list[str]]:
    """Every row of the workbook's first sheet, header first, as text."""
    try:
        import openpyxl
    except ImportError:
        raise TrackerError(
            f"reading {path} needs openpyxl, which is not installed",
            hint="pip install 'tracker[xlsx]', or save the sheet as CSV UTF-8",
        ) from None
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise TrackerError(f"cannot read {path} as a workbook: {error}") from None
    try:
        sheet = workbook.worksheets[0]
        return [
            [cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)
        ]
    finally:
        workbook.close()
