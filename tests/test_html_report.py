"""The HTML status report, its SVG charts and the view they share: what a
director reads, checked without a browser (tests/test_browser.py opens them)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from itertools import islice
from pathlib import Path
from typing import Any

import markupsafe
import pytest
from report_ledgers import AS_OF, SINCE, UPDATED

from tracker import __version__, store
from tracker._memo import Memo
from tracker.render.report_view import quarter_ends, safe_url

from conftest import SMALL, Run, write_ledger

HAND = ("--as-of", AS_OF, "--since", SINCE)


@pytest.fixture
def updated_ledger(tmp_path: Path) -> Path:
    return write_ledger(tmp_path / "ledger", UPDATED)


def report(run: Run, ledger: Path, *args: str) -> str:
    result = run("report", "--ledger", ledger, *args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


class Page(HTMLParser):
    """The elements of a page: ids, tags, links, and each table's rows."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.rows: dict[str, list[list[str]]] = {}
        self._figure: list[str] = []
        self._cells: list[str] | None = None
        self._cell: list[str] | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if tag in ("figure", "section"):
            self._figure.append(str(found.get("id")))
        elif tag == "tr":
            self._cells = []
        elif tag in ("td", "th") and self._cells is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("figure", "section"):
            self._figure.pop()
        elif tag in ("td", "th") and self._cell is not None and self._cells is not None:
            self._cells.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._cells is not None:
            where = self._figure[-1] if self._figure else ""
            self.rows.setdefault(where, []).append(self._cells)
            self._cells = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def hrefs(self) -> list[str]:
        return [str(a["href"]) for t, a in self.tags if t == "a" and "href" in a]


# -- the page ----------------------------------------------------------------


def test_every_section_and_chart_is_there(run: Run, updated_ledger: Path) -> None:
    html = report(run, updated_ledger, *HAND, "--format", "html")
    page = Page(html)
    assert {
        "headline",
        "charts",
        "chart-parties",
        "chart-categories",
        "chart-timeline",
        "changes",
        "overdue",
        "commitments",
        "method",
    } <= page.ids
    assert {"c-water-lab", "c-tourism-year", "c-direct-flights"} <= page.ids
    assert "<title>Test ledger: status report as of 2025-03-01</title>" in html
    figures = re.findall(
        r'<span class="label">([^<]*)</span><span class="value">([^<]*)</span>', html
    )
    assert figures == [
        ("Commitments", "3"),
        ("Fulfilled", "1"),
        ("Progress", "58.3%"),
        ("Compliance", "66.7%"),
        ("Overdue", "1"),
    ]
    assert "changes from 2024-07-15 to 2025-03-01" in html
    # A small ledger's commitments are open to read; print shows them whole.
    assert html.count('<details class="commitment') == 3
    assert html.count(" open>") == 3


def test_charts_carry_their_numbers(run: Run, updated_ledger: Path) -> None:
    page = Page(report(run, updated_ledger, *HAND, "--format", "html"))
    assert page.rows["chart-parties"] == [
        ["Party", "Total", "Statuses", "Progress", "Score", "Compliance"],
        [
            "China (CN)",
            "3",
            "1 in-progress, 1 partial, 1 fulfilled",
            "58.3%",
            "+0.33",
            "66.7%",
        ],
        [
            "Kazakhstan (KZ)",
            "3",
            "1 in-progress, 1 partial, 1 fulfilled",
            "58.3%",
            "+0.33",
            "66.7%",
        ],
        ["Uzbekistan (UZ)", "1", "1 in-progress", "25.0%", "+0.00", "50.0%"],
    ]
    assert [r[0] for r in page.rows["chart-categories"][1:]] == [
        "science",
        "culture",
        "connectivity",
    ]


def test_bars_say_their_counts_in_words(run: Run, updated_ledger: Path) -> None:
    html = report(run, updated_ledger, *HAND, "--format", "html")
    assert "<title>Uzbekistan (UZ): 1 in-progress</title>" in html
    assert "<title>fulfilled: 1 of 3</title>" in html


