"""The fast append path never accepts what a full parse of the new file refuses.

A write parses only the appended block when `loader.appendable` says the old
text lets it. These tests generate valid ledgers written every way TOML
allows (every string form, with escapes, quotes, `#`, `[` and `=` inside;
comments holding quotes and brackets; a byte-order mark; CRLF; no final
newline; root keys bare, quoted and dotted, `update` and `commitment` among
them) and hold the fast path to the full parse of the new text.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import tomllib
from pathlib import Path

import msgspec
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tracker import _cache, loader, record, store, writes
from tracker.errors import InvalidLedger, TrackerError

from conftest import SMALL, SOURCE_TEXT, Run, write_ledger

TODAY = dt.date(2026, 11, 28)

# Pieces of string content that trip a scanner: quotes, escapes, comment and
# header marks, newlines followed by what looks like a key or a header.
PIECES = [
    "a",
    " ",
    '"',
    "'",
    "#",
    "[",
    "]",
    "=",
    "\\",
    "\n",
    "\t",
    "é",
    "\nupdate = []\n",
    "\n[[update]]\n",
    '\n"update" = 1\n',
    "\n[x]\n",
]
contents = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


def basic(content: str, escape_all: bool) -> str:
    out = []
    for char in content:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t" or (escape_all and char.isalpha()):
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def literal(content: str) -> str:
    return "'" + content.replace("'", "").replace("\n", " ") + "'"


def multi_basic(content: str, escape: str) -> str:
    body = content.replace("\\", "\\\\")
    if escape == "all":
        body = body.replace('"', '\\"')
    elif escape == "last":
        body = body.replace('"""', '""\\"')
    else:  # the first of each run: \""" is an escaped quote and two more
        body = re.sub('"{1,3}', lambda m: "\\" + m.group(0), body)
    if body.endswith('"') and not body.endswith('\\"'):
        body = body[:-1] + '\\"'
    return '"""' + body + '"""'


def multi_literal(content: str) -> str:
    body = content.replace("'''", "''")
    if body.endswith("'"):
        body += " "
    return "'''" + body + "'''"


@st.composite
def strings(draw: st.DrawFn) -> str:
    content = draw(contents)
    form = draw(st.sampled_from(["basic", "literal", "ml-basic", "ml-literal"]))
    if form == "basic":
        return basic(content, draw(st.booleans()))
    if form == "literal":
        return literal(content)
    if form == "ml-basic":
        return multi_basic(content, draw(st.sampled_from(["all", "last", "first"])))
    return multi_literal(content)


comments = st.lists(st.sampled_from(["a", '"', "'", "[", "]", "[[update]]", "=", '"""', " "]),
                    max_size=6).map(lambda parts: "# " + "".join(parts))  # fmt: skip

TITLE_SPELLINGS = ["title", '"title"', "'title'", '"ti\\u0074le"']
ROOT_KEY_SPELLINGS = {
    "update": ["update", '"update"', "'update'", '"upd\\u0061te"'],
    "commitment": ["commitment", '"commitment"', "'commitment'", '"commit\\u006Dent"'],
}


@st.composite
def ledger_texts(draw: st.DrawFn) -> str:
    """A ledger (often valid) in TOML's many spellings."""
    lines: list[str] = []

    def maybe_comment() -> None:
        if draw(st.booleans()):
            lines.append(draw(comments))

    maybe_comment()
    root = [
        "schema = 1",
        draw(st.sampled_from(TITLE_SPELLINGS)) + " = " + draw(strings()),
    ]
    static = draw(st.sampled_from([None, "update", "commitment"]))
    if static is not None:
        spelling = draw(st.sampled_from(ROOT_KEY_SPELLINGS[static]))
        root.append(f"{spelling} = []")
    dotted_countries = draw(st.booleans())
    if dotted_countries:
        root += ['countries.CN = "China"', 'countries."KZ" = "Kazakhstan"']
    for line in draw(st.permutations(root)):
        lines.append(line + draw(st.sampled_from(["", "  " + draw(comments)])))
        maybe_comment()
    if not dotted_countries:
        lines += ["", "[countries]", 'CN = "China"', "'KZ' = \"Kazakhstan\""]
        maybe_comment()
    lines += [
        "",
        '[sources."astana-2024"]',
        f"title = {draw(strings())}",
        "date = 2024-03-01",
        'text = "sources/astana.txt"',
    ]
    maybe_comment()
    if static != "commitment":
        lines += [
            "",
            "[[commitment]]" + draw(st.sampled_from(["", " # [[update]] '\""])),
            'id = "water-lab"',
            f"title = {draw(strings())}",
            'countries = ["CN", "KZ"]',
            'category = "science"',
            "made = 2024-03-01",
            'source = "astana-2024"',
            'quote = "China and Kazakhstan will open a joint laboratory"',
            f"notes = {draw(strings())}",
        ]
        maybe_comment()
    text = "\n".join(lines) + "\n"
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    if draw(st.booleans()):
        text = text.rstrip("\r\n")
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text


def read_source(relative: str) -> str | None:
    return SOURCE_TEXT if relative == "sources/astana.txt" else None


def full(data: bytes) -> loader.Ledger:
    return loader.load(data, "L.toml", read_source, TODAY)


def outcome(load: object) -> object:
    try:
        return load()  # type: ignore[operator]
    except InvalidLedger:
        return "refused"


