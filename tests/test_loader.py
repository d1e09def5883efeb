"""The loader: one test per kind of problem, with its message and line."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker import loader
from tracker.errors import InvalidLedger, Problem
from tracker.model import Ledger

from conftest import SMALL, SOURCE_TEXT

TODAY = dt.date(2026, 11, 28)


def read_source(relative: str) -> str | None:
    return SOURCE_TEXT if relative == "sources/astana.txt" else None


def load(text: str) -> Ledger:
    return loader.load(text.encode(), "L.toml", read_source, TODAY)


def problems(text: str) -> list[Problem]:
    with pytest.raises(InvalidLedger) as caught:
        load(text)
    return list(caught.value.problems)


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """The 1-based line of the nth line that contains `needle`."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return hits[nth - 1]


def test_small_ledger_loads() -> None:
    result = load(SMALL)
    assert [c.id for c in result.commitments] == [
        "water-lab",
        "tourism-year",
        "direct-flights",
    ]
    assert result.countries == (
        ("CN", "China"),
        ("KZ", "Kazakhstan"),
        ("UZ", "Uzbekistan"),
    )
    assert result.commitments[0].due == dt.date(2024, 12, 31)


# Each case: a change to the small ledger, the message expected, and the text
# of the line it should point at (None: no line can be named).
CASES = [
    pytest.param(
        ('[[commitment]]\nid = "water-lab"', '[[commitment]]\nid = "water lab"'),
        "commitment 'water lab': id is not a slug (lowercase letters, digits, '-')",
        'id = "water lab"',
        id="id-not-slug",
    ),
    pytest.param(
        ('id = "tourism-year"', 'id = "water-lab"'),
        "commitment 'water-lab': duplicate id (first defined on line 15)",
        ('id = "water-lab"', 2),
        id="duplicate-id",
    ),
    pytest.param(
        ('title = "Hold a Year of Tourism"\n', ""),
        "commitment 'tourism-year': missing required field 'title'",
        ("[[commitment]]", 2),
        id="missing-field",
    ),
    pytest.param(
        ("made = 2024-03-01\nsource", 'made = "2024-03-01"\nsource'),
        "commitment 'water-lab': 'made' should be a date, not a string",
        'made = "2024-03-01"',
        id="wrong-type",
    ),
    pytest.param(
        ('countries = ["CN", "KZ", "UZ"]', 'countries = ["CN", "KZ", "UX"]'),
        "commitment 'direct-flights': unknown country code 'UX'",
        'countries = ["CN", "KZ", "UX"]',
        id="unknown-country",
    ),
    pytest.param(
        (
            'source = "astana-2024"\nquote = "Both sides agreed to',
            'source = "astana-2042"\nquote = "Both sides agreed to',
        ),
        "commitment 'tourism-year': unknown source 'astana-2042' (did you mean 'astana-2024'?)",
        'source = "astana-2042"',
        id="unknown-source",
    ),
    pytest.param(
        ('title = "Double direct flights"', 'titel = "Double direct flights"'),
        "commitment 'direct-flights': missing required field 'title'\n"
        "commitment 'direct-flights': unknown key 'titel' (did you mean 'title'?)",
        ("[[commitment]]", 3),
        id="unknown-key-in-commitment",
    ),
    pytest.param(
        ('title = "Test ledger"', 'title = "Test ledger"\ndescripton = "x"'),
        "ledger: unknown key 'descripton'",
        "descripton",
        id="unknown-top-level-key",
    ),
    pytest.param(
        ('place = "Astana"', 'plaec = "Astana"'),
        "source 'astana-2024': unknown key 'plaec' (did you mean 'place'?)",
        "plaec",
        id="unknown-key-in-source",
    ),
    pytest.param(
        ("schema = 1", "schema = 7"),
        "unsupported schema 7; this tracker reads schema 1",
        "schema = 7",
        id="unsupported-schema",
    ),
    pytest.param(
        (
            "open a joint laboratory on water resources",
            "open a joint laboratory on air",
        ),
        "commitment 'water-lab': quote not found in the archived text of 'astana-2024'",
        "laboratory on air",
        id="quote-not-in-source",
    ),
    pytest.param(
        (
            "Both sides agreed ... to double direct flights.",
            "to double direct flights ... Both sides agreed",
        ),
        "commitment 'direct-flights': quote not found in the archived text of 'astana-2024'",
        "to double direct flights ...",
        id="quote-fragments-out-of-order",
    ),
    pytest.param(
        ('text = "sources/astana.txt"', 'text = "sources/gone.txt"'),
        "source 'astana-2024': archived text 'sources/gone.txt' not found",
        "sources/gone.txt",
        id="source-text-missing",
    ),
    pytest.param(
        ("[countries]\n", '[countries]\nXYZ = "Nowhere"\n'),
        "countries: 'XYZ' is not a two-letter country code",
        'XYZ = "Nowhere"',
        id="bad-country-code",
    ),
    pytest.param(
        ("due = 2024-12-31", "due = 2023-12-31"),
        "commitment 'water-lab': due 2023-12-31 is before it was made (2024-03-01)",
        "due = 2023-12-31",
        id="due-before-made",
    ),
]