def test_the_chart_over_time_is_the_report_as_of_each_quarter_end(
    run: Run, updated_ledger: Path
) -> None:
    page = Page(report(run, updated_ledger, *HAND, "--format", "html"))
    rows = page.rows["chart-timeline"][1:]
    days = [r[0] for r in rows]
    assert days == ["2024-03-31", "2024-06-30", "2024-09-30", "2024-12-31", AS_OF]
    for day, total, statuses, progress, score, compliance in rows:
        data = json.loads(report(run, updated_ledger, "--as-of", day, "-f", "json"))
        overall = data["overall"]
        counts = ", ".join(f"{n} {s}" for s, n in overall["counts"].items() if n)
        assert (total, statuses) == (str(overall["total"]), counts), day
        assert progress == f"{overall['progress_percent']:.1f}%"
        assert score == f"{overall['score']:+.2f}"
        assert compliance == f"{overall['compliance_percent']:.1f}%"
    # The last point is the report's own day: 1 in-progress, 1 partial, 1 fulfilled.
    assert rows[-1][2] == "1 in-progress, 1 partial, 1 fulfilled"
    assert rows[1][2] == "2 pledged, 1 in-progress"


def test_the_chart_over_time_follows_the_filters(
    run: Run, updated_ledger: Path
) -> None:
    page = Page(
        report(run, updated_ledger, *HAND, "--status", "partial", "--format", "html")
    )
    # --status is judged on each day, as --as-of that day would.
    statuses = [r[2] for r in page.rows["chart-timeline"][1:]]
    assert statuses == ["none", "none", "none", "none", "1 partial"]


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        ("2024-03-01", "2024-03-01", ["2024-03-01"]),
        ("2024-03-31", "2024-06-30", ["2024-03-31", "2024-06-30"]),
        ("2024-11-15", "2025-02-01", ["2024-12-31", "2025-02-01"]),
        ("2023-04-26", "2023-12-31", ["2023-06-30", "2023-09-30", "2023-12-31"]),
    ],
)
def test_quarter_ends(first: str, last: str, expected: list[str]) -> None:
    days = quarter_ends(dt.date.fromisoformat(first), dt.date.fromisoformat(last))
    assert [d.isoformat() for d in days] == expected


def test_a_commitment_section(run: Run, updated_ledger: Path) -> None:
    html = report(run, updated_ledger, *HAND, "--format", "html")
    section = html.split('id="c-water-lab"')[1].split("</details>")[0]
    assert "overdue 60 days</span>" in section
    assert "2024-12-31, overdue by 60 days" in section
    # Each party's status in words beside its badge and meter.
    assert re.findall(r'<span class="party">([^<]*)</span>', section) == [
        "China (CN)",
        "Kazakhstan (KZ)",
    ]
    assert section.count('<span class="badge r3">partial</span><meter') == 2
    assert section.count('value="0.5"') == 2
    assert (
        "<blockquote>China and Kazakhstan will open a joint laboratory on water "
        "resources</blockquote>" in section
    )
    assert "Source: Ministers meet in Astana, Astana, 2024-03-01" in section
    # The latest assessment first, with its evidence.
    assert re.search(
        r'class="latest">2025-01-10 <span[^>]*>partial</span> First', section
    )
    page = Page(section)
    # Then the earlier updates, newest first: with the latest, the whole
    # history up to the report's day (the update of 2025-06-01 is later).
    assert "<h4>Earlier updates</h4>" in section
    assert page.rows[""] == [
        ["Date", "Status", "Parties", "Note", "Evidence"],
        ["2024-09-01", "in-progress", "CN KZ", "Still building", "none"],
        [
            "2024-06-01",
            "in-progress",
            "CN KZ",
            "Site chosen",
            "https://example.org/site",
        ],
    ]
    assert page.hrefs() == ["https://example.org/site"]


def test_changes_carry_their_evidence(run: Run, updated_ledger: Path) -> None:
    page = Page(report(run, updated_ledger, *HAND, "--format", "html"))
    assert page.rows["changes"][1:] == [
        [
            "2024-07-15",
            "Hold a Year of Tourism tourism-year",
            "pledged",
            "partial",
            "Programme announced",
            "none",
        ],
        [
            "2024-07-15",
            "Hold a Year of Tourism tourism-year",
            "partial",
            "fulfilled",
            "Year of Tourism opened",
            "Ministers meet in Astana",
        ],
        [
            "2025-01-10",
            "Open a joint water laboratory water-lab",
            "in-progress",
            "partial",
            "First wing open",
            "none",
        ],
        [
            "2025-03-01",
            "Double direct flights direct-flights",
            "pledged",
            "in-progress",
            "Two new routes",
            "none",
        ],
    ]
    assert page.rows["overdue"][1:] == [
        ["Open a joint water laboratory water-lab", "partial", "2024-12-31", "60"]
    ]


