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


def _bench() -> Any:
    """bench/bench.py as a module: it is a script, not part of the package."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench", REPO / "bench" / "bench.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_a_kept_ledger_is_used_again_only_while_unchanged(tmp_path: Path) -> None:
    bench = _bench()
    horizon = bench.date(2025, 12, 31)
    first, kept = bench.generated(15, tmp_path, 2023, horizon)
    assert not kept
    written = first.path.read_bytes()
    again, kept = bench.generated(15, tmp_path, 2023, horizon)
    assert kept
    assert again == first
    # Another seed, or a changed ledger or source text: written anew.
    other, kept = bench.generated(15, tmp_path, 7, horizon)
    assert not kept
    assert other.path.read_bytes() != written
    bench.generated(15, tmp_path, 2023, horizon)
    for changed in (first.path, first.path.parent / first.texts[0]):
        original = changed.read_bytes()
        changed.write_bytes(original + b"\n")
        _, kept = bench.generated(15, tmp_path, 2023, horizon)
        assert not kept
        assert changed.read_bytes() == original
    (tmp_path / bench.STAMP).write_text("{not json", "utf-8")
    assert bench.generated(15, tmp_path, 2023, horizon) == (first, False)


def test_each_timed_round_runs_every_case_once_in_an_order_of_its_own() -> None:
    bench = _bench()
    ran: list[str] = []

    def execute(case: Any, timeout: float) -> Any:
        ran.append(case.name)
        return bench.Sample(float(len(ran)), 1024, None)

    bench.execute = execute
    names = [f"case {n}" for n in range(8)]
    cases = [bench.Case(name, lambda: None) for name in names]
    bench.run_rounds(cases, 30.0, 4, bench.random.Random("a seed"), "test")
    rounds = [ran[n : n + 8] for n in range(0, len(ran), 8)]
    assert len(rounds) == 5
    assert rounds[0] == names  # the warm-up, in the order given
    for order in rounds[1:]:
        assert sorted(order) == names
    assert len({tuple(order) for order in rounds[1:]}) == 4
    # Each case keeps its own samples, whatever its place in a round.
    for case in cases:
        places = [n for n, name in enumerate(ran) if name == case.name][1:]
        assert case.wall_ms == [float(place + 1) for place in places]
    # The same seed, the same orders: a run can be repeated.
    ran.clear()
    again = [bench.Case(name, lambda: None) for name in names]
    bench.run_rounds(again, 30.0, 4, bench.random.Random("a seed"), "test")
    assert [ran[n : n + 8] for n in range(0, len(ran), 8)] == rounds
