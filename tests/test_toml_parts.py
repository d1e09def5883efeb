"""A long ledger read as two parts at once says what the whole says, or
nothing (and then the whole is read): never something else.

`read_in_two` is tried at every line that starts with `[` of the hostile
corpus and of generated documents built from the statements the argument in
`_toml_parts` turns on, and compared with `tomllib` reading the whole.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_toml_parsers import corpus

from tracker import _toml, _toml_parts, loader
from tracker.errors import InvalidLedger

from conftest import REPO

SEEDED = settings(
    derandomize=True,
    deadline=None,
    max_examples=300,
    suppress_health_check=[HealthCheck.too_slow],
)
TODAY = dt.date(2026, 11, 30)


def whole(text: str) -> tuple[str, str]:
    try:
        return ("values", repr(tomllib.loads(text)))
    except tomllib.TOMLDecodeError:
        return ("refused", "")
    except RecursionError:
        return ("too deep", "")


def header_lines(text: str) -> Iterator[int]:
    """Where each line that starts with `[` begins."""
    at = 0
    for line in text.splitlines(keepends=True):
        if line.startswith("["):
            yield at
        at += len(line)


def assert_whole_or_nothing(text: str) -> int:
    """`read_in_two` at every header says what `tomllib` says of the whole
    text, or nothing; how many times it said something."""
    expected = whole(text)
    said = 0
    for cut in header_lines(text):
        parts = _toml_parts.read_in_two(text, cut, tomllib.loads)
        if parts is not None:
            assert ("values", repr(parts)) == expected, (cut, text)
            said += 1
    return said


@pytest.fixture
def no_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tail read on a thread: the same code, without forking once a cut."""
    monkeypatch.delattr(os, "fork")


LEDGER_LIKE = """\
schema = 1
title = "t"

[countries]
CN = "China"

[sources.a]
title = "A"

[[commitment]]
id = "a"
made = 2024-01-01

[[update]]
commitment = "a"
date = 2024-02-01
recorded = 2024-02-01T10:00:00Z

[[commitment]]
id = "b"
tags = ["x"]

[commitment.extra]
note = \"\"\"
[[update]]
\"\"\"

[[update]]
commitment = "b"
date = 2024-03-01

[[update.sub]]
x = 1
"""


def test_a_ledger_is_read_alike_at_every_header(no_fork: None) -> None:
    # Each cut from the first [[commitment]] on is one the parts can take.
    said = assert_whole_or_nothing(LEDGER_LIKE)
    assert said == len([line for line in LEDGER_LIKE.splitlines() if line[:2] == "[["])


# Each: a document, the line it is cut at, and whether the whole is valid TOML.
REFUSED = [
    pytest.param(
        'update = [{x = 1}]\n[[commitment]]\nid = "a"\n',
        "[[update]]\nx = 2\n",
        False,
        id="a-root-array-that-no-header-may-extend",
    ),
    pytest.param(
        "[[update]]\nx = 1\n", "[update.more]\ny = 2\n", True, id="a-table-of-the-heads"
    ),
    pytest.param(
        "[sources]\na = 1\n", "[sources.b]\nc = 2\n", True, id="a-subtable-of-the-heads"
    ),
    pytest.param("[a]\nx = 1\n", "[a]\ny = 2\n", False, id="a-table-defined-twice"),
    pytest.param(
        "[[commitment]]\nid = 1\n",
        "[commitment]\nid = 2\n",
        False,
        id="an-array-declared-again-as-a-table",
    ),
    pytest.param(
        "commitment.x = 1\n[t]\n",
        "[[commitment]]\nid = 2\n",
        False,
        id="a-root-table-extended-as-an-array",
    ),
    pytest.param(
        'x = 1\nnote = """\n', '[[update]]\n"""\n[[update]]\n', True, id="in-a-string"
    ),
    pytest.param("x = [\n", "[[1]],\n]\n", True, id="in-an-array"),
    pytest.param("[[update]]\nx = 1\n", "y = 2\n", True, id="not-at-a-header"),
]


@pytest.mark.parametrize(("head", "tail", "valid"), REFUSED)
def test_parts_that_cannot_say_say_nothing(
    no_fork: None, head: str, tail: str, valid: bool
) -> None:
    text = head + tail
    assert (whole(text)[0] == "values") == valid
    assert _toml_parts.read_in_two(text, len(head), tomllib.loads) is None


@pytest.mark.parametrize("data", list(corpus()), ids=lambda d: d[:20].hex())
def test_the_corpus_is_read_alike_at_every_header(no_fork: None, data: bytes) -> None:
    assert_whole_or_nothing(data.decode("utf-8", errors="replace"))