GOOD_UPDATE = record.Block(
    "update",
    {
        "commitment": "water-lab",
        "date": dt.date(2025, 1, 2),
        "status": "in-progress",
        "note": 'Site chosen "north" [x] # not a comment',
    },
)
GOOD_COMMITMENT = record.Block(
    "commitment",
    {
        "id": "new-one",
        "title": "A new pledge",
        "countries": ["CN"],
        "category": "science",
        "made": dt.date(2024, 3, 1),
        "source": "astana-2024",
        "quote": "Both sides agreed",
    },
)
blocks = st.sampled_from([GOOD_UPDATE, GOOD_COMMITMENT])


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=ledger_texts(), block=blocks)
def test_the_fast_path_accepts_only_what_the_full_parse_accepts(
    text: str, block: record.Block
) -> None:
    data = text.encode()
    before = outcome(lambda: full(data))
    assume(before != "refused")
    assert isinstance(before, loader.Ledger)
    fragment = record.fragment(data, record.serialise(block))
    whole = outcome(lambda: full(data + fragment))
    if loader.appendable(data.decode()):  # as the write path asks
        fast = outcome(
            lambda: loader.extend(
                before,
                fragment.decode(),
                "L.toml",
                read_source,
                TODAY,
                data.count(b"\n") + 1,
            )
        )
        assert fast == whole


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=ledger_texts(), block=blocks)
def test_a_write_never_leaves_a_ledger_that_does_not_parse(
    text: str, block: record.Block
) -> None:
    data = text.encode()
    assume(outcome(lambda: full(data)) != "refused")
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "commitments.toml"
        (path.parent / "sources").mkdir()
        (path.parent / "sources" / "astana.txt").write_text(SOURCE_TEXT)
        path.write_bytes(data)
        try:
            writes.append(store.Location(path), lambda _: block, TODAY)
        except TrackerError:
            assert path.read_bytes() == data
            return
        new = path.read_bytes()
        assert new.startswith(data)
        full(new)  # raises if the write broke the ledger
        tomllib.loads(new.decode().removeprefix("\ufeff"))


# The two ledgers the issue found broken by a write, as regression cases.
ESCAPED_QUOTE = '''\
schema = 1
title = """A title
with \\""" in it
[countries]
"""
update = []

[countries]
CN = "China"
'''


@pytest.mark.parametrize("text", [ESCAPED_QUOTE, "\ufeffupdate = []\nschema = 1\n"])
def test_a_static_update_array_is_seen_however_the_text_before_it_looks(
    text: str,
) -> None:
    assert tomllib.loads(text.removeprefix("\ufeff"))["update"] == []
    assert not loader.appendable(text)


# A write reads only the ledger's first `writes.ROOT_BYTES` for its root
# table. Where the root runs past them (a long comment, then the static array),
# the whole new text must be parsed, and refuse the update just the same.
LONG_COMMENT = "# a long note before the ledger begins\n" * (writes.ROOT_BYTES // 30)


@pytest.mark.parametrize(
    "before", ["", LONG_COMMENT], ids=["root-in-prefix", "root-past-prefix"]
)
def test_an_update_to_a_ledger_with_a_static_update_array_is_refused(
    tmp_path: Path, run: Run, before: str
) -> None:
    text = (
        before
        + ESCAPED_QUOTE
        + (
            '\n[sources.astana-2024]\ntitle = "T"\ndate = 2024-03-01\n'
            'text = "sources/a.txt"\n\n'
            '[[commitment]]\nid = "water-lab"\ntitle = "Lab"\ncountries = ["CN"]\n'
            'category = "science"\nmade = 2024-03-01\nsource = "astana-2024"\n'
            'quote = "Lab"\n'
        )
    )
    assert (text.index("update = []") > writes.ROOT_BYTES) == bool(before)
    path = tmp_path / "commitments.toml"
    path.write_text(text)
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "a.txt").write_text("Lab")
    result = run(
        "update", "water-lab", "in-progress", "--date", "2025-01-01",
        "-n", "Started", "--ledger", str(path),
    )  # fmt: skip
    assert result.exit_code == 1
    assert path.read_text() == text
    assert "invalid TOML" in result.stderr


def test_an_update_after_a_root_longer_than_the_prefix_is_written(
    tmp_path: Path, run: Run
) -> None:
    path = write_ledger(tmp_path, LONG_COMMENT + SMALL)
    before = path.read_bytes()
    result = run(
        "update", "water-lab", "in-progress", "--date", "2025-01-01",
        "-n", "Started", "--ledger", str(path),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    after = path.read_bytes()
    assert after.startswith(before)
    assert tomllib.loads(after.decode())["update"][-1]["note"] == "Started"


def test_check_parses_the_file_and_never_trusts_the_cache(
    tmp_path: Path, run: Run
) -> None:
    padding = "# padding\n" * (store.CACHE_FROM_BYTES // 10)  # large enough to cache
    path = write_ledger(tmp_path, SMALL + padding)
    assert run("list", "--ledger", str(path)).exit_code == 0  # stores an entry
    entry_file = _cache.entry_path(path)
    assert entry_file.exists()
    # The entry's hash matches, but the file no longer parses: a cache entry
    # that lies (or a bug that wrote one) must not make check pass.
    broken = path.read_bytes() + b"\n[[update]\n"
    entry = msgspec.msgpack.decode(entry_file.read_bytes())
    entry["ledger_sha256"] = _cache.digest(broken)
    entry_file.write_bytes(msgspec.msgpack.encode(entry))
    path.write_bytes(broken)
    result = run("check", "--ledger", str(path))
    assert result.exit_code == 1
    assert "invalid TOML" in result.stdout
    assert os.path.exists(entry_file)
