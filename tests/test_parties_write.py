"""Writing per-party updates, who assessed them, and evidence-only sources;
and `tracker check` applying the very rules `tracker update` applies."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import Result

from tracker import _complete, cli, store

from conftest import SMALL, Run, write_ledger

NOW = dt.datetime(2026, 11, 28, 9, 30, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "_now", lambda: NOW)


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    return write_ledger(tmp_path / "ledger", SMALL)


def update(
    run: Run, ledger: Path, *args: str, env: dict[str, str] | None = None
) -> Result:
    return run(
        "update", "water-lab", "fulfilled", "--date", "2024-05-19",
        "--note", "Done on the Kazakh side", *args, "--ledger", ledger, env=env,
    )  # fmt: skip


def appended(ledger: Path, before: bytes) -> str:
    data = ledger.read_bytes()
    assert data.startswith(before)
    return data[len(before) :].decode()


# -- tracker update --party ---------------------------------------------------


def test_party_and_by_are_written(run: Run, ledger: Path) -> None:
    before = ledger.read_bytes()
    result = update(run, ledger, "--party", "KZ", "--by", "A. Researcher")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "water-lab (KZ): pledged -> fulfilled (2024-05-19)\n"
    assert appended(ledger, before) == (
        "\n[[update]]\n"
        'commitment = "water-lab"\n'
        "date = 2024-05-19\n"
        'status = "fulfilled"\n'
        "parties = [\n"
        '    "KZ",\n'
        "]\n"
        'note = "Done on the Kazakh side"\n'
        "evidence = []\n"
        'by = "A. Researcher"\n'
        "recorded = 2026-11-28T09:30:00Z\n"
    )
    shown = run("list", "--ledger", ledger, "-c", "KZ", "-s", "fulfilled", "-f", "json")
    assert [r["id"] for r in json.loads(shown.stdout)] == ["water-lab"]


def test_a_party_by_name(run: Run, ledger: Path) -> None:
    before = ledger.read_bytes()
    assert update(run, ledger, "--party", "kazakhstan").exit_code == 0
    assert 'parties = [\n    "KZ",\n]\n' in appended(ledger, before)


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (
            ("--party", "UZ"),
            "error: UZ is not a party to 'water-lab'\nhint: its parties are: CN, KZ\n",
        ),
        (
            ("--party", "KZ", "--party", "Kazakhstan"),
            "error: a party is given twice\nhint: give each --party once\n",
        ),
        (
            ("--party", "XX"),
            "error: no country 'XX' in the ledger\n"
            "hint: the countries are: CN (China), KZ (Kazakhstan), UZ (Uzbekistan)\n",
        ),
        (
            ("--by", "  "),
            "error: the assessor's name is empty\n"
            "hint: give --by NAME, or leave it out\n",
        ),
    ],
)
def test_refused(run: Run, ledger: Path, args: tuple[str, ...], stderr: str) -> None:
    before = ledger.read_bytes()
    result = update(run, ledger, *args)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", stderr)
    assert ledger.read_bytes() == before


def test_the_summary_names_the_other_party_s_later_update(
    run: Run, ledger: Path
) -> None:
    assert update(run, ledger, "--party", "KZ").exit_code == 0
    result = run(
        "update", "water-lab", "in-progress", "--date", "2024-04-01",
        "--note", "Site chosen", "--party", "CN", "--ledger", ledger,
    )  # fmt: skip
    # Kazakhstan's later update does not concern China: no note about it.
    assert (result.stdout, result.stderr) == (
        "water-lab (CN): pledged -> in-progress (2024-04-01)\n",
        "",
    )
    result = run(
        "update", "water-lab", "fulfilled", "--date", "2024-06-01",
        "--note", "All done", "--ledger", ledger,
    )  # fmt: skip
    assert result.stdout == (
        "water-lab: split: CN in-progress, KZ fulfilled -> fulfilled (2024-06-01)\n"
    )


# -- who assessed it ----------------------------------------------------------


def by_written(ledger: Path, before: bytes) -> str | None:
    for line in appended(ledger, before).splitlines():
        if line.startswith("by = "):
            return line
    return None


def test_tracker_author_is_the_default(run: Run, ledger: Path) -> None:
    before = ledger.read_bytes()
    result = update(run, ledger, env={"TRACKER_AUTHOR": "B. Analyst"})
    assert result.exit_code == 0, result.stderr
    assert by_written(ledger, before) == 'by = "B. Analyst"'


def test_by_wins_over_tracker_author(run: Run, ledger: Path) -> None:
    before = ledger.read_bytes()
    result = update(run, ledger, "--by", "C. Fellow", env={"TRACKER_AUTHOR": "B."})
    assert result.exit_code == 0
    assert by_written(ledger, before) == 'by = "C. Fellow"'


def test_no_git_and_no_author_leaves_it_out(run: Run, ledger: Path) -> None:
    before = ledger.read_bytes()
    assert update(run, ledger).exit_code == 0
    assert by_written(ledger, before) is None


GIT = shutil.which("git") or "git"


def test_git_user_name_of_the_ledger_s_repository(run: Run, ledger: Path) -> None:
    repo = ledger.parent
    subprocess.run([GIT, "init", "-q", str(repo)], check=True)
    subprocess.run(
        [GIT, "-C", str(repo), "config", "user.name", "D. Keeper"], check=True
    )
    before = ledger.read_bytes()
    assert update(run, ledger).exit_code == 0
    assert by_written(ledger, before) == 'by = "D. Keeper"'
    assert store.author(None, {}, ledger) == "D. Keeper"
    assert store.author(None, {"TRACKER_AUTHOR": "E."}, ledger) == "E."
    assert store.author(None, {}, ledger.parent.parent / "elsewhere.toml") is None


def test_add_takes_by(run: Run, ledger: Path) -> None:
    before = ledger.read_bytes()
    result = run(
        "add", "--title", "Open a water laboratory", "--country", "CN",
        "--category", "science", "--source", "astana-2024", "--made", "2024-03-01",
        "--quote", "China and Kazakhstan will open a joint laboratory",
        "--ledger", ledger, env={"TRACKER_AUTHOR": "B. Analyst"},
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert appended(ledger, before).endswith('by = "B. Analyst"\n')
    shown = run("show", "open-a-water-laboratory", "--ledger", ledger)
    assert "By:        B. Analyst\n" in shown.stdout


# -- tracker source add -------------------------------------------------------

SOURCE = [
    "source", "add", "kazinform-2024-05-19",
    "--title", "Laboratory opens in Astana",
    "--url", "https://example.org/lab",
    "--publisher", "Kazinform",
    "--published", "2024-05-19",
]  # fmt: skip
SOURCE_BLOCK = (
    "\n[sources.kazinform-2024-05-19]\n"
    'title = "Laboratory opens in Astana"\n'
    'url = "https://example.org/lab"\n'
    'publisher = "Kazinform"\n'
    "published = 2024-05-19\n"
)


def test_source_add_then_cite_it(run: Run, ledger: Path) -> None:
    before = ledger.read_bytes()
    result = run(*SOURCE, "--ledger", ledger)
    assert (result.exit_code, result.stdout) == (
        0,
        "added source kazinform-2024-05-19: Laboratory opens in Astana\n",
    )
    assert appended(ledger, before) == SOURCE_BLOCK
    assert update(run, ledger, "-e", "kazinform-2024-05-19").exit_code == 0
    shown = run("show", "water-lab", "--ledger", ledger).stdout
    assert (
        "    evidence: kazinform-2024-05-19: Laboratory opens in Astana, Kazinform, "
        "2024-05-19\n"
    ) in shown
    assert run("check", "--ledger", ledger).exit_code == 0


def test_source_add_undo(run: Run, ledger: Path) -> None:
    before = ledger.read_bytes()
    assert run(*SOURCE, "--ledger", ledger).exit_code == 0
    result = run("undo", "--yes", "--ledger", ledger)
    assert result.exit_code == 0, result.stderr
    assert "removed the source kazinform-2024-05-19" in result.stderr
    assert ledger.read_bytes() == before


def test_source_add_dry_run(run: Run, ledger: Path, tmp_path: Path) -> None:
    before = ledger.read_bytes()
    text = tmp_path / "article.txt"
    text.write_text("Laboratory opens.\n")
    result = run(*SOURCE, "--text-file", text, "--dry-run", "--ledger", ledger)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        SOURCE_BLOCK.lstrip("\n") + 'text = "sources/kazinform-2024-05-19.txt"\n'
    )
    assert ledger.read_bytes() == before
    assert not (ledger.parent / "sources" / "kazinform-2024-05-19.txt").exists()


def test_source_add_text_file(run: Run, ledger: Path, tmp_path: Path) -> None:
    text = tmp_path / "article.txt"
    text.write_text("The laboratory opened in Astana.\n")
    before = ledger.read_bytes()
    result = run(*SOURCE, "--text-file", text, "--ledger", ledger)
    assert result.exit_code == 0, result.stderr
    assert appended(ledger, before) == (
        SOURCE_BLOCK + 'text = "sources/kazinform-2024-05-19.txt"\n'
    )
    copy = ledger.parent / "sources" / "kazinform-2024-05-19.txt"
    assert copy.read_text() == "The laboratory opened in Astana.\n"


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (
            ("add", "astana-2024", "--title", "Again"),
            "error: there is already a source 'astana-2024'\n"
            "hint: choose another key, e.g. astana-2024-2\n",
        ),
        (
            ("add", "Kazinform 2024", "--title", "T"),
            "error: source key 'Kazinform 2024' is not a slug\n"
            "hint: use lowercase letters, digits and '-', e.g. kazinform-2024\n",
        ),
        (
            ("add", "k", "--title", " "),
            "error: the title is empty\nhint: give --title TEXT\n",
        ),
    ],
)
def test_source_add_refused(
    run: Run, ledger: Path, args: tuple[str, ...], stderr: str
) -> None:
    before = ledger.read_bytes()
    result = run("source", *args, "--ledger", ledger)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", stderr)
    assert ledger.read_bytes() == before


def test_a_refused_source_leaves_no_text_behind(
    run: Run, ledger: Path, tmp_path: Path
) -> None:
    # A ledger whose [sources] is an inline table cannot take a new source:
    # the whole new text is refused, and the copied text is removed again.
    text = ledger.read_text().replace("[countries]", "sources = { }\n\n[countries]", 1)
    article = tmp_path / "article.txt"
    article.write_text("Text.\n")
    broken = write_ledger(tmp_path / "broken", text)
    before = broken.read_bytes()
    result = run(*SOURCE, "--text-file", article, "--ledger", broken)
    assert result.exit_code == 1
    assert broken.read_bytes() == before
    assert not (broken.parent / "sources" / "kazinform-2024-05-19.txt").exists()


# -- check applies the same rules ----------------------------------------------


def check(run: Run, tmp_path: Path, text: str) -> str:
    path = write_ledger(tmp_path / "checked", text)
    result = run("check", "--ledger", path)
    return result.stdout


def test_check_finds_a_party_not_of_the_commitment(run: Run, tmp_path: Path) -> None:
    text = SMALL + (
        '\n[[update]]\ncommitment = "water-lab"\ndate = 2024-05-19\n'
        'status = "fulfilled"\nparties = ["UZ"]\nnote = "Done"\n'
    )
    line = text.count("\n") - 1  # the `parties` line
    assert check(run, tmp_path, text).endswith(
        f"commitments.toml:{line}: update #1: party 'UZ' is not one of "
        "'water-lab''s (CN, KZ)\n"
    )


def test_check_requires_evidence_as_update_does(run: Run, tmp_path: Path) -> None:
    text = SMALL.replace(
        "\n\n[countries]", "\nrequire_evidence = true\n\n[countries]"
    ) + ('\n[[update]]\ncommitment = "water-lab"\ndate = 2024-05-19\n'
         'status = "fulfilled"\nnote = "Done"\n')  # fmt: skip
    assert check(run, tmp_path, text).endswith(
        ": update #1: no evidence, and this ledger requires evidence for every update\n"
    )


def test_an_evidence_only_source_needs_no_date_or_text(
    run: Run, tmp_path: Path
) -> None:
    text = SMALL + (
        "\n[sources.kazinform]\n"
        'title = "Laboratory opens"\npublisher = "Kazinform"\n'
        "published = 2024-05-19\n"
    )
    assert check(run, tmp_path, text).endswith(": ok, 3 commitments, 0 updates\n")


def test_a_quoted_source_needs_its_text(run: Run, tmp_path: Path) -> None:
    text = SMALL.replace('text = "sources/astana.txt"\n', "")
    assert "source 'astana-2024' is quoted, so it needs 'text'" in check(
        run, tmp_path, text
    )


def test_split_is_no_status_name(run: Run, tmp_path: Path) -> None:
    text = SMALL.replace(
        "\n\n[countries]",
        "\n\n[statuses]\npledged = { progress = 0.0, score = -1 }\n"
        "split = { progress = 0.5, score = 0 }\n\n[countries]",
    )
    assert (
        "status 'split': the name is reserved for a commitment whose parties differ"
        in check(run, tmp_path, text)
    )


# -- completion -----------------------------------------------------------------


class Context:
    def __init__(self, ledger: Path, commitment: str | None) -> None:
        self.params = {"ledger_path": ledger, "commitment_id": commitment}


def test_party_completion_offers_the_commitment_s_parties(ledger: Path) -> None:
    assert _complete.parties(Context(ledger, "water-lab"), "") == [
        ("CN", "China"),
        ("KZ", "Kazakhstan"),
    ]
    assert _complete.parties(Context(ledger, "direct-flights"), "u") == [
        ("UZ", "Uzbekistan")
    ]
    assert [c for c, _ in _complete.parties(Context(ledger, None), "")] == [
        "CN",
        "KZ",
        "UZ",
    ]


# Each update rule, broken once by hand in the file and once on the command
# line: `check` and `update` must both refuse, since they run one rule list.
SAME_RULES = [
    ("check_status", 'status = "opened"', ["opened"], []),
    ("check_note", 'note = " "', ["fulfilled"], ["--note", " "]),
    ("check_date", "date = 2024-01-01", ["fulfilled"], ["--date", "2024-01-01"]),
    (
        "check_evidence",
        'evidence = ["astana-2023"]',
        ["fulfilled"],
        ["-e", "astana-2023"],
    ),
    ("check_parties", 'parties = ["UZ"]', ["fulfilled"], ["--party", "UZ"]),
    ("check_by", 'by = ""', ["fulfilled"], ["--by", ""]),
]


@pytest.mark.parametrize(
    ("rule", "line", "status", "args"), SAME_RULES, ids=[r[0] for r in SAME_RULES]
)
def test_check_and_update_refuse_alike(
    run: Run, tmp_path: Path, rule: str, line: str, status: list[str], args: list[str]
) -> None:
    fields = {
        "commitment": 'commitment = "water-lab"',
        "date": "date = 2024-05-19",
        "status": 'status = "fulfilled"',
        "note": 'note = "Done"',
    }
    fields[line.split(" = ")[0]] = line
    text = SMALL + "\n[[update]]\n" + "\n".join(fields.values()) + "\n"
    checked = run("check", "--ledger", write_ledger(tmp_path / "hand", text))
    assert checked.exit_code == 1, rule
    ledger = write_ledger(tmp_path / "typed", SMALL)
    before = ledger.read_bytes()
    typed = run(
        "update", "water-lab", *status, "--note", "Done", "--date", "2024-05-19",
        *args, "--ledger", ledger,
    )  # fmt: skip
    assert typed.exit_code == 1, rule
    assert ledger.read_bytes() == before