# The statements the argument turns on: headers of arrays and tables, shared
# and not; root arrays and dotted keys; strings and arrays over several lines
# holding a line that starts with `[[`.
PART_LINES = [
    "[[commitment]]", "[[update]]", "[commitment]", "[update]", "[commitment.x]",
    "[update.x]", "[[commitment.sub]]", "[[update.sub]]", "[sources]",
    "[sources.a]", "[sources.b]", "[a]", "[a.b]", "[[a]]", "[[a.b]]",
    "id = 1", "x = 2", "y.z = 3", "commitment = [{id = 1}]", "update = [{x = 1}]",
    "update = []", "commitment.x = 1", "a.b = 1", 'note = """', "note = '''",
    '"""', "'''", "arr = [", "[[1]],", "]", "# [[update]]", "", "d = 2024-01-01",
]  # fmt: skip


@SEEDED
@given(lines=st.lists(st.sampled_from(PART_LINES), max_size=12))
def test_generated_documents_are_read_alike_at_every_header(lines: list[str]) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.delattr(os, "fork")
        assert_whole_or_nothing("\n".join(lines) + "\n")


def test_the_cut_falls_at_an_array_header_near_the_tails_share() -> None:
    text = LEDGER_LIKE * 200
    cut = _toml_parts.cut_at(text)
    assert cut is not None
    assert text[cut - 1 : cut + 2] == "\n[["
    tail = text[cut:].count("\n") / text.count("\n")
    # Lines are counted a 64th of the text at a time: the cut is the first
    # header after the start of the 64th the share falls in.
    assert abs(tail - _toml_parts.TAIL_SHARE) < 1 / 64
    assert _toml_parts.cut_at('x = 1\n[a]\ny = "[[b]]"\n') is None


@pytest.fixture(scope="module")
def long_ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated ledger past `SPLIT_FROM`, with its source texts."""
    sys.path.insert(0, str(REPO / "bench"))
    import bench  # the benchmark's generator: deterministic, valid ledgers

    out = tmp_path_factory.mktemp("long")
    path: Path = bench.generate(700, out, 2023, dt.date(2026, 6, 30)).path
    assert path.stat().st_size > _toml_parts.SPLIT_FROM
    return path


def test_a_long_ledger_is_read_in_two_parts_by_two_processes(
    long_ledger: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readers = tmp_path / "readers"

    def parse(text: str) -> dict[str, Any]:
        with readers.open("a") as log:
            log.write(f"{os.getpid()} {len(text)}\n")
        return tomli.loads(text)

    monkeypatch.setattr(_toml, "fast_parser", lambda: parse)
    monkeypatch.setattr(_toml_parts, "_spare_core", lambda: True)
    text = long_ledger.read_text("utf-8")
    cut = _toml_parts.cut_at(text)
    assert cut is not None
    data = _toml_parts.fast_loads(text)
    assert repr(data) == repr(tomllib.loads(text))
    read = [line.split() for line in readers.read_text().splitlines()]
    assert sorted(int(size) for _, size in read) == sorted([cut, len(text) - cut])
    assert {pid for pid, _ in read} - {str(os.getpid())}  # one of them another's


def load(path: Path, text: str) -> Any:
    def read_source(relative: str) -> str | None:
        return (path.parent / relative).read_text("utf-8")

    try:
        return loader.load(text.encode(), str(path), read_source, TODAY)
    except InvalidLedger as error:
        return error.problems


@pytest.mark.parametrize(
    ("how", "in_two_parts"),
    [
        ("valid", True),
        ("an-unknown-status", True),  # read in two parts, then judged
        ("a-key-twice", False),  # the tail is not TOML
    ],
)
def test_the_tool_judges_a_long_ledger_alike_read_in_two_parts_or_whole(
    long_ledger: Path, monkeypatch: pytest.MonkeyPatch, how: str, in_two_parts: bool
) -> None:
    text = long_ledger.read_text("utf-8")
    # An update near the end, where the second process reads, made wrong.
    at = text.rindex("[[update]]\n") + len("[[update]]\n")
    if how == "an-unknown-status":
        start = text.index('status = "', at)
        end = text.index("\n", start)
        text = text[:start] + 'status = "lost"' + text[end:]
    elif how == "a-key-twice":
        text = text[:at] + "commitment = 5\n" + text[at:]
    monkeypatch.setattr(_toml_parts, "_spare_core", lambda: True)
    parts: list[bool] = []
    monkeypatch.setattr(
        _toml_parts, "read_in_two", _spy(_toml_parts.read_in_two, parts)
    )
    verdict = load(long_ledger, text)
    assert parts == [in_two_parts]
    monkeypatch.setattr(_toml_parts, "SPLIT_FROM", len(text) + 1)
    assert load(long_ledger, text) == verdict
    assert isinstance(verdict, tuple | list) == (how != "valid")


def _spy(read: Any, said: list[bool]) -> Any:
    def spy(*args: Any) -> Any:
        data = read(*args)
        said.append(data is not None)
        return data

    return spy
