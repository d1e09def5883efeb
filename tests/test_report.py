"""`tracker report`: every format, the same numbers, and the command line."""

# The expected outputs are compared byte for byte, so their lines stay whole.

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from report_ledgers import AS_OF, SINCE, UPDATED

from tracker import output
from tracker.aggregate import Group, Header, Moved, Overdue, Report
from tracker.render import rich_report

from conftest import BUNDLED, SMALL, Run, write_ledger

HAND = ("--as-of", AS_OF, "--since", SINCE)


@pytest.fixture
def updated_ledger(tmp_path: Path) -> Path:
    return write_ledger(tmp_path / "ledger", UPDATED)


def report(run: Run, ledger: Path, *args: str) -> str:
    result = run("report", "--ledger", ledger, *args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


MARKDOWN = """\
# Test ledger

Status report as of 2025-03-01; 3 commitments shown; changes since 2024-07-15

## Overall

|  | Total | Progress | Score | Compliance |
| --- | ---: | --- | ---: | ---: |
| All commitments | 3 | ██████░░░░ 58.3% | +0.33 | 66.7% |

Commitments per status:

|  | pledged | in-progress | stalled | partial | fulfilled | abandoned |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
| All commitments | 0 | 1 | 0 | 1 | 1 | 0 |

## By party

| Party | Total | Progress | Score | Compliance |
| --- | ---: | --- | ---: | ---: |
| China (CN) | 3 | ██████░░░░ 58.3% | +0.33 | 66.7% |
| Kazakhstan (KZ) | 3 | ██████░░░░ 58.3% | +0.33 | 66.7% |
| Uzbekistan (UZ) | 1 | ███░░░░░░░ 25.0% | +0.00 | 50.0% |

Commitments per status:

| Party | pledged | in-progress | stalled | partial | fulfilled | abandoned |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
| China (CN) | 0 | 1 | 0 | 1 | 1 | 0 |
| Kazakhstan (KZ) | 0 | 1 | 0 | 1 | 1 | 0 |
| Uzbekistan (UZ) | 0 | 1 | 0 | 0 | 0 | 0 |

## By category

| Category | Total | Progress | Score | Compliance |
| --- | ---: | --- | ---: | ---: |
| science | 1 | █████░░░░░ 50.0% | +0.00 | 50.0% |
| culture | 1 | ██████████ 100.0% | +1.00 | 100.0% |
| connectivity | 1 | ███░░░░░░░ 25.0% | +0.00 | 50.0% |

Commitments per status:

| Category | pledged | in-progress | stalled | partial | fulfilled | abandoned |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
| science | 0 | 0 | 0 | 1 | 0 | 0 |
| culture | 0 | 0 | 0 | 0 | 1 | 0 |
| connectivity | 0 | 1 | 0 | 0 | 0 | 0 |

## Overdue

| ID | Title | Status | Due | Days overdue |
| --- | --- | --- | --- | ---: |
| water-lab | Open a joint water laboratory | partial | 2024-12-31 | 60 |

## Changes from 2024-07-15 to 2025-03-01

| Date | ID | From | To | Note | Evidence |
| --- | --- | --- | --- | --- | --- |
| 2024-07-15 | tourism-year | pledged | partial | Programme announced | - |
| 2024-07-15 | tourism-year | partial | fulfilled | Year of Tourism opened | Ministers meet in Astana |
| 2025-01-10 | water-lab | in-progress | partial | First wing open | - |
| 2025-03-01 | direct-flights | pledged | in-progress | Two new routes | - |

## Commitments

### water-lab: Open a joint water laboratory

- **Status:** partial since 2025-01-10; due 2024-12-31, overdue by 60 days
- **Parties:** China (CN): partial; Kazakhstan (KZ): partial
- **Pledge:** “China and Kazakhstan will open a joint laboratory on water resources” (Ministers meet in Astana, 2024-03-01)
- **Latest:** 2025-01-10, partial: First wing open
- **Evidence:** -

### tourism-year: Hold a Year of Tourism

- **Status:** fulfilled since 2024-07-15
- **Parties:** China (CN): fulfilled; Kazakhstan (KZ): fulfilled
- **Pledge:** “Both sides agreed to hold a Year of Tourism” (Ministers meet in Astana, 2024-03-01)
- **Latest:** 2024-07-15, fulfilled: Year of Tourism opened
- **Evidence:** Ministers meet in Astana

### direct-flights: Double direct flights

- **Status:** in-progress since 2025-03-01
- **Parties:** China (CN): in-progress; Kazakhstan (KZ): in-progress; Uzbekistan (UZ): in-progress
- **Pledge:** “Both sides agreed ... to double direct flights.” (Ministers meet in Astana, 2024-03-01)
- **Latest:** 2025-03-01, in-progress: Two new routes
- **Evidence:** -
"""

CSV = """\
section,key,name,total,count_pledged,count_in_progress,count_stalled,count_partial,count_fulfilled,count_abandoned,split,progress_percent,score,compliance_percent,id,title,status,due,days_overdue,date,from,to,note,evidence,by
overall,all,All commitments,3,0,1,0,1,1,0,0,58.3,0.33,66.7,,,,,,,,,,,
party,CN,China,3,0,1,0,1,1,0,0,58.3,0.33,66.7,,,,,,,,,,,
party,KZ,Kazakhstan,3,0,1,0,1,1,0,0,58.3,0.33,66.7,,,,,,,,,,,
party,UZ,Uzbekistan,1,0,1,0,0,0,0,0,25.0,0.0,50.0,,,,,,,,,,,
category,science,science,1,0,0,0,1,0,0,0,50.0,0.0,50.0,,,,,,,,,,,
category,culture,culture,1,0,0,0,0,1,0,0,100.0,1.0,100.0,,,,,,,,,,,
category,connectivity,connectivity,1,0,1,0,0,0,0,0,25.0,0.0,50.0,,,,,,,,,,,
overdue,,,,,,,,,,,,,,water-lab,Open a joint water laboratory,partial,2024-12-31,60,,,,,,
change,,,,,,,,,,,,,,tourism-year,Hold a Year of Tourism,,,,2024-07-15,pledged,partial,Programme announced,[],
change,,,,,,,,,,,,,,tourism-year,Hold a Year of Tourism,,,,2024-07-15,partial,fulfilled,Year of Tourism opened,"[""astana-2024""]",
change,,,,,,,,,,,,,,water-lab,Open a joint water laboratory,,,,2025-01-10,in-progress,partial,First wing open,[],
change,,,,,,,,,,,,,,direct-flights,Double direct flights,,,,2025-03-01,pledged,in-progress,Two new routes,[],
"""


class TestExactOutput:
    def test_markdown(self, run: Run, updated_ledger: Path) -> None:
        assert report(run, updated_ledger, *HAND, "--format", "markdown") == MARKDOWN

    def test_csv(self, run: Run, updated_ledger: Path) -> None:
        assert report(run, updated_ledger, *HAND, "--format", "csv") == CSV

    def test_json_carries_exact_means(self, run: Run, updated_ledger: Path) -> None:
        data = json.loads(report(run, updated_ledger, *HAND, "--format", "json"))
        assert data["header"] == {
            "title": "Test ledger",
            "as_of": "2025-03-01",
            "since": "2024-07-15",
            "commitments": 3,
            "filters": {
                "countries": [],
                "categories": [],
                "statuses": [],
                "sources": [],
            },
            "note": None,
        }
        overall = data["overall"]
        assert overall["counts"] == {
            "pledged": 0,
            "in-progress": 1,
            "stalled": 0,
            "partial": 1,
            "fulfilled": 1,
            "abandoned": 0,
        }
        assert overall["progress"] == pytest.approx(1.75 / 3)
        assert overall["progress_percent"] == pytest.approx(175 / 3)
        assert overall["score"] == pytest.approx(1 / 3)
        assert overall["compliance_percent"] == pytest.approx(200 / 3)
        assert data["overdue"] == [
            {
                "id": "water-lab",
                "title": "Open a joint water laboratory",
                "countries": ["CN", "KZ"],
                "category": "science",
                "status": "partial",
                "due": "2024-12-31",
                "days_overdue": 60,
                "parties": {"CN": "partial", "KZ": "partial"},
            }
        ]
        assert data["changes"][1] == {
            "date": "2024-07-15",
            "id": "tourism-year",
            "title": "Hold a Year of Tourism",
            "from": "partial",
            "to": "fulfilled",
            "note": "Year of Tourism opened",
            "evidence": ["astana-2024"],
            "parties": ["CN", "KZ"],
            "by": None,
        }

    def test_json_without_since_has_no_changes(
        self, run: Run, updated_ledger: Path
    ) -> None:
        data = json.loads(report(run, updated_ledger, "--format", "json"))
        assert data["changes"] is None
        assert data["header"]["since"] is None


# -- every format carries the same numbers ----------------------------------

Numbers = list[tuple[float, ...]]


def _percent(cell: str) -> float:
    return float(re.search(r"(-?[\d.]+)%", cell).group(1))  # type: ignore[union-attr]


def from_json(text: str) -> Numbers:
    data = json.loads(text)
    rows = []
    for group in [data["overall"], *data["by_party"], *data["by_category"]]:
        rows.append(
            (
                group["total"],
                *group["counts"].values(),
                round(group["progress_percent"], 1),
                round(group["score"], 2),
                round(group["compliance_percent"], 1),
            )
        )
    return rows


def from_csv(text: str) -> Numbers:
    rows = []
    for row in csv.DictReader(io.StringIO(text)):
        if row["section"] in ("overall", "party", "category"):
            counts = [int(v) for k, v in row.items() if k.startswith("count_")]
            rows.append(
                (
                    int(row["total"]),
                    *counts,
                    float(row["progress_percent"]),
                    float(row["score"]),
                    float(row["compliance_percent"]),
                )
            )
    return rows


def _group_cells(cells: list[str]) -> tuple[float, ...]:
    *counts, progress, score, compliance = cells[1:]
    return (
        *(int(c) for c in counts),
        _percent(progress),
        float(score),
        _percent(compliance),
    )


def from_markdown(text: str) -> Numbers:
    """The group rows of the Markdown report, whose numbers come in two tables
    per section: total, progress and scores, then the counts per status."""
    scores: list[list[str]] = []
    counts: list[list[str]] = []
    for line in text.split("## Overdue")[0].splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if not line.startswith("| ") or cells[1] in ("Total", "pledged", "---:"):
            continue  # not a table row, or a header or rule
        if len(cells) == 5:
            scores.append(cells)
        elif len(cells) == 7 and cells[1].isdigit():
            counts.append(cells)
    assert [s[0] for s in scores] == [c[0] for c in counts]
    return [
        _group_cells([s[0], s[1], *c[1:], *s[2:]])
        for s, c in zip(scores, counts, strict=True)
    ]


def from_plain(text: str) -> Numbers:
    rows = []
    for line in text.splitlines():
        cells = re.split(r"\s{2,}", line)
        if len(cells) == 11 and cells[1] != "Total":
            rows.append(_group_cells(cells))
    return rows


def test_all_formats_carry_the_same_numbers(run: Run, updated_ledger: Path) -> None:
    def numbers(fmt: str) -> str:
        return report(run, updated_ledger, *HAND, "--format", fmt)

    expected = from_json(numbers("json"))
    assert len(expected) == 1 + 3 + 3
    assert expected[0] == (3, 0, 1, 0, 1, 1, 0, 58.3, 0.33, 66.7)
    assert from_csv(numbers("csv")) == expected
    assert from_markdown(numbers("markdown")) == expected
    assert from_plain(numbers("table")) == expected


def test_the_terminal_table_shows_the_json_numbers(
    run: Run, updated_ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(output, "is_terminal", lambda: True)
    shown = report(run, updated_ledger, *HAND)
    data = json.loads(report(run, updated_ledger, *HAND, "--format", "json"))
    for group in [data["overall"], *data["by_party"], *data["by_category"]]:
        assert f"{group['progress_percent']:.1f}%" in shown
        assert f"{group['score']:+.2f}" in shown
        assert f"{group['compliance_percent']:.1f}%" in shown
    for name, count in data["overall"]["counts"].items():
        assert re.search(rf"{name}\s+{count}\b", shown)
    assert "█" in shown
    assert "░" in shown


# -- the table in 80 columns ------------------------------------------------


def big_report() -> Report:
    """Five-digit counts, long names and a long scale: the worst an 80-column
    terminal has to take."""
    statuses = (
        "pledged",
        "in-progress",
        "stalled",
        "partial",
        "fulfilled",
        "abandoned",
    )
    counts = (12345, 6789, 1011, 1213, 1415, 1617)

    def group(key: str, name: str, scale: int) -> Group:
        shares = tuple(n * scale for n in counts)
        return Group(key, name, shares, 3210.5 * scale, -4321.0 * scale)

    return Report(
        header=Header(
            "Commitments of a long-running process",
            dt.date(2026, 9, 30),
            dt.date(2026, 7, 1),
            24390,
        ),
        statuses=statuses,
        overall=group("all", "All commitments", 1),
        parties=(
            group("BA", "Bosnia and Herzegovina", 1),
            group("CF", "Central African Republic", 2),
        ),
        categories=(
            group(
                "infrastructure-and-connectivity", "infrastructure-and-connectivity", 3
            ),
        ),
        overdue=(
            Overdue(
                "a-very-long-commitment-identifier-indeed",
                "Build it",
                ("BA",),
                "x",
                "in-progress",
                dt.date(2020, 1, 1),
                12345,
            ),
        ),
        changes=(
            Moved(
                dt.date(2026, 8, 1),
                "another-long-commitment-identifier",
                "T",
                "in-progress",
                "fulfilled",
                "Opened at a ceremony",
                (),
            ),
        ),
    )


def numbers_in(built: Report) -> set[str]:
    from tracker.render import report_text

    found = {str(built.overdue[0].days), "2020-01-01", "2026-08-01"}
    for _, g in built.groups():
        found |= {str(g.total), *map(str, g.counts)}
        found |= {
            report_text.percent_text(g.progress_percent),
            report_text.score_text(g.score),
        }
        found.add(report_text.percent_text(g.compliance_percent))
    return found


@pytest.mark.parametrize("width", [80, 100, 120])
def test_every_number_fits_the_terminal(width: int) -> None:
    built = big_report()
    screen = io.StringIO()
    rich_report.show(built, screen, width=width)
    text = screen.getvalue()
    assert max(len(line) for line in text.splitlines()) <= width
    assert "…" not in text
    missing = {
        n
        for n in numbers_in(built)
        if not re.search(rf"(?<![\d.]){re.escape(n)}(?![\d])", text)
    }
    assert not missing, text


def test_the_xian_report_fits_80_columns(
    run: Run, xian_ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(output, "is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", "80")
    text = report(run, xian_ledger, "--as-of", "2026-01-01")
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "…" not in text
    assert re.search(r"China \(CN\)\s+14\s", text)


# -- HTML and SVG -----------------------------------------------------------

NASTY = "<script>alert(1)</script> [link=javascript:alert(1)]x[/link] :coffee:"


@pytest.fixture
def nasty_ledger(tmp_path: Path) -> Path:
    text = SMALL.replace('title = "Test ledger"', f'title = "{NASTY}"')
    text = text.replace("due = 2024-12-31", "due = 2024-04-01")
    text = text.replace(
        'title = "Open a joint water laboratory"', f'title = "{NASTY} lab"'
    )
    return write_ledger(tmp_path / "nasty", text)


def test_html_shows_ledger_text_as_text(run: Run, nasty_ledger: Path) -> None:
    html = report(run, nasty_ledger, "--as-of", "2025-01-01", "--format", "html")
    assert html.startswith("<!DOCTYPE html>")
    assert "<script" not in html.lower()
    assert "javascript:" not in html.split("<body>")[1].replace(
        "[link=javascript:alert(1)]", ""
    )
    # The only links are the page's own: its contents and the commitments.
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs
    assert all(h.startswith("#") for h in hrefs), hrefs
    assert {h[1:] for h in hrefs} <= set(re.findall(r' id="([^"]*)"', html))
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt; [link=javascript:alert(1)]x[/link] :coffee:"
        in html
    )
    assert "☕" not in html


def test_svg_shows_ledger_text_literally(run: Run, nasty_ledger: Path) -> None:
    svg = report(run, nasty_ledger, "--as-of", "2025-01-01", "--format", "svg")
    root = ET.fromstring(svg)  # well-formed: nothing got out of its element
    assert not [e for e in root.iter() if e.tag.endswith("script")]
    assert not [e for e in root.iter() if e.tag.endswith("}a")]
    lines: dict[str, str] = {}
    for element in root.iter():
        if element.tag.endswith("text") and element.text:
            y = element.get("y", "")
            lines[y] = lines.get(y, "") + element.text
    shown = [line.replace("\xa0", " ") for line in lines.values()]
    assert any(NASTY in line for line in shown), shown


def test_html_needs_output_at_a_terminal(
    run: Run, small_ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(output, "is_terminal", lambda: True)
    for fmt in ("html", "svg"):
        result = run("report", "--ledger", small_ledger, "--format", fmt)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert f"hint: --output report.{fmt}" in result.stderr


def test_html_to_a_file_at_a_terminal(
    run: Run, small_ledger: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(output, "is_terminal", lambda: True)
    target = tmp_path / "report.html"
    result = run("report", "-l", small_ledger, "-f", "html", "--output", target)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "Test ledger" in page


# -- the command line -------------------------------------------------------


class TestCommand:
    def test_piped_table_is_plain_and_whole(self, run: Run, xian_ledger: Path) -> None:
        text = report(run, xian_ledger, "--as-of", "2026-01-01")
        assert "\x1b" not in text
        assert "…" not in text
        assert (
            "Support Kyrgyzstan in hosting the SCO heads of government meeting" in text
        )
        assert re.search(r"kg-sco-heads-of-government .* 2023-12-31\s+732$", text, re.M)

    def test_bundled_ledger(self, run: Run, xian_ledger: Path) -> None:
        data = json.loads(report(run, xian_ledger, "--format", "json"))
        overall = data["overall"]
        assert overall["total"] >= 14
        assert overall["counts"]["pledged"] == overall["total"]
        assert overall["progress_percent"] == 0.0
        assert overall["compliance_percent"] == 0.0
        assert [g["key"] for g in data["by_party"]] == [
            "CN",
            "KZ",
            "KG",
            "TJ",
            "UZ",
            "TM",
        ]

    def test_before_the_talks(self, run: Run, xian_ledger: Path) -> None:
        text = report(run, xian_ledger, "--as-of", "2023-01-01", "--format", "markdown")
        assert "**Note:** no commitments as of 2023-01-01" in text
        assert "| All commitments | 0 | - | - | - |" in text
        assert "| All commitments | 0 | 0 | 0 | 0 | 0 | 0 |" in text
        data = json.loads(
            report(run, xian_ledger, "--as-of", "2023-01-01", "-f", "json")
        )
        assert data["overall"]["progress"] is None
        assert data["header"]["note"] == "no commitments as of 2023-01-01"
        table = report(run, xian_ledger, "--as-of", "2023-01-01")
        assert "Note: no commitments as of 2023-01-01" in table

    def test_filters(self, run: Run, updated_ledger: Path) -> None:
        data = json.loads(
            report(run, updated_ledger, *HAND, "--country", "uz", "--format", "json")
        )
        assert data["header"]["filters"]["countries"] == ["UZ"]
        assert [g["key"] for g in data["by_party"]] == ["UZ"]
        assert [c["id"] for c in data["changes"]] == ["direct-flights"]
        data = json.loads(
            report(run, updated_ledger, *HAND, "-s", "partial", "--format", "json")
        )
        assert data["overall"]["total"] == 1
        assert [o["id"] for o in data["overdue"]] == ["water-lab"]

    def test_output_file(self, run: Run, updated_ledger: Path, tmp_path: Path) -> None:
        target = tmp_path / "q3.md"
        target.write_text("old report", encoding="utf-8")
        result = run(
            "report", "-l", updated_ledger, *HAND, "-f", "markdown", "-o", target
        )
        assert result.exit_code == 0, result.stderr
        assert (result.stdout, result.stderr) == ("", "")
        assert target.read_text(encoding="utf-8") == MARKDOWN

    def test_output_into_a_missing_directory(
        self, run: Run, small_ledger: Path, tmp_path: Path
    ) -> None:
        target = tmp_path / "reports" / "q3.md"
        result = run("report", "-l", small_ledger, "-o", target)
        assert result.exit_code == 1
        assert f"error: cannot write {target}" in result.stderr
        assert "hint: create the directory first" in result.stderr
        assert result.stdout == ""

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            pytest.param(
                ("--as-of", "2025-01-01", "--since", "2025-02-01"),
                "--since 2025-02-01 is after the report's date 2025-01-01",
                id="since-after-as-of",
            ),
            pytest.param(("--since", "July"), "is not a date", id="bad-date"),
            pytest.param(("--format", "pdf"), "'pdf' is not one of", id="bad-format"),
        ],
    )
    def test_usage_errors(
        self, run: Run, small_ledger: Path, args: tuple[str, ...], message: str
    ) -> None:
        result = run("report", "--ledger", small_ledger, *args)
        assert result.exit_code == 2
        assert message in result.stderr
        assert result.stdout == ""

    def test_unknown_country(self, run: Run, small_ledger: Path) -> None:
        result = run("report", "--ledger", small_ledger, "--country", "Kazakstan")
        assert result.exit_code == 1
        assert "hint: did you mean Kazakhstan?" in result.stderr

    def test_since_equal_to_as_of(self, run: Run, updated_ledger: Path) -> None:
        data = json.loads(
            report(
                run, updated_ledger, "--as-of", AS_OF, "--since", AS_OF, "-f", "json"
            )
        )
        assert [c["id"] for c in data["changes"]] == ["direct-flights"]

    def test_help_has_an_example(self, run: Run) -> None:
        result = run("report", "--help")
        assert result.exit_code == 0
        assert "Example:" in result.stdout


def test_readme_shows_the_real_markdown_report(run: Run) -> None:
    """The README shows the bundled record as of its RESEARCH.md date."""
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    text = report(run, BUNDLED, "--as-of", "2026-11-29", "--format", "markdown")
    assert f"```markdown\n{text}```" in readme


def test_control_characters_in_ledger_text_are_escaped(
    run: Run, tmp_path: Path
) -> None:
    text = SMALL.replace('category = "science"', 'category = "sci\\u001b[31mence"')
    text = text.replace('title = "Test ledger"', 'title = "Test\\u202eledger"')
    ledger = write_ledger(tmp_path / "ctl", text)
    for fmt in ("table", "markdown", "csv", "json", "html"):
        shown = report(run, ledger, "--category", "sci\x1b[31mence", "-f", fmt)
        assert "\x1b" not in shown, fmt
        assert "\u202e" not in shown, fmt
    plain = report(run, ledger, "--category", "sci\x1b[31mence")
    assert "category: sci\\x1b[31mence" in plain
    assert "Test\\u202eledger" in plain
