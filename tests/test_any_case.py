"""Statuses and categories match in any case, as countries do."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Run


def ids(run: Run, ledger: Path, *args: str) -> list[str]:
    result = run("list", "--ledger", ledger, "-f", "json", *args)
    assert result.exit_code == 0, result.stderr
    return [r["id"] for r in json.loads(result.stdout)]


def test_status_and_category_filters_ignore_case(run: Run, small_ledger: Path) -> None:
    assert ids(run, small_ledger, "--category", "SCIENCE") == ["water-lab"]
    assert ids(run, small_ledger, "--category", "Culture") == ["tourism-year"]
    assert len(ids(run, small_ledger, "--status", "PLEDGED")) == 3
    assert ids(run, small_ledger, "--status", "Fulfilled") == []


def test_an_unknown_status_is_still_refused(run: Run, small_ledger: Path) -> None:
    result = run("list", "--ledger", small_ledger, "--status", "PLEDGD")
    assert result.exit_code != 0
    assert result.stderr.startswith("error: ")


def test_update_and_add_write_the_ledger_names(run: Run, small_ledger: Path) -> None:
    result = run(
        "update", "water-lab", "In-Progress", "--note", "Site chosen",
        "--date", "2024-06-01", "--evidence", "https://example.org/site",
        "--ledger", small_ledger,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    text = small_ledger.read_text(encoding="utf-8")
    assert 'status = "in-progress"' in text
    result = run(
        "add", "--title", "Hold a Year of Culture", "--country", "CN",
        "--country", "KZ", "--category", "CULTURE", "--source", "astana-2024",
        "--made", "2024-03-01", "--quote", "Both sides agreed to hold a Year of "
        "Tourism", "--ledger", small_ledger,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    text = small_ledger.read_text(encoding="utf-8")
    assert text.count('category = "culture"') == 2
    assert "CULTURE" not in text
