"""tracker import FILE.csv: a spreadsheet of commitments or updates, one write."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tracker import _atomic

from conftest import Run

QUOTE = (
    "China and Kazakhstan will ... establish consulates general in Xian and "
    "Aktobe, respectively."
)
HEADER = ["title", "countries", "category", "made", "source", "quote", "due"]


def _csv(rows: list[list[str]], header: list[str] = HEADER) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _pledges(count: int) -> list[list[str]]:
    return [
        [f"Open consulate number {i}", "CN;KZ", "consular", "2023-04-26",
         "xian-talks-2023", QUOTE, "2025-12-31" if i % 2 else ""]
        for i in range(count)
    ]  # fmt: skip


@pytest.fixture
def counted_locks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every lock a write takes, in order."""
    taken: list[Path] = []
    real = _atomic.locked

    @contextmanager
    def counting(target: Path, timeout: float) -> Iterator[None]:
        taken.append(target)
        with real(target, timeout):
            yield

    monkeypatch.setattr(_atomic, "locked", counting)
    return taken


def test_500_pledges_are_one_write_and_one_undo(
    run: Run, xian_ledger: Path, tmp_path: Path, counted_locks: list[Path]
) -> None:
    before = xian_ledger.read_bytes()
    sheet = tmp_path / "pledges.csv"
    sheet.write_text(_csv(_pledges(500)), encoding="utf-8")
    result = run("import", sheet, "--ledger", xian_ledger)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"imported 500 commitments into {xian_ledger}\n"
    assert result.stderr == f"read {sheet} as UTF-8\n"
    assert counted_locks == [xian_ledger]
    assert run("check", "--ledger", xian_ledger).stdout.endswith(
        "ok, 514 commitments, 0 updates\n"
    )
    rows = json.loads(run("list", "--ledger", xian_ledger, "--format", "json").stdout)
    assert rows[14]["id"] == "open-consulate-number-0"
    assert rows[14]["countries"] == ["CN", "KZ"]
    assert (rows[15]["due"], rows[14]["due"]) == ("2025-12-31", None)
    assert xian_ledger.read_bytes().startswith(before)
    undo = run("undo", "--yes", "--ledger", xian_ledger)
    assert undo.exit_code == 0, undo.stderr
    assert undo.stderr.endswith(
        f"removed the 500 commitments imported together from {xian_ledger}\n"
    )
    assert xian_ledger.read_bytes() == before


def test_every_bad_row_is_reported_at_once_and_nothing_written(
    run: Run, xian_ledger: Path, tmp_path: Path
) -> None:
    before = xian_ledger.read_bytes()
    rows = _pledges(5)
    rows[1][3] = "26/04/2023"
    rows[2][1] = "CN;Atlantis"
    rows[3][5] = "Words nobody said"
    rows[4][0] = rows[0][0]  # the same title twice: a second slug, not an error
    rows.append(["", "", "", "", "", "", ""])  # a blank row, as Excel leaves
    sheet = tmp_path / "bad.csv"
    sheet.write_text(_csv(rows), encoding="utf-8")
    result = run("import", sheet, "--ledger", xian_ledger)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"read {sheet} as UTF-8\n"
        f"error: nothing imported: 3 problems in {sheet}\n"
        f"  {sheet}:3: made: '26/04/2023' is not a date in the form YYYY-MM-DD\n"
        f"  {sheet}:4: no country 'Atlantis' in the ledger (the countries are: "
        "CN (China), KZ (Kazakhstan), KG (Kyrgyzstan), TJ (Tajikistan), "
        "UZ (Uzbekistan), TM (Turkmenistan))\n"
        f"  {sheet}:5: commitment 'open-consulate-number-3': quote not found in "
        "the archived text of 'xian-talks-2023'\n"
    )
    assert xian_ledger.read_bytes() == before