# -- evidence as links ---------------------------------------------------------

EVIDENCE_LEDGER = (
    SMALL.replace(
        'text = "sources/astana.txt"',
        'text = "sources/astana.txt"\nurl = "https://example.org/astana?a=1&b=2"',
    )
    + """
[sources.plain]
title = "A source without a page"
date = 2024-04-01

[[update]]
commitment = "water-lab"
date = 2024-06-01
status = "in-progress"
note = "Site chosen"
evidence = [
    "https://example.org/a?x=1&y=<2>",
    "HTTP://EXAMPLE.ORG/LOUD",
    "javascript:alert(1)",
    "ftp://example.org/file",
    "data:text/html,<script>alert(1)</script>",
    "https://example.org/x\\" onmouseover=\\"alert(1)",
    "astana-2024",
    "plain",
]
"""
)


def test_only_http_and_https_are_links(run: Run, tmp_path: Path) -> None:
    ledger = write_ledger(tmp_path, EVIDENCE_LEDGER)
    html = report(run, ledger, "--as-of", "2024-07-01", "--format", "html")
    page = Page(html)
    outside = [h for h in page.hrefs() if not h.startswith("#")]
    # Latest note and history each link the same evidence; the quote's
    # source links to its url.
    assert sorted(set(outside)) == [
        "HTTP://EXAMPLE.ORG/LOUD",
        "https://example.org/astana?a=1&b=2",
    ]
    assert "javascript:alert(1)" in html  # shown, as text
    assert 'href="javascript' not in html
    assert "onmouseover=&#34;alert(1)" in html
    assert "&lt;script&gt;" in html
    assert 'href="https://example.org/astana?a=1&amp;b=2"' in html
    assert ">Ministers meet in Astana</a>" in html
    assert "A source without a page" in html
    for _, attrs in page.tags:
        if attrs.get("href", "#").startswith("http"):  # type: ignore[union-attr]
            assert attrs["rel"] == "noopener noreferrer"


def test_markdown_links_evidence_the_same_way(run: Run, tmp_path: Path) -> None:
    ledger = write_ledger(tmp_path, EVIDENCE_LEDGER)
    text = report(
        run, ledger, "--as-of", "2024-07-01", "--since", "2024-06-01", "-f", "markdown"
    )
    latest = text.split("### water-lab")[1].split("###")[0]
    evidence = (
        "- **Evidence:** https://example.org/a?x=1&y=\\<2\\>; "
        "[HTTP://EXAMPLE.ORG/LOUD](<HTTP://EXAMPLE.ORG/LOUD>); javascript:alert(1); "
        "ftp://example.org/file; data:text/html,\\<script\\>alert(1)\\</script\\>; "
        'https://example.org/x" onmouseover="alert(1); '
        "[Ministers meet in Astana](<https://example.org/astana?a=1&b=2>); "
        "A source without a page\n"
    )
    assert evidence in latest
    # Changes carry the same evidence.
    change = [line for line in text.splitlines() if "| Site chosen |" in line]
    assert change
    assert change[0].endswith(evidence.split("** ")[1].rstrip() + " |")


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://example.org/a", True),
        ("http://example.org", True),
        ("HTTPS://EXAMPLE.ORG", True),
        ("https://", False),
        ("https://a b", False),
        ("https://a\nb", False),
        ("https://a>b", False),
        (" https://a", False),
        ("javascript:alert(1)", False),
        ("//example.org", False),
        ("mailto:a@example.org", False),
    ],
)
def test_safe_url(url: str, linked: bool) -> None:
    assert (safe_url(url) == url) is linked


def _linkable_by_rule(url: str) -> bool:
    """The rule `safe_url` follows, spelt out: http or https in any case (as
    Python folds case: a long s is an s), then at least one character, none
    of them whitespace or one of <>"'`\\."""
    scheme, sep, rest = url.partition("://")
    return (
        scheme.casefold() in ("http", "https")
        and sep == "://"
        and rest != ""
        and not any(c.isspace() or c in "<>\"'`\\" for c in rest)
    )


