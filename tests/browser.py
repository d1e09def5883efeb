"""Debian's chromium, driven by Selenium through chromium-driver, for the
tests that open the HTML and SVG reports as a reader would.

Nothing is downloaded: Selenium is given the chromedriver path, and
SE_AVOID_STATS keeps Selenium Manager quiet. Under CI=true a missing browser
is a failure, never a skip.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def available() -> bool:
    return all(Path(p).exists() for p in (CHROMIUM, CHROMEDRIVER))


def require() -> None:
    """Skip without a browser, except on CI, where that is a failure."""
    if available():
        return
    message = f"needs {CHROMIUM} and {CHROMEDRIVER} (apt-get install chromium chromium-driver)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium that logs the console and every network event."""
    os.environ["SE_AVOID_STATS"] = "true"
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="tracker-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(argument)
    options.set_capability(
        "goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"}
    )
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def open_page(driver: Any, path: Path, width: int, height: int = 900) -> None:
    """Load `path` in a viewport `width` CSS pixels wide; the logs start
    empty, so they hold only what this page did."""
    driver.get("about:blank")
    driver.get_log("browser")
    driver.get_log("performance")
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )
    driver.get(path.as_uri())


def console_errors(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def requests(driver: Any) -> list[str]:
    """Every URL the page asked the network for, besides itself, since the
    last call (from the DevTools performance log)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return [u for u in urls if not u.startswith("file://")]


def overflow(driver: Any) -> int:
    """How far the page scrolls sideways, in CSS pixels (0: it does not)."""
    return int(
        driver.execute_script(
            "return document.documentElement.scrollWidth"
            " - document.documentElement.clientWidth"
        )
    )


def pdf_pages(driver: Any) -> int:
    """Print the page to an A4 PDF, as a reader would, and count its pages."""
    result = driver.execute_cdp_cmd(
        "Page.printToPDF",
        {"paperWidth": 8.27, "paperHeight": 11.69, "preferCSSPageSize": True},
    )
    pdf = base64.b64decode(result["data"])
    assert pdf.startswith(b"%PDF-")
    # A page object is `/Type /Page`; the page tree is `/Type /Pages`.
    return len(re.findall(rb"/Type\s*/Page(?![s])", pdf))


def screenshot(driver: Any, target: Path, width: int) -> None:
    """A PNG of the whole page at `width` CSS pixels."""
    height = int(driver.execute_script("return document.documentElement.scrollHeight"))
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )
    target.write_bytes(driver.get_screenshot_as_png())


def main(argv: list[str]) -> None:
    """`python tests/browser.py PAGE PNG [WIDTH HEIGHT]`: a picture of the top
    of PAGE, as the README shows the bundled ledger's report."""
    import sys

    page, target = Path(argv[0]).resolve(), Path(argv[1])
    width, height = (int(argv[2]), int(argv[3])) if len(argv) > 3 else (1280, 1600)
    if not available():
        sys.exit(f"needs {CHROMIUM} and {CHROMEDRIVER}")
    with chromium() as driver:
        open_page(driver, page, width, height)
        target.write_bytes(driver.get_screenshot_as_png())


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
