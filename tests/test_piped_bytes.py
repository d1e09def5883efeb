"""Piped output is the same bytes whatever the terminal settings say:
NO_COLOR, FORCE_COLOR, TERM and COLUMNS shape what a terminal shows, never
what a script reads; for report, log, show and check as for list."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import BUNDLED, Run

ENVIRONMENTS = [
    {"NO_COLOR": "1"},
    {"FORCE_COLOR": "1"},
    {"FORCE_COLOR": "1", "TERM": "xterm-256color", "COLUMNS": "200"},
    {"TERM": "dumb"},
    {"COLUMNS": "20"},
]
COMMANDS = [
    ("report", "--since", "2024-01-01"),
    ("report", "-f", "markdown"),
    ("report", "-f", "json"),
    ("report", "-f", "csv"),
    ("report", "-f", "csv", "--section", "party"),
    ("report", "-f", "html"),
    ("report", "-f", "svg"),
    ("log",),
    ("log", "-f", "json"),
    ("log", "-f", "jsonl"),
    ("log", "-f", "csv"),
    ("log", "-f", "markdown"),
    ("show", "kz-consulates"),
    ("show", "kz-consulates", "-f", "json"),
    ("check",),
    ("list",),
]


@pytest.fixture(scope="module")
def bundled_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled ledger, with its updates, so the log and changes have rows."""
    target = tmp_path_factory.mktemp("bundled") / "data"
    shutil.copytree(BUNDLED.parent, target)
    return target / "commitments.toml"


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_piped_bytes_ignore_the_terminal_settings(
    run: Run, bundled_copy: Path, args: tuple[str, ...]
) -> None:
    args = (*args, "-l", str(bundled_copy))
    plain = run(*args)
    assert plain.exit_code == 0, plain.stderr
    assert plain.stdout_bytes
    assert b"\x1b" not in plain.stdout_bytes
    for env in ENVIRONMENTS:
        again = run(*args, env=env)
        assert (again.exit_code, again.stdout_bytes) == (0, plain.stdout_bytes), env
