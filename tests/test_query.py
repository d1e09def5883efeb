"""Filters, sorting and records, on the small ledger."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tracker import query, store
from tracker.errors import TrackerError, UnknownCommitment
from tracker.model import Ledger

from conftest import SMALL, write_ledger

TODAY = dt.date(2026, 11, 28)
UPDATES = """
[[update]]
commitment = "tourism-year"
date = 2024-09-01
status = "fulfilled"
note = "The Year opened in Astana"
"""


@pytest.fixture
def ledger(tmp_path: Path) -> Ledger:
    return store.load(store.Location(write_ledger(tmp_path, SMALL + UPDATES)), TODAY)


def ids(ledger: Ledger, on: dt.date = TODAY, **keep: object) -> list[str]:
    chosen = query.make_filter(ledger, **keep)  # type: ignore[arg-type]
    return [row.commitment.id for row in query.select(ledger, on, chosen)]


@pytest.mark.parametrize(
    ("keep", "expected"),
    [
        pytest.param(
            {}, ["water-lab", "tourism-year", "direct-flights"], id="everything"
        ),
        pytest.param({"countries": ["UZ"]}, ["direct-flights"], id="country-code"),
        pytest.param(
            {"countries": ["uzbekistan"]},
            ["direct-flights"],
            id="country-name-any-case",
        ),
        pytest.param(
            {"countries": ["uz", "KZ"]},
            ["water-lab", "tourism-year", "direct-flights"],
            id="countries-or",
        ),
        pytest.param({"statuses": ["fulfilled"]}, ["tourism-year"], id="status"),
        pytest.param(
            {"statuses": ["pledged", "fulfilled"]},
            ["water-lab", "tourism-year", "direct-flights"],
            id="statuses-or",
        ),
        pytest.param({"categories": ["culture"]}, ["tourism-year"], id="category"),
        pytest.param({"search": "WATER"}, ["water-lab"], id="search-title-any-case"),
        pytest.param(
            {"search": "double direct"}, ["direct-flights"], id="search-quote"
        ),
        pytest.param({"search": "lab"}, ["water-lab"], id="search-id"),
        pytest.param({"overdue": True}, ["water-lab"], id="overdue"),
        pytest.param(
            {"countries": ["KZ"], "statuses": ["pledged"]},
            ["water-lab", "direct-flights"],
            id="filters-and",
        ),
    ],
)
def test_filters(ledger: Ledger, keep: dict[str, object], expected: list[str]) -> None:
    assert ids(ledger, **keep) == expected


def test_as_of_hides_commitments_not_yet_made(ledger: Ledger) -> None:
    assert ids(ledger, dt.date(2024, 2, 29)) == []
    assert ids(ledger, dt.date(2024, 3, 1)) == [
        "water-lab",
        "tourism-year",
        "direct-flights",
    ]


def test_as_of_uses_the_status_of_that_day(ledger: Ledger) -> None:
    assert ids(ledger, dt.date(2024, 8, 31), statuses=["fulfilled"]) == []
    assert ids(ledger, dt.date(2024, 9, 1), statuses=["fulfilled"]) == ["tourism-year"]


@pytest.mark.parametrize(
    ("keep", "message", "hint"),
    [
        pytest.param(
            {"countries": ["Kazakstan"]},
            "no country 'Kazakstan' in the ledger",
            "did you mean Kazakhstan?",
            id="country-typo",
        ),
        pytest.param(
            {"statuses": ["finished"]},
            "no status 'finished' in the ledger",
            "the statuses are: pledged, in-progress, stalled, partial, fulfilled, abandoned",
            id="status-unknown",
        ),
        pytest.param(
            {"categories": ["cultur"]},
            "no category 'cultur' in the ledger",
            "did you mean culture? the categories are: science, culture, connectivity",
            id="category-typo",
        ),
    ],
)
def test_unknown_filter_values(
    ledger: Ledger, keep: dict[str, object], message: str, hint: str
) -> None:
    with pytest.raises(TrackerError) as caught:
        query.make_filter(ledger, **keep)  # type: ignore[arg-type]
    assert (caught.value.message, caught.value.hint) == (message, hint)


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        pytest.param(
            None, ["water-lab", "tourism-year", "direct-flights"], id="ledger-order"
        ),
        pytest.param("id", ["direct-flights", "tourism-year", "water-lab"], id="id"),
        pytest.param(
            "due",
            ["water-lab", "tourism-year", "direct-flights"],
            id="due-undated-last",
        ),
        pytest.param(
            "status",
            ["water-lab", "direct-flights", "tourism-year"],
            id="status-scale-order",
        ),
        pytest.param(
            "country", ["water-lab", "tourism-year", "direct-flights"], id="country"
        ),
    ],
)
def test_sort(ledger: Ledger, key: str | None, expected: list[str]) -> None:
    rows = query.sort_rows(ledger, query.select(ledger, TODAY), key)
    assert [r.commitment.id for r in rows] == expected


def test_find_suggests_nearest_ids(ledger: Ledger) -> None:
    with pytest.raises(UnknownCommitment) as caught:
        query.find(ledger, "water-labs")
    assert caught.value.message == "no commitment 'water-labs'"
    assert caught.value.hint == "did you mean water-lab?"


def test_record_has_the_documented_keys(ledger: Ledger) -> None:
    row = query.select(ledger, TODAY)[1]
    assert query.record(row) == {
        "id": "tourism-year",
        "title": "Hold a Year of Tourism",
        "countries": ["CN", "KZ"],
        "category": "culture",
        "status": "fulfilled",
        "since": "2024-09-01",
        "made": "2024-03-01",
        "due": None,
        "overdue": False,
        "source": "astana-2024",
        "quote": "Both sides agreed to hold a Year of Tourism",
        "parties": {
            "CN": {"status": "fulfilled", "since": "2024-09-01", "overdue": False},
            "KZ": {"status": "fulfilled", "since": "2024-09-01", "overdue": False},
        },
    }