def test_safe_url_follows_its_rule_for_every_ascii_character() -> None:
    """Every character of ASCII (and a few beyond it: a long s, which Python's
    case-folding takes for an s, and Unicode spaces) in each place of an
    address is linked exactly as the rule says."""
    chars = [chr(code) for code in range(128)] + ["\u017f", "\xa0", "\u2028", "é"]
    places = [
        lambda c: c + "ttps://a",
        lambda c: "http" + c + "://a",
        lambda c: "https" + c + "//a",
        lambda c: "https:/" + c + "a",
        lambda c: "https://" + c,
        lambda c: "HTTP://a" + c + "b",
        lambda c: "http://ab" + c,
    ]
    for make in places:
        for char in chars:
            url = make(char)
            assert (safe_url(url) == url) is _linkable_by_rule(url), repr(url)


# -- self-contained and safe ------------------------------------------------------


def test_the_page_asks_for_nothing(run: Run, updated_ledger: Path) -> None:
    html = report(run, updated_ledger, *HAND, "--format", "html")
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    assert csp
    style = html.split("<style>")[1].split("</style>")[0]
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert csp[1] == (
        f"default-src 'none'; style-src 'sha256-{digest}'; img-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )
    lowered = html.lower()
    for marker in ("<script", " src=", "url(", "@import", "<link", "<iframe"):
        assert marker not in lowered, marker
    assert ' style="' not in lowered  # the CSP would refuse it


@pytest.mark.parametrize("cached", [False, True], ids=["parsed", "from the cache"])
def test_the_footer_names_the_version_and_the_ledger_bytes(
    run: Run,
    updated_ledger: Path,
    private_cache: Path,
    monkeypatch: pytest.MonkeyPatch,
    cached: bool,
) -> None:
    if cached:
        monkeypatch.setattr(store, "CACHE_FROM_BYTES", 0)
        report(run, updated_ledger, *HAND, "--format", "json")  # makes the entry
        assert list(private_cache.rglob("*.msgpack"))
    html = report(run, updated_ledger, *HAND, "--format", "html")
    digest = hashlib.sha256(updated_ledger.read_bytes()).hexdigest()
    assert (
        f"Made by tracker {__version__} from a ledger whose SHA-256 is "
        f"<code>{digest}</code>." in html
    )


def test_the_method_shows_the_ledgers_own_scale(run: Run, tmp_path: Path) -> None:
    scale = (
        "\n[statuses]\n"
        "open = { progress = 0.0, score = -1 }\n"
        "done = { progress = 1.0, score = 1, closed = true }\n"
    )
    text = SMALL.replace('title = "Test ledger"', 'title = "Test ledger"' + scale)
    ledger = write_ledger(tmp_path, text)
    page = Page(report(run, ledger, "--format", "html"))
    assert page.rows["method"] == [
        ["Status", "Progress", "Score", "Ends the commitment"],
        ["open", "0%", "-1", "no"],
        ["done", "100%", "+1", "yes"],
    ]


def test_a_large_ledger_folds_its_commitments(run: Run, tmp_path: Path) -> None:
    block = SMALL.split("[[commitment]]")[2]
    many = SMALL + "".join(
        "[[commitment]]" + block.replace("tourism-year", f"tourism-{i}")
        for i in range(60)
    )
    html = report(run, write_ledger(tmp_path, many), "--format", "html")
    assert html.count('<details class="commitment') == 63
    assert " open>" not in html
    assert "63 commitments: open one to read its quote" in html


def test_an_empty_report(run: Run, xian_ledger: Path) -> None:
    html = report(run, xian_ledger, "--as-of", "2023-01-01", "--format", "html")
    assert "Note: no commitments as of 2023-01-01." in html
    assert "None to show." in html
    assert '<svg class="trend"' not in html  # no quarter to draw


# -- the SVG -----------------------------------------------------------------


def test_the_svg_is_the_charts_on_a_light_page(run: Run, updated_ledger: Path) -> None:
    svg = report(run, updated_ledger, *HAND, "--format", "svg")
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg"
    assert root.find(f"{ns}title") is not None
    assert root.find(f"{ns}desc") is not None
    background = root.find(f"{ns}rect")
    assert background is not None
    assert background.get("fill") == "#ffffff"
    texts = [e.text for e in root.iter(f"{ns}text")]
    for label in ("Statuses by party", "Statuses by category", "China (CN)", "66.7%"):
        assert label in texts, label
    assert "Status counts and compliance at each quarter end" in texts
    assert "2024-12-31" in texts
    # Nothing leaves the file: no links, no images, no fonts from anywhere.
    without_namespace = svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    for marker in ("http", "href", "@import", "url(", "@font-face", "<image"):
        assert marker not in without_namespace, marker
    assert "system-ui" in svg


# -- cost ----------------------------------------------------------------------


def test_jinja_is_loaded_only_for_html_and_svg(tmp_path: Path) -> None:
    ledger = write_ledger(tmp_path, UPDATED)
    code = (
        "import sys\n"
        "from tracker.cli import main\n"
        "try:\n"
        "    main(sys.argv[1:])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('jinja2' in sys.modules, file=sys.stderr)\n"
    )

    def loads_jinja(*args: str) -> bool:
        result = subprocess.run(
            [sys.executable, "-c", code, *args, "--ledger", str(ledger)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        return result.stderr.strip().splitlines()[-1] == "True"

    assert not loads_jinja("list")
    assert not loads_jinja("report", "--format", "json")
    assert not loads_jinja("report", "--format", "markdown")
    assert loads_jinja("report", "--format", "html")


# -- colour and print --------------------------------------------------------------

CSS = (
    Path(__file__).parents[1]
    / "src"
    / "tracker"
    / "render"
    / "templates"
    / "report.css"
).read_text(encoding="utf-8")


def _luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The WCAG 2 contrast ratio of two #rrggbb colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_text_colours_meet_aa_on_the_page() -> None:
    colours = dict(re.findall(r"--([a-z0-9]+): (#[0-9a-f]{6});", CSS))
    paper = colours["paper"]
    for name in ("ink", "muted", "link", "alert"):
        assert contrast(colours[name], paper) >= 4.5, name
    # Behind quotes, muted text too.
    assert contrast(colours["muted"], colours["tint"]) >= 4.5
    # Swatches are drawn with an ink border, so even the lightest stands out
    # from the page (WCAG's 3:1 for graphics, by the border).
    assert contrast(colours["ink"], paper) >= 3


def test_the_print_stylesheet_keeps_rows_whole() -> None:
    printed = CSS.split("@media print")[1]
    assert "@page { size: A4;" in printed
    assert re.search(r"\btr\b[^{]*\{ break-inside: avoid; \}", printed)
    assert "thead { display: table-header-group; }" in printed
    assert 'a[href^="http"]::after { content: " <" attr(href) ">";' in printed


def test_one_update_is_the_latest_and_nothing_earlier(
    run: Run, updated_ledger: Path
) -> None:
    html = report(run, updated_ledger, *HAND, "--format", "html")
    section = html.split('id="c-direct-flights"')[1].split("</details>")[0]
    assert re.search(
        r'class="latest">2025-03-01 <span[^>]*>in-progress</span> Two', section
    )
    assert "Evidence: none given" in section
    assert "Earlier updates" not in section
    pledged = html.split('id="c-tourism-year"')[1].split("</details>")[0]
    assert '<a href="' not in pledged  # its source has no url


@pytest.mark.parametrize(
    "keep",
    [
        {},
        {"statuses": ("in-progress", "stalled")},
        {"countries": ("KZ",), "categories": ("consular", "culture")},
        {"overdue": True},
        {"search": "centre"},
    ],
)
def test_the_sweep_over_quarters_is_the_report_of_each_day(
    tmp_path: Path, keep: dict[str, object]
) -> None:
    """The chart over time takes one pass over the log; each point must still
    be exactly what the report as of that day counts."""
    sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
    import bench
    from tracker import aggregate, store
    from tracker.query import Filter
    from tracker.render import report_view

    path = bench.generate(300, tmp_path, 7, dt.date(2026, 6, 30)).path
    ledger = store.load(store.Location(path), dt.date(2026, 6, 30), use_cache=False)
    chosen = Filter(**keep)  # type: ignore[arg-type]
    as_of = dt.date(2026, 5, 17)
    built = aggregate.build(ledger, as_of, chosen)
    view = report_view.context(ledger, built, chosen, "0" * 64)
    assert len(view.timeline) > 4
    for point in view.timeline:
        day = dt.date.fromisoformat(point.key)
        expected = aggregate.build(ledger, day, chosen).overall
        assert point.counts == expected.counts, day
        assert point.compliance == report_view.bar(expected, view.legend).compliance
    assert view.timeline[-1].counts == built.overall.counts


class _Html:
    def __html__(self) -> str:
        return "<b>safe</b>"


class _Text(str):
    pass


@pytest.mark.parametrize(
    "value",
    [
        "",
        "plain",
        "<script>alert('x')</script> & \"quoted\"",
        "Türkiye \N{EN DASH} 中国 &amp;",
        _Text("<i>a str subclass</i>"),
        markupsafe.Markup("<em>already safe</em>"),
        _Html(),
        42,
        -7,
        True,
        2.5,
        None,
    ],
)
def test_the_templates_escape_exactly_as_markupsafe(value: object) -> None:
    """The templates' output expressions escape through html_report._escape,
    a faster path that must give the very characters markupsafe.escape does."""
    from tracker.render import html_report

    assert html_report._escape(value) == str(markupsafe.escape(value))
    for name in ("report.html.j2", "fragments.html.j2", "charts.svg.j2"):
        template = html_report._environment().get_template(name)
        assert template.root_render_func.__globals__["escape"] is html_report._escape


def test_no_compiled_code_is_kept_in_the_cache_directory(
    tmp_path: Path, updated_ledger: Path
) -> None:
    """Templates are compiled ahead, into the package, or else afresh each
    run: a file in the cache directory holds data (MessagePack), never code
    that a run would load and execute."""
    import os

    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("TRACKER_NO_CACHE", None)
    command = ["report", "--format", "html", "--ledger", str(updated_ledger), *HAND]
    for _ in range(2):
        result = subprocess.run(
            [sys.executable, "-m", "tracker", *command],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
        )
        assert result.returncode == 0, result.stderr
    kept = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert all(p.suffix == ".msgpack" for p in kept), kept


# -- the templates compiled ahead of time --------------------------------------


@pytest.mark.parametrize(
    "name", ["report.html.j2", "fragments.html.j2", "charts.svg.j2"]
)
def test_each_compiled_template_is_its_template_compiled_now(name: str) -> None:
    """The modules shipped in the package are what Jinja makes of the
    templates as they are: after editing one, `python -m
    tracker.render.precompiled` writes them again."""
    import jinja2

    from tracker.render import html_report, precompiled

    source = (precompiled.SOURCES / name).read_bytes().decode("utf-8")
    module = precompiled.DIRECTORY / f"{precompiled.module_name(name)}.py"
    shipped = module.read_text(encoding="utf-8")
    # Always: the module is of the template's text as it is now.
    assert f"SOURCE_SHA256 = {precompiled.digest(source)!r}" in shipped
    template = html_report.environment().get_template(name)
    if f"JINJA_VERSION = {jinja2.__version__!r}" not in shipped:
        # Made by another Jinja 3.1 than the one installed: left alone, and
        # the template compiled on the run (its pages are the same: below).
        assert Path(template.filename or "") == precompiled.SOURCES / name
        return
    expected = precompiled.module_text(html_report.environment(), name, source)
    assert shipped == expected
    assert Path(template.filename or "") == module
    assert template.root_render_func.__globals__["escape"] is html_report._escape


def test_a_template_edited_since_it_was_compiled_is_compiled_afresh(
    tmp_path: Path,
) -> None:
    """A compiled module stands for one text of its template: a template
    whose text differs is compiled from that text, never taken from the
    module (an edit shows at once, before the modules are written again)."""
    import jinja2

    from tracker.render import html_report, precompiled

    source = (precompiled.SOURCES / "fragments.html.j2").read_text(encoding="utf-8")
    assert precompiled.load("fragments.html.j2", source) is not None
    edited = source.replace('<span class="badge', '<span class="edited badge')
    assert edited != source
    assert precompiled.load("fragments.html.j2", edited) is None
    (tmp_path / "fragments.html.j2").write_text(edited, encoding="utf-8")
    environment = jinja2.Environment(
        loader=html_report._Loader(tmp_path), autoescape=True
    )
    environment.template_class = html_report._Template
    template = environment.get_template("fragments.html.j2")
    assert Path(template.filename or "") == tmp_path / "fragments.html.j2"
    badge = template.module.badge("<in progress>", 9)  # type: ignore[attr-defined]
    assert str(badge) == (
        '<span class="edited badge r1 label">&lt;in progress&gt;</span>'
    )
    assert template.root_render_func.__globals__["escape"] is html_report._escape


def test_a_compiled_template_of_another_jinja_is_not_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The compiled code calls Jinja's runtime: made by another version of
    Jinja, it is left alone and the template compiled as before."""
    import jinja2

    from tracker.render import precompiled

    source = (precompiled.SOURCES / "report.html.j2").read_text(encoding="utf-8")
    assert precompiled.load("report.html.j2", source) is not None
    monkeypatch.setattr(jinja2, "__version__", "0.0.0")
    assert precompiled.load("report.html.j2", source) is None


def _stock_environment() -> object:
    """The report's environment as Jinja builds it: Jinja's own code
    generator, attribute and item lookup; only the escaping is the report's."""
    import jinja2

    from tracker.render import html_report, precompiled

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(precompiled.SOURCES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    environment.template_class = html_report._Template
    return environment


@pytest.mark.parametrize("kind", ["hostile", "generated", "parties"])
def test_the_report_code_is_jinjas_own_to_the_character(
    tmp_path: Path, kind: str
) -> None:
    """The templates compiled by the report's code generator (tracker.render.
    template_code) make the very page, SVG and fragments that Jinja's own
    code makes, markup in the ledger's text included."""
    sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
    import bench
    from tracker import aggregate, store
    from tracker.query import Filter
    from tracker.render import html_report, report_view

    as_of, today = dt.date(2026, 5, 17), dt.date(2026, 6, 30)
    if kind == "hostile":
        text = UPDATED.replace(
            'note = "Site chosen"',
            "note = \"Site <b>chosen</b> & 'priced' </details><script>x()</script>\"",
        )
        assert text != UPDATED
        path = write_ledger(tmp_path, text)
        as_of = dt.date.fromisoformat(AS_OF)
    else:
        path = bench.generate(120, tmp_path, 3, today, kind == "parties").path
    ledger = store.load(store.Location(path), today, use_cache=False)
    built = aggregate.build(ledger, as_of, Filter(), dt.date(2024, 7, 1))
    view = report_view.context(ledger, built, Filter(), "0" * 64)
    stock: Any = _stock_environment()
    fragments = stock.get_template("fragments.html.j2").module
    rank = {s.name: s.rank for s in view.legend}
    page = stock.get_template("report.html.j2").render(
        v=view,
        css=markupsafe.Markup(html_report.stylesheet()[0]),
        style_hash=html_report.stylesheet()[1],
        trend=html_report.trend(view.timeline),
        badges=Memo[str, markupsafe.Markup](
            lambda name: fragments.badge(name, rank.get(name, len(rank)))
        ),
        parties=Memo[str, markupsafe.Markup](fragments.party),
    )
    assert html_report.to_html(view) == page
    if kind == "hostile":
        assert "Site &lt;b&gt;chosen&lt;/b&gt; &amp; &#39;priced&#39;" in page
    svg = stock.get_template("charts.svg.j2").render(
        v=view,
        layout=html_report.layout(view),
        g=html_report.Geometry(
            html_report.WIDTH,
            html_report.MARGIN,
            html_report.BAR_X,
            html_report.BAR_WIDTH,
            html_report.ROW,
        ),
    )
    assert html_report.to_svg(view) == svg


def test_the_page_is_written_a_piece_at_a_time(
    run: Run, updated_ledger: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page goes out as it is made (a large one is tens of megabytes),
    on stdout and into a file alike, and is the page `to_html` makes."""
    from tracker import aggregate
    from tracker.query import Filter
    from tracker.render import html_report, report_view

    whole = report(run, updated_ledger, *HAND, "--format", "html")
    written: list[bytes] = []
    chunks = html_report.html_chunks
    monkeypatch.setattr(html_report, "islice", lambda pieces, _: islice(pieces, 3))

    def counted(view: report_view.View) -> Iterator[bytes]:
        for chunk in chunks(view):
            written.append(chunk)
            yield chunk

    monkeypatch.setattr(html_report, "html_chunks", counted)
    assert report(run, updated_ledger, *HAND, "--format", "html") == whole
    assert len(written) > 10
    report(run, updated_ledger, *HAND, "--format", "html", "-o", tmp_path / "r.html")
    assert (tmp_path / "r.html").read_text("utf-8") == whole
    ledger = store.load(store.Location(updated_ledger), dt.date(2026, 11, 30))
    day = dt.date.fromisoformat(AS_OF)
    built = aggregate.build(ledger, day, Filter(), dt.date.fromisoformat(SINCE))
    view = report_view.context(ledger, built, Filter(), "0" * 64)
    assert b"".join(chunks(view)).decode() == html_report.to_html(view)
