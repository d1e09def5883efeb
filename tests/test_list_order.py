"""--sort and --search on a ledger whose file order is none of the orders
asked for: a sort that did nothing, or sorted by the wrong key, would show."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Run, write_ledger

QUOTE = "Both sides agreed to hold a Year of Tourism"
# Countries in an order that is not alphabetical: --sort country follows it.
LEDGER = """\
schema = 1
title = "Order"

[countries]
KZ = "Kazakhstan"
CN = "China"
UZ = "Uzbekistan"

[sources.astana-2024]
title = "Ministers meet in Astana"
date = 2024-03-01
text = "sources/astana.txt"
""" + "".join(
    f"""
[[commitment]]
id = "{cid}"
title = "{title}"
countries = {json.dumps(countries)}
category = "culture"
made = 2024-03-01
source = "astana-2024"
quote = "{QUOTE}"
{extra}
"""
    for cid, title, countries, extra in [
        ("uz-only", "Open a school", ["UZ"], "due = 2025-06-01"),
        ("undated", "Build a road", ["CN", "UZ"],
         'notes = "Raised again at the Samarkand summit"'),
        ("kz-cn", "Open a consulate", ["KZ", "CN"], "due = 2026-01-01"),
        ("early", "Hold a festival", ["KZ", "UZ"], "due = 2024-12-31"),
        ("cn", "Train teachers", ["CN"], "due = 2025-06-01"),
    ]
)  # fmt: skip
FILE_ORDER = ["uz-only", "undated", "kz-cn", "early", "cn"]


@pytest.fixture
def ordered(tmp_path: Path) -> Path:
    return write_ledger(tmp_path, LEDGER)


def ids(run: Run, ledger: Path, *args: str) -> list[str]:
    result = run(
        "list", "-f", "json", "--as-of", "2024-06-01", "--ledger", ledger, *args
    )
    assert result.exit_code == 0, result.stderr
    return [row["id"] for row in json.loads(result.stdout)]


def test_without_sort_the_ledger_order(run: Run, ordered: Path) -> None:
    assert ids(run, ordered) == FILE_ORDER


def test_sort_due_earliest_first_ties_in_ledger_order_undated_last(
    run: Run, ordered: Path
) -> None:
    expected = ["early", "uz-only", "cn", "kz-cn", "undated"]
    assert expected != FILE_ORDER
    assert ids(run, ordered, "--sort", "due") == expected


def test_sort_country_in_the_ledger_order_of_countries(run: Run, ordered: Path) -> None:
    # KZ, CN, UZ as [countries] lists them: not CN, KZ, UZ.
    expected = ["kz-cn", "early", "cn", "undated", "uz-only"]
    assert expected != FILE_ORDER
    assert ids(run, ordered, "--sort", "country") == expected


def test_sort_id(run: Run, ordered: Path) -> None:
    assert ids(run, ordered, "--sort", "id") == sorted(FILE_ORDER)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("SAMARKAND", ["undated"], id="notes-any-case"),
        pytest.param("Kz-Cn", ["kz-cn"], id="id-any-case"),
        pytest.param("earl", ["early"], id="id-only"),
        pytest.param("TRAIN", ["cn"], id="title"),
        pytest.param("year of tourism", FILE_ORDER, id="quote"),
        pytest.param("nowhere", [], id="nothing"),
    ],
)
def test_search_looks_in_the_id_title_quote_and_notes_in_any_case(
    run: Run, ordered: Path, text: str, expected: list[str]
) -> None:
    assert ids(run, ordered, "--search", text) == expected
