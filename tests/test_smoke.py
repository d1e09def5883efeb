from pathlib import Path

from conftest import Run


def test_list_small(run: Run, small_ledger: Path) -> None:
    result = run("list", "--ledger", small_ledger, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert '"water-lab"' in result.stdout
