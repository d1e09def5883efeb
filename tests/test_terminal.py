"""The tracker at a real terminal: a pseudo-terminal of 60, 100 and 160
columns (TIOCSWINSZ), the process started as a user starts it.

What the terminal shows is checked as the terminal would show it: a line
wider than the terminal would be broken wherever it reaches the edge, so
every line must fit, and every word on the screen must be a whole word of
the ledger or of the layout's own labels.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import struct
import subprocess
import sys
import termios
import unicodedata
from pathlib import Path
from typing import NamedTuple

import pytest

from conftest import SMALL, write_ledger

WIDTHS = (60, 100, 160)
LONG_ID = "china-kyrgyzstan-uzbekistan-railway-feasibility"
LONG_TITLE = (
    "Speed up the feasibility study of the China-Kyrgyzstan-Uzbekistan railway "
    "and report on it to the heads of state"
)
NOTES_URL = "https://example.org/notes/railway-background-paper-2024"
EVIDENCE_URL = (
    "https://example.org/news/2024/12/27/construction-of-the-china-kyrgyzstan-"
    "uzbekistan-railway-starts-in-kyrgyzstan?lang=en&page=1"
)
SOURCE_URL = "https://example.org/astana/ministers-meet-2024"

LEDGER = (
    SMALL.replace('place = "Astana"\n', f'place = "Astana"\nurl = "{SOURCE_URL}"\n')
    + f"""
[[commitment]]
id = "{LONG_ID}"
title = "{LONG_TITLE}"
countries = ["CN", "KZ", "UZ"]
category = "connectivity"
made = 2024-03-01
source = "astana-2024"
quote = "Both sides agreed ... to double direct flights."
notes = "Background: {NOTES_URL} and the ministers' statement."

