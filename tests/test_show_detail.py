"""`show` prints a commitment's tags and notes, in text and in JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracker import output

from conftest import SMALL, Run, write_ledger

TAGGED = SMALL.replace(
    "due = 2024-12-31\n",
    'due = 2024-12-31\ntags = ["water", "flagship"]\n'
    'notes = "Raised again at the Samarkand summit"\n',
    1,
)


@pytest.fixture
def tagged(tmp_path: Path) -> Path:
    return write_ledger(tmp_path, TAGGED)


def test_show_json_has_tags_and_notes(run: Run, tagged: Path) -> None:
    result = run(
        "show", "water-lab", "-f", "json", "--as-of", "2024-06-01", "-l", tagged
    )
    assert result.exit_code == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["tags"] == ["water", "flagship"]
    assert shown["notes"] == "Raised again at the Samarkand summit"


def test_show_json_without_them_says_so(run: Run, tagged: Path) -> None:
    result = run("show", "tourism-year", "-f", "json", "-l", tagged)
    shown = json.loads(result.stdout)
    assert (shown["tags"], shown["notes"]) == ([], None)


def test_show_text_has_tags_and_notes(run: Run, tagged: Path) -> None:
    result = run("show", "water-lab", "--as-of", "2024-06-01", "-l", tagged)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "Tags:      water, flagship" in lines
    assert "Notes:     Raised again at the Samarkand summit" in lines
    plain = run("show", "tourism-year", "-l", tagged).stdout
    assert "Tags:" not in plain
    assert "Notes:" not in plain


def test_show_on_a_terminal_has_tags_and_notes(
    run: Run, tagged: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(output, "is_terminal", lambda: True)
    result = run("show", "water-lab", "--as-of", "2024-06-01", "-l", tagged,
                 env={"COLUMNS": "100", "NO_COLOR": "1"})  # fmt: skip
    assert result.exit_code == 0, result.stderr
    words = [" ".join(line.split()) for line in result.stdout.splitlines()]
    assert "Tags water, flagship" in words
    assert "Notes Raised again at the Samarkand summit" in words
