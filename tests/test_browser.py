"""The HTML and SVG reports opened in a real browser, offline, at a phone's
width and a desktop's, and printed to A4: on the Xi'an pledges and on a
generated one of 1,000 commitments.

One headless Chromium serves the whole module, so it runs in seconds.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import browser
import pytest
from party_ledgers import AS_OF, SPLIT_LEDGER
from typer.testing import CliRunner

from tracker.cli import app

from conftest import BUNDLED, REPO, write_ledger

WIDTHS = (375, 1280)
SECTIONS = ("headline", "charts", "changes", "overdue", "commitments", "method")
CHARTS = ("chart-parties", "chart-categories", "chart-timeline")


def _report(ledger: Path, target: Path, *args: str) -> Path:
    # --no-cache: a module-wide fixture must not write to the user's cache.
    argv = ["report", "--ledger", str(ledger), "--no-cache", "-o", str(target)]
    result = CliRunner().invoke(app, [*argv, *args])
    assert result.exit_code == 0, result.stderr
    return target


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The bundled ledger's report and SVG, a 1,000-commitment report, and
    that of a ledger whose parties stand apart (long split labels)."""
    browser.require()
    out = tmp_path_factory.mktemp("pages")
    sys.path.insert(0, str(REPO / "bench"))
    import bench  # the benchmark's generator: deterministic, valid ledgers

    big = bench.generate(1_000, out / "big", 2023, dt.date(2026, 6, 30)).path
    window = ("--as-of", "2026-06-30", "--since", "2026-04-01")
    recent = ("--as-of", "2026-11-29", "--since", "2025-01-01")
    return {
        # The bundled record as it stands, with its changes of the last year.
        "bundled": _report(BUNDLED, out / "bundled.html", *recent, "-f", "html"),
        "bundled-svg": _report(BUNDLED, out / "bundled.svg", *recent, "-f", "svg"),
        "big": _report(big, out / "big.html", *window, "-f", "html"),
        "big-svg": _report(big, out / "big.svg", *window, "-f", "svg"),
        "split": _report(
            write_ledger(out / "split", SPLIT_LEDGER),
            out / "split.html",
            *("--as-of", AS_OF, "--since", "2024-05-01", "-f", "html"),
        ),
    }


@pytest.fixture(scope="module")
def driver(pages: dict[str, Path]) -> Iterator[Any]:
    with browser.chromium() as chromium:
        yield chromium


@pytest.mark.parametrize("name", ["bundled", "big", "split"])
@pytest.mark.parametrize("width", WIDTHS)
def test_the_report_reads_offline_at_every_width(
    driver: Any, pages: dict[str, Path], name: str, width: int
) -> None:
    browser.open_page(driver, pages[name], width)
    assert browser.console_errors(driver) == []
    assert browser.requests(driver) == []
    assert browser.overflow(driver) == 0
    shown = driver.execute_script(
        "return Array.from(arguments[0], id => {"
        "  const e = document.getElementById(id);"
        "  return e && e.getBoundingClientRect().height > 0 ? id : null; })",
        [*SECTIONS, *CHARTS],
    )
    assert shown == [*SECTIONS, *CHARTS]
    bars = driver.execute_script(
        "return Array.from(arguments[0], id =>"
        "  document.querySelectorAll('#' + id + ' svg rect').length)",
        list(CHARTS),
    )
    assert all(n > 0 for n in bars), bars
    commitments = driver.execute_script(
        "return document.querySelectorAll('details.commitment').length"
    )
    assert commitments == {"bundled": 14, "big": 1_000, "split": 3}[name]


def test_the_report_prints_to_a4(driver: Any, pages: dict[str, Path]) -> None:
    browser.open_page(driver, pages["bundled"], 1280)
    # Fourteen commitments, open, after the charts: more than a few pages,
    # far fewer than one a commitment each plus the charts many times over.
    assert 6 <= browser.pdf_pages(driver) <= 30
    browser.open_page(driver, pages["big"], 1280)
    # A thousand commitments print folded, a few lines each: at least six
    # to a page (145 pages in all, charts and changes included, when written).
    assert 1_000 // 20 <= browser.pdf_pages(driver) <= 1_000 // 6 + 20
    assert browser.console_errors(driver) == []


@pytest.mark.parametrize("name", ["bundled-svg", "big-svg"])
def test_the_svg_opens_offline(driver: Any, pages: dict[str, Path], name: str) -> None:
    for width in WIDTHS:
        browser.open_page(driver, pages[name], width)
        assert browser.console_errors(driver) == []
        assert browser.requests(driver) == []
        assert browser.overflow(driver) == 0
        size = driver.execute_script(
            "const r = document.documentElement.getBoundingClientRect();"
            "return [r.width, r.height, document.querySelectorAll('rect').length]"
        )
        # Its own size on a wide screen, scaled down to fit a narrow one.
        assert size[0] == min(960, width)
        assert size[1] > 300
        assert size[2] > 10
    assert browser.pdf_pages(driver) >= 1


def test_without_a_browser_ci_fails_rather_than_skips(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(browser, "CHROMIUM", str(tmp_path / "no-chromium"))
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"needs .*no-chromium"):
        browser.require()
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception):
        browser.require()