[[update]]
commitment = "water-lab"
date = 2024-06-01
status = "partial"
note = "Construction of the laboratory began; the partial opening is planned."
evidence = ["{EVIDENCE_URL}", "astana-2024"]
by = "A. Researcher"
"""
)

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
OSC8 = re.compile(r"\x1b\]8;[^\x1b\x07]*(?:\x1b\\|\x07)")


class Screen(NamedTuple):
    code: int
    raw: str  # as the terminal received it, escapes and all
    stderr: str

    @property
    def text(self) -> str:
        """What the terminal shows: the bytes without colours and links."""
        return OSC8.sub("", ANSI.sub("", self.raw))

    @property
    def lines(self) -> list[str]:
        return [line.rstrip() for line in self.text.splitlines()]


def columns(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def terminal_env(
    extra: dict[str, str] | None = None, unset: tuple[str, ...] = ()
) -> dict[str, str]:
    """The user's environment with no pager (unless asked for) and nothing
    that sets the width or the colours."""
    drop = ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "PAGER", "LESS", *unset)
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(TERM="xterm-256color", TRACKER_PAGER="")
    env.update(extra or {})
    for name in unset:
        env.pop(name, None)
    return env


def _pty(width: int, rows: int) -> tuple[int, int]:
    main, side = os.openpty()
    fcntl.ioctl(side, termios.TIOCSWINSZ, struct.pack("HHHH", rows, width, 0, 0))
    return main, side


def _drain(fds: list[int], process: subprocess.Popen[bytes]) -> dict[int, bytes]:
    got = dict.fromkeys(fds, b"")
    open_fds = list(fds)
    while open_fds:
        ready, _, _ = select.select(open_fds, [], [], 0.2)
        for fd in ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: the other side is closed
                chunk = b""
            if chunk:
                got[fd] += chunk
            else:
                open_fds.remove(fd)
        if not ready and process.poll() is not None:
            break
    return got


def on_terminal(
    *args: str | Path,
    width: int,
    rows: int = 200,
    env: dict[str, str] | None = None,
    unset: tuple[str, ...] = (),
    stderr_tty: bool = True,
    runner: tuple[str, ...] = ("-m", "tracker"),
) -> Screen:
    """`tracker ARGS` with stdout (and stderr) on a pseudo-terminal."""
    out_main, out_side = _pty(width, rows)
    err_main, err_side = _pty(width, rows) if stderr_tty else os.pipe()
    process = subprocess.Popen(
        [sys.executable, *runner, *map(str, args)],
        stdin=subprocess.DEVNULL,
        stdout=out_side,
        stderr=err_side,
        env=terminal_env(env, unset),
    )
    os.close(out_side)
    os.close(err_side)
    try:
        got = _drain([out_main, err_main], process)
        code = process.wait(timeout=120)
    finally:
        os.close(out_main)
        os.close(err_main)
    text = {fd: data.decode("utf-8").replace("\r\n", "\n") for fd, data in got.items()}
    return Screen(code, text[out_main], text[err_main])


def piped(*args: str | Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "tracker", *map(str, args)],
        capture_output=True,
        env=terminal_env(env),
        check=True,
    )
    return result.stdout.decode("utf-8")


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    return write_ledger(tmp_path, LEDGER)


def assert_fits(screen: Screen, width: int) -> None:
    """Every line fits, but for a single word wider than the terminal (a
    URL), which stands alone for the terminal to wrap whole."""
    for line in screen.lines:
        if columns(line) > width:
            assert len(line.split()) == 1, (width, line, screen.text)
            assert line.split()[0].startswith(("https://", "http://")), line


# -- narrow terminals: the report ------------------------------------------

NARROW_LABELS = {"Total", "due", "day", "days"}


def test_a_narrow_report_never_splits_a_word(ledger: Path) -> None:
    args = ("report", "-l", ledger, "--as-of", "2025-01-01")
    screen = on_terminal(*args, width=60)
    assert screen.code == 0, screen.stderr
    assert_fits(screen, 60)
    # Every word on the screen is a whole word of the report as a pipe gets
    # it (where no terminal can break it) or a label of the narrow layout.
    known = set(piped(*args).split()) | NARROW_LABELS
    shown = screen.text.split()
    assert not [w for w in shown if w not in known], screen.text
    for whole in ("Compliance", "partial", "12.5%", "-0.75", "2024-12-31"):
        assert whole in shown
    # A count stays beside its status, and the card keeps its indentation.
    assert "  3 pledged  1 partial" in screen.lines
    assert "  Open a joint water laboratory" in screen.lines
    assert "  partial  due 2024-12-31  1 day overdue" in screen.lines
    assert "Kazakhstan (KZ)" in screen.lines


@pytest.mark.parametrize("width", WIDTHS)
def test_the_report_fits_every_width(ledger: Path, width: int) -> None:
    args = ("report", "-l", ledger, "--as-of", "2025-01-01", "--since", "2024-01-01")
    screen = on_terminal(*args, width=width)
    assert screen.code == 0, screen.stderr
    assert_fits(screen, width)
    assert EVIDENCE_URL in screen.text.split()
    assert "…" not in screen.text
    # Tables from 80 columns on, cards below.
    table = any(re.match(r"Party\s+Total\s+Progress", line) for line in screen.lines)
    assert table == (width >= 80)


# -- wide terminals: the list ----------------------------------------------


def title_width(lines: list[str]) -> int:
    header = next(line for line in lines if line.startswith("ID "))
    return header.index("Parties") - header.index("Title") - 2


def test_a_wide_list_gives_titles_the_room(ledger: Path) -> None:
    screen = on_terminal("list", "-l", ledger, width=160)
    assert screen.code == 0, screen.stderr
    assert_fits(screen, 160)
    assert "China-Kyrgyzstan-Uzbekistan" in screen.text.split()
    # The id takes its 47 columns, the parties, category, status and dates
    # theirs (8, 12, 7, 10, 10) and two between each; the title the rest.
    assert title_width(screen.lines) == 160 - len(LONG_ID) - 8 - 12 - 7 - 10 - 10 - 12
    first = next(line for line in screen.lines if line.startswith(LONG_ID))
    assert "Speed up the feasibility study of the" in first


@pytest.mark.parametrize("width", WIDTHS)
def test_the_list_keeps_every_word_whole(ledger: Path, width: int) -> None:
    screen = on_terminal("list", "-l", ledger, width=width)
    assert screen.code == 0, screen.stderr
    assert_fits(screen, width)
    known = set(piped("list", "-l", ledger).split()) | {"Title:", "Parties:"}
    known |= {"Category:", "Status:", "Since:", "Due:"}
    words = [w for w in screen.text.split() if set(w) != {"─"}]  # the rule
    assert not [w for w in words if w not in known], screen.text


def test_cards_keep_their_indentation(ledger: Path) -> None:
    screen = on_terminal("list", "-l", ledger, width=60)
    lines = screen.lines
    at = next(i for i, line in enumerate(lines) if line.startswith("  Title: Speed"))
    assert lines[at + 1].startswith(" " * len("  Title: ") + "China-Kyrgyzstan")
    assert lines[at + 2] == " " * len("  Title: ") + "it to the heads of state"
    assert lines[at + 3] == "  Parties: CN KZ UZ"


@pytest.mark.parametrize("width", WIDTHS)
def test_show_keeps_every_line_under_its_label(ledger: Path, width: int) -> None:
    screen = on_terminal("show", "water-lab", "-l", ledger, width=width)
    assert screen.code == 0, screen.stderr
    assert_fits(screen, width)
    # At the left edge: the heading, a label, or a section and its entries;
    # every line that continues one of them is indented.
    edge = re.compile(
        r"water-lab: |(Parties|Category|Status|Made|Due|Source) {2}|Quote$|History$"
        r"|\d{4}-\d\d-\d\d  "
    )
    for line in screen.lines:
        if line and not line.startswith(" "):
            assert edge.match(line), line
    assert EVIDENCE_URL in screen.text.split()


def test_show_hangs_a_long_heading_and_notes(ledger: Path) -> None:
    screen = on_terminal("show", LONG_ID, "-l", ledger, width=100)
    lines = screen.lines
    heading = f"{LONG_ID}: "
    assert lines[0].startswith(heading + "Speed up")
    assert lines[1].startswith(" " * len(heading) + "China-Kyrgyzstan-Uzbekistan")
    assert lines[2] == " " * len(heading) + "it to the heads of state"
    notes = next(i for i, line in enumerate(lines) if line.startswith("Notes"))
    assert lines[notes] == f"Notes     Background: {NOTES_URL} and the ministers'"
    assert lines[notes + 1] == " " * 10 + "statement."


# -- links -----------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    "args",
    [
        ("log",),
        ("show", "water-lab"),
        ("report", "--as-of", "2025-01-01", "--since", "2024-01-01"),
    ],
    ids=["log", "show", "report"],
)
def test_a_url_is_never_broken(ledger: Path, width: int, args: tuple[str, ...]) -> None:
    screen = on_terminal(*args, "-l", ledger, width=width)
    assert screen.code == 0, screen.stderr
    assert EVIDENCE_URL in screen.text.split()
    # And it is a hyperlink: the terminal opens the address itself.
    assert f";{EVIDENCE_URL}\x1b\\" in screen.raw


def test_the_source_title_links_to_its_url(ledger: Path) -> None:
    screen = on_terminal("show", "water-lab", "-l", ledger, width=100)
    link = re.search(r"\x1b\]8;id=\d+;(\S+?)\x1b\\Ministers meet", screen.raw)
    assert link is not None, screen.raw
    assert link.group(1) == SOURCE_URL


@pytest.mark.parametrize(
    "args", [("log",), ("show", "water-lab"), ("report", "--since", "2024-01-01")]
)
def test_piped_output_has_no_links_or_colours(
    ledger: Path, args: tuple[str, ...]
) -> None:
    out = piped(*args, "-l", ledger, env={"FORCE_COLOR": "1"})
    assert "\x1b" not in out
    assert "Construction of the laboratory began" in out


def test_ledger_text_cannot_make_a_link(tmp_path: Path) -> None:
    hostile = "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\ [link=https://x]y"
    text = SMALL.replace('"Hold a Year of Tourism"', json_string(hostile))
    text = text.replace('"Test ledger"', json_string(hostile))  # the report's
    path = write_ledger(tmp_path, text)
    for args in (("list",), ("show", "tourism-year"), ("report",)):
        screen = on_terminal(*args, "-l", path, width=160)
        assert screen.code == 0, screen.stderr
        # The ledger's escapes are shown as text; the only links are Rich's,
        # to an address the text shows.
        assert "\\x1b]8;;https://evil.example\\x1b\\click" in screen.text
        sequences = re.findall(r"\x1b\]8;([^\x1b]*)\x1b\\", screen.raw)
        assert all(
            s == ";" or re.fullmatch(r"id=\d+;https?://\S*", s) for s in sequences
        ), sequences
        assert "[link=https://x]y" in screen.text


def json_string(text: str) -> str:
    import json

    return json.dumps(text)


# -- the pager -------------------------------------------------------------

MARK = "sed s/^/paged:/"  # a pager that shows what went through it


def paged(screen: Screen) -> bool:
    lines = [line for line in screen.lines if line]
    marked = [line.startswith("paged:") for line in lines]
    assert all(marked) or not any(marked), screen.text
    return all(marked)


@pytest.mark.parametrize("width", WIDTHS)
def test_long_output_goes_through_the_pager(ledger: Path, width: int) -> None:
    for args in (("list",), ("log",), ("show", "water-lab"), ("report",)):
        screen = on_terminal(
            *args, "-l", ledger, width=width, rows=5, env={"TRACKER_PAGER": MARK}
        )
        assert screen.code == 0, screen.stderr
        assert paged(screen), args
        unpaged = on_terminal(*args, "-l", ledger, width=width, rows=5)
        assert [line.removeprefix("paged:") for line in screen.lines] == (unpaged.lines)


def test_output_that_fits_the_screen_is_not_paged(ledger: Path) -> None:
    screen = on_terminal(
        "show", "direct-flights", "-l", ledger, width=160, rows=100,
        env={"TRACKER_PAGER": MARK},
    )  # fmt: skip
    assert not paged(screen)
    assert "Double direct flights" in screen.text


def test_no_pager(ledger: Path) -> None:
    for args in (("list",), ("log",), ("show", "water-lab"), ("report",)):
        screen = on_terminal(
            *args, "-l", ledger, "--no-pager", width=100, rows=5,
            env={"TRACKER_PAGER": MARK},
        )  # fmt: skip
        assert screen.code == 0, screen.stderr
        assert not paged(screen)


def test_never_when_piped(ledger: Path) -> None:
    out = piped("list", "-l", ledger, env={"TRACKER_PAGER": MARK, "LINES": "5"})
    assert "paged:" not in out
    assert out.startswith("ID ")


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        pytest.param({"TRACKER_PAGER": MARK, "PAGER": "false"}, True, id="tracker"),
        pytest.param({"PAGER": MARK}, True, id="pager"),
        pytest.param({"TRACKER_PAGER": "", "PAGER": MARK}, False, id="empty"),
        pytest.param({"TRACKER_PAGER": "cat", "PAGER": MARK}, False, id="cat"),
        pytest.param({"TRACKER_PAGER": " cat ", "PAGER": MARK}, False, id="cat-spaced"),
        pytest.param({"PAGER": ""}, False, id="empty-pager"),
    ],
)
def test_which_pager(
    ledger: Path, tmp_path: Path, env: dict[str, str], expected: bool
) -> None:
    # A `cat` that marks what goes through it: `cat` must not be run at all.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "cat").write_text("#!/bin/sh\nsed s/^/paged:/\n")
    (bin_dir / "cat").chmod(0o755)
    path = {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    unset = () if "TRACKER_PAGER" in env else ("TRACKER_PAGER",)
    screen = on_terminal(
        "list", "-l", ledger, width=100, rows=5, env={**env, **path}, unset=unset
    )
    assert screen.code == 0
    assert paged(screen) is expected


def test_the_default_pager_is_less_frx(ledger: Path, tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    less = bin_dir / "less"
    less.write_text('#!/bin/sh\necho "less $* LESS=$LESS"\nsed s/^/paged:/\n')
    less.chmod(0o755)
    env = {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    screen = on_terminal(
        "list", "-l", ledger, width=100, rows=5, env=env, unset=("TRACKER_PAGER",)
    )
    assert screen.lines[0] == "less -FRX LESS=FRX"
    assert all(line.startswith("paged:") for line in screen.lines[1:] if line)


@pytest.mark.parametrize(
    "pager",
    ["no-such-pager-anywhere", "false", "exit 3"],
    ids=["missing", "fails", "3"],
)
def test_a_failing_pager_loses_nothing(ledger: Path, pager: str) -> None:
    screen = on_terminal(
        "list", "-l", ledger, width=100, rows=5, env={"TRACKER_PAGER": pager}
    )
    unpaged = on_terminal("list", "-l", ledger, width=100, rows=5)
    assert screen.code == 0
    assert unpaged.lines[0] in screen.lines  # the whole output, printed
    assert screen.lines[-len(unpaged.lines) :] == unpaged.lines
    assert f"note: the pager ({pager}) failed; printing instead" in screen.stderr
    assert "Traceback" not in screen.stderr + screen.text


# -- the spinner -----------------------------------------------------------


def test_no_spinner_on_a_quick_read(ledger: Path) -> None:
    screen = on_terminal("list", "-l", ledger, width=100)
    assert screen.stderr == ""


def big_ledger(directory: Path, size: int) -> Path:
    sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
    import datetime as dt

    import bench  # the benchmark's generator: deterministic, valid ledgers

    return Path(bench.generate(size, directory, 2023, dt.date(2026, 6, 30)).path)


# The tracker with the spinner's wait cut to 0.05 s: a cold read of 3,000
# commitments always takes longer than that, however fast the machine, while
# it may take less than the real half second (that wait is tested below).
QUICK_SPINNER = (
    "-c",
    "import tracker._spinner as spinner; spinner.DELAY = 0.05; "
    "from tracker._entry import main; main()",
)


def test_a_slow_read_shows_a_spinner_on_a_terminal_only(tmp_path: Path) -> None:
    path = big_ledger(tmp_path / "big", 3000)
    args = ("list", "-l", path, "--no-cache", "--format", "json")
    screen = on_terminal(*args, width=100, runner=QUICK_SPINNER)
    assert screen.code == 0
    assert "reading the ledger" in screen.stderr
    assert screen.stderr.endswith("\r\x1b[K")  # the line is left clean
    assert screen.raw.startswith("[")  # stdout holds the JSON only
    # stderr not a terminal (a log file): no spinner.
    quiet = on_terminal(*args, width=100, stderr_tty=False, runner=QUICK_SPINNER)
    assert quiet.code == 0
    assert quiet.stderr == ""
    # Piped: no spinner.
    result = subprocess.run(
        [sys.executable, *QUICK_SPINNER, *map(str, args)],
        capture_output=True,
        env=terminal_env(),
        check=True,
    )
    assert result.stderr == b""


class FakeTerminal:
    """A stream that says it is a terminal and keeps what is written."""

    def __init__(self) -> None:
        self.written = ""

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.written += text
        return len(text)

    def flush(self) -> None:
        pass


def test_the_spinner_waits_half_a_second(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from tracker import output

    err = FakeTerminal()
    monkeypatch.setattr(sys, "stdout", FakeTerminal())
    monkeypatch.setattr(sys, "stderr", err)
    with output.waiting("reading the ledger"):
        time.sleep(0.3)
    assert err.written == ""  # quick work: nothing drawn
    with output.waiting("reading the ledger"):
        time.sleep(0.9)
    frames = err.written.split("\r")
    assert frames[0] == ""
    assert frames[1] == "| reading the ledger"
    assert 1 <= len(frames) - 2 <= 6  # a frame a tenth of a second after 0.5 s
    assert frames[-1] == "\x1b[K"


def test_no_spinner_unless_both_outputs_are_terminals(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io
    import time

    from tracker import output

    err = FakeTerminal()
    monkeypatch.setattr(sys, "stdout", io.StringIO())  # piped
    monkeypatch.setattr(sys, "stderr", err)
    with output.waiting("reading the ledger"):
        time.sleep(0.7)
    assert err.written == ""
