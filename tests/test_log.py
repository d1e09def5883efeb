"""`tracker log`: the update log as a timeline across all commitments."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from report_ledgers import UPDATED

from conftest import Run, write_ledger


@pytest.fixture
def updated_ledger(tmp_path: Path) -> Path:
    return write_ledger(tmp_path / "ledger", UPDATED)


def log(run: Run, ledger: Path, *args: str) -> str:
    result = run("log", "--ledger", ledger, *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def timeline(run: Run, ledger: Path, *args: str) -> list[tuple[str, str, str, str]]:
    entries = json.loads(log(run, ledger, *args, "--format", "json"))
    return [(e["date"], e["id"], e["from"], e["to"]) for e in entries]


# Newest first; the two updates of 2024-07-15 in reverse file order, and the
# re-confirmation of 2024-09-01 shown with the same status on both sides.
NEWEST_FIRST = [
    ("2025-06-01", "direct-flights", "in-progress", "fulfilled"),
    ("2025-03-01", "direct-flights", "pledged", "in-progress"),
    ("2025-01-10", "water-lab", "in-progress", "partial"),
    ("2024-09-01", "water-lab", "in-progress", "in-progress"),
    ("2024-07-15", "tourism-year", "partial", "fulfilled"),
    ("2024-07-15", "tourism-year", "pledged", "partial"),
    ("2024-06-01", "water-lab", "pledged", "in-progress"),
]


def test_newest_first(run: Run, updated_ledger: Path) -> None:
    assert timeline(run, updated_ledger) == NEWEST_FIRST


def test_reverse_is_oldest_first(run: Run, updated_ledger: Path) -> None:
    assert timeline(run, updated_ledger, "--reverse") == NEWEST_FIRST[::-1]


FILTERS = {
    "since and until are inclusive": (
        ("--since", "2024-07-15", "--until", "2025-01-10"),
        NEWEST_FIRST[2:6],
    ),
    "country": (("--country", "Uzbekistan"), NEWEST_FIRST[:2]),
    "category": (("--category", "science"), [NEWEST_FIRST[i] for i in (2, 3, 6)]),
    "commitment": (
        ("--commitment", "tourism-year", "--commitment", "direct-flights"),
        [NEWEST_FIRST[i] for i in (0, 1, 4, 5)],
    ),
    "filters combine": (
        ("--country", "KZ", "--since", "2025-01-01", "--until", "2025-05-31"),
        NEWEST_FIRST[1:3],
    ),
    "until keeps what came before it": (
        ("--until", "2024-07-14"),
        NEWEST_FIRST[6:],
    ),
}


@pytest.mark.parametrize(
    ("args", "expected"), FILTERS.values(), ids=list(FILTERS.keys())
)
def test_filters(
    run: Run, updated_ledger: Path, args: tuple[str, ...], expected: list[tuple]
) -> None:
    assert timeline(run, updated_ledger, *args) == expected


def test_json_fields(run: Run, updated_ledger: Path) -> None:
    entries = json.loads(
        log(run, updated_ledger, "--commitment", "water-lab", "--reverse", "-f", "json")
    )
    assert entries[0] == {
        "date": "2024-06-01",
        "id": "water-lab",
        "title": "Open a joint water laboratory",
        "from": "pledged",
        "to": "in-progress",
        "note": "Site chosen",
        "evidence": ["https://example.org/site"],
        "recorded": None,
        "parties": ["CN", "KZ"],
        "by": None,
    }


def test_csv(run: Run, updated_ledger: Path) -> None:
    text = log(run, updated_ledger, "--category", "culture", "--format", "csv")
    assert text == (
        "date,id,title,from,to,note,evidence,recorded,parties,by\n"
        "2024-07-15,tourism-year,Hold a Year of Tourism,partial,fulfilled,"
        'Year of Tourism opened,"[""astana-2024""]",,CN;KZ,\n'
        "2024-07-15,tourism-year,Hold a Year of Tourism,pledged,partial,"
        "Programme announced,[],,CN;KZ,\n"
    )


def test_markdown(run: Run, updated_ledger: Path) -> None:
    text = log(run, updated_ledger, "--category", "science", "-f", "markdown")
    assert text == (
        "| Date | Commitment | Change | Note | Evidence | By |\n"
        "| --- | --- | --- | --- | --- | --- |\n"
        "| 2025-01-10 | water-lab | in-progress → partial | First wing open | - | - |\n"
        "| 2024-09-01 | water-lab | in-progress → in-progress | Still building | - "
        "| - |\n"
        "| 2024-06-01 | water-lab | pledged → in-progress | Site chosen "
        "| https://example.org/site | - |\n"
    )


def test_piped_table(run: Run, updated_ledger: Path) -> None:
    lines = log(run, updated_ledger, "--country", "UZ").splitlines()
    assert lines[0].split() == [
        "Date",
        "Commitment",
        "Change",
        "Note",
        "Evidence",
        "By",
    ]
    assert [cell.strip() for cell in lines[1].split("  ") if cell] == [
        "2025-06-01",
        "direct-flights",
        "in-progress → fulfilled",
        "Flights doubled",
        "-",
        "-",
    ]
    assert all("\x1b" not in line for line in lines)


def test_nothing_matches(run: Run, updated_ledger: Path) -> None:
    result = run("log", "--ledger", updated_ledger, "--since", "2025-07-01")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "no updates match" in result.stderr
    assert log(run, updated_ledger, "--since", "2025-07-01", "-f", "json") == "[]\n"


def test_a_ledger_with_no_updates(run: Run, small_ledger: Path) -> None:
    assert log(run, small_ledger, "--format", "json") == "[]\n"


def test_unknown_commitment(run: Run, updated_ledger: Path) -> None:
    result = run("log", "--ledger", updated_ledger, "--commitment", "water-lap")
    assert result.exit_code == 1
    assert "error: no commitment 'water-lap'" in result.stderr
    assert "hint: did you mean water-lab?" in result.stderr
    assert result.stdout == ""


def test_since_after_until(run: Run, updated_ledger: Path) -> None:
    result = run(
        "log", "-l", updated_ledger, "--since", "2025-02-01", "--until", "2025-01-01"
    )
    assert result.exit_code == 2
    assert "--since 2025-02-01 is after --until 2025-01-01" in result.stderr


def test_html_is_not_a_log_format(run: Run, updated_ledger: Path) -> None:
    result = run("log", "--ledger", updated_ledger, "--format", "html")
    assert result.exit_code == 2


def test_help_has_an_example(run: Run) -> None:
    result = run("log", "--help")
    assert result.exit_code == 0
    assert "Example:" in result.stdout


def test_readme_shows_the_real_log(run: Run, updated_ledger: Path) -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    text = log(run, updated_ledger, "--since", "2024-07-01", "--until", "2025-03-31")
    assert f"```text\n{text}```" in readme
