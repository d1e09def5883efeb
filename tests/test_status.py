"""Status is derived from the update log, as it stood on any day."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.model import Commitment, Ledger, Update

D = dt.date


def ledger_with(*updates: tuple[str, str, str], due: dt.date | None = None) -> Ledger:
    """A one-commitment ledger (made 2024-03-01) with updates (date, status, note)."""
    commitment = Commitment(
        "lab", "Open a lab", ("CN", "KZ"), "science", D(2024, 3, 1), "s", "q", due
    )
    return Ledger(
        title="t",
        countries=(("CN", "China"), ("KZ", "Kazakhstan")),
        sources=(),
        commitments=(commitment,),
        updates=tuple(
            Update("lab", D.fromisoformat(day), status, note)
            for day, status, note in updates
        ),
    )


def state(ledger: Ledger, day: str) -> tuple[str, str, bool]:
    s = ledger.state(ledger.commitments[0], D.fromisoformat(day))
    return s.status.name, s.since.isoformat(), s.overdue


def test_no_update_means_pledged_since_made() -> None:
    assert state(ledger_with(), "2025-01-01") == ("pledged", "2024-03-01", False)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param("2024-05-31", ("pledged", "2024-03-01", False), id="before-first"),
        pytest.param(
            "2024-06-01", ("in-progress", "2024-06-01", False), id="on-the-day"
        ),
        pytest.param("2024-12-31", ("in-progress", "2024-06-01", False), id="between"),
        pytest.param("2025-02-01", ("fulfilled", "2025-02-01", False), id="after-last"),
    ],
)
def test_latest_update_on_or_before_the_day(
    day: str, expected: tuple[str, str, bool]
) -> None:
    ledger = ledger_with(
        ("2024-06-01", "in-progress", "begun"), ("2025-02-01", "fulfilled", "opened")
    )
    assert state(ledger, day) == expected


def test_file_order_breaks_ties_on_the_same_day() -> None:
    ledger = ledger_with(
        ("2024-06-01", "in-progress", "a"), ("2024-06-01", "stalled", "b")
    )
    assert state(ledger, "2024-06-01")[0] == "stalled"


def test_updates_out_of_file_order_are_read_by_date() -> None:
    ledger = ledger_with(
        ("2025-02-01", "fulfilled", "opened"), ("2024-06-01", "in-progress", "begun")
    )
    assert state(ledger, "2024-12-31")[0] == "in-progress"
    assert state(ledger, "2025-03-01")[0] == "fulfilled"


def test_reconfirmation_keeps_the_date_the_status_began() -> None:
    ledger = ledger_with(
        ("2024-06-01", "in-progress", "begun"),
        ("2024-09-01", "in-progress", "still going, new evidence"),
    )
    assert state(ledger, "2024-10-01") == ("in-progress", "2024-06-01", False)


def test_reconfirming_pledged_dates_from_when_it_was_made() -> None:
    ledger = ledger_with(("2024-06-01", "pledged", "restated"))
    assert state(ledger, "2024-10-01") == ("pledged", "2024-03-01", False)


@pytest.mark.parametrize(
    ("updates", "day", "overdue"),
    [
        pytest.param((), "2024-12-31", False, id="due-today-is-not-overdue"),
        pytest.param((), "2025-01-01", True, id="day-after-due"),
        pytest.param(
            (("2024-06-01", "partial", "x"),), "2025-01-01", True, id="partial-is-open"
        ),
        pytest.param(
            (("2024-06-01", "fulfilled", "x"),),
            "2025-01-01",
            False,
            id="fulfilled-is-closed",
        ),
        pytest.param(
            (("2024-06-01", "abandoned", "x"),),
            "2025-01-01",
            False,
            id="abandoned-is-closed",
        ),
        pytest.param(
            (("2025-06-01", "fulfilled", "x"),),
            "2025-01-01",
            True,
            id="closed-later-counts-later",
        ),
    ],
)
def test_overdue(
    updates: tuple[tuple[str, str, str], ...], day: str, overdue: bool
) -> None:
    ledger = ledger_with(*updates, due=D(2024, 12, 31))
    assert state(ledger, day)[2] is overdue
