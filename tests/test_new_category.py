"""A category the ledger does not have yet is refused as a likely typo, unless
the researcher says it is new (--new-category), for `add` and `import` alike."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from conftest import SMALL, Run, write_ledger

QUOTE = "China and Kazakhstan will open a joint laboratory on water resources"
ADD = (
    "add", "--title", "Open a trade office", "-c", "CN", "-c", "KZ",
    "--source", "astana-2024", "--made", "2024-03-01", "--quote", QUOTE,
)  # fmt: skip


def test_a_typo_of_a_category_is_refused_with_its_did_you_mean(
    run: Run, small_ledger: Path
) -> None:
    before = small_ledger.read_bytes()
    result = run(*ADD, "--category", "sciense", "--ledger", small_ledger)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "error: no category 'sciense' in the ledger\n"
        "hint: did you mean science? or add --new-category if it is a new one\n"
    )
    assert small_ledger.read_bytes() == before


def test_a_category_like_none_lists_those_the_ledger_has(
    run: Run, small_ledger: Path
) -> None:
    before = small_ledger.read_bytes()
    result = run(*ADD, "--category", "trade", "--ledger", small_ledger)
    assert result.exit_code == 1
    assert result.stderr == (
        "error: no category 'trade' in the ledger\n"
        "hint: the categories are: science, culture, connectivity; "
        "add --new-category if it is a new one\n"
    )
    assert small_ledger.read_bytes() == before


def test_new_category_starts_one(run: Run, small_ledger: Path) -> None:
    result = run(
        *ADD, "--category", "trade", "--new-category", "--ledger", small_ledger
    )
    assert result.exit_code == 0, result.stderr
    assert 'category = "trade"' in small_ledger.read_text(encoding="utf-8")
    # Once the ledger has it, it is a category like any other, in any case.
    result = run(*ADD, "--category", "Trade", "--id", "two", "--ledger", small_ledger)
    assert result.exit_code == 0, result.stderr
    assert small_ledger.read_text(encoding="utf-8").count('category = "trade"') == 2


def test_a_ledger_without_categories_says_how_to_start_one(
    run: Run, tmp_path: Path
) -> None:
    # The small ledger's countries and source, and no commitment yet.
    path = write_ledger(tmp_path, SMALL.split("[[commitment]]")[0])
    before = path.read_bytes()
    result = run(*ADD, "--category", "trade", "--ledger", path)
    assert result.exit_code == 1
    assert result.stderr == (
        "error: no category 'trade' in the ledger\n"
        "hint: the ledger has no categories yet; add --new-category to start one\n"
    )
    assert path.read_bytes() == before
    result = run(*ADD, "--category", "trade", "--new-category", "--ledger", path)
    assert result.exit_code == 0, result.stderr


def _sheet(tmp_path: Path, category: str) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["title", "countries", "category", "made", "source", "quote"])
    writer.writerow(["Open a lab", "CN;KZ", category, "2024-03-01", "astana-2024",
                     QUOTE])  # fmt: skip
    path = tmp_path / "pledges.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_import_refuses_a_new_category_by_the_same_rule(
    run: Run, small_ledger: Path, tmp_path: Path
) -> None:
    before = small_ledger.read_bytes()
    sheet = _sheet(tmp_path, "sciense")
    result = run("import", sheet, "--ledger", small_ledger)
    assert result.exit_code == 1
    assert (
        f"{sheet}:2: no category 'sciense' in the ledger (did you mean science? "
        "or add --new-category if it is a new one)" in result.stderr
    )
    assert small_ledger.read_bytes() == before
    result = run("import", sheet, "--ledger", small_ledger, "--new-category")
    assert result.exit_code == 0, result.stderr
    assert 'category = "sciense"' in small_ledger.read_text(encoding="utf-8")


def test_import_takes_a_known_category_in_any_case(
    run: Run, small_ledger: Path, tmp_path: Path
) -> None:
    result = run("import", _sheet(tmp_path, "SCIENCE"), "--ledger", small_ledger)
    assert result.exit_code == 0, result.stderr
    text = small_ledger.read_text(encoding="utf-8")
    assert text.count('category = "science"') == 2


def test_the_readme_example_econmy(run: Run, xian_ledger: Path) -> None:
    before = xian_ledger.read_bytes()
    result = run(
        "add", "--title", "T", "-c", "CN", "-c", "KZ", "--category", "econmy",
        "--source", "xian-talks-2023", "--made", "2023-04-26", "--quote", "x",
        "--ledger", xian_ledger,
    )  # fmt: skip
    assert (result.exit_code, result.stderr) == (
        1,
        "error: no category 'econmy' in the ledger\n"
        "hint: did you mean economy? or add --new-category if it is a new one\n",
    )
    assert xian_ledger.read_bytes() == before
