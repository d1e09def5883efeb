"""Shell completion: candidates from the ledger, and nothing else, ever."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tracker import _complete, store

from conftest import SMALL, write_ledger


class Context:
    """The part of click's context a completion callback reads."""

    def __init__(self, ledger: Path | None) -> None:
        self.params = {"ledger_path": ledger}


@pytest.mark.parametrize(
    ("complete", "incomplete", "expected"),
    [
        pytest.param(
            _complete.commitment_ids,
            "t",
            [("tourism-year", "Hold a Year of Tourism")],
            id="ids",
        ),
        pytest.param(
            _complete.commitment_ids,
            "",
            [
                ("water-lab", "Open a joint water laboratory"),
                ("tourism-year", "Hold a Year of Tourism"),
                ("direct-flights", "Double direct flights"),
            ],
            id="all-ids",
        ),
        pytest.param(
            _complete.statuses, "p", [("pledged", ""), ("partial", "")], id="statuses"
        ),
        pytest.param(
            _complete.countries, "k", [("KZ", "Kazakhstan")], id="country-any-case"
        ),
        pytest.param(
            _complete.categories,
            "c",
            [("culture", ""), ("connectivity", "")],
            id="categories",
        ),
        pytest.param(
            _complete.sources,
            "",
            [("astana-2024", "Ministers meet in Astana")],
            id="sources",
        ),
        pytest.param(_complete.sources, "x", [], id="no-source"),
    ],
)
def test_candidates_come_from_the_ledger(
    small_ledger: Path,
    complete: object,
    incomplete: str,
    expected: list[tuple[str, str]],
) -> None:
    assert complete(Context(small_ledger), incomplete) == expected  # type: ignore[operator]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("schema = 1\n[countries\n", id="broken"),
        pytest.param("", id="empty"),
    ],
)
def test_a_broken_ledger_completes_nothing(tmp_path: Path, text: str) -> None:
    path = write_ledger(tmp_path, text)
    for complete in (_complete.commitment_ids, _complete.statuses, _complete.countries):
        assert complete(Context(path), "") == []


def test_a_missing_ledger_completes_nothing(tmp_path: Path) -> None:
    assert _complete.commitment_ids(Context(tmp_path / "nope.toml"), "") == []


def test_ledger_text_in_candidates_is_escaped(tmp_path: Path) -> None:
    path = write_ledger(
        tmp_path, SMALL.replace("Hold a Year of Tourism", "Hold\\u001b[31m it")
    )
    assert _complete.commitment_ids(Context(path), "tour") == [
        ("tourism-year", "Hold\\x1b[31m it")
    ]


def test_source_titles_are_shown_as_text(tmp_path: Path) -> None:
    path = write_ledger(
        tmp_path, SMALL.replace("Ministers meet in Astana", "Meet\\u001b[31m [bold]x")
    )
    assert _complete.sources(Context(path), "AST") == [
        ("astana-2024", "Meet\\x1b[31m [bold]x")
    ]


def bash_complete(
    words: str, cwd: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from tracker.cli import main; main()"],
        cwd=cwd,
        env={
            **os.environ,
            **env,
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split(" ")) - 1),
            "_TRACKER_COMPLETE": "complete_bash",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_bash_completion_prints_only_candidates_and_writes_nothing(
    tmp_path: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_ledger(
        tmp_path / "data", SMALL * 1 + "\n" + "#" * (store.CACHE_FROM_BYTES + 10) + "\n"
    )
    before = sorted(p.name for p in tmp_path.rglob("*"))
    result = bash_complete(
        "tracker show w", tmp_path, {"XDG_CACHE_HOME": str(private_cache)}
    )
    assert result.returncode == 0
    assert result.stdout.split() == ["water-lab"]
    assert result.stderr == ""
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # no lock, no journal
    assert list(private_cache.rglob("*.msgpack")) == []  # no cache entry
    assert path.exists()


def test_bash_completion_of_a_broken_ledger_is_silent(tmp_path: Path) -> None:
    write_ledger(tmp_path / "data", "schema = [\n")
    result = bash_complete("tracker show ", tmp_path, {})
    assert (result.returncode, result.stdout.strip(), result.stderr) == (0, "", "")


@pytest.mark.parametrize("command", ["list", "report", "log", "export sqlite out.db"])
def test_bash_completes_source_keys(tmp_path: Path, command: str) -> None:
    write_ledger(tmp_path / "data", SMALL)
    result = bash_complete(f"tracker {command} --source a", tmp_path, {})
    assert result.returncode == 0
    assert result.stdout.split() == ["astana-2024"]
    assert result.stderr == ""
