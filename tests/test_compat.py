"""On a ledger without `parties` or `by`, the JSON of list, show, report and
log keeps every key it had before updates could name parties: each value the
same, with new keys only added.

tests/compat/before-issue-9.json holds the output of these very commands from
the tracker as it was just before (commit bf1602b), on the small test ledger
with its update log and on the bundled Xi'an ledger.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from report_ledgers import UPDATED

from conftest import XIAN_PLEDGES, Run, write_ledger

BEFORE = json.loads(
    (Path(__file__).parent / "compat" / "before-issue-9.json").read_text("utf-8")
)


def kept(before: Any, now: Any, where: str = "") -> list[str]:
    """Where `now` lost a key or changed a value that `before` had."""
    if isinstance(before, dict):
        if not isinstance(now, dict):
            return [f"{where}: no longer an object"]
        lost = [f"{where}.{key}: missing" for key in before if key not in now]
        return lost + [
            problem
            for key in before
            if key in now
            for problem in kept(before[key], now[key], f"{where}.{key}")
        ]
    if isinstance(before, list):
        if not isinstance(now, list) or len(now) != len(before):
            return [f"{where}: a list of another length"]
        return [
            problem
            for i, (b, n) in enumerate(zip(before, now, strict=True))
            for problem in kept(b, n, f"{where}[{i}]")
        ]
    return [] if before == now else [f"{where}: {before!r} became {now!r}"]


def test_kept_finds_a_changed_value() -> None:
    # The comparison itself must catch what it is there to catch.
    assert kept({"a": [1, {"b": 2}]}, {"a": [1, {"b": 3}], "c": 0}) == [
        ".a[1].b: 2 became 3"
    ]
    assert kept({"a": 1}, {"b": 1}) == [".a: missing"]
    assert kept([1], [1, 2]) == [": a list of another length"]


@pytest.fixture
def ledgers(tmp_path: Path) -> dict[str, Path]:
    small = write_ledger(tmp_path / "small", UPDATED)
    xian = tmp_path / "xian" / "data"
    xian.mkdir(parents=True)
    shutil.copy(XIAN_PLEDGES, xian / "commitments.toml")
    shutil.copytree(XIAN_PLEDGES.parent / "sources", xian / "sources")
    return {"small": small, "xian": xian / "commitments.toml"}


CASES = [(name, command) for name, commands in BEFORE.items() for command in commands]


@pytest.mark.parametrize(("ledger", "command"), CASES)
def test_every_key_keeps_its_value(
    run: Run, ledgers: dict[str, Path], ledger: str, command: str
) -> None:
    result = run(*command.split(), "--ledger", ledgers[ledger])
    assert result.exit_code == 0, result.stderr
    before = BEFORE[ledger][command]
    if command.startswith("log"):
        # 0.2.0 renamed log's `commitment` to `id` (CHANGELOG.md), its one
        # deliberate change of a key; every other key and value must stay.
        before = [{RENAMED.get(k, k): v for k, v in e.items()} for e in before]
    assert kept(before, json.loads(result.stdout)) == []


RENAMED = {"commitment": "id"}