def test_dry_run_shows_the_blocks_and_writes_nothing(
    run: Run, xian_ledger: Path, tmp_path: Path
) -> None:
    before = xian_ledger.read_bytes()
    sheet = tmp_path / "two.csv"
    sheet.write_text(_csv(_pledges(2)), encoding="utf-8")
    result = run("import", sheet, "--ledger", xian_ledger, "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("[[commitment]]\n") == 2
    assert result.stdout.startswith(
        '[[commitment]]\nid = "open-consulate-number-0"\n'
        'title = "Open consulate number 0"\n'
    )
    assert result.stderr.endswith(f"dry run: nothing written to {xian_ledger}\n")
    assert xian_ledger.read_bytes() == before


UPDATES = (
    "commitment,date,status,note,evidence\r\n"
    "kz-consulates,2023-09-01,in-progress,Sites agreed \u2013 both cities,"
    "https://example.org/a; xian-talks-2023\r\n"
    "tj-luban-workshop,2024-01-10,fulfilled,Workshop reopened,\r\n"
    ",,,,\r\n"
    ",,,,\r\n"
)


@pytest.mark.parametrize(
    ("encoding", "said"),
    [
        ("utf-8", "UTF-8"),
        ("utf-8-sig", "UTF-8 (with BOM)"),
        ("cp1252", "cp1252 (Windows-1252, as Excel saves CSV)"),
    ],
)
def test_updates_in_the_encodings_spreadsheets_write(
    run: Run, xian_ledger: Path, tmp_path: Path, encoding: str, said: str
) -> None:
    sheet = tmp_path / "updates.csv"
    sheet.write_bytes(UPDATES.encode(encoding))
    result = run("import", sheet, "--ledger", xian_ledger)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"read {sheet} as {said}\n"
    assert result.stdout == f"imported 2 updates into {xian_ledger}\n"
    log = json.loads(
        run("log", "--ledger", xian_ledger, "--format", "json", "--reverse").stdout
    )
    assert [(e["id"], e["to"], e["note"], e["evidence"]) for e in log] == [
        (
            "kz-consulates",
            "in-progress",
            "Sites agreed \u2013 both cities",
            ["https://example.org/a", "xian-talks-2023"],
        ),
        ("tj-luban-workshop", "fulfilled", "Workshop reopened", []),
    ]


def test_parties_by_name_separated_by_commas_and_semicolon_cells(
    run: Run, xian_ledger: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "semicolons.csv"
    sheet.write_text(
        "title;countries;category;made;source;quote\n"
        f'Open a lab;"China, Kazakhstan";science;2023-04-26;xian-talks-2023;{QUOTE}\n',
        encoding="utf-8",
    )
    result = run("import", sheet, "--ledger", xian_ledger, "--new-category")
    assert result.exit_code == 0, result.stderr
    shown = json.loads(
        run("show", "open-a-lab", "--ledger", xian_ledger, "--format", "json").stdout
    )
    assert shown["countries"] == ["CN", "KZ"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "titel,countries\nx,CN\n",
            "{sheet}:1: the header row names neither commitments (a 'title' "
            "column) nor updates (a 'commitment' column)",
        ),
        ("", "{sheet} is empty"),
        ("commitment,status,note\n\n\n", "{sheet} has no rows below its header; "
         "nothing imported"),
    ],
)  # fmt: skip
def test_files_that_are_not_a_sheet_of_either(
    run: Run, xian_ledger: Path, tmp_path: Path, text: str, message: str
) -> None:
    sheet = tmp_path / "odd.csv"
    sheet.write_text(text, encoding="utf-8")
    result = run("import", sheet, "--ledger", xian_ledger)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines()[0 if not text else 1] == (
        "error: " + message.format(sheet=sheet)
    )


def test_an_unknown_column_suggests_the_key(
    run: Run, xian_ledger: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "typo.csv"
    sheet.write_text("commitment,status,note,evidnce\nkz-consulates,stalled,n,\n")
    result = run("import", sheet, "--ledger", xian_ledger)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[2] == (
        f"  {sheet}:1: unknown column 'evidnce'; did you mean 'evidence'? "
        "(columns: commitment, date, status, note, evidence, parties, by)"
    )


def test_a_missing_file_is_named_as_such(
    run: Run, xian_ledger: Path, tmp_path: Path
) -> None:
    before = xian_ledger.read_bytes()
    result = run("import", tmp_path / "nowhere.csv", "--ledger", xian_ledger)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: no file {tmp_path / 'nowhere.csv'}\nhint: check the path\n"
    )
    assert xian_ledger.read_bytes() == before


def test_an_excel_workbook_is_read_like_its_csv(
    run: Run, xian_ledger: Path, tmp_path: Path
) -> None:
    import datetime as dt

    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(["Open a lab", "China, KZ", "science", dt.datetime(2023, 4, 26),
                  "xian-talks-2023", QUOTE, dt.date(2025, 12, 31)])  # fmt: skip
    sheet.append([None] * len(HEADER))
    path = tmp_path / "pledges.xlsx"
    workbook.save(path)
    result = run("import", path, "--ledger", xian_ledger, "--new-category")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"read {path} as an Excel workbook (its first sheet)\n"
    assert result.stdout == f"imported 1 commitment into {xian_ledger}\n"
    shown = json.loads(
        run("show", "open-a-lab", "--ledger", xian_ledger, "--format", "json").stdout
    )
    assert (shown["countries"], shown["made"], shown["due"]) == (
        ["CN", "KZ"],
        "2023-04-26",
        "2025-12-31",
    )


def _log(run: Run, ledger: Path) -> list[tuple[str, str, list[str], str | None]]:
    entries = json.loads(
        run("log", "--ledger", ledger, "--format", "json", "--reverse").stdout
    )
    return [(e["id"], e["to"], e["parties"], e["by"]) for e in entries]


