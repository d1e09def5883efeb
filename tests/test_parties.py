"""Per-party verdicts on joint pledges, worked by hand (see party_ledgers)."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from party_ledgers import AS_OF, SPLIT_LEDGER

from tracker import aggregate, query, store
from tracker.model import Ledger
from tracker.render import (
    html_report,
    report_text,
    report_view,
    rich_detail,
    rich_report,
)
from tracker.views import commitment_detail

from conftest import Run, write_ledger

DAY = dt.date.fromisoformat


@pytest.fixture
def split_ledger(tmp_path: Path) -> Path:
    return write_ledger(tmp_path / "ledger", SPLIT_LEDGER)


@pytest.fixture
def ledger(split_ledger: Path) -> Ledger:
    return store.load(store.Location(split_ledger), DAY("2026-01-01"), False)


def out(run: Run, ledger: Path, *args: str) -> str:
    result = run(*args, "--ledger", ledger)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def parties(ledger: Ledger, cid: str, on: str) -> dict[str, tuple[str, str, bool]]:
    commitment = ledger.commitment_by_id[cid]
    state = ledger.state(commitment, DAY(on))
    return {
        p.code: (p.status.name, p.since.isoformat(), p.overdue)
        for p in state.party_states(commitment)
    }


def label(ledger: Ledger, cid: str, on: str) -> str:
    return ledger.state(ledger.commitment_by_id[cid], DAY(on)).label()


# -- party status, as of before and after each per-party update --------------


def test_before_and_after_kazakhstan_fulfils_its_half(ledger: Ledger) -> None:
    assert label(ledger, "water-lab", "2024-05-18") == "pledged"
    assert parties(ledger, "water-lab", "2024-05-18") == {
        "CN": ("pledged", "2024-03-01", False),
        "KZ": ("pledged", "2024-03-01", False),
    }
    assert label(ledger, "water-lab", "2024-05-19") == "split: CN pledged, KZ fulfilled"
    assert parties(ledger, "water-lab", "2024-05-19") == {
        "CN": ("pledged", "2024-03-01", False),
        "KZ": ("fulfilled", "2024-05-19", False),
    }


def test_overdue_is_per_party(ledger: Ledger) -> None:
    # Due 2024-12-31: China is overdue from the next day, Kazakhstan never.
    assert parties(ledger, "water-lab", "2024-12-31")["CN"][2] is False
    assert parties(ledger, "water-lab", "2025-01-01") == {
        "CN": ("pledged", "2024-03-01", True),
        "KZ": ("fulfilled", "2024-05-19", False),
    }
    state = ledger.state(ledger.commitment_by_id["water-lab"], DAY("2025-01-01"))
    assert state.overdue is True
    assert state.since == DAY("2024-05-19")  # the last party to change


def test_an_update_for_all_reaches_every_party(ledger: Ledger) -> None:
    assert label(ledger, "direct-flights", "2024-07-31") == "in-progress"
    assert parties(ledger, "direct-flights", "2024-07-31") == {
        "CN": ("in-progress", "2024-06-01", False),
        "KZ": ("in-progress", "2024-06-01", False),
        "UZ": ("in-progress", "2024-06-01", False),
    }
    assert label(ledger, "direct-flights", "2024-08-01") == (
        "split: CN in-progress, KZ in-progress, UZ fulfilled"
    )


def test_a_reconfirmation_for_one_party_keeps_its_clock(ledger: Ledger) -> None:
    for day in ("2024-08-31", "2024-09-01", AS_OF):
        assert label(ledger, "tourism-year", day) == "partial"
        assert parties(ledger, "tourism-year", day) == {
            "CN": ("partial", "2024-04-01", False),
            "KZ": ("partial", "2024-04-01", False),
        }


def test_split_progress_and_score_are_the_parties_means(ledger: Ledger) -> None:
    state = ledger.state(ledger.commitment_by_id["direct-flights"], DAY(AS_OF))
    assert state.split
    assert state.status.progress == pytest.approx(0.5)
    assert state.status.score == pytest.approx(1 / 3)
    assert state.status.closed is False


# -- filters, with and without --country ---------------------------------------


def ids(run: Run, ledger: Path, *args: str) -> list[str]:
    text = out(run, ledger, "list", "--as-of", AS_OF, "-f", "json", *args)
    return [r["id"] for r in json.loads(text)]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("-s", "fulfilled"), ["water-lab", "direct-flights"]),
        (("-c", "KZ", "-s", "fulfilled"), ["water-lab"]),
        (("-c", "CN", "-s", "fulfilled"), []),
        (("-c", "UZ", "-s", "fulfilled"), ["direct-flights"]),
        (("-s", "pledged"), ["water-lab"]),
        (("-c", "KZ", "-s", "pledged"), []),
        (("-s", "partial"), ["tourism-year"]),
        (("-s", "in-progress"), ["direct-flights"]),
        (("-c", "UZ", "-s", "in-progress"), []),
        (("--overdue",), ["water-lab"]),
        (("-c", "CN", "--overdue"), ["water-lab"]),
        (("-c", "KZ", "--overdue"), []),
        (("-c", "KZ", "-s", "pledged", "--overdue"), []),
        (("-c", "CN", "-c", "KZ", "-s", "fulfilled"), ["water-lab"]),
    ],
)
def test_filters(
    run: Run, split_ledger: Path, args: tuple[str], expected: list[str]
) -> None:
    assert ids(run, split_ledger, *args) == expected


def test_a_filter_before_the_party_update(run: Run, split_ledger: Path) -> None:
    text = out(
        run,
        split_ledger,
        "list",
        "--as-of",
        "2024-05-18",
        "-s",
        "fulfilled",
        "-f",
        "json",
    )
    assert json.loads(text) == []


# -- the report ------------------------------------------------------------------


def numbers(group: dict[str, object]) -> tuple[object, ...]:
    return (
        group["total"],
        group["split"],
        report_text.rounded_percent(group["progress_percent"]),  # type: ignore[arg-type]
        report_text.rounded_score(group["score"]),  # type: ignore[arg-type]
        report_text.rounded_percent(group["compliance_percent"]),  # type: ignore[arg-type]
    )


def test_report_worked_by_hand(run: Run, split_ledger: Path) -> None:
    data = json.loads(out(run, split_ledger, "report", "--as-of", AS_OF, "-f", "json"))
    overall = data["overall"]
    assert overall["counts"]["partial"] == 1
    assert sum(overall["counts"].values()) == 1
    assert numbers(overall) == (3, 2, 50.0, 0.11, 55.6)
    assert overall["score"] == pytest.approx(1 / 9)
    assert {g["key"]: numbers(g) for g in data["by_party"]} == {
        "CN": (3, 0, 25.0, -0.33, 33.3),
        "KZ": (3, 0, 58.3, 0.33, 66.7),
        "UZ": (1, 0, 100.0, 1.0, 100.0),
    }
    assert data["by_party"][0]["counts"] == {
        "pledged": 1,
        "in-progress": 1,
        "stalled": 0,
        "partial": 1,
        "fulfilled": 0,
        "abandoned": 0,
    }
    assert {g["key"]: numbers(g) for g in data["by_category"]} == {
        "science": (1, 1, 50.0, 0.0, 50.0),
        "culture": (1, 0, 50.0, 0.0, 50.0),
        "connectivity": (1, 1, 50.0, 0.33, 66.7),
    }
    assert data["overdue"] == [
        {
            "id": "water-lab",
            "title": "Open a joint water laboratory",
            "countries": ["CN"],
            "category": "science",
            "status": "split",
            "due": "2024-12-31",
            "days_overdue": 60,
            "parties": {"CN": "pledged"},
        }
    ]


def test_report_for_one_country(run: Run, split_ledger: Path) -> None:
    data = json.loads(
        out(run, split_ledger, "report", "--as-of", AS_OF, "-c", "KZ", "-f", "json")
    )
    assert [g["key"] for g in data["by_party"]] == ["KZ"]
    assert numbers(data["by_party"][0]) == (3, 0, 58.3, 0.33, 66.7)
    # Kazakhstan has done its half of water-lab: nothing of its is overdue.
    assert data["overdue"] == []
    china = json.loads(
        out(run, split_ledger, "report", "--as-of", AS_OF, "-c", "CN", "-f", "json")
    )
    assert [o["id"] for o in china["overdue"]] == ["water-lab"]


def test_report_before_any_party_update(run: Run, split_ledger: Path) -> None:
    data = json.loads(
        out(run, split_ledger, "report", "--as-of", "2024-05-18", "-f", "json")
    )
    assert data["overall"]["split"] == 0
    assert data["overall"]["counts"]["pledged"] == 2
    assert data["overall"]["counts"]["partial"] == 1


def test_changes_name_the_parties(run: Run, split_ledger: Path) -> None:
    data = json.loads(
        out(
            run,
            split_ledger,
            "report",
            "--as-of",
            AS_OF,
            "--since",
            "2024-05-01",
            "-f",
            "json",
        )
    )
    # CN's re-confirmation of tourism-year changes nothing: not a change.
    assert [
        (c["id"], c["from"], c["to"], c["parties"], c["by"]) for c in data["changes"]
    ] == [
        ("water-lab", "pledged", "fulfilled", ["KZ"], "A. Researcher"),
        ("direct-flights", "pledged", "in-progress", ["CN", "KZ", "UZ"], None),
        ("direct-flights", "in-progress", "fulfilled", ["UZ"], "B. Analyst"),
    ]


# -- every format shows the split -------------------------------------------------

WATER_LAB = "split: CN pledged, KZ fulfilled"


def test_list_table_markdown_csv_json(run: Run, split_ledger: Path) -> None:
    args = ("list", "--as-of", AS_OF, "--category", "science")
    table = out(run, split_ledger, *args)
    assert table.splitlines()[1].split("  ")[4:5] == [WATER_LAB] or WATER_LAB in table
    # Below the list's heading line and the table's header and rule.
    assert out(run, split_ledger, *args, "-f", "markdown").splitlines()[4] == (
        "| water-lab | Open a joint water laboratory | CN KZ | science | "
        f"{WATER_LAB} | 2024-05-19 | 2024-12-31 (overdue) |"
    )
    csv = out(run, split_ledger, *args, "-f", "csv").splitlines()
    assert csv[0].endswith(",quote,parties")
    assert csv[1].startswith(
        "water-lab,Open a joint water laboratory,CN;KZ,science,split,2024-05-19,"
    )
    assert csv[1].endswith(",CN pledged;KZ fulfilled")
    record = json.loads(out(run, split_ledger, *args, "-f", "json"))[0]
    assert record["status"] == "split"
    assert record["since"] == "2024-05-19"
    assert record["overdue"] is True
    assert record["parties"] == {
        "CN": {"status": "pledged", "since": "2024-03-01", "overdue": True},
        "KZ": {"status": "fulfilled", "since": "2024-05-19", "overdue": False},
    }


def test_show_text(run: Run, split_ledger: Path) -> None:
    text = out(run, split_ledger, "show", "water-lab", "--as-of", AS_OF)
    assert (
        f"Status:    {WATER_LAB}\n"
        "           CN pledged since 2024-03-01 (overdue)\n"
        "           KZ fulfilled since 2024-05-19\n"
    ) in text
    assert text.endswith(
        "History:\n"
        "  2024-05-19  fulfilled (KZ)  Kazakhstan's half done\n"
        "    by: A. Researcher\n"
        "    evidence: kazinform-2024-05-19: Laboratory opens in Astana, "
        "Kazinform, 2024-05-19\n"
    )


def test_show_json(run: Run, split_ledger: Path) -> None:
    data = json.loads(
        out(run, split_ledger, "show", "water-lab", "--as-of", AS_OF, "-f", "json")
    )
    assert data["status"] == "split"
    assert data["parties"]["KZ"] == {
        "status": "fulfilled",
        "since": "2024-05-19",
        "overdue": False,
    }
    assert data["history"][0]["parties"] == ["KZ"]
    assert data["history"][0]["by"] == "A. Researcher"
    assert data["evidence_sources"] == {
        "kazinform-2024-05-19": {
            "title": "Laboratory opens in Astana",
            "publisher": "Kazinform",
            "published": "2024-05-19",
            "date": None,
            "url": "https://example.org/news?id=1&lang=en",
        }
    }


def test_show_rich(ledger: Ledger) -> None:
    row = query.row_on(ledger, ledger.commitment_by_id["water-lab"], DAY(AS_OF))
    buffer = io.StringIO()
    rich_detail.show(commitment_detail(ledger, row, DAY(AS_OF)), buffer)
    text = buffer.getvalue()
    assert WATER_LAB in text
    assert "KZ fulfilled since 2024-05-19" in text
    assert "2024-05-19  fulfilled (KZ)" in text
    assert "by: A. Researcher" in text
    assert (
        "evidence: kazinform-2024-05-19: Laboratory opens in Astana, Kazinform" in text
    )


def test_log_every_format(run: Run, split_ledger: Path) -> None:
    args = ("log", "--commitment", "water-lab", "--until", AS_OF)
    table = out(run, split_ledger, *args).splitlines()
    assert [cell.strip() for cell in table[1].split("  ") if cell][:3] == [
        "2024-05-19",
        "water-lab",
        "pledged → fulfilled (KZ)",
    ]
    assert table[1].endswith("A. Researcher")
    assert "| pledged → fulfilled (KZ) |" in out(
        run, split_ledger, *args, "-f", "markdown"
    )
    csv = out(run, split_ledger, *args, "-f", "csv").splitlines()
    assert csv[1].endswith(",KZ,A. Researcher")
    entry = json.loads(out(run, split_ledger, *args, "-f", "json"))[0]
    assert (entry["from"], entry["to"], entry["parties"], entry["by"]) == (
        "pledged",
        "fulfilled",
        ["KZ"],
        "A. Researcher",
    )


def test_log_from_is_the_parties_own_status(run: Run, split_ledger: Path) -> None:
    entries = json.loads(
        out(run, split_ledger, "log", "--reverse", "-f", "json", "--until", AS_OF)
    )
    assert [(e["id"], e["from"], e["to"]) for e in entries] == [
        ("tourism-year", "pledged", "partial"),
        ("water-lab", "pledged", "fulfilled"),
        ("direct-flights", "pledged", "in-progress"),
        ("direct-flights", "in-progress", "fulfilled"),
        ("tourism-year", "partial", "partial"),
    ]


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "html", "svg"])
def test_report_formats_show_the_split(run: Run, split_ledger: Path, fmt: str) -> None:
    text = out(
        run,
        split_ledger,
        "report",
        "--as-of",
        AS_OF,
        "--since",
        "2024-05-01",
        "-f",
        fmt,
    )
    if fmt == "svg":
        # The SVG is the report's charts alone: the split is a bar of its
        # own, and each party's bar counts the party's own status.
        assert "<title>science: 1 total; 1 split; progress 50.0%" in text
        assert "<title>split: 1 of 1</title>" in text
        assert (
            "<title>Kazakhstan (KZ): 3 total; 1 in-progress, 1 partial, 1 fulfilled;"
            in text
        )
        assert "<title>China (CN): 3 total; 1 pledged, 1 in-progress, 1 partial;" in (
            text
        )
        return
    assert WATER_LAB in text
    if fmt == "html":
        # The new status is a coloured run; the parties are the next run.
        assert re.search(r"fulfilled</(span|text)><(span|text) [^>]*> \(KZ\)", text)
        return
    assert "fulfilled (KZ)" in text
    if fmt in ("table", "markdown"):
        assert "split" in report_header(text)


def report_header(text: str) -> str:
    """The header line of the Overall counts: Markdown gives the counts a
    table of their own, headed by the statuses."""
    lines = text.splitlines()
    return next(line for line in lines if " pledged " in line)


def test_report_terminal_table(ledger: Ledger) -> None:
    built = aggregate.build(ledger, DAY(AS_OF), since=DAY("2024-05-01"))
    buffer = io.StringIO()
    rich_report.show(built, buffer, width=100)
    text = buffer.getvalue()
    assert "1 split" in text  # the by-category count lines
    assert WATER_LAB in text  # the overdue table
    assert "fulfilled (KZ)" in text


def test_html_links_evidence_to_http_only(ledger: Ledger) -> None:
    built = aggregate.build(ledger, DAY(AS_OF), since=DAY("2024-05-01"))
    html = html_report.to_html(report_view.context(ledger, built, None, "0" * 64))
    # The source key links to the source's url, escaped in the attribute.
    link = (
        '<a href="https://example.org/news?id=1&amp;lang=en" '
        'rel="noopener noreferrer">Laboratory opens in Astana</a>'
    )
    assert link in html
    assert rich_report.safe_link("javascript:alert(1)") is None
    assert rich_report.safe_link("file:///etc/passwd") is None
    assert rich_report.safe_link('https://x.org/"><script>') == (
        "https://x.org/%22%3E%3Cscript%3E"
    )


def test_log_for_a_country_leaves_out_other_parties_updates(
    run: Run, split_ledger: Path
) -> None:
    entries = json.loads(
        out(
            run,
            split_ledger,
            "log",
            "-c",
            "KZ",
            "--reverse",
            "-f",
            "json",
            "--until",
            AS_OF,
        )
    )
    assert [(e["id"], e["date"]) for e in entries] == [
        ("tourism-year", "2024-04-01"),
        ("water-lab", "2024-05-19"),
        ("direct-flights", "2024-06-01"),
    ]


def test_a_hostile_assessor_name_is_shown_as_data(run: Run, tmp_path: Path) -> None:
    text = SPLIT_LEDGER.replace('by = "A. Researcher"', 'by = "\\u001b[31m[bold]Eve"')
    path = write_ledger(tmp_path / "hostile", text)
    shown = out(run, path, "show", "water-lab", "--as-of", AS_OF)
    assert "    by: \\x1b[31m[bold]Eve\n" in shown
    logged = out(run, path, "log", "--commitment", "water-lab", "--until", AS_OF)
    assert logged.splitlines()[1].endswith("\\x1b[31m[bold]Eve")
    assert "\x1b" not in shown + logged


def test_report_changes_say_who_assessed_them(run: Run, split_ledger: Path) -> None:
    args = ("report", "--as-of", AS_OF, "--since", "2024-05-01")
    text = out(run, split_ledger, *args, "-f", "markdown")
    assert "| Date | ID | From | To | Note | By |" in text
    assert (
        "| 2024-05-19 | water-lab | pledged | fulfilled (KZ) | Kazakhstan's half done "
        "| A. Researcher |"
    ) in text
    assert (
        "| 2024-06-01 | direct-flights | pledged | in-progress | Talks on routes | - |"
        in text
    )
    csv = out(run, split_ledger, *args, "-f", "csv").splitlines()
    assert csv[0].endswith(",note,evidence,by")
    assert csv[-1].endswith(
        ",in-progress,fulfilled (UZ),Uzbekistan doubled its flights,[],B. Analyst"
    )


# -- the full report (HTML, SVG, Markdown), party by party -------------------


@pytest.mark.parametrize(
    "keep",
    [
        query.Filter(),
        query.Filter(countries=("KZ",)),
        query.Filter(countries=("CN",), statuses=("pledged",)),
        query.Filter(statuses=("fulfilled",)),
        query.Filter(overdue=True),
        query.Filter(countries=("KZ",), overdue=True),
        query.Filter(categories=("connectivity",)),
    ],
)
def test_the_chart_over_time_counts_splits_as_the_report_does(
    ledger: Ledger, keep: query.Filter
) -> None:
    """Each quarter end is the report as of that day: a split commitment
    counts as split, weighed by its parties' means."""
    as_of = DAY(AS_OF)
    built = aggregate.build(ledger, as_of, keep)
    view = report_view.context(ledger, built, keep, "0" * 64)
    assert [p.key for p in view.timeline] == [
        "2024-03-31",
        "2024-06-30",
        "2024-09-30",
        "2024-12-31",
        AS_OF,
    ]
    for point in view.timeline:
        expected = aggregate.build(ledger, DAY(point.key), keep).overall
        shown = report_view.bar(expected, view.legend, point.label)
        assert point == shown._replace(key=point.key)
        assert point.counts == expected.counts, point.key
        assert point.total == expected.total, point.key
    splits = [p.total - sum(p.counts) for p in view.timeline]
    if keep == query.Filter():
        # water-lab splits on 2024-05-19, direct-flights on 2024-08-01.
        assert splits == [0, 1, 2, 2, 2]
        assert view.timeline[-1].compliance == "55.6%"
        assert view.timeline[-1].segments[-1][:4] == ("split", 6, "#cc79a7", 2)


