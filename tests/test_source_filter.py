"""--source KEY: the commitments made at one meeting, in list, report and log."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from report_ledgers import UPDATED

from conftest import Run, write_ledger

# direct-flights was made at a second meeting; the others at Astana.
TWO_MEETINGS = UPDATED.replace(
    '[[commitment]]\nid = "direct-flights"',
    '[sources.tashkent-2025]\ntitle = "Ministers meet in Tashkent"\n'
    'date = 2024-03-01\ntext = "sources/astana.txt"\n\n'
    '[[commitment]]\nid = "direct-flights"',
).replace(
    'source = "astana-2024"\nquote = "Both sides agreed ... to double',
    'source = "tashkent-2025"\nquote = "Both sides agreed ... to double',
)


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    assert TWO_MEETINGS.count("tashkent-2025") == 2
    return write_ledger(tmp_path / "ledger", TWO_MEETINGS)


def _json(run: Run, *args: str | Path) -> object:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_list_keeps_the_commitments_of_the_sources_named(
    run: Run, ledger: Path
) -> None:
    def ids(*sources: str) -> list[str]:
        args = [a for s in sources for a in ("--source", s)]
        rows = _json(run, "list", "--ledger", ledger, *args)
        assert isinstance(rows, list)
        return [row["id"] for row in rows]

    assert ids("tashkent-2025") == ["direct-flights"]
    assert ids("astana-2024") == ["water-lab", "tourism-year"]
    assert ids("astana-2024", "tashkent-2025") == [
        "water-lab",
        "tourism-year",
        "direct-flights",
    ]


def test_report_counts_only_that_meeting_and_says_so(run: Run, ledger: Path) -> None:
    report = _json(
        run, "report", "--ledger", ledger, "--as-of", "2025-12-31",
        "--source", "tashkent-2025",
    )  # fmt: skip
    assert isinstance(report, dict)
    assert report["header"]["commitments"] == 1
    assert report["header"]["filters"]["sources"] == ["tashkent-2025"]
    assert report["overall"]["counts"]["fulfilled"] == 1
    table = run("report", "--ledger", ledger, "--as-of", "2025-12-31",
                "--source", "tashkent-2025")  # fmt: skip
    assert table.stdout.splitlines()[1] == (
        "Status report as of 2025-12-31; 1 commitment shown; source: tashkent-2025"
    )


def test_log_keeps_the_updates_of_that_meeting(run: Run, ledger: Path) -> None:
    entries = _json(run, "log", "--ledger", ledger, "--source", "tashkent-2025")
    assert isinstance(entries, list)
    assert [(e["date"], e["id"]) for e in entries] == [
        ("2025-06-01", "direct-flights"),
        ("2025-03-01", "direct-flights"),
    ]


def test_an_unknown_source_is_refused_with_the_nearest(run: Run, ledger: Path) -> None:
    result = run("list", "--ledger", ledger, "--source", "tashkent-2024")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "error: no source 'tashkent-2024' in the ledger\n"
        "hint: did you mean tashkent-2025? the sources are: astana-2024, "
        "tashkent-2025\n"
    )


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_the_full_report_names_the_source_filter_too(
    run: Run, ledger: Path, fmt: str
) -> None:
    result = run(
        "report", "--ledger", ledger, "--as-of", "2025-12-31",
        "--source", "tashkent-2025", "--format", fmt,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "1 commitment shown; source: tashkent-2025" in result.stdout