def test_updates_name_their_parties_and_who_assessed_them(
    run: Run, xian_ledger: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "parties.csv"
    sheet.write_text(
        "commitment,status,note,parties,by\n"
        "kz-consulates,in-progress,Sites agreed,KZ,A. Researcher\n"
        'tj-luban-workshop,partial,Courses,"Tajikistan; CN",\n'
        'tj-luban-workshop,fulfilled,Reopened,"TJ, China",C. Fellow\n'
        "tm-year-of-culture,stalled,Paused,,\n",
        encoding="utf-8",
    )
    result = run(
        "import", sheet, "--ledger", xian_ledger, env={"TRACKER_AUTHOR": "B. Analyst"}
    )
    assert result.exit_code == 0, result.stderr
    # An empty by is the importer's, as for tracker update; no parties is all.
    assert _log(run, xian_ledger) == [
        ("kz-consulates", "in-progress", ["KZ"], "A. Researcher"),
        ("tj-luban-workshop", "partial", ["TJ", "CN"], "B. Analyst"),
        ("tj-luban-workshop", "fulfilled", ["TJ", "CN"], "C. Fellow"),
        ("tm-year-of-culture", "stalled", ["CN", "TM"], "B. Analyst"),
    ]
    shown = json.loads(
        run("show", "kz-consulates", "--ledger", xian_ledger, "--format", "json").stdout
    )
    assert shown["parties"]["KZ"]["status"] == "in-progress"
    assert shown["parties"]["CN"]["status"] == "pledged"


def test_by_flag_is_the_default_over_the_environment(
    run: Run, xian_ledger: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "updates.csv"
    sheet.write_text(
        "commitment,status,note,by\n"
        "kz-consulates,in-progress,Sites agreed,\n"
        "tj-luban-workshop,partial,Courses,A. Researcher\n",
        encoding="utf-8",
    )
    result = run(
        "import", sheet, "--by", "C. Fellow", "--ledger", xian_ledger,
        env={"TRACKER_AUTHOR": "B. Analyst"},
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert [by for *_, by in _log(run, xian_ledger)] == ["C. Fellow", "A. Researcher"]


def test_no_one_named_anywhere_records_no_assessor(
    run: Run, xian_ledger: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "updates.csv"
    sheet.write_text("commitment,status,note\nkz-consulates,partial,Half\n")
    result = run("import", sheet, "--ledger", xian_ledger)
    assert result.exit_code == 0, result.stderr
    assert _log(run, xian_ledger) == [("kz-consulates", "partial", ["CN", "KZ"], None)]
    assert "by =" not in xian_ledger.read_text(encoding="utf-8")


def test_commitment_rows_say_who_recorded_them(
    run: Run, xian_ledger: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "pledges.csv"
    sheet.write_text(
        _csv(
            [
                ["Open a lab", "CN;KZ", "science", "2023-04-26", "xian-talks-2023",
                 QUOTE, "", "A. Researcher"],
                ["Open a school", "CN;KZ", "science", "2023-04-26", "xian-talks-2023",
                 QUOTE, "", ""],
            ],
            [*HEADER, "by"],
        ),
        encoding="utf-8",
    )  # fmt: skip
    result = run(
        "import",
        sheet,
        "--ledger",
        xian_ledger,
        "--new-category",
        env={"TRACKER_AUTHOR": "B. Analyst"},
    )
    assert result.exit_code == 0, result.stderr
    text = xian_ledger.read_text(encoding="utf-8")
    lab, school = text.split('id = "open-a-lab"')[1].split('id = "open-a-school"')
    assert 'by = "A. Researcher"' in lab
    assert 'by = "B. Analyst"' in school


def test_a_party_not_of_the_commitment_is_refused_by_row(
    run: Run, xian_ledger: Path, tmp_path: Path
) -> None:
    before = xian_ledger.read_bytes()
    sheet = tmp_path / "updates.csv"
    sheet.write_text(
        "commitment,status,note,parties\n"
        "kz-consulates,partial,Half,KZ\n"
        "kz-consulates,partial,Half,TJ\n"
    )
    result = run("import", sheet, "--ledger", xian_ledger)
    assert result.exit_code == 1
    assert f"{sheet}:3: " in result.stderr
    assert f"{sheet}:2: " not in result.stderr
    assert xian_ledger.read_bytes() == before


def test_a_date_cell_says_what_is_wrong_with_it(
    run: Run, xian_ledger: Path, tmp_path: Path
) -> None:
    rows = _pledges(2)
    rows[0][3] = "2023-13-01"
    rows[1][6] = "2025-02-30"
    sheet = tmp_path / "bad.csv"
    sheet.write_text(_csv(rows), encoding="utf-8")
    result = run("import", sheet, "--ledger", xian_ledger)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[2:] == [
        f"  {sheet}:2: made: '2023-13-01' is not a date: month 13 does not exist",
        f"  {sheet}:3: due: '2025-02-30' is not a date: February 2025 has no day 30",
    ]
