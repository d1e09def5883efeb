"""Ledgers nobody meant to write: never a traceback, always one error line."""

from __future__ import annotations

import json
import os
import random
import tomllib
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import Result

from tracker import output

from conftest import SMALL, Run, write_ledger

READ_COMMANDS = [
    ("list",),
    ("list", "--format", "json"),
    ("list", "--format", "csv"),
    ("show", "water-lab"),
    ("check",),
    ("report",),
    ("report", "--format", "json", "--since", "2024-01-01"),
    ("log", "--format", "csv"),
]
WRITE_COMMANDS = [
    ("update", "water-lab", "in-progress", "--note", "Work began", "--date", "2024-06-01"),
    ("add", "--title", "A new pledge", "--country", "CN", "--category", "science",
     "--source", "astana-2024", "--made", "2024-03-01", "--quote", "Both sides agreed"),
]  # fmt: skip


def assert_write_refused_or_appended(result: Result, path: Path, before: bytes) -> None:
    """A write either appends (the old bytes a prefix of the new) or leaves
    the ledger byte for byte as it was."""
    assert_clean_failure_or_success(result)
    after = path.read_bytes()
    if result.exit_code == 0:
        assert after.startswith(before)
        assert len(after) > len(before)
    else:
        assert after == before


def assert_clean_failure_or_success(result: Result) -> None:
    """Exit 0, or exit 1 with an `error:` line; never an exception."""
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.exception
    )
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr
    assert result.exit_code in (0, 1), result.stderr
    if result.exit_code == 1:
        assert result.stderr.startswith("error: ")


NASTY_BYTES = [
    pytest.param(b"", id="empty-file"),
    # Seeded: a failure names bytes that can be made again.
    pytest.param(random.Random(4096).randbytes(4096), id="binary-garbage"),
    pytest.param(b"\x00" * 100, id="nul-bytes"),
    pytest.param(b"\xef\xbb\xbf" + SMALL.encode(), id="utf-8-bom"),
    pytest.param(SMALL.encode("utf-16"), id="utf-16"),
    pytest.param(SMALL.encode().replace(b"Astana", b"Ast\xe1na"), id="invalid-utf-8"),
    pytest.param(SMALL.replace("\n", "\r\n").encode(), id="crlf"),
    pytest.param(SMALL.replace("\n", "\r").encode(), id="lone-cr"),
    pytest.param(
        b"schema = 1\n" + b"x = " + b"[" * 5000 + b"]" * 5000, id="deep-nesting"
    ),
    pytest.param(b"schema = 99999999999999999999999\n", id="huge-number"),
    pytest.param(
        b"schema = 1\ntitle = 't'\ncommitment = []\nupdate = {}\n", id="wrong-shapes"
    ),
    pytest.param(b"[[commitment]]\n[[commitment]]\nid = 3\n", id="empty-commitments"),
    pytest.param(
        SMALL.replace(
            "made = 2024-03-01\nsource", "made = 9999-12-31\nsource", 1
        ).encode(),
        id="pledge-in-year-9999",
    ),
    pytest.param(
        SMALL.replace(
            "made = 2024-03-01\nsource", "made = 0001-01-01\nsource", 1
        ).encode(),
        id="pledge-in-year-1",
    ),
]


@pytest.mark.parametrize("data", NASTY_BYTES)
@pytest.mark.parametrize("command", WRITE_COMMANDS, ids=lambda c: c[0])
def test_nasty_ledger_bytes_refuse_writes_or_append(
    run: Run, tmp_path: Path, data: bytes, command: tuple[str, ...]
) -> None:
    path = write_ledger(tmp_path, "")
    path.write_bytes(data)
    assert_write_refused_or_appended(run(*command, "-l", path), path, data)


@pytest.mark.parametrize("data", NASTY_BYTES)
@pytest.mark.parametrize("command", READ_COMMANDS, ids=" ".join)
def test_nasty_ledger_bytes(
    run: Run, tmp_path: Path, data: bytes, command: tuple[str, ...]
) -> None:
    path = write_ledger(tmp_path, "")
    path.write_bytes(data)
    assert_clean_failure_or_success(run(*command, "--ledger", path))
    assert path.read_bytes() == data