@pytest.mark.parametrize(("change", "message", "at"), CASES)
def test_problem(
    change: tuple[str, str], message: str, at: str | tuple[str, int]
) -> None:
    old, new = change
    assert old in SMALL, "the case must change the ledger"
    text = SMALL.replace(old, new, 1)
    found = problems(text)
    assert [p.message for p in found] == message.split("\n")
    needle, nth = at if isinstance(at, tuple) else (at, 1)
    assert found[0].line == line_of(text, needle, nth)
    assert found[0].path == "L.toml"


UPDATE = """
[[update]]
commitment = "water-lab"
date = 2024-06-01
status = "in-progress"
note = "Site chosen"
evidence = ["https://example.org/lab", "astana-2024"]
recorded = 2024-06-02T10:00:00Z
"""

UPDATE_CASES = [
    pytest.param(
        ('status = "in-progress"', 'status = "begun"'),
        "update #1: unknown status 'begun' (the scale is: pledged, in-progress, "
        "stalled, partial, fulfilled, abandoned)",
        'status = "begun"',
        id="unknown-status",
    ),
    pytest.param(
        ('commitment = "water-lab"', 'commitment = "water-labs"'),
        "update #1: no commitment 'water-labs' (did you mean 'water-lab'?)",
        'commitment = "water-labs"',
        id="update-for-unknown-commitment",
    ),
    pytest.param(
        ("date = 2024-06-01", "date = 2024-01-01"),
        "update #1: dated 2024-01-01, before 'water-lab' was made (2024-03-01)",
        "date = 2024-01-01",
        id="update-before-made",
    ),
    pytest.param(
        ("date = 2024-06-01", "date = 2026-11-29"),
        "update #1: dated 2026-11-29, after today in every time zone (at most 2026-11-28)",
        "date = 2026-11-29",
        id="update-after-today",
    ),
    pytest.param(
        ('note = "Site chosen"', 'note = "  "'),
        "update #1: 'note' is empty",
        'note = "  "',
        id="empty-note",
    ),
    pytest.param(
        ('"astana-2024"]', '"astana-2042"]'),
        "update #1: evidence 'astana-2042' is neither a URL nor a source key "
        "(did you mean 'astana-2024'?)",
        "evidence =",
        id="evidence-unknown-source-key",
    ),
    pytest.param(
        ("recorded = 2024-06-02T10:00:00Z", "recorded = 2024-06-02"),
        "update #1: 'recorded' should be a date-time, not a date",
        "recorded = 2024-06-02",
        id="recorded-not-datetime",
    ),
    pytest.param(
        ('note = "Site chosen"', 'note = "Site chosen"\nsatus = "x"'),
        "update #1: unknown key 'satus' (did you mean 'status'?)",
        "satus",
        id="unknown-key-in-update",
    ),
]


@pytest.mark.parametrize(("change", "message", "at"), UPDATE_CASES)
def test_update_problem(change: tuple[str, str], message: str, at: str) -> None:
    old, new = change
    text = (SMALL + UPDATE).replace(old, new, 1)
    assert text != SMALL + UPDATE
    found = problems(text)
    assert [p.message for p in found] == [message]
    assert found[0].line == line_of(text, at)


