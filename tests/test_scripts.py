"""What scripts read: keys, JSON Lines, one date-time form, the report's CSV
tables, lossless evidence and the formula guard."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tracker import __version__

from conftest import SMALL, Run, write_ledger

# Evidence items that a `;`-joined cell would lose: separators, quotes, a
# newline, and one that starts like a spreadsheet formula.
HOSTILE_EVIDENCE = [
    "Kazinform; page 2",
    "a, b and c",
    'the "opening" speech',
    "line one\nline two",
    "-5% tariffs",
]

LEDGER = (
    SMALL
    + """
[[update]]
commitment = "water-lab"
date = 2024-06-01
status = "in-progress"
note = "-5% tariffs on lab equipment"
evidence = """
    + json.dumps(HOSTILE_EVIDENCE)
    + """
recorded = 2024-06-02T10:00:00Z

[[update]]
commitment = "water-lab"
date = 2025-01-10
status = "partial"
note = "@once First wing open"
"""
)


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    return write_ledger(tmp_path / "ledger", LEDGER)


def out(run: Run, ledger: Path, *args: str) -> str:
    result = run(*args, "--ledger", ledger)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_version_is_bumped_for_the_new_keys() -> None:
    assert __version__ == "0.2.0"


def test_log_calls_the_commitment_id(run: Run, ledger: Path) -> None:
    entries = json.loads(out(run, ledger, "log", "--reverse", "-f", "json"))
    assert [(e["id"], e["from"], e["to"]) for e in entries] == [
        ("water-lab", "pledged", "in-progress"),
        ("water-lab", "in-progress", "partial"),
    ]
    assert all("commitment" not in e for e in entries)
    header = out(run, ledger, "log", "-f", "csv").splitlines()[0]
    assert header.split(",")[:2] == ["date", "id"]


def test_show_history_carries_from(run: Run, ledger: Path) -> None:
    data = json.loads(out(run, ledger, "show", "water-lab", "-f", "json"))
    assert [(h["from"], h["status"]) for h in data["history"]] == [
        ("pledged", "in-progress"),
        ("in-progress", "partial"),
    ]


def test_date_times_are_written_with_z_everywhere(run: Run, ledger: Path) -> None:
    shown = json.loads(out(run, ledger, "show", "water-lab", "-f", "json"))
    assert shown["history"][0]["recorded"] == "2024-06-02T10:00:00Z"
    logged = json.loads(out(run, ledger, "log", "--reverse", "-f", "json"))
    assert logged[0]["recorded"] == "2024-06-02T10:00:00Z"
    rows = list(csv.DictReader(io.StringIO(out(run, ledger, "log", "-f", "csv"))))
    assert rows[1]["recorded"] == "2024-06-02T10:00:00Z"
    # The ledger itself writes the same form.
    assert "recorded = 2024-06-02T10:00:00Z" in ledger.read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["list", "log"])
def test_json_lines_one_object_a_line(run: Run, ledger: Path, command: str) -> None:
    text = out(run, ledger, command, "--format", "jsonl")
    array = json.loads(out(run, ledger, command, "--format", "json"))
    lines = text.splitlines()
    assert text.endswith("\n")
    assert len(lines) == len(array) > 0
    assert [json.loads(line) for line in lines] == array


def test_json_lines_of_nothing_is_empty(run: Run, ledger: Path) -> None:
    text = out(run, ledger, "log", "--since", "2026-01-01", "--format", "jsonl")
    assert text == ""


def test_evidence_survives_a_csv_round_trip(run: Run, ledger: Path) -> None:
    for args in (
        ("log", "--reverse", "-f", "csv"),
        ("report", "--since", "2024-01-01", "-f", "csv", "--section", "changes"),
    ):
        rows = list(csv.DictReader(io.StringIO(out(run, ledger, *args))))
        first = next(r for r in rows if r["date"] == "2024-06-01")
        assert json.loads(first["evidence"]) == HOSTILE_EVIDENCE, args
        later = next(r for r in rows if r["date"] == "2025-01-10")
        assert json.loads(later["evidence"]) == []


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t"])
def test_formula_guard_and_raw(tmp_path: Path, run: Run, start: str) -> None:
    text = SMALL.replace(
        'title = "Hold a Year of Tourism"',
        f"title = {json.dumps(start + 'SUM(A1) Year of Tourism')}",
    )
    path = write_ledger(tmp_path / "guard", text)
    guarded = list(csv.DictReader(io.StringIO(out(run, path, "list", "-f", "csv"))))
    assert guarded[1]["title"] == "'" + start + "SUM(A1) Year of Tourism"
    raw = list(
        csv.DictReader(io.StringIO(out(run, path, "list", "-f", "csv", "--raw")))
    )
    assert raw[1]["title"] == start + "SUM(A1) Year of Tourism"


def test_a_carriage_return_never_starts_a_cell(tmp_path: Path, run: Run) -> None:
    """CR is a control character: written as `\\x0d`, so no cell can start
    with it, guarded or raw."""
    text = SMALL.replace(
        'title = "Hold a Year of Tourism"', 'title = "\\r=SUM(A1) Tourism"'
    )
    path = write_ledger(tmp_path / "guard", text)
    for extra in ((), ("--raw",)):
        listed = out(run, path, "list", "-f", "csv", *extra)
        rows = list(csv.DictReader(io.StringIO(listed)))
        assert rows[1]["title"] == "\\x0d=SUM(A1) Tourism"


def test_raw_keeps_notes_in_log_and_report(run: Run, ledger: Path) -> None:
    guarded = out(run, ledger, "log", "-f", "csv")
    assert ",'-5% tariffs on lab equipment," in guarded
    assert ",'@once First wing open," in guarded
    raw = out(run, ledger, "log", "-f", "csv", "--raw")
    assert ",-5% tariffs on lab equipment," in raw
    args = ("report", "--since", "2024-01-01", "-f", "csv", "--section", "changes")
    assert ",'@once First wing open," in out(run, ledger, *args)
    assert ",@once First wing open," in out(run, ledger, *args, "--raw")


INTEGER_COLUMNS = {
    "overall": ["total", "count_pledged", "count_in_progress", "count_partial"],
    "party": ["total", "count_pledged", "count_in_progress", "split"],
    "category": ["total", "count_fulfilled", "count_abandoned", "split"],
    "overdue": ["days_overdue"],
}


@pytest.mark.parametrize("section", sorted(INTEGER_COLUMNS))
def test_report_sections_give_integers(run: Run, ledger: Path, section: str) -> None:
    text = out(run, ledger, "report", "--as-of", "2025-03-01", "-f", "csv",
               "--section", section)  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows
    for row in rows:
        for column in INTEGER_COLUMNS[section]:
            int(row[column])  # an empty cell or a float would fail here
        assert "" not in row.values() or section == "overdue"
    header = text.splitlines()[0].split(",")
    assert all(name == name.lower() and "-" not in name for name in header)


def test_report_sections_shapes(run: Run, ledger: Path) -> None:
    def section(name: str) -> list[str]:
        return out(run, ledger, "report", "--as-of", "2025-03-01", "--since",
                   "2024-01-01", "-f", "csv", "--section", name).splitlines()  # fmt: skip

    assert section("overall") == [
        "section,key,name,total,count_pledged,count_in_progress,count_stalled,"
        "count_partial,count_fulfilled,count_abandoned,split,progress_percent,"
        "score,compliance_percent",
        "overall,all,All commitments,3,2,0,0,1,0,0,0,16.7,-0.67,16.7",
    ]
    assert section("overdue") == [
        "id,title,status,due,days_overdue",
        "water-lab,Open a joint water laboratory,partial,2024-12-31,60",
    ]
    assert section("changes")[0] == "date,id,title,from,to,note,evidence,by"
    assert len(section("party")) == 4  # header and CN, KZ, UZ
    assert len(section("category")) == 4


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--section", "overall"), "error: --section picks a table of the CSV report"),
        (
            ("-f", "csv", "--section", "changes"),
            "error: --section changes needs --since",
        ),
        (("-f", "csv", "--section", "people"), "is not one of"),
    ],
)
def test_report_section_usage(
    run: Run, ledger: Path, args: tuple[str, ...], message: str
) -> None:
    result = run("report", *args, "--ledger", ledger)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_changelog_names_this_version() -> None:
    root = Path(__file__).resolve().parents[1]
    text = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [{__version__}]" in text
