"""The ledger size limit: 512 MiB unless TRACKER_MAX_LEDGER_BYTES says otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker import store
from tracker.errors import TrackerError

from conftest import Run

MIB = 1024 * 1024


def test_the_default_limit_is_512_mib(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRACKER_MAX_LEDGER_BYTES", raising=False)
    assert store.ledger_limit() == 512 * MIB


def test_a_ledger_over_the_old_64_mib_limit_is_accepted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TRACKER_MAX_LEDGER_BYTES", raising=False)
    path = tmp_path / "big.toml"
    with path.open("wb") as handle:  # sparse: no disk used
        handle.truncate(90 * MIB)
    store.check_file(path)
    monkeypatch.setenv("TRACKER_MAX_LEDGER_BYTES", str(64 * MIB))
    with pytest.raises(TrackerError) as raised:
        store.check_file(path)
    assert raised.value.message == (
        f"{path} is 94,371,840 bytes; a ledger may be 67,108,864 at most"
    )


def test_the_variable_sets_the_limit(run: Run, small_ledger: Path) -> None:
    size = small_ledger.stat().st_size
    before = small_ledger.read_bytes()
    env = {"TRACKER_MAX_LEDGER_BYTES": str(size - 1)}
    result = run("list", "--ledger", small_ledger, env=env)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {small_ledger} is {size:,} bytes; a ledger may be {size - 1:,} "
        "at most\n"
        "hint: to allow a bigger ledger, set TRACKER_MAX_LEDGER_BYTES to its size\n"
    )
    result = run(
        "list", "--ledger", small_ledger, env={"TRACKER_MAX_LEDGER_BYTES": str(size)}
    )
    assert result.exit_code == 0, result.stderr
    assert small_ledger.read_bytes() == before


@pytest.mark.parametrize("value", ["lots", "0", "-5", "1.5"])
def test_a_limit_that_is_not_a_number_of_bytes_is_refused(
    run: Run, small_ledger: Path, value: str
) -> None:
    result = run(
        "list", "--ledger", small_ledger, env={"TRACKER_MAX_LEDGER_BYTES": value}
    )
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: TRACKER_MAX_LEDGER_BYTES is '{value}', not a number of bytes\n"
        "hint: set it to a whole number such as 536870912, or unset it\n"
    )
