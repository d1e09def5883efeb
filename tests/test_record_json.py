"""`list --format json` writes each record straight from its row: the bytes
must be those of encoding `query.record(row)`, whatever the ledger holds."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from party_ledgers import AS_OF, SPLIT_LEDGER

from tracker import query, store
from tracker.model import Commitment, PartyState, State, Status
from tracker.query import Row
from tracker.render import machine, record_json
from tracker.render import text as text_module
from tracker.render.text import json_safe, json_safe_utf8, multi_line, one_line

from conftest import SMALL, Run, write_ledger

# Ledger text at its worst: quotes, backslashes, C0 and C1 controls, DEL,
# bidirectional overrides, line separators, astral planes.
texts = st.text(
    st.characters(codec="utf-8")
    | st.sampled_from('"\\\x00\x1b\x7f\x85\x9b\u202e\u2028\u061c\U0001f600')
)
days = st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))
statuses = st.builds(
    Status, name=texts, progress=st.just(0.5), score=st.just(0.0), closed=st.booleans()
)


@st.composite
def rows(draw: st.DrawFn) -> Row:
    # Duplicate codes are drawn too: the record's `parties` object keys each
    # code once, as a dict does.
    countries = tuple(draw(st.lists(st.sampled_from(["KZ", "CN"]) | texts, max_size=4)))
    commitment = Commitment(
        id=draw(texts),
        title=draw(texts),
        countries=countries,
        category=draw(texts),
        made=draw(days),
        source=draw(texts),
        quote=draw(texts),
        due=draw(st.none() | days),
    )
    parties = draw(
        st.just(())
        | st.lists(
            st.builds(
                PartyState,
                code=st.sampled_from(countries) if countries else texts,
                status=statuses,
                since=days,
                overdue=st.booleans(),
            ),
            min_size=1,
            max_size=4,
        ).map(tuple)
    )
    state = State(
        status=draw(statuses),
        since=draw(days),
        overdue=draw(st.booleans()),
        parties=parties,
    )
    return Row(commitment=commitment, state=state)


def expected(row: Row) -> str:
    return json.dumps(query.record(row), ensure_ascii=False)


@settings(max_examples=400)
@given(many=st.lists(rows(), max_size=5))
def test_a_row_is_written_as_its_record_encodes(many: list[Row]) -> None:
    write = record_json.writer()  # one per run: its memos see every row
    for row in many:
        assert write(row) == expected(row)


def test_the_array_and_json_lines_in_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(machine, "CHUNK", 2)
    items = [{"n": n, "text": "\u202e\x7f"} for n in range(5)]
    lines = [json_safe(json.dumps(i, ensure_ascii=False)) for i in items]
    pieces = list(machine.json_chunks(items))
    assert len(pieces) > 1
    assert b"".join(pieces).decode() == "[\n  " + ",\n  ".join(lines) + "\n]\n"
    assert json.loads(b"".join(pieces)) == items
    jsonl = b"".join(machine.jsonl_chunks(items)).decode()
    assert jsonl == "".join(f"{x}\n" for x in lines)
    assert list(machine.json_chunks([])) == [b"[]\n"]
    assert list(machine.jsonl_chunks([])) == []


HOSTILE = '"\x1b[2J \u202egnp.exe \x7f\x85 \\ \u2028 中文 [red]x[/red]\t\x00"'


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
@pytest.mark.parametrize("parties", [False, True], ids=["whole", "split"])
def test_list_writes_what_the_records_encode(
    run: Run, tmp_path: Path, fmt: str, parties: bool
) -> None:
    text = (SPLIT_LEDGER if parties else SMALL).replace(
        '"Open a joint water laboratory"', json.dumps(HOSTILE)
    )
    path = write_ledger(tmp_path, text)
    result = run("list", "--format", fmt, "--as-of", AS_OF, "--ledger", path)
    assert result.exit_code == 0, result.stderr
    ledger = store.load(store.Location(path), dt.date.today(), False)
    rows = query.select(ledger, dt.date.fromisoformat(AS_OF))
    assert any(r.state.parties for r in rows) == parties
    records = [query.record(r) for r in rows]
    chunks = machine.json_chunks if fmt == "json" else machine.jsonl_chunks
    assert result.stdout == b"".join(chunks(records)).decode()
    for raw in ("\x1b", "\u202e", "\x7f", "\x85", "\u2028", "\x00"):
        assert raw not in result.stdout
    assert HOSTILE in [r["title"] for r in records]


# Every character `json_safe` escapes, its neighbours, and text around them.
ESCAPED = [0x7F, *range(0x80, 0xA0), 0x61C, 0x200E, 0x200F, *range(0x2028, 0x202F)]
ESCAPED += range(0x2066, 0x206A)
NEAR = {n for code in ESCAPED for n in (code - 1, code, code + 1)}


# A list joined rather than st.text: st.text of a union of alphabets never
# draws the sampled characters here (U+202E, say), which are the point.
@settings(max_examples=500)
@given(
    text=st.lists(
        st.sampled_from(sorted(map(chr, NEAR)))
        | st.characters(codec="utf-8")
        | st.characters(max_codepoint=0x7F)
    ).map("".join)
)
def test_json_safe_escapes_each_listed_character_and_nothing_else(text: str) -> None:
    expected = "".join(
        f"\\u{ord(char):04x}" if ord(char) in ESCAPED else char for char in text
    )
    assert json_safe(text) == expected
    assert json_safe_utf8(text.encode()) == expected.encode()


@pytest.mark.parametrize("kind", ["one_line", "multi_line", "json"])
def test_every_escaped_character_is_unprintable(kind: str) -> None:
    """`one_line` and `multi_line` pass printable text as it is: that is only
    right while no character their tables escape is printable."""
    table, _ = text_module._escaper(kind)
    assert len(table) > 40
    assert not [hex(code) for code in table if chr(code).isprintable()]


LINE_KEEPS = {"one_line": "", "multi_line": "\n\t"}


@settings(max_examples=500)
@given(
    text=st.lists(
        st.sampled_from(sorted(map(chr, NEAR | {0, 9, 10, 13, 0x1B, 0x1F, 0x20})))
        | st.characters(codec="utf-8")
    ).map("".join),
    kind=st.sampled_from(sorted(LINE_KEEPS)),
)
def test_line_text_escapes_each_control_and_nothing_else(text: str, kind: str) -> None:
    def escaped(char: str) -> str:
        code = ord(char)
        control = code < 0x20 or 0x7F <= code < 0xA0 or code in ESCAPED
        if not control or char in LINE_KEEPS[kind]:
            return char
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    show = one_line if kind == "one_line" else multi_line
    assert show(text) == "".join(map(escaped, text))
