"""Parsing only the appended block gives what parsing the whole file gives.

The write path validates a new block against the ledger it already has
(often from the cache) instead of parsing the whole new text. These tests
hold it to the full parse: the same ledger when the block is good, the same
problems, with the same lines, when it is not, and a fallback to the full
parse whenever the old text could make the two differ.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker import _cache, loader, record, store, writes
from tracker.errors import InvalidLedger, RefusedWrite

from conftest import SMALL, SOURCE_TEXT, write_ledger

TODAY = dt.date(2026, 11, 28)
IDS = ["water-lab", "tourism-year", "direct-flights", "no-such-id"]
STATUSES = ["pledged", "in-progress", "partial", "fulfilled", "done"]


def read_source(relative: str) -> str | None:
    return SOURCE_TEXT if relative == "sources/astana.txt" else None


def full(data: bytes) -> loader.Ledger:
    return loader.load(data, "L.toml", read_source, TODAY)


def fast(before: loader.Ledger, data: bytes, fragment: bytes) -> loader.Ledger:
    assert loader.appendable(data.decode())
    return loader.extend(
        before, fragment.decode(), "L.toml", read_source, TODAY, data.count(b"\n") + 1
    )


def outcome(load: object) -> object:
    """The ledger, or "refused"."""
    try:
        return load()  # type: ignore[operator]
    except InvalidLedger:
        return "refused"


def problems(load: object) -> list[tuple[str, int | None]]:
    try:
        load()  # type: ignore[operator]
    except InvalidLedger as error:
        return [(p.message, p.line) for p in error.problems]
    return []


update_tables = st.fixed_dictionaries(
    {
        "commitment": st.sampled_from(IDS),
        "date": st.dates(dt.date(2024, 1, 1), dt.date(2027, 1, 1)),
        "status": st.sampled_from(STATUSES),
        "note": st.sampled_from(["Site chosen", "", "  ", "Line one\nline two [x]"]),
    },
    optional={
        "evidence": st.lists(
            st.sampled_from(["https://example.org/a", "astana-2024", "astana-2042"]),
            max_size=2,
        ),
        "recorded": st.just(dt.datetime(2026, 11, 28, 9, 30, tzinfo=dt.UTC)),
        "statsu": st.just("typo"),
    },
)
commitment_tables = st.fixed_dictionaries(
    {
        "id": st.sampled_from(["new-one", "water-lab", "Bad Id"]),
        "title": st.sampled_from(["A new pledge", ""]),
        "countries": st.lists(
            st.sampled_from(["CN", "KZ", "XX"]), min_size=1, max_size=2
        ),
        "category": st.just("science"),
        "made": st.dates(dt.date(2024, 1, 1), dt.date(2026, 1, 1)),
        "source": st.sampled_from(["astana-2024", "nowhere"]),
        "quote": st.sampled_from(["Both sides agreed", "Nobody agreed"]),
    },
    optional={"due": st.dates(dt.date(2023, 1, 1), dt.date(2030, 1, 1))},
)
blocks = st.one_of(
    update_tables.map(lambda t: record.Block("update", t)),
    commitment_tables.map(lambda t: record.Block("commitment", t)),
)
ledgers = st.sampled_from(
    [
        SMALL.encode(),
        SMALL.replace("\n", "\r\n").encode(),
        SMALL.rstrip("\n").encode(),  # no final newline
        (SMALL + "# a comment at the end").encode(),
        (SMALL + "\n\n\n").encode(),
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=ledgers, block=blocks)
def test_the_fragment_alone_agrees_with_the_whole_text(
    data: bytes, block: record.Block
) -> None:
    before = full(data)
    fragment = record.fragment(data, record.serialise(block))
    assert outcome(lambda: fast(before, data, fragment)) == outcome(
        lambda: full(data + fragment)
    )


def test_a_good_update_is_added_at_the_end() -> None:
    data = SMALL.encode()
    before = full(data)
    block = record.Block(
        "update",
        {
            "commitment": "water-lab",
            "date": dt.date(2024, 6, 1),
            "status": "partial",
            "note": "Half",
        },
    )
    after = fast(before, data, record.fragment(data, record.serialise(block)))
    assert after.updates[-1].status == "partial"
    assert after.commitments == before.commitments
    assert after.state(after.commitments[0], TODAY).status.name == "partial"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            'update = [{commitment = "water-lab"}]\n' + SMALL, id="inline-update-array"
        ),
        pytest.param('"upd\\u0061te" = []\n' + SMALL, id="escaped-quoted-key"),
        pytest.param("commitment = []\n" + SMALL, id="inline-commitment-array"),
        pytest.param("update.x = 1\n" + SMALL, id="dotted-root-key"),
    ],
)
def test_texts_that_could_differ_are_not_appendable(text: str) -> None:
    assert not loader.appendable(text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(SMALL, id="small"),
        pytest.param(SMALL.replace("\n", "\r\n"), id="crlf"),
        pytest.param(
            SMALL
            + '\n[[update]]\ncommitment = "water-lab"\ndate = 2024-06-01\nstatus = "partial"\nnote = "x"\n',
            id="with-updates",
        ),
        pytest.param(
            'title = """\nupdate = []\n"""\n'
            + SMALL.replace('title = "Test ledger"\n', ""),
            id="key-inside-a-string",
        ),
        pytest.param(
            SMALL.replace("[countries]\n", "[countries]\n'XX' = \"Nowhere\"\n"),
            id="quoted-key-in-a-table",
        ),
    ],
)
def test_ordinary_ledgers_are_appendable(text: str) -> None:
    assert loader.appendable(text)


def test_a_static_array_falls_back_to_the_full_parse(tmp_path: Path) -> None:
    """`commitment = [...]` cannot grow by [[commitment]]: the write must see
    the TOML error the whole new text has, and write nothing."""
    text = "update = []\n" + SMALL
    path = write_ledger(tmp_path, text)
    before = path.read_bytes()
    request = record.UpdateRequest(
        "water-lab",
        "partial",
        "Half",
        dt.date(2024, 6, 1),
        (),
        dt.datetime(2026, 11, 28, tzinfo=dt.UTC),
    )
    with pytest.raises(RefusedWrite) as caught:
        writes.append(
            store.Location(path),
            lambda ledger: record.new_update(ledger, request, TODAY),
            TODAY,
        )
    assert "invalid TOML" in caught.value.problems[0].message
    assert path.read_bytes() == before


def test_problem_lines_point_into_the_appended_block() -> None:
    data = SMALL.encode()
    fragment = b'\n[[update]]\ncommitment = "water-lab"\ndate = 2024-06-01\nstatus = "begun"\nnote = "x"\n'
    status_line = (data + fragment).decode().splitlines().index('status = "begun"') + 1
    expected = [
        (
            "update #1: unknown status 'begun' (the scale is: pledged, in-progress, "
            "stalled, partial, fulfilled, abandoned)",
            status_line,
        )
    ]
    assert problems(lambda: fast(full(data), data, fragment)) == expected
    assert problems(lambda: full(data + fragment)) == expected


def test_a_refused_write_reports_what_the_whole_text_says(tmp_path: Path) -> None:
    """The fast path only decides; the messages come from the full parse."""
    path = write_ledger(tmp_path, SMALL)
    block = record.Block(
        "commitment",
        {"id": "water-lab", "title": "Again", "countries": ["CN"], "category": "x",
         "made": dt.date(2024, 3, 1), "source": "astana-2024", "quote": "Both sides agreed"},
    )  # fmt: skip
    with pytest.raises(RefusedWrite) as caught:
        writes.append(store.Location(path), lambda ledger: block, TODAY)
    fragment = record.fragment(SMALL.encode(), record.serialise(block))
    assert [(p.message, p.line) for p in caught.value.problems] == problems(
        lambda: full(SMALL.encode() + fragment)
    )
    assert path.read_text() == SMALL


@pytest.fixture
def big_ledger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(store, "CACHE_FROM_BYTES", 0)  # cache this small ledger
    return write_ledger(tmp_path, SMALL)


def update(path: Path, note: str, use_cache: bool = True) -> writes.Appended:
    request = record.UpdateRequest(
        "water-lab", "in-progress", note, dt.date(2024, 6, 1), (),
        dt.datetime(2026, 11, 28, tzinfo=dt.UTC),
    )  # fmt: skip
    return writes.append(
        store.Location(path),
        lambda ledger: record.new_update(ledger, request, TODAY),
        TODAY,
        use_cache=use_cache,
    )


def test_a_write_leaves_the_cache_warm_for_the_new_bytes(
    big_ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    update(big_ledger, "first")
    after = update(big_ledger, "second").after
    # Nothing may parse the whole ledger now: the next read is a cache hit.
    monkeypatch.setattr(loader, "load", lambda *a: pytest.fail("parsed"))
    assert store.load(store.Location(big_ledger), TODAY) == after
    assert [u.note for u in after.updates] == ["first", "second"]


def test_a_warm_write_parses_only_the_new_block(
    big_ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.load(store.Location(big_ledger), TODAY)  # warm the cache
    monkeypatch.setattr(loader, "load", lambda *a: pytest.fail("parsed"))
    assert update(big_ledger, "from the cache").written


def test_without_the_cache_nothing_is_stored(
    big_ledger: Path, private_cache: Path
) -> None:
    update(big_ledger, "no cache", use_cache=False)
    assert list(private_cache.rglob("*.msgpack")) == []


def test_the_cached_model_after_a_write_matches_a_fresh_parse(big_ledger: Path) -> None:
    update(big_ledger, "one")
    update(big_ledger, "two")
    cached = store.load(store.Location(big_ledger), TODAY)
    fresh = store.load(store.Location(big_ledger), TODAY, use_cache=False)
    assert cached == fresh
    assert _cache.enabled({})
