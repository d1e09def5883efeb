"""The compiled tomli and the standard library's tomllib read every document
alike: the same values, the same refusals, the same message at the same line
and column; and the tool's verdict on a ledger does not depend on which of
them read it.

Compared over the hostile corpus, the ledgers in the repository, their
mutations, fragments of TOML syntax and generated documents, with seeded
(derandomized) examples so every run checks the same ones.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_hostile import NASTY_BYTES, ledger_shaped, toml_values

from tracker import _toml, loader
from tracker.errors import InvalidLedger, Problem
from tracker.model import Ledger

from conftest import BUNDLED, SMALL, SOURCE_TEXT, XIAN_PLEDGES

TODAY = dt.date(2026, 11, 28)
SEEDED = settings(
    derandomize=True,
    deadline=None,
    max_examples=300,
    suppress_health_check=[HealthCheck.too_slow],
)
# The characters TOML's grammar turns on, so that mutations hit its edges.
TOML_CHARS = "[]{}=\"'.,#:+-_ \t\n\r\\0123456789eEtTZxXabnuU\x00\x7f\u00e9\U0001f600"


def outcome(parse: Any, text: str) -> tuple[Any, ...]:
    """What a parser makes of `text`: its values (by repr, so that NaN equals
    NaN and 1 differs from 1.0 and True), or its refusal in full."""
    try:
        return ("values", repr(parse.loads(text)))
    except (tomllib.TOMLDecodeError, tomli.TOMLDecodeError) as error:
        return ("refused", type(error).__name__, str(error))
    except RecursionError:
        return ("too deep",)


def nested(depth: int) -> str:
    return "schema = 1\nx = " + "[" * depth + "]" * depth + "\n"


def assert_same(text: str) -> None:
    fast, exact = outcome(tomli, text), outcome(tomllib, text)
    if "too deep" in (fast[0], exact[0]):
        # The one difference: how deep each lets arrays nest (see _toml).
        return
    assert fast == exact


def read_source(relative: str) -> str | None:
    return SOURCE_TEXT if relative == "sources/astana.txt" else None


def verdict(data: bytes, read: Any = read_source) -> Ledger | list[Problem]:
    try:
        return loader.load(data, "L.toml", read, TODAY)
    except InvalidLedger as error:
        return list(error.problems)


def assert_same_verdict(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    """The tool says the same of `data` with tomli as with tomllib alone."""
    with_tomli = verdict(data)
    with monkeypatch.context() as patch:
        patch.setattr(_toml, "_FAST", None)
        assert _toml.fast_loads("a = 1") is None  # tomllib alone now
        with_tomllib = verdict(data)
    assert with_tomli == with_tomllib


def corpus() -> Iterator[bytes]:
    for param in NASTY_BYTES:
        yield param.values[0]
    for path in (BUNDLED, XIAN_PLEDGES):
        yield path.read_bytes()
    yield SMALL.encode()
    yield nested(50).encode()
    yield nested(450).encode()  # deeper than tomli goes, not tomllib
    yield ("schema = 1\n" + ".".join(["k"] * 1100) + " = 1\n").encode()


def test_the_fast_parser_is_the_compiled_tomli() -> None:
    from tomli import _parser

    assert Path(_parser.__file__).suffix in (".so", ".pyd")
    assert _toml.FAST_PARSER == "tomli (compiled)"
    assert _toml.fast_loads("a = 1") == {"a": 1}


@pytest.mark.parametrize("data", list(corpus()), ids=lambda d: d[:20].hex())
def test_the_corpus_reads_alike(data: bytes) -> None:
    text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    assert_same(text)


@pytest.mark.parametrize("data", list(corpus()), ids=lambda d: d[:20].hex())
def test_the_tool_judges_the_corpus_alike(
    monkeypatch: pytest.MonkeyPatch, data: bytes
) -> None:
    assert_same_verdict(monkeypatch, data)


def test_nesting_tomli_refuses_is_judged_as_tomllib_judges_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # tomli stops at 400 levels, tomllib (here) near 500: tomllib decides.
    text = nested(450)
    assert outcome(tomli, text) == ("too deep",)
    assert outcome(tomllib, text)[0] == "values"
    assert verdict(text.encode()) == [
        Problem("L.toml", 1, "ledger: missing required field 'title'"),
        Problem("L.toml", 2, "ledger: unknown key 'x'"),
    ]
    assert_same_verdict(monkeypatch, text.encode())


def test_errors_carry_the_same_line_and_column() -> None:
    text = SMALL.replace('category = "science"', 'category = "sci\x07ence"', 1)
    with pytest.raises(tomli.TOMLDecodeError) as fast:
        tomli.loads(text)
    with pytest.raises(tomllib.TOMLDecodeError) as exact:
        tomllib.loads(text)
    line = text[: text.index("\x07")].count("\n") + 1
    assert (fast.value.lineno, fast.value.colno) == (line, 16)
    assert (
        str(fast.value)
        == str(exact.value)
        == (f"Illegal character '\\x07' (at line {line}, column 16)")
    )
    [problem] = verdict(text.encode())
    assert problem == Problem(
        "L.toml", line, "invalid TOML: Illegal character '\\x07'", 16
    )


@st.composite
def mutated(draw: st.DrawFn, base: str) -> str:
    """`base` with a few characters inserted, deleted or replaced."""
    text = base
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        char = draw(st.sampled_from(TOML_CHARS))
        how = draw(st.sampled_from(["insert", "delete", "replace"]))
        if how == "insert":
            text = text[:at] + char + text[at:]
        elif how == "delete":
            text = text[:at] + text[at + 1 :]
        else:
            text = text[:at] + char + text[at + 1 :]
    return text


@SEEDED
@given(text=mutated(SMALL))
def test_mutated_ledgers_read_alike(text: str) -> None:
    assert_same(text)


@SEEDED
@given(text=st.text(alphabet=TOML_CHARS, max_size=60))
def test_toml_syntax_fragments_read_alike(text: str) -> None:
    assert_same(text)


# Lines of TOML, valid and not, strung together: each statement kind, each
# value kind, and their broken forms.
TOML_LINES = [
    "a = 1", "a = 1.5", "a = -0.0", "a = inf", "a = nan", "a = 0x1F", "a = 0o17",
    "a = 0b101", "a = 1_000", "a = 1__0", "a = 01", "a = +1", "a = 1e400",
    "a = true", "a = TRUE", 'a = "s"', "a = 's'", 'a = """m\nl"""', "a = '''m'''",
    'a = "\\u00e9"', 'a = "\\uD800"', 'a = "\\x41"', 'a = "\\e"', "a = 1979-05-27",
    "a = 1979-05-27T07:32:00Z", "a = 1979-05-27 07:32:00.999999+01:00",
    "a = 1979-05-27T07:32", "a = 07:32:00", "a = 07:32", "a = 1979-02-30",
    "a = [1, 2,]", "a = [1,\n2]", "a = [", "a = {b = 1}", "a = {b = 1,}",
    "a = {b = 1,\n c = 2}", "a = {b.c = 1, b.d = 2}", "a.b = 1", '"a b" = 1',
    "'a' = 1", "= 1", "a =", "a = 1 b = 2", "[t]", "[t.u]", "[[t]]", "[ t ]",
    "[t", "[[t]", "[a]", "[[a]]", "# comment", "a = 1 # c", "\t", "",
    "b = 2", "a.b.c = 1", "[a.b]", "x = [[1], [2.0]]", "x = [1, 'a']",
]  # fmt: skip


@SEEDED
@given(lines=st.lists(st.sampled_from(TOML_LINES), max_size=8))
def test_toml_statements_read_alike(lines: list[str]) -> None:
    assert_same("\n".join(lines))


@SEEDED
@given(document=st.dictionaries(st.text(max_size=8), toml_values, max_size=5))
def test_generated_documents_read_alike(document: dict[str, object]) -> None:
    try:
        text = tomli_w.dumps(document)
    except (TypeError, ValueError):
        return  # not representable as TOML
    assert_same(text)
    assert outcome(tomli, text)[0] == "values"


@settings(SEEDED, max_examples=100)
@given(document=ledger_shaped)
def test_the_tool_judges_generated_ledgers_alike(document: dict[str, object]) -> None:
    try:
        text = tomli_w.dumps(document)
    except (TypeError, ValueError):
        return
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert_same_verdict(monkeypatch, text.encode())


@settings(SEEDED, max_examples=100)
@given(text=mutated(SMALL))
def test_the_tool_judges_mutated_ledgers_alike(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert_same_verdict(monkeypatch, text.encode())


def test_a_valid_ledger_is_read_once_a_broken_one_again_by_tomllib(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    readings: list[str] = []
    read = tomllib.loads

    def spy(text: str) -> dict[str, Any]:
        readings.append(text)
        return read(text)

    monkeypatch.setattr(loader.tomllib, "loads", spy)
    assert isinstance(verdict(SMALL.encode()), Ledger)
    assert readings == []  # tomli's reading sufficed
    text = SMALL.replace('category = "science"', "category = 5", 1)
    line = text.splitlines().index("category = 5") + 1
    assert verdict(text.encode()) == [
        Problem(
            "L.toml",
            line,
            "commitment 'water-lab': 'category' should be a string, not an integer",
        )
    ]
    assert readings == [text]
