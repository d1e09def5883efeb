"""Completion in zsh, fish and PowerShell: ledger text literally, on one line.

Typer hands each candidate's help to Rich, which reads it as markup (a title
holding `[/b]` failed, `[b]x[/b]` lost its brackets) and wraps it at the
console's width (a raw newline in zsh's list). The tracker prints it as it
is, honours `--ledger` on the line being completed, and never offers the
version as a candidate.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SMALL, write_ledger

TITLE = "[/b] [b]x[/b] :coffee: " + "and on " * 30 + "end"
HOSTILE = SMALL.replace("Hold a Year of Tourism", TITLE + "\\nsecond line\\u001b[31m")


def complete(
    shell: str, line: str, cwd: Path, incomplete: str = ""
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from tracker.cli import main; main()"],
        cwd=cwd,
        env={
            **os.environ,
            "_TRACKER_COMPLETE": f"complete_{shell}",
            "_TYPER_COMPLETE_ARGS": line,
            "_TYPER_COMPLETE_WORD_TO_COMPLETE": incomplete,
            "_TYPER_COMPLETE_FISH_ACTION": "get-args",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )


SHOWN = TITLE + "\\x0asecond line\\x1b[31m"
ZSH_SHOWN = SHOWN.replace(":", "\\\\:")  # zsh's list needs `:` escaped
EXPECTED = {
    "zsh": '_arguments \'*: :(("tourism-year":"' + ZSH_SHOWN + "\"))'",
    "fish": f"tourism-year\t{SHOWN}",
    "powershell": f"tourism-year:::{SHOWN}",
}


@pytest.mark.parametrize("shell", EXPECTED)
def test_ledger_text_is_shown_literally_on_one_line(tmp_path: Path, shell: str) -> None:
    path = write_ledger(tmp_path / "elsewhere", HOSTILE)
    result = complete(shell, f"tracker show --ledger {path} tour", tmp_path, "tour")
    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout.rstrip("\n") == EXPECTED[shell]


@pytest.mark.parametrize("shell", ["zsh", "fish", "powershell", "bash"])
def test_completion_honours_the_ledger_on_the_line(tmp_path: Path, shell: str) -> None:
    path = write_ledger(tmp_path / "elsewhere", SMALL)
    if shell == "bash":
        result = subprocess.run(
            [sys.executable, "-c", "from tracker.cli import main; main()"],
            cwd=tmp_path,
            env={
                **os.environ,
                "COMP_WORDS": f"tracker show --ledger {path} w",
                "COMP_CWORD": "4",
                "_TRACKER_COMPLETE": "complete_bash",
            },
            capture_output=True,
            text=True,
            timeout=60,
        )
    else:
        result = complete(shell, f"tracker show --ledger {path} w", tmp_path, "w")
    assert "water-lab" in result.stdout
    assert "kz-consulates" not in result.stdout  # not the bundled ledger


@pytest.mark.parametrize("shell", ["zsh", "fish", "powershell"])
def test_the_version_is_never_a_candidate(tmp_path: Path, shell: str) -> None:
    result = complete(shell, "tracker --version ", tmp_path)
    assert "tracker 0" not in result.stdout
    assert result.stderr == ""
