"""Shared fixtures: ledgers in tmp_path, and the CLI run in-process."""

from __future__ import annotations

import shutil
import signal
import textwrap
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner, Result

from tracker.cli import app
from tracker.errors import STOP_SIGNALS

# Every property test draws the same examples on every run and machine, so a
# failure in CI is a failure here too; a failing example is also printed.
settings.register_profile("seeded", derandomize=True, print_blob=True)
settings.load_profile("seeded")

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "data" / "commitments.toml"
# The Xi'an pledges as they were bundled before any update was recorded: tests
# that need an empty update log use this copy, so the bundled record can grow.
XIAN_PLEDGES = REPO / "tests" / "fixtures" / "xian-pledges" / "commitments.toml"

SOURCE_TEXT = (
    "The two ministers met in Astana. China and Kazakhstan will open a joint "
    "laboratory on water resources by the end of the year. Both sides agreed "
    "to hold a Year of Tourism, and to double direct flights."
)

# A small valid ledger: three countries, one source, three commitments.
SMALL = """\
schema = 1
title = "Test ledger"

[countries]
CN = "China"
KZ = "Kazakhstan"
UZ = "Uzbekistan"

[sources.astana-2024]
title = "Ministers meet in Astana"
date = 2024-03-01
place = "Astana"
text = "sources/astana.txt"

[[commitment]]
id = "water-lab"
title = "Open a joint water laboratory"
countries = ["CN", "KZ"]
category = "science"
made = 2024-03-01
source = "astana-2024"
quote = "China and Kazakhstan will open a joint laboratory on water resources"
due = 2024-12-31

[[commitment]]
id = "tourism-year"
title = "Hold a Year of Tourism"
countries = ["CN", "KZ"]
category = "culture"
made = 2024-03-01
source = "astana-2024"
quote = "Both sides agreed to hold a Year of Tourism"

[[commitment]]
id = "direct-flights"
title = "Double direct flights"
countries = ["CN", "KZ", "UZ"]
category = "connectivity"
made = 2024-03-01
source = "astana-2024"
quote = "Both sides agreed ... to double direct flights."
"""


def write_ledger(directory: Path, text: str, source: str = SOURCE_TEXT) -> Path:
    """A ledger file with its archived source text, in `directory`."""
    (directory / "sources").mkdir(parents=True, exist_ok=True)
    (directory / "sources" / "astana.txt").write_text(source, encoding="utf-8")
    path = directory / "commitments.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def small_ledger(tmp_path: Path) -> Path:
    return write_ledger(tmp_path, SMALL)


@pytest.fixture
def xian_ledger(tmp_path: Path) -> Path:
    """A copy of the Xi'an pledges (no updates yet) and their sources."""
    target = tmp_path / "data"
    target.mkdir()
    shutil.copy(XIAN_PLEDGES, target / "commitments.toml")
    shutil.copytree(XIAN_PLEDGES.parent / "sources", target / "sources")
    return target / "commitments.toml"


Run = Callable[..., Result]


@pytest.fixture(autouse=True)
def private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Each test gets its own empty cache directory, never the user's."""
    cache = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    monkeypatch.delenv("TRACKER_NO_CACHE", raising=False)
    # Who is recording comes from the environment: no test inherits a name.
    monkeypatch.delenv("TRACKER_AUTHOR", raising=False)
    return cache


@pytest.fixture(autouse=True)
def ctrl_c_restored() -> Iterator[None]:
    """A committed write ignores Ctrl-C for the rest of its process; in tests
    that process is pytest's, which must still stop on Ctrl-C (and on the
    signals to stop, which a test may have the tracker handle)."""

    def restore() -> None:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        for signum in STOP_SIGNALS:
            signal.signal(signum, signal.SIG_DFL)

    restore()
    yield
    restore()


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Run:
    """Run `tracker ARGS` in-process, from an empty directory."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TRACKER_LEDGER", raising=False)

    def invoke(*args: str | Path, env: dict[str, str] | None = None) -> Result:
        argv: Sequence[str] = [str(a) for a in args]
        return CliRunner().invoke(app, argv, env=env, prog_name="tracker")

    return invoke
