"""list, show and check through the CLI: exit codes, stdout and stderr."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from tracker import output

from conftest import SMALL, Run, write_ledger

HOSTILE_TITLE = "Review [TBC] phase [/bold] :coffee:"


def test_list_json_has_the_documented_keys(run: Run, small_ledger: Path) -> None:
    result = run("list", "--ledger", small_ledger, "--format", "json")
    assert result.exit_code == 0
    assert result.stderr == ""
    records = json.loads(result.stdout)
    assert [r["id"] for r in records] == ["water-lab", "tourism-year", "direct-flights"]
    assert records[0] == {
        "id": "water-lab",
        "title": "Open a joint water laboratory",
        "countries": ["CN", "KZ"],
        "category": "science",
        "status": "pledged",
        "since": "2024-03-01",
        "made": "2024-03-01",
        "due": "2024-12-31",
        "overdue": True,
        "source": "astana-2024",
        "quote": "China and Kazakhstan will open a joint laboratory on water resources",
        "parties": {
            "CN": {"status": "pledged", "since": "2024-03-01", "overdue": True},
            "KZ": {"status": "pledged", "since": "2024-03-01", "overdue": True},
        },
    }


def test_list_csv(run: Run, small_ledger: Path) -> None:
    result = run("list", "-l", small_ledger, "-f", "csv", "-c", "UZ")
    assert result.exit_code == 0
    assert result.stdout == (
        "id,title,countries,category,status,since,made,due,overdue,source,quote,"
        "parties\n"
        "direct-flights,Double direct flights,CN;KZ;UZ,connectivity,pledged,"
        "2024-03-01,2024-03-01,,false,astana-2024,"
        "Both sides agreed ... to double direct flights.,"
        "CN pledged;KZ pledged;UZ pledged\n"
    )


def test_list_markdown(run: Run, small_ledger: Path) -> None:
    result = run(
        "list",
        "-l",
        small_ledger,
        "-f",
        "markdown",
        "--category",
        "culture",
        "--as-of",
        "2025-01-01",
    )
    assert result.stdout == (
        "# Test ledger: commitments as of 2025-01-01\n"
        "\n"
        "| ID | Title | Parties | Category | Status | Since | Due |\n"
        "| --- | --- | --- | --- | --- | --- | --- |\n"
        "| tourism-year | Hold a Year of Tourism | CN KZ | culture | pledged "
        "| 2024-03-01 | - |\n"
    )


def test_list_piped_table_is_plain_and_whole(run: Run, tmp_path: Path) -> None:
    long_title = "Build " + "a very long railway " * 20 + "end"
    path = write_ledger(tmp_path, SMALL.replace("Double direct flights", long_title))
    result = run("list", "-l", path, env={"COLUMNS": "40"})
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout
    assert "…" not in result.stdout
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "ID",
        "Title",
        "Parties",
        "Category",
        "Status",
        "Since",
        "Due",
    ]
    assert len(lines) == 4
    assert long_title in lines[3]


def test_list_empty_selection_says_so_on_stderr(run: Run, small_ledger: Path) -> None:
    result = run("list", "-l", small_ledger, "--status", "abandoned")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "no commitments match\n"
    result = run("list", "-l", small_ledger, "--status", "abandoned", "-f", "json")
    assert result.stdout == "[]\n"


def hostile_ledger(tmp_path: Path, title: str) -> Path:
    return write_ledger(
        tmp_path, SMALL.replace('"Hold a Year of Tourism"', json.dumps(title))
    )


@pytest.mark.parametrize("terminal", [False, True], ids=["piped", "terminal"])
def test_ledger_text_is_never_markup(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, terminal: bool
) -> None:
    monkeypatch.setattr(output, "is_terminal", lambda: terminal)
    path = hostile_ledger(tmp_path, HOSTILE_TITLE)
    result = run("list", "-l", path, env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert HOSTILE_TITLE in result.stdout
    assert "☕" not in result.stdout
    shown = run("show", "tourism-year", "-l", path, env={"COLUMNS": "200"})
    assert HOSTILE_TITLE in shown.stdout


@pytest.mark.parametrize("terminal", [False, True], ids=["piped", "terminal"])
@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        pytest.param("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m", id="ansi"),
        pytest.param("a\x00b", "a\\x00b", id="nul"),
        pytest.param(
            "\x1b]8;;http://x\x07link", "\\x1b]8;;http://x\\x07link", id="osc-8"
        ),
        pytest.param("abc\u202edef", "abc\\u202edef", id="bidi-override"),
        pytest.param("csi\x9b31m", "csi\\x9b31m", id="c1-csi"),
    ],
)
def test_control_characters_never_reach_the_terminal(
    run: Run,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    terminal: bool,
    raw: str,
    shown: str,
) -> None:
    monkeypatch.setattr(output, "is_terminal", lambda: terminal)
    path = hostile_ledger(tmp_path, raw)
    for args in (("list",), ("show", "tourism-year")):
        result = run(*args, "-l", path, env={"COLUMNS": "200"})
        assert result.exit_code == 0
        assert shown in result.stdout
        assert raw not in result.stdout


def test_json_escapes_control_characters_and_keeps_the_value(
    run: Run, tmp_path: Path
) -> None:
    raw = "a\x1b[2Jb\u202ec\x9bd"
    result = run("list", "-l", hostile_ledger(tmp_path, raw), "-f", "json")
    assert "\x1b" not in result.stdout
    assert "\u202e" not in result.stdout
    assert "\x9b" not in result.stdout
    assert json.loads(result.stdout)[1]["title"] == raw


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown"])
def test_machine_formats_ignore_the_terminal(
    run: Run, small_ledger: Path, fmt: str
) -> None:
    plain = run("list", "-l", small_ledger, "-f", fmt).stdout_bytes
    for env in (
        {"COLUMNS": "20"},
        {"NO_COLOR": "1"},
        {"FORCE_COLOR": "1"},
        {"TERM": "dumb"},
    ):
        assert run("list", "-l", small_ledger, "-f", fmt, env=env).stdout_bytes == plain


def test_csv_neutralises_spreadsheet_formulas(run: Run, tmp_path: Path) -> None:
    path = hostile_ledger(tmp_path, '=HYPERLINK("http://x","y")')
    rows = list(csv.reader(io.StringIO(run("list", "-l", path, "-f", "csv").stdout)))
    assert rows[2][1] == '\'=HYPERLINK("http://x","y")'


def test_markdown_escapes_pipes_and_newlines(run: Run, tmp_path: Path) -> None:
    path = hostile_ledger(tmp_path, "a | b\nc")
    result = run("list", "-l", path, "-f", "markdown")
    assert "| tourism-year | a \\| b<br>c |" in result.stdout


def test_show_json(run: Run, small_ledger: Path) -> None:
    text = small_ledger.read_text() + (
        '\n[[update]]\ncommitment = "water-lab"\ndate = 2024-06-01\n'
        'status = "in-progress"\nnote = "Site chosen"\n'
        'evidence = ["https://example.org/lab"]\nrecorded = 2024-06-02T10:00:00Z\n'
    )
    small_ledger.write_text(text)
    result = run("show", "water-lab", "-l", small_ledger, "-f", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["status"] == "in-progress"
    assert data["source_detail"] == {
        "title": "Ministers meet in Astana",
        "date": "2024-03-01",
        "place": "Astana",
        "published": None,
        "url": None,
    }
    assert data["history"] == [
        {
            "date": "2024-06-01",
            "from": "pledged",
            "status": "in-progress",
            "note": "Site chosen",
            "evidence": ["https://example.org/lab"],
            "recorded": "2024-06-02T10:00:00Z",
            "parties": ["CN", "KZ"],
            "by": None,
        }
    ]


def test_show_text(run: Run, small_ledger: Path) -> None:
    result = run("show", "direct-flights", "-l", small_ledger)
    assert result.exit_code == 0
    assert result.stdout == (
        "direct-flights: Double direct flights\n"
        "\n"
        "Parties:   China, Kazakhstan, Uzbekistan\n"
        "Category:  connectivity\n"
        "Status:    pledged since 2024-03-01\n"
        "Made:      2024-03-01\n"
        "Due:       -\n"
        "Source:    Ministers meet in Astana (2024-03-01, Astana)\n"
        "\n"
        "Quote:\n"
        "  Both sides agreed ... to double direct flights.\n"
        "\n"
        "History:\n"
        "  no updates yet\n"
    )


def test_show_unknown_id_suggests_the_nearest(run: Run, xian_ledger: Path) -> None:
    result = run("show", "kz-consulate", "-l", xian_ledger)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "error: no commitment 'kz-consulate'\nhint: did you mean kz-consulates?\n"
    )


def test_check_ok(run: Run, small_ledger: Path) -> None:
    result = run("check", "-l", small_ledger)
    assert result.exit_code == 0
    assert result.stdout == f"{small_ledger}: ok, 3 commitments, 0 updates\n"


def test_check_lists_every_problem(run: Run, tmp_path: Path) -> None:
    text = SMALL.replace("schema = 1", "schema = 9").replace('"UZ"]', '"XX"]')
    path = write_ledger(tmp_path, text)
    result = run("check", "-l", path)
    assert result.exit_code == 1
    assert result.stdout == (
        f"{path}:1: unsupported schema 9; this tracker reads schema 1\n"
        f"{path}:37: commitment 'direct-flights': unknown country code 'XX'\n"
    )
    assert result.stderr == "error: the ledger has 2 problems\n"
    as_json = run("check", "-l", path, "-f", "json")
    assert as_json.exit_code == 1
    assert json.loads(as_json.stdout) == [
        {
            "path": str(path),
            "line": 1,
            "column": None,
            "message": "unsupported schema 9; this tracker reads schema 1",
        },
        {
            "path": str(path),
            "line": 37,
            "column": None,
            "message": "commitment 'direct-flights': unknown country code 'XX'",
        },
    ]


def test_check_json_is_empty_array_when_valid(run: Run, small_ledger: Path) -> None:
    result = run("check", "-l", small_ledger, "-f", "json")
    assert (result.exit_code, result.stdout) == (0, "[]\n")


@pytest.mark.parametrize("command", [("list",), ("show", "water-lab")])
def test_invalid_ledger_is_refused_with_a_hint(
    run: Run, tmp_path: Path, command: tuple[str, ...]
) -> None:
    path = write_ledger(tmp_path, SMALL.replace("schema = 1", "schema = 9"))
    result = run(*command, "-l", path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "error: the ledger has 1 problem\n"
        f"  {path}:1: unsupported schema 9; this tracker reads schema 1\n"
        "hint: run tracker check to see them all\n"
    )


def test_missing_ledger_says_where_it_looked(run: Run, tmp_path: Path) -> None:
    result = run("list", "-l", tmp_path / "nope.toml")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: no ledger at {tmp_path / 'nope.toml'}",
        f"hint: check the path, or create one with: tracker init {tmp_path / 'nope.toml'}",
    ]


def test_ledger_that_is_a_directory(run: Run, tmp_path: Path) -> None:
    result = run("list", "-l", tmp_path)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"error: {tmp_path} is a directory, not a ledger file\n"
    )


def test_environment_variable_names_the_ledger(run: Run, small_ledger: Path) -> None:
    result = run("list", "-f", "json", env={"TRACKER_LEDGER": str(small_ledger)})
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 3


def test_ledger_is_found_in_a_parent_directory(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_ledger(tmp_path / "data", SMALL)
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    result = run("check")
    assert result.exit_code == 0
    assert (
        result.stdout
        == f"{tmp_path / 'data' / 'commitments.toml'}: ok, 3 commitments, 0 updates\n"
    )


def test_without_a_ledger_the_bundled_one_is_read(run: Run) -> None:
    result = run("list", "-f", "json")
    assert result.exit_code == 0
    assert "kz-consulates" in {r["id"] for r in json.loads(result.stdout)}
    assert result.stderr.startswith(
        "note: no ledger here or in a parent; reading the bundled one"
    )
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ("list", "--format", "html"),
            "error: Invalid value for '--format' / '-f': 'html' is not one of table, json, jsonl, csv, markdown",
            id="format-not-for-list",
        ),
        pytest.param(
            ("list", "--sort", "title"),
            "error: Invalid value for '--sort': 'title' is not one of id, due, status, country",
            id="bad-sort",
        ),
        pytest.param(
            ("list", "--as-of", "2023-02-30"),
            "error: Invalid value for '--as-of': '2023-02-30' is not a date: February 2023 has no day 30",
            id="impossible-date",
        ),
        pytest.param(
            ("list", "--as-of", "tomorrow"),
            "error: Invalid value for '--as-of': 'tomorrow' is not a date in the form YYYY-MM-DD",
            id="word-date",
        ),
        pytest.param(
            ("list", "--colour"),
            "error: No such option: --colour (Possible options: --country, --source)",
            id="unknown-option",
        ),
        pytest.param(("show",), "error: Missing argument 'ID'.", id="missing-argument"),
    ],
)
def test_bad_flags_exit_2_with_one_error_line(
    run: Run, small_ledger: Path, args: tuple[str, ...], message: str
) -> None:
    result = run(*args, "-l", small_ledger)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == message
    assert lines[1].startswith("hint: see tracker")
    assert len(lines) == 2


def test_version(run: Run) -> None:
    from tracker import __version__

    result = run("--version")
    assert (result.exit_code, result.stdout) == (0, f"tracker {__version__}\n")


def test_a_narrow_terminal_gets_cards_with_every_value(
    run: Run, small_ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(output, "is_terminal", lambda: True)
    result = run("list", "-l", small_ledger, env={"COLUMNS": "40"})
    assert result.exit_code == 0
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert "water-lab" in lines
    assert "  Parties: CN KZ" in lines
    assert "  Due: 2024-12-31 (overdue)" in lines
    assert max(len(line) for line in lines) <= 40


def test_show_as_of_a_day_shows_the_history_up_to_it(
    run: Run, small_ledger: Path
) -> None:
    small_ledger.write_text(
        small_ledger.read_text()
        + '\n[[update]]\ncommitment = "water-lab"\ndate = 2024-06-01\n'
        'status = "in-progress"\nnote = "Site chosen"\n'
        '\n[[update]]\ncommitment = "water-lab"\ndate = 2025-01-10\n'
        'status = "fulfilled"\nnote = "Opened"\n'
    )
    result = run(
        "show", "water-lab", "-l", small_ledger, "--as-of", "2024-12-31", "-f", "json"
    )
    data = json.loads(result.stdout)
    assert (data["status"], data["since"], data["overdue"]) == (
        "in-progress",
        "2024-06-01",
        False,
    )
    assert [u["note"] for u in data["history"]] == ["Site chosen"]
    later = json.loads(
        run("show", "water-lab", "-l", small_ledger, "-f", "json").stdout
    )
    assert [u["note"] for u in later["history"]] == ["Site chosen", "Opened"]


def test_show_as_of_a_day_before_it_was_made(run: Run, small_ledger: Path) -> None:
    result = run("show", "water-lab", "-l", small_ledger, "--as-of", "2024-02-29")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: 'water-lab' was made on 2024-03-01, after 2024-02-29\n"
        "hint: give a day on or after 2024-03-01\n"
    )


def squash(text: str) -> str:
    """Text without whitespace: what is left when a narrow terminal has folded
    words across lines and padded the rest."""
    return re.sub(r"\s", "", text)


@pytest.mark.parametrize("columns", [10, 20, 30, 40, 59, 60, 79, 80, 120])
def test_no_value_is_lost_on_a_terminal_of_any_width(
    run: Run, small_ledger: Path, monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    small_ledger.write_text(
        small_ledger.read_text()
        + '\n[[update]]\ncommitment = "tourism-year"\ndate = 2024-06-01\n'
        'status = "partial"\nnote = "Programme announced in Astana"\n'
        'evidence = ["https://example.org/tourism-year"]\n'
    )
    monkeypatch.setattr(output, "is_terminal", lambda: True)
    env = {"COLUMNS": str(columns)}
    expected = {
        ("list",): [
            "water-lab", "Open a joint water laboratory", "2024-12-31 (overdue)",
            "tourism-year", "Hold a Year of Tourism", "partial", "2024-06-01",
            "direct-flights", "CN KZ UZ", "connectivity",
        ],
        ("show", "tourism-year"): [
            "Hold a Year of Tourism", "China, Kazakhstan", "Ministers meet in Astana",
            "Both sides agreed to hold a Year of Tourism",
            "Programme announced in Astana", "https://example.org/tourism-year",
        ],
        ("report",): [
            "China (CN)", "Kazakhstan (KZ)", "Uzbekistan (UZ)", "science",
            "culture", "connectivity", "water-lab", "16.7%", "-0.67",
        ],
        ("log",): [
            "2024-06-01", "tourism-year", "partial", "Programme announced in Astana",
        ],
    }  # fmt: skip
    for args, values in expected.items():
        result = run(*args, "-l", small_ledger, env=env)
        assert result.exit_code == 0, result.stderr
        for value in values:
            # Whole, perhaps folded across lines (cards, plain text), or in a
            # table cell wrapped at its spaces with every word intact.
            whole = squash(value) in squash(result.stdout)
            words = all(word in result.stdout for word in value.split())
            assert whole or words, (args, value)
