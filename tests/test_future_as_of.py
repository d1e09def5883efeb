"""An --as-of after today is allowed, with a note on stderr: what is overdue
then counts from a day not yet reached. "After today" is the one rule of
`dates`: after today's date at UTC+14."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tracker import dates

from conftest import Run

LATEST = dt.date(2026, 11, 30)  # today at UTC+14, held still
NOTE = (
    "note: --as-of {day} is after today (at most 2026-11-30 in any time zone); "
    "overdue days count from a day not yet reached\n"
)


@pytest.fixture(autouse=True)
def held_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates, "latest_today", lambda now=None: LATEST)


@pytest.mark.parametrize(
    "args",
    [
        ("list",),
        ("list", "-f", "json"),
        ("show", "water-lab"),
        ("report",),
        ("report", "-f", "csv", "--section", "overall"),
        ("export", "sqlite", "out.db"),
    ],
)
def test_a_day_after_today_everywhere_is_noted(
    run: Run, small_ledger: Path, args: tuple[str, ...]
) -> None:
    result = run(*args, "--as-of", "2026-12-01", "--ledger", small_ledger)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(NOTE.format(day="2026-12-01"))
    assert result.stderr.count("note: --as-of") == 1


def test_the_note_leaves_the_output_as_it_was(
    run: Run, small_ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ("list", "-f", "json", "--as-of", "2027-06-01", "--ledger", small_ledger)
    noted = run(*args)
    assert noted.stderr == NOTE.format(day="2027-06-01")
    rows = {r["id"]: r for r in json.loads(noted.stdout)}
    assert rows["water-lab"]["overdue"] is True  # due 2024-12-31
    # The same day once it has come: the same output, and no note.
    monkeypatch.setattr(dates, "latest_today", lambda now=None: dt.date(2027, 6, 1))
    reached = run(*args)
    assert (reached.stdout, reached.stderr) == (noted.stdout, "")


@pytest.mark.parametrize("day", ["2026-11-30", "2024-06-01"])
def test_today_anywhere_and_the_past_are_not_noted(
    run: Run, small_ledger: Path, day: str
) -> None:
    for args in [("list",), ("show", "water-lab"), ("report",)]:
        result = run(*args, "--as-of", day, "--ledger", small_ledger)
        assert result.exit_code == 0, result.stderr
        assert result.stderr == ""