def test_update_loads_with_every_field() -> None:
    result = load(SMALL + UPDATE)
    (update,) = result.updates
    assert update.evidence == ("https://example.org/lab", "astana-2024")
    assert update.recorded == dt.datetime(2024, 6, 2, 10, tzinfo=dt.UTC)


def test_every_problem_is_reported_at_once_in_file_order() -> None:
    text = SMALL.replace("schema = 1", "schema = 3").replace(
        'id = "tourism-year"', 'id = "Tourism"'
    ) + UPDATE.replace("in-progress", "begun")
    found = problems(text)
    assert len(found) == 3
    assert [p.line for p in found] == sorted(p.line or 0 for p in found)


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        pytest.param(
            'schema = 1\ntitle = "x"\n[countries\n', 3, 11, id="unclosed-header"
        ),
        pytest.param('schema = 1\ntitle = "x\n', 2, 11, id="unclosed-string"),
        pytest.param("schema = 1\nschema = 2\n", 2, 11, id="duplicate-key"),
    ],
)
def test_toml_syntax_error_has_line_and_column(
    text: str, line: int, column: int
) -> None:
    (problem,) = problems(text)
    assert problem.message.startswith("invalid TOML: ")
    assert (problem.line, problem.column) == (line, column)
    assert str(problem).startswith(f"L.toml:{line}:{column}: invalid TOML: ")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(
            b"\xff\xfes\x00", "the ledger is UTF-16; TOML must be UTF-8", id="utf-16"
        ),
        pytest.param(
            b'schema = 1\ntitle = "\xe9"\n',
            "not valid UTF-8 (byte 21 of the file)",
            id="latin-1",
        ),
    ],
)
def test_undecodable_bytes(data: bytes, message: str) -> None:
    with pytest.raises(InvalidLedger) as caught:
        loader.load(data, "L.toml", read_source, TODAY)
    assert [p.message for p in caught.value.problems] == [message]


def test_byte_order_mark_is_accepted() -> None:
    result = loader.load(b"\xef\xbb\xbf" + SMALL.encode(), "L.toml", read_source, TODAY)
    assert len(result.commitments) == 3


def test_headers_inside_strings_and_arrays_do_not_shift_line_numbers() -> None:
    tricky = SMALL.replace(
        'title = "Hold a Year of Tourism"',
        'title = "Hold a Year of Tourism"\nnotes = """\n[[commitment]]\n"""\ntags = [\n  "[x]",\n]',
    )
    text = tricky.replace('id = "direct-flights"', 'id = "Direct"')
    (problem,) = problems(text)
    assert problem.line == line_of(text, 'id = "Direct"')


def test_custom_scale_replaces_the_default() -> None:
    text = (
        SMALL
        + """
[statuses]
announced = { progress = 0.0, score = -1 }
under-way = { progress = 0.5, score = 0 }
done = { progress = 1.0, score = 1, closed = true }
"""
    )
    result = load(text)
    assert result.scale.names == ("announced", "under-way", "done")
    done = result.scale.get("done")
    assert done is not None
    assert done.closed
    bad = text + UPDATE  # "in-progress" is not on this scale
    assert "unknown status 'in-progress'" in problems(bad)[0].message


@pytest.mark.parametrize(
    ("statuses", "message"),
    [
        pytest.param(
            "a = { progress = 2.0, score = 0 }",
            "status 'a': progress should be from 0 to 1",
            id="progress-range",
        ),
        pytest.param(
            "a = { progress = 0.5, score = -3 }",
            "status 'a': score should be from -1 to 1",
            id="score-range",
        ),
        pytest.param(
            "a = { progress = 0.5 }",
            "status 'a': missing required field 'score'",
            id="score-missing",
        ),
        pytest.param(
            "a = { progress = 0.5, score = 0, closd = true }",
            "status 'a': unknown key 'closd' (did you mean 'closed'?)",
            id="status-typo",
        ),
    ],
)
def test_bad_scale(statuses: str, message: str) -> None:
    found = problems(SMALL + "\n[statuses]\n" + statuses + "\n")
    assert message in [p.message for p in found]


def test_deep_nesting_is_a_problem_not_a_crash() -> None:
    text = "schema = 1\nx = " + "[" * 100_000 + "]" * 100_000 + "\n"
    found = problems(text)
    assert found[0].message.startswith("invalid TOML")
