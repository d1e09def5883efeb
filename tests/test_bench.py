"""The benchmark runs, and compares two builds when asked.

Its figures are measured elsewhere (a quiet machine, `python bench/bench.py`);
here it runs once on a tiny ledger so that a change to the tracker cannot
leave it broken.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
TRACKER = shutil.which("tracker", path=str(Path(sys.executable).parent)) or "tracker"


def test_the_bench_runs_both_builds_in_the_same_rounds(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable, str(REPO / "bench" / "bench.py"), "--sizes", "15",
            "--rounds", "1", "--no-parties", "--json",
            "--tracker", TRACKER, "--baseline", TRACKER, "--workdir", str(tmp_path),
            "--only", "list --format json,show",
        ],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    assert report["baseline"] == TRACKER
    ledger, bundled = report["results"]
    # The bundled ledger too: its evidence-only sources have no archived text.
    assert bundled["ledger"] == "bundled"
    assert bundled["unavailable"] == []
    assert [t["target"] for t in bundled["targets"]] == [
        "bundled list --format json / old floor"
    ]
    assert ledger["commitments"] == 15
    rows = {row["case"]: row for row in ledger["cases"]}
    names = {
        "floor: tomllib parse only",
        "list --format json",
        "baseline: list --format json",
        "list --format json --no-cache",
        "baseline: list --format json --no-cache",
    }
    assert names <= set(rows), sorted(rows)
    assert any(name.startswith("baseline: show ") for name in rows)
    assert ledger["unavailable"] == []
    for row in rows.values():
        assert row["median_ms"] > 0
        assert row["samples_ms"]
    # Each build kept its own cache.
    assert (tmp_path / "cache-15").is_dir()
    assert (tmp_path / "cache-15-baseline").is_dir()
