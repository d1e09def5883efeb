"""The README's "Recording progress" session, run as a researcher runs it."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
SECTION = README[README.index("## Recording progress") :]


def tracker() -> list[str]:
    """The installed console script, or the module where it is not on PATH."""
    script = Path(sys.executable).with_name("tracker")
    found = script if script.is_file() else shutil.which("tracker")
    return [str(found)] if found else [sys.executable, "-m", "tracker"]


def sh(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "TRACKER_LEDGER"}
    return subprocess.run(
        [*tracker(), *args], cwd=cwd, env=env, capture_output=True, text=True
    )


def test_the_readme_session_runs_as_shown(tmp_path: Path) -> None:
    init = sh(tmp_path, "init")
    assert init.returncode == 0, init.stderr
    # The whole output under the command: an empty one would be "in" any text.
    assert init.stdout.strip()
    assert f"$ tracker init\n{init.stdout}```" in SECTION

    update = sh(
        tmp_path, "update", "kz-consulates", "in-progress", "--date", "2023-09-01",
        "--note", "Sites for the consulates general agreed",
        "--evidence", "https://example.org/news/123", "--evidence", "xian-talks-2023",
    )  # fmt: skip
    assert update.returncode == 0, update.stderr
    assert update.stdout.startswith("kz-consulates: ")
    assert f"--evidence xian-talks-2023\n{update.stdout}```" in SECTION

    ledger = tmp_path / "data" / "commitments.toml"
    shown = re.search(r"```toml\n(\[\[update\]\].*?)```", SECTION, re.DOTALL)
    assert shown is not None
    recorded = re.compile(r"recorded = \S+Z\n")
    appended = ledger.read_text(encoding="utf-8").split("\n\n")[-1]
    assert recorded.sub("", appended) == recorded.sub("", shown.group(1))

    assert sh(tmp_path, "check").returncode == 0
    undo = sh(tmp_path, "undo", "--yes")
    assert undo.returncode == 0, undo.stderr
    assert ledger.read_bytes() == (REPO / "data" / "commitments.toml").read_bytes()


def console_commands(section: str) -> list[tuple[list[str], str]]:
    """Each `$ tracker ...` of a console block (continued lines joined), with
    the output shown under it."""
    found = []
    for block in re.findall(r"```console\n(.*?)```", section, re.DOTALL):
        lines = block.splitlines()
        i = 0
        while i < len(lines):
            command = lines[i][2:]
            while command.endswith("\\"):
                i += 1
                command = command[:-1] + lines[i].strip()
            i += 1
            shown = []
            while i < len(lines) and not lines[i].startswith("$ "):
                shown.append(lines[i])
                i += 1
            found.append((shlex.split(command)[1:], "\n".join(shown)))
    return found


def test_the_readme_party_session_runs_as_shown(tmp_path: Path) -> None:
    part = SECTION[SECTION.index("### One party's half") : SECTION.index("### Undo")]
    assert sh(tmp_path, "init").returncode == 0
    ledger = tmp_path / "data" / "commitments.toml"
    before = ledger.read_text(encoding="utf-8")
    commands = console_commands(part)
    assert [args[0] for args, _ in commands] == ["source", "update", "list", "show"]
    for args, shown in commands:
        result = sh(tmp_path, *args)
        assert result.returncode == 0, result.stderr
        if "..." in shown:
            # An excerpt: each run of lines between the elisions, in order.
            position = 0
            for piece in shown.split("..."):
                piece = piece.strip("\n")
                found = result.stdout.find(piece, position)
                assert found >= 0, piece
                position = found + len(piece)
        else:
            assert result.stdout == shown + "\n"

    blocks = re.search(r"```toml\n(\[sources\..*?)```", part, re.DOTALL)
    assert blocks is not None
    recorded = re.compile(r"recorded = \S+Z\n")
    appended = ledger.read_text(encoding="utf-8")[len(before) :].lstrip("\n")
    assert recorded.sub("", appended) == recorded.sub("", blocks.group(1))
    assert sh(tmp_path, "check").returncode == 0