def test_bom_and_crlf_ledgers_are_read(run: Run, tmp_path: Path) -> None:
    path = write_ledger(tmp_path, "")
    path.write_bytes(b"\xef\xbb\xbf" + SMALL.replace("\n", "\r\n").encode())
    result = run("list", "-l", path, "-f", "json")
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 3


def test_a_large_ledger_is_refused_cleanly(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    with path.open("wb") as handle:
        handle.truncate(513 * 1024 * 1024)  # sparse: costs no disk
    result = run("check", "-l", path)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {path} is 537,919,488 bytes; a ledger may be 536,870,912 at most\n"
        "hint: to allow a bigger ledger, set TRACKER_MAX_LEDGER_BYTES to its size\n"
    )


def test_a_50_mb_file_of_garbage(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    path.write_bytes(b"x" * (50 * 1024 * 1024))
    result = run("list", "-l", path)
    assert_clean_failure_or_success(result)
    assert result.exit_code == 1


def special_file(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / "ledger.toml"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "directory":
        path.mkdir()
    elif kind == "dangling-symlink":
        path.symlink_to(tmp_path / "gone.toml")
    elif kind == "device":
        path = Path("/dev/zero")
    return path


@pytest.mark.parametrize("kind", ["fifo", "directory", "dangling-symlink", "device"])
def test_not_a_regular_file(run: Run, tmp_path: Path, kind: str) -> None:
    path = special_file(tmp_path, kind)
    result = run("list", "-l", path)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {path}") or result.stderr.startswith(
        f"error: no ledger at {path}"
    )
    assert len([x for x in result.stderr.splitlines() if x.startswith("error")]) == 1


def test_an_archived_source_that_is_a_fifo_is_not_opened(
    run: Run, tmp_path: Path
) -> None:
    path = write_ledger(tmp_path, SMALL)
    (tmp_path / "sources" / "astana.txt").unlink()
    os.mkfifo(tmp_path / "sources" / "astana.txt")
    result = run("check", "-l", path)
    assert result.exit_code == 1
    assert "archived text 'sources/astana.txt' not found" in result.stdout


def test_unreadable_ledger(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_ledger(tmp_path, SMALL)
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", refuse)
    result = run("list", "-l", path)
    assert result.exit_code == 1
    assert result.stderr == f"error: cannot read {path}: Permission denied\n"


@pytest.mark.parametrize(
    "title",
    [
        pytest.param("[red]alarm[/red]", id="markup"),
        pytest.param("[/]", id="closing-tag"),
        pytest.param("[link=javascript:alert(1)]click[/link]", id="link-markup"),
        pytest.param(":coffee: :thumbs_up:", id="emoji-codes"),
        pytest.param("\x1b[2J\x1b[H", id="ansi-clear-screen"),
        pytest.param("\x1b]52;c;aGk=\x07", id="osc-52-clipboard"),
        pytest.param("tab\there\x00nul", id="nul-and-tab"),
        pytest.param("\u202egnp.exe", id="bidi-override"),
        pytest.param("x" * 10_000, id="10000-characters"),
        pytest.param("中文标题" * 50, id="wide-characters"),
        pytest.param('=HYPERLINK("http://evil","x")', id="formula"),
    ],
)
@pytest.mark.parametrize("terminal", [False, True], ids=["piped", "terminal"])
@pytest.mark.parametrize("columns", ["20", "80"])
def test_hostile_titles_everywhere(
    run: Run,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    title: str,
    terminal: bool,
    columns: str,
) -> None:
    monkeypatch.setattr(output, "is_terminal", lambda: terminal)
    path = write_ledger(
        tmp_path, SMALL.replace('"Open a joint water laboratory"', json.dumps(title))
    )
    for command in READ_COMMANDS:
        result = run(*command, "-l", path, env={"COLUMNS": columns})
        assert_clean_failure_or_success(result)
        assert result.exit_code == 0
        assert "\x1b" not in result.stdout or terminal
        for raw in ("\x1b[2J", "\x1b]52", "\x00", "\u202e"):
            assert raw not in result.stdout


@pytest.mark.parametrize(
    "value",
    ["2023-02-30", "tomorrow", "9999-12-31", "0001-01-01", "2024-3-1", "", "20240301"],
)
def test_as_of_values(run: Run, small_ledger: Path, value: str) -> None:
    result = run("list", "-l", small_ledger, "--as-of", value, "-f", "json")
    if value in ("9999-12-31", "0001-01-01"):
        assert result.exit_code == 0
        expected = 3 if value.startswith("9999") else 0
        assert len(json.loads(result.stdout)) == expected
    else:  # the basic format (20240301) too: every date is YYYY-MM-DD
        assert result.exit_code == 2
        assert result.stderr.startswith("error: Invalid value for '--as-of'")


toml_scalars = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True),
    st.booleans(),
    st.dates(),
    st.datetimes(),
)
toml_values = st.recursive(
    toml_scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(min_size=1, max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
ledger_shaped = st.fixed_dictionaries(
    {},
    optional={
        "schema": st.one_of(st.just(1), toml_scalars),
        "title": toml_scalars,
        "countries": st.one_of(
            st.dictionaries(st.sampled_from(["CN", "KZ", "xx", "UZ"]), toml_scalars),
            toml_values,
        ),
        "sources": toml_values,
        "statuses": toml_values,
        "commitment": st.lists(
            st.fixed_dictionaries(
                {},
                optional={
                    "id": st.one_of(
                        st.sampled_from(["water-lab", "a", "B c"]), toml_scalars
                    ),
                    "title": toml_scalars,
                    "countries": st.lists(st.sampled_from(["CN", "KZ", "ZZ", ""])),
                    "category": toml_scalars,
                    "made": toml_scalars,
                    "source": st.sampled_from(["astana-2024", "nope"]),
                    "quote": st.sampled_from(["China and Kazakhstan", "nothing"]),
                    "due": toml_scalars,
                    "tags": toml_values,
                },
            ),
            max_size=3,
        ),
        "update": st.lists(toml_values, max_size=3),
    },
)


# The small valid ledger with some of its values replaced, none to all: with
# none, or with values that happen to be valid, the document is a ledger, so
# the valid read and the append paths are reached too, not only refusals.
VALID = tomllib.loads(SMALL)
near_valid = st.builds(
    lambda top, firsts: {
        **VALID,
        **top,
        "commitment": [{**VALID["commitment"][0], **firsts}, *VALID["commitment"][1:]],
    },
    st.fixed_dictionaries(
        {}, optional={"title": toml_scalars, "schema": st.sampled_from([1, 2, "1"])}
    ),
    st.fixed_dictionaries(
        {},
        optional={
            "title": st.text(max_size=30),
            "category": st.sampled_from(["science", "Science", "", "new one"]),
            "due": st.dates() | toml_scalars,
            "tags": st.lists(st.text(max_size=10), max_size=3),
            "notes": st.text(max_size=30),
        },
    ),
)


def test_ledger_shaped_documents(run: Run, tmp_path: Path) -> None:
    seen: Counter[str] = Counter()

    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
        ],
    )
    @given(document=near_valid | ledger_shaped)
    def check(document: dict[str, object]) -> None:
        import tomli_w

        try:
            text = tomli_w.dumps(document)
        except (TypeError, ValueError):
            return  # not representable as TOML (NaN keys, mixed arrays, …)
        path = write_ledger(tmp_path, "")
        path.write_text(text, encoding="utf-8")
        checked = run("check", "-l", path)
        seen["valid" if checked.exit_code == 0 else "refused"] += 1
        for command in READ_COMMANDS:
            assert_clean_failure_or_success(run(*command, "-l", path))
        for command in WRITE_COMMANDS:
            before = path.read_bytes()
            result = run(*command, "-l", path)
            assert_write_refused_or_appended(result, path, before)
            seen["appended" if result.exit_code == 0 else "write refused"] += 1

    check()
    # Each path was taken: a fuzz that only ever refused would test one.
    assert seen["valid"] > 0, seen
    assert seen["refused"] > 0, seen
    assert seen["appended"] > 0, seen
    assert seen["write refused"] > 0, seen


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_arbitrary_bytes(run: Run, tmp_path: Path, data: bytes) -> None:
    path = write_ledger(tmp_path, "")
    path.write_bytes(data)
    for command in READ_COMMANDS:
        assert_clean_failure_or_success(run(*command, "-l", path))
    for command in WRITE_COMMANDS:
        result = run(*command, "-l", path)
        assert_write_refused_or_appended(result, path, data)
        assert result.exit_code == 1  # garbage is never a valid ledger
        assert path.read_bytes() == data