def test_each_party_has_its_own_badge(run: Run, split_ledger: Path) -> None:
    html = out(run, split_ledger, "report", "--as-of", AS_OF, "-f", "html")
    section = html.split('id="c-direct-flights"')[1].split("</details>")[0]
    assert re.findall(
        r'<span class="party">([^<]*)</span><span class="badge r\d">([^<]*)</span>'
        r'<meter min="0" max="1" value="([^"]*)">',
        section,
    ) == [
        ("China (CN)", "in-progress", "0.25"),
        ("Kazakhstan (KZ)", "in-progress", "0.25"),
        ("Uzbekistan (UZ)", "fulfilled", "1.0"),
    ]
    assert (
        '<summary><span class="title">Double direct flights</span> '
        '<span class="badge r6 label">split: CN in-progress, KZ in-progress, '
        "UZ fulfilled</span>"
    ) in html
    assert (
        '<p class="latest">2024-08-01 <span class="badge r4">fulfilled</span>'
        '<span class="named"> (UZ)</span> Uzbekistan doubled its flights '
        '<span class="muted">(by B. Analyst)</span></p>'
    ) in section
    # The legend gives split its colour, after the scale's.
    assert '<li><span class="badge r6">split</span></li>\n</ul>' in html


def test_history_says_which_parties_and_who_assessed(run: Run, tmp_path: Path) -> None:
    text = SPLIT_LEDGER.replace(
        'note = "Programme announced"', 'note = "Programme announced"\nby = "C. Rev"'
    )
    path = write_ledger(tmp_path / "assessed", text)
    html = out(run, path, "report", "--as-of", AS_OF, "-f", "html")
    section = html.split('id="c-tourism-year"')[1].split("</details>")[0]
    assert re.findall(r"<tr>(.*?)</tr>", section) == [
        '<th scope="col">Date</th><th scope="col">Status</th>'
        '<th scope="col">Parties</th><th scope="col">Note</th>'
        '<th scope="col">By</th><th scope="col">Evidence</th>',
        '<td class="date" data-label="Date">2024-04-01</td><td data-label="Status">'
        '<span class="badge r3">partial</span></td><td data-label="Parties">CN KZ</td>'
        '<td data-label="Note">Programme announced</td><td data-label="By">C. Rev</td>'
        '<td data-label="Evidence">none</td>',
    ]
    # The latest update names China alone.
    assert '<span class="named"> (CN)</span> China&#39;s events continue</p>' in (
        section
    )
    flights = html.split('id="c-direct-flights"')[1].split("</details>")[0]
    assert '<td data-label="Parties">CN KZ UZ</td>' in flights


def test_markdown_report_per_party(run: Run, split_ledger: Path) -> None:
    text = out(run, split_ledger, "report", "--as-of", AS_OF, "-f", "markdown")
    assert (
        "- **Status:** split: CN pledged, KZ fulfilled since 2024-05-19; "
        "due 2024-12-31, overdue by 60 days\n"
        "- **Parties:** China (CN): pledged; Kazakhstan (KZ): fulfilled\n"
    ) in text
    assert (
        "- **Latest:** 2024-05-19, fulfilled (KZ): Kazakhstan's half done "
        "(by A. Researcher)\n"
    ) in text
    assert (
        "| Category | pledged | in-progress | stalled | partial | fulfilled "
        "| abandoned | split |\n"
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
        "| science | 0 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
    ) in text
