"""A cache entry is checked for shape and types when it is read.

An entry is matched by hashes, but its content is only as good as whatever
wrote it. One that is not what the tracker writes is ignored, silently, and
the ledger parsed: no cache content ever makes a command fail.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_cache import WITH_UPDATES, entries, write_ledger

from tracker import _cache, _cache_entry, store

from conftest import Run

COMMANDS = [
    ["list", "--format", "json"],
    ["show", "water-lab", "--format", "json"],
    ["report", "--format", "json", "--as-of", "2026-01-01"],
    ["log", "--format", "json"],
]


@pytest.fixture(autouse=True)
def cache_every_ledger(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "CACHE_FROM_BYTES", 0)


def _outputs(run: Run, path: Path) -> list[tuple[int, str, str]]:
    results = [run(*command, "--ledger", path) for command in COMMANDS]
    return [(r.exit_code, r.stdout, r.stderr) for r in results]


def _forge(private_cache: Path, change: Any) -> None:
    (entry_file,) = entries(private_cache)
    entry = msgspec.msgpack.decode(entry_file.read_bytes())
    change(entry["ledger"])
    entry_file.write_bytes(msgspec.msgpack.encode(entry))


def _set(path: tuple[Any, ...], value: Any) -> Any:
    def change(ledger: Any) -> None:
        for step in path[:-1]:
            ledger = ledger[step]
        ledger[path[-1]] = value

    return change


FORGERIES = {
    "an empty scale": _set(("scale",), []),
    "a string for a progress": _set(("scale", 0, 1), "half"),
    "a list for a title": _set(("title",), ["x"]),
    "a number for a commitment id": _set(("commitments", 0, 0), 7),
    "an update of an unknown commitment": _set(("updates", 0, 0), "nowhere"),
    "an update with an unknown status": _set(("updates", 0, 2), "done"),
    "a commitment of an unknown country": _set(("commitments", 0, 2), ["XX"]),
    "a date that is not one": _set(("commitments", 0, 4), "2024-13-01"),
    "a short row": _set(("updates", 0), ["water-lab"]),
    "evidence that is a string": _set(("updates", 0, 4), "https://x"),
    "a score out of range": _set(("scale", 0, 2), 5),
    "a boolean for a score": _set(("scale", 0, 2), True),
    "a commitment listed twice": lambda ledger: ledger["commitments"].append(
        ledger["commitments"][0]
    ),
    "an update of an unknown party": _set(("updates", 0, 6), ["XX"]),
    "a field the tracker never writes": _set(("extra",), 1),
    "an end of an unknown commitment": lambda ledger: ledger["ends"].update(
        nowhere=["partial", None, "2024-07-01"]
    ),
    "an end with an unknown status": lambda ledger: ledger["ends"][
        "water-lab"
    ].__setitem__(0, "done"),
    "an end that is not one": _set(("ends", "water-lab"), ["partial"]),
    "no commitments": _set(("commitments",), []),
    "notes of updates that are not text": _set(("update_notes",), [1]),
}


@pytest.mark.parametrize("forgery", FORGERIES.values(), ids=FORGERIES.keys())
def test_an_entry_of_the_wrong_shape_is_ignored_and_the_ledger_parsed(
    run: Run, tmp_path: Path, private_cache: Path, forgery: Any
) -> None:
    path = write_ledger(tmp_path, WITH_UPDATES)
    expected = _outputs(run, path)
    assert all(code == 0 for code, _, _ in expected)
    _forge(private_cache, forgery)
    assert _outputs(run, path) == expected


entry_values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.floats() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=6,
)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(steps=st.lists(st.integers(0, 20), min_size=1, max_size=4), value=entry_values)
def test_no_cache_content_ever_causes_an_internal_error(
    run: Run, tmp_path: Path, private_cache: Path, steps: list[int], value: Any
) -> None:
    path = write_ledger(tmp_path, WITH_UPDATES)
    for entry_file in entries(private_cache):
        entry_file.unlink()
    expected = _outputs(run, path)

    def change(node: Any) -> None:
        for step in steps[:-1]:
            keys = list(node) if isinstance(node, dict) else range(len(node))
            child = node[list(keys)[step % len(keys)]] if keys else None
            if not isinstance(child, (dict, list)) or not child:
                break
            node = child
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if keys:
            node[keys[steps[-1] % len(keys)]] = value

    _forge(private_cache, change)
    assert len(expected) == len(COMMANDS)
    for code, _, stderr in _outputs(run, path):
        assert "internal error" not in stderr
        assert code == 0


@pytest.mark.parametrize(
    "command",
    [["log", "--format", "json"], ["export", "sqlite", "record.db"]],
    ids=["log", "export, whose second process reads the log"],
)
def test_an_entry_made_up_beyond_its_log_is_one_clean_error_then_mended(
    run: Run, tmp_path: Path, private_cache: Path, command: list[str]
) -> None:
    # No commitments, so none with updates, yet the log has some: it does not
    # fit, and neither does the ledger's own log, read when it is first used.
    path = write_ledger(tmp_path, WITH_UPDATES)
    expected = _outputs(run, path)
    _forge(private_cache, _set(("commitments",), []))
    _forge(private_cache, _set(("ends",), {}))
    files = sorted(tmp_path.iterdir())
    result = run(*command, "--ledger", path)
    assert (result.exit_code, result.stdout) == (1, "")
    assert sorted(tmp_path.iterdir()) == files
    assert result.stderr.splitlines() == [
        "error: the cache entry for this ledger did not match it",
        "hint: run the command again",
    ]
    assert _outputs(run, path) == expected


def test_a_good_entry_is_still_used(tmp_path: Path, private_cache: Path) -> None:
    path = write_ledger(tmp_path, WITH_UPDATES)
    ledger = store.load(store.Location(path), __import__("datetime").date(2026, 1, 1))
    (entry_file,) = entries(private_cache)
    assert _cache.restore(_cache_entry.decode(entry_file.read_bytes()).ledger) == ledger
