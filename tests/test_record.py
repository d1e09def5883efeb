"""The pure half of a write: blocks built from requests, checked, serialised."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from tracker import loader, record
from tracker.errors import TrackerError, UnknownCommitment
from tracker.model import Ledger

from conftest import SMALL, SOURCE_TEXT

TODAY = dt.date(2026, 11, 28)
NOW = dt.datetime(2026, 11, 28, 9, 30, 15, 123456, tzinfo=dt.UTC)


def small(extra: str = "") -> Ledger:
    return loader.load(
        (SMALL + extra).encode(), "test.toml", lambda _: SOURCE_TEXT, TODAY
    )


def request(**changes: object) -> record.UpdateRequest:
    fields: dict[str, object] = {
        "commitment": "water-lab",
        "status": "in-progress",
        "note": "Site chosen",
        "date": dt.date(2024, 5, 1),
        "evidence": ("https://example.org/a", "astana-2024"),
        "recorded": NOW,
    }
    fields.update(changes)
    return record.UpdateRequest(**fields)  # type: ignore[arg-type]


def commitment(**changes: object) -> record.CommitmentRequest:
    fields: dict[str, object] = {
        "title": "Open a joint water laboratory",
        "countries": ("CN", "Kazakhstan"),
        "category": "science",
        "quote": "China and Kazakhstan will open a joint laboratory",
        "source": "astana-2024",
        "made": dt.date(2024, 3, 1),
    }
    fields.update(changes)
    return record.CommitmentRequest(**fields)  # type: ignore[arg-type]


def test_update_block_has_its_keys_in_order_and_a_utc_recorded_time() -> None:
    block = record.new_update(small(), request(), TODAY)
    assert block.kind == "update"
    assert list(block.table) == [
        "commitment",
        "date",
        "status",
        "note",
        "evidence",
        "recorded",
    ]
    assert block.table["recorded"] == dt.datetime(
        2026, 11, 28, 9, 30, 15, tzinfo=dt.UTC
    )


def test_update_block_serialises_as_the_ledger_writes_it() -> None:
    text = record.serialise(record.new_update(small(), request(), TODAY))
    assert text == (
        "[[update]]\n"
        'commitment = "water-lab"\n'
        "date = 2024-05-01\n"
        'status = "in-progress"\n'
        'note = "Site chosen"\n'
        "evidence = [\n"
        '    "https://example.org/a",\n'
        '    "astana-2024",\n'
        "]\n"
        "recorded = 2026-11-28T09:30:15Z\n"
    )


def test_recorded_time_is_converted_to_utc() -> None:
    plus_five = dt.timezone(dt.timedelta(hours=5))
    at = dt.datetime(2026, 11, 28, 14, 30, tzinfo=plus_five)
    text = record.serialise(record.new_update(small(), request(recorded=at), TODAY))
    assert "recorded = 2026-11-28T09:30:00Z\n" in text


def test_a_reconfirmation_of_the_same_status_is_allowed() -> None:
    ledger = small(
        '\n[[update]]\ncommitment = "water-lab"\ndate = 2024-04-01\n'
        'status = "in-progress"\nnote = "Started"\n'
    )
    block = record.new_update(ledger, request(), TODAY)
    assert block.table["status"] == "in-progress"


@pytest.mark.parametrize(
    ("changes", "message", "hint"),
    [
        pytest.param(
            {"commitment": "water-labs"},
            "no commitment 'water-labs'",
            "did you mean water-lab?",
            id="unknown-id",
        ),
        pytest.param(
            {"status": "opened"},
            "no status 'opened' on the ledger's scale",
            "the statuses are: pledged, in-progress, stalled, partial, "
            "fulfilled, abandoned",
            id="unknown-status",
        ),
        pytest.param(
            {"date": dt.date(2024, 2, 29)},
            "date 2024-02-29 is before 'water-lab' was made (2024-03-01)",
            "give the day it happened with --date YYYY-MM-DD",
            id="before-made",
        ),
        pytest.param(
            {"date": dt.date(2026, 11, 29)},
            "date 2026-11-29 is after today in every time zone (at most 2026-11-28)",
            "record what has happened, on the day it happened",
            id="future",
        ),
        pytest.param(
            {"note": "  \n"},
            "the note is empty",
            'say what happened, e.g. --note "Consulate opened in Aktobe"',
            id="empty-note",
        ),
        pytest.param(
            {"evidence": ("astana-2023",)},
            "evidence 'astana-2023' looks like a source key, but there is no "
            "such source in the ledger",
            "did you mean astana-2024?",
            id="evidence-not-a-source",
        ),
    ],
)
def test_update_is_refused(changes: dict[str, object], message: str, hint: str) -> None:
    with pytest.raises(TrackerError) as caught:
        record.new_update(small(), request(**changes), TODAY)
    assert (caught.value.message, caught.value.hint) == (message, hint)


def test_unknown_id_names_up_to_three_nearest() -> None:
    with pytest.raises(UnknownCommitment) as caught:
        record.new_update(small(), request(commitment="tourism-yeer"), TODAY)
    assert caught.value.hint == "did you mean tourism-year?"


def test_a_status_close_to_one_on_the_scale_is_suggested() -> None:
    with pytest.raises(TrackerError) as caught:
        record.new_update(small(), request(status="in-progres"), TODAY)
    assert caught.value.hint is not None
    assert caught.value.hint.startswith("did you mean in-progress? the statuses")


def test_free_text_and_urls_are_evidence() -> None:
    evidence = ("Reported by Kazinform on 2 May", "https://example.org/x")
    block = record.new_update(small(), request(evidence=evidence), TODAY)
    assert block.table["evidence"] == list(evidence)


def test_a_ledger_that_requires_evidence_refuses_an_update_without() -> None:
    text = SMALL.replace("\n\n[countries]", "\nrequire_evidence = true\n\n[countries]")
    ledger = loader.load(text.encode(), "t.toml", lambda _: SOURCE_TEXT, TODAY)
    with pytest.raises(TrackerError) as caught:
        record.new_update(ledger, request(evidence=()), TODAY)
    assert (caught.value.message, caught.value.hint) == (
        "this ledger requires evidence for every update",
        "add --evidence with a URL or a key from [sources]",
    )
    assert record.new_update(ledger, request(), TODAY).table["evidence"]


def test_update_summary_says_what_changed_on_that_day() -> None:
    ledger = small(
        '\n[[update]]\ncommitment = "water-lab"\ndate = 2024-04-01\n'
        'status = "stalled"\nnote = "Paused"\n'
    )
    block = record.new_update(ledger, request(), TODAY)
    assert record.update_summary(ledger, block) == record.Summary(
        "water-lab: stalled -> in-progress (2024-05-01)"
    )


def test_update_summary_notes_a_later_update_that_still_decides() -> None:
    ledger = small(
        '\n[[update]]\ncommitment = "water-lab"\ndate = 2024-09-01\n'
        'status = "fulfilled"\nnote = "Opened"\n'
    )
    block = record.new_update(ledger, request(), TODAY)
    assert record.update_summary(ledger, block) == record.Summary(
        "water-lab: pledged -> in-progress (2024-05-01)",
        ("note: a later update (2024-09-01, fulfilled) still sets the current status",),
    )


# -- text ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "note",
    [
        pytest.param('quotes " and \\ backslash', id="quotes"),
        pytest.param("two\nlines\r\nand a tab\t", id="newlines"),
        pytest.param("[[update]]\nrecorded = 1979-05-27", id="looks-like-toml"),
        pytest.param("ESC \x1b[31m red, NUL \x00, DEL \x7f", id="ascii-controls"),
        pytest.param(
            "NEL \x85, CSI \x9b, RLO \u202e, LS \u2028", id="unicode-controls"
        ),
        pytest.param("Сиань 西安 🇰🇿", id="non-ascii"),
    ],
)
def test_any_note_reads_back_exactly_and_stays_on_its_line(note: str) -> None:
    text = record.serialise(record.new_update(small(), request(note=note), TODAY))
    assert tomllib.loads(text)["update"][0]["note"] == note
    assert text.count("\n") == len(text.splitlines()) == 10
    assert all(ord(c) < 0x80 or c.isprintable() for c in text.replace("\n", ""))


@pytest.mark.parametrize(
    ("existing", "appended"),
    [
        pytest.param(b"a = 1\n", b"\nX\nY\n", id="lf"),
        pytest.param(b"a = 1\r\nb = 2\r\n", b"\r\nX\r\nY\r\n", id="crlf"),
        pytest.param(b"a = 1", b"\n\nX\nY\n", id="no-final-newline"),
        pytest.param(b"a = 1\r\nb = 2", b"\r\n\r\nX\r\nY\r\n", id="crlf-no-final"),
        pytest.param(b"a = 1\n\n", b"X\nY\n", id="already-blank"),
        pytest.param(b"a = 1\r\n\r\n", b"X\r\nY\r\n", id="crlf-already-blank"),
        pytest.param(b"# c\n", b"\nX\nY\n", id="comment-last"),
    ],
)
def test_fragment_keeps_the_file_and_takes_its_line_ends(
    existing: bytes, appended: bytes
) -> None:
    assert record.fragment(existing, "X\nY\n") == appended


# -- commitments --------------------------------------------------------------


def test_commitment_block_in_the_hand_written_order() -> None:
    block = record.new_commitment(
        small(),
        commitment(
            due=dt.date(2025, 1, 1), tags=("water, science", "water"), notes="N"
        ),
    )
    assert block.kind == "commitment"
    assert block.table == {
        "id": "open-a-joint-water-laboratory",
        "title": "Open a joint water laboratory",
        "countries": ["CN", "KZ"],
        "category": "science",
        "made": dt.date(2024, 3, 1),
        "source": "astana-2024",
        "quote": "China and Kazakhstan will open a joint laboratory",
        "due": dt.date(2025, 1, 1),
        "tags": ["water", "science"],
        "notes": "N",
    }
    assert list(block.table)[:7] == list(loader.COMMITMENT_KEYS)[:7]


def test_a_default_id_is_made_unique() -> None:
    block = record.new_commitment(small(), commitment(title="Water lab!"))
    assert block.table["id"] == "water-lab-2"


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        pytest.param("Open a joint water laboratory", "open-a-joint-water-laboratory"),
        pytest.param("  Año de Turismo, 2024  ", "ano-de-turismo-2024", id="accents"),
        pytest.param("西安", "commitment", id="nothing-latin"),
        pytest.param("a" * 60, "a" * 32, id="one-long-word"),
        pytest.param(
            "Speed up the feasibility study of the China-Kyrgyzstan-Uzbekistan railway",
            "speed-up-the-feasibility-study",
            id="whole-words",
        ),
        pytest.param(
            "Establish consulates general in Xi'an and Aktobe",
            "establish-consulates-general-in",
            id="stops-before-the-word-that-passes-32",
        ),
        pytest.param(
            "Open cultural centers in each other's countries",
            "open-cultural-centers-in-each",
            id="whole-words-under-32",
        ),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert record.slugify(title) == slug
    assert loader.SLUG.fullmatch(record.slugify(title))


@pytest.mark.parametrize(
    ("changes", "message", "hint"),
    [
        pytest.param(
            {"countries": ("Kazakstan",)},
            "no country 'Kazakstan' in the ledger",
            "did you mean Kazakhstan?",
            id="misspelt-country",
        ),
        pytest.param(
            {"countries": ("KG",)},
            "no country 'KG' in the ledger",
            "the countries are: CN (China), KZ (Kazakhstan), UZ (Uzbekistan)",
            id="unknown-country",
        ),
        pytest.param(
            {"source": "astana"},
            "no source 'astana' in the ledger",
            "the sources are: astana-2024",
            id="unknown-source",
        ),
        pytest.param(
            {"id": "water-lab"},
            "there is already a commitment 'water-lab'",
            "choose another --id, e.g. water-lab-2",
            id="id-taken",
        ),
        pytest.param(
            {"id": "Water Lab"},
            "id 'Water Lab' is not a slug",
            "use lowercase letters, digits and '-', e.g. water-lab",
            id="id-not-slug",
        ),
        pytest.param(
            {"title": " "}, "the title is empty", "give --title TEXT", id="no-title"
        ),
        pytest.param(
            {"due": dt.date(2024, 1, 1)},
            "due 2024-01-01 is before it was made (2024-03-01)",
            "check --due and --made",
            id="due-before-made",
        ),
    ],
)
def test_commitment_is_refused(
    changes: dict[str, object], message: str, hint: str
) -> None:
    with pytest.raises(TrackerError) as caught:
        record.new_commitment(small(), commitment(**changes))
    assert (caught.value.message, caught.value.hint) == (message, hint)


def test_commitment_serialises_and_reads_back() -> None:
    block = record.new_commitment(small(), commitment(tags=("a",)))
    text = record.serialise(block)
    assert text.startswith("[[commitment]]\n")
    assert tomllib.loads(text) == {"commitment": [block.table]}


def test_describe_names_what_a_block_is() -> None:
    update = record.serialise(record.new_update(small(), request(), TODAY))
    added = record.serialise(record.new_commitment(small(), commitment()))
    assert record.describe(update) == (
        "the update of water-lab to in-progress (2024-05-01)"
    )
    assert record.describe(added) == "the commitment open-a-joint-water-laboratory"


def test_record_does_no_io_and_knows_no_cli() -> None:
    source = Path(record.__file__).read_text()
    for name in ("typer", "rich", "open(", "pathlib", "os."):
        assert name not in source


@pytest.mark.parametrize(
    "table",
    [
        pytest.param(
            {
                "commitment": "a",
                "date": dt.date(2024, 1, 1),
                "status": "pledged",
                "note": "x",
            },
            id="short",
        ),
        pytest.param(
            {
                "commitment": "a" * 60,
                "date": dt.date(2024, 1, 1),
                "status": "pledged",
                "note": "x" * 200,
            },
            id="long",
        ),
        pytest.param(
            {
                "commitment": "a",
                "date": dt.date(2024, 1, 1),
                "status": "pledged",
                "note": "x",
                "evidence": ["https://e.org"],
            },
            id="with-evidence",
        ),
    ],
)
def test_a_block_is_always_an_array_of_tables_header(table: dict[str, object]) -> None:
    """Never `update = [{...}]`: after the last table of a ledger that would be
    read as one of that table's keys."""
    text = record.serialise(record.Block("update", table))
    assert text.startswith("[[update]]\n")
    assert tomllib.loads("[[commitment]]\nid = 'x'\n\n" + text)["update"] == [table]
