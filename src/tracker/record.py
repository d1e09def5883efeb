"""The blocks that `tracker update` and `tracker add` append, built and checked.

Everything here is pure: a request and a `Ledger` in, a `Block` (or a
`TrackerError` that says what is wrong) out, and the exact text to append.
The checks here give friendly messages; the loader in `tracker.loader` still
has the last word on the whole new text before anything is written.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import tomli_w

from tracker import query
from tracker.dates import future_reason, is_future
from tracker.errors import TrackerError
from tracker.loader import SLUG, is_evidence_ok, nearest
from tracker.model import Commitment, Ledger

Kind = Literal["update", "commitment"]
SLUG_LENGTH = 48

# tomli-w escapes ASCII controls; these it leaves raw. In the file they could
# hide text (bidi overrides) or split a line for some readers (NEL, U+2028),
# so they are written as \u escapes: the same TOML string, plainly visible.
# They can only occur inside strings: every key of a block is ours.
_ESCAPE_IN_FILE = {
    code: f"\\u{code:04x}"
    for code in [
        *range(0x80, 0xA0),
        0x061C,
        0x200E,
        0x200F,
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
        0x2028,
        0x2029,
    ]
}


@dataclass(frozen=True, slots=True)
class Block:
    """One `[[update]]` or `[[commitment]]` table, keys in the order written."""

    kind: Kind
    table: dict[str, Any]


@dataclass(frozen=True, slots=True)
class UpdateRequest:
    """What the researcher typed for `tracker update`."""

    commitment: str
    status: str
    note: str
    date: dt.date
    evidence: tuple[str, ...]
    recorded: dt.datetime  # when it was typed; made UTC, whole seconds


@dataclass(frozen=True, slots=True)
class CommitmentRequest:
    """What the researcher typed for `tracker add`."""

    title: str
    countries: tuple[str, ...]  # codes or names
    category: str
    quote: str
    source: str
    made: dt.date
    due: dt.date | None = None
    tags: tuple[str, ...] = ()
    notes: str | None = None
    id: str | None = None


@dataclass(frozen=True, slots=True)
class Summary:
    """What a write did: one line for stdout, and notes for the person."""

    line: str
    notes: tuple[str, ...] = ()


# -- updates ------------------------------------------------------------------


def new_update(ledger: Ledger, request: UpdateRequest, today: dt.date) -> Block:
    """The `[[update]]` block for `request`, or the first thing wrong with it."""
    commitment = query.find(ledger, request.commitment)
    if ledger.scale.get(request.status) is None:
        close = nearest(request.status, ledger.scale.names)
        guess = f"did you mean {close[0]}? " if close else ""
        raise TrackerError(
            f"no status {request.status!r} on the ledger's scale",
            hint=f"{guess}the statuses are: {', '.join(ledger.scale.names)}",
        )
    check_date(commitment, request.date, today)
    if not request.note.strip():
        raise TrackerError(
            "the note is empty",
            hint='say what happened, e.g. --note "Consulate opened in Aktobe"',
        )
    check_evidence(request.evidence, ledger.source_by_key)
    if ledger.require_evidence and not request.evidence:
        raise TrackerError(
            "this ledger requires evidence for every update",
            hint="add --evidence with a URL or a key from [sources]",
        )
    recorded = request.recorded.astimezone(dt.UTC).replace(microsecond=0)
    return Block(
        "update",
        {
            "commitment": commitment.id,
            "date": request.date,
            "status": request.status,
            "note": request.note,
            "evidence": list(request.evidence),
            "recorded": recorded,
        },
    )


def check_date(commitment: Commitment, date: dt.date, today: dt.date) -> None:
    if date < commitment.made:
        raise TrackerError(
            f"date {date} is before '{commitment.id}' was made ({commitment.made})",
            hint="give the day it happened with --date YYYY-MM-DD",
        )
    if is_future(date, today):  # today: the latest today anywhere
        raise TrackerError(
            f"date {date} is {future_reason(today)}",
            hint="record what has happened, on the day it happened",
        )


def check_evidence(evidence: Iterable[str], sources: Mapping[str, object]) -> None:
    """Refuse evidence that looks like a source key but names no source."""
    for item in evidence:
        if not is_evidence_ok(item, sources):
            close = nearest(item, sources)
            raise TrackerError(
                f"evidence {item!r} looks like a source key, but there is no "
                "such source in the ledger",
                hint=f"did you mean {close[0]}?"
                if close
                else "evidence is a URL, a key from [sources], or a sentence",
            )


def update_summary(before: Ledger, block: Block) -> Summary:
    """`id: old -> new (date)`, where old is the status on that day before."""
    table = block.table
    commitment = before.commitment_by_id[table["commitment"]]
    old = before.state(commitment, table["date"]).status.name
    line = f"{commitment.id}: {old} -> {table['status']} ({table['date']})"
    later = [u for u in before.history(commitment.id) if u.date > table["date"]]
    if not later:
        return Summary(line)
    latest = later[-1]
    return Summary(
        line,
        (
            f"note: a later update ({latest.date}, {latest.status}) still sets "
            "the current status",
        ),
    )


# -- commitments --------------------------------------------------------------


def new_commitment(ledger: Ledger, request: CommitmentRequest) -> Block:
    """The `[[commitment]]` block for `request`, or the first thing wrong with it."""
    for name, value in (
        ("title", request.title),
        ("category", request.category),
        ("quote", request.quote),
    ):
        if not value.strip():
            raise TrackerError(f"the {name} is empty", hint=f"give --{name} TEXT")
    countries = tuple(dict.fromkeys(query.country_codes(ledger, request.countries)))
    if request.source not in ledger.source_by_key:
        raise TrackerError(
            f"no source {request.source!r} in the ledger", hint=_sources_hint(ledger)
        )
    if request.due is not None and request.due < request.made:
        raise TrackerError(
            f"due {request.due} is before it was made ({request.made})",
            hint="check --due and --made",
        )
    table: dict[str, Any] = {
        "id": commitment_id(ledger, request),
        "title": request.title,
        "countries": list(countries),
        "category": request.category,
        "made": request.made,
        "source": request.source,
        "quote": request.quote,
    }
    if request.due is not None:
        table["due"] = request.due
    tags = split_tags(request.tags)
    if tags:
        table["tags"] = tags
    if request.notes and request.notes.strip():
        table["notes"] = request.notes
    return Block("commitment", table)


def _sources_hint(ledger: Ledger) -> str:
    keys = list(ledger.source_by_key)
    if not keys:
        return "add the source under [sources] in the ledger first"
    return f"the sources are: {', '.join(keys)}"


def commitment_id(ledger: Ledger, request: CommitmentRequest) -> str:
    """The id asked for, checked; else a slug of the title not yet taken."""
    taken = ledger.commitment_by_id
    if request.id is None:
        return unique_id(slugify(request.title), taken)
    if not SLUG.fullmatch(request.id):
        raise TrackerError(
            f"id {request.id!r} is not a slug",
            hint=f"use lowercase letters, digits and '-', e.g. {slugify(request.id)}",
        )
    if request.id in taken:
        raise TrackerError(
            f"there is already a commitment {request.id!r}",
            hint=f"choose another --id, e.g. {unique_id(request.id, taken)}",
        )
    return request.id


def slugify(title: str, limit: int = SLUG_LENGTH) -> str:
    """A slug of whole words from `title`, at most `limit` characters."""
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", folded.lower())
    slug = ""
    for word in words:
        longer = f"{slug}-{word}" if slug else word
        if len(longer) > limit:
            break
        slug = longer
    if not slug and words:
        slug = words[0][:limit]
    return slug or "commitment"


def unique_id(base: str, taken: Mapping[str, object] | set[str]) -> str:
    """`base`, or `base-2`, `base-3`... whichever is free first."""
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def split_tags(tags: Iterable[str]) -> list[str]:
    """Tags given repeatedly or comma-separated, trimmed, without repeats."""
    split = (t.strip() for tag in tags for t in tag.split(","))
    return list(dict.fromkeys(t for t in split if t))


def add_summary(block: Block) -> Summary:
    return Summary(f"added {block.table['id']}: {block.table['title']}")


# -- text ---------------------------------------------------------------------


def serialise(block: Block) -> str:
    """The block as TOML (newlines `\\n`), proven to read back as `block`."""
    # The header is written here, not by tomli-w: given {kind: [table]} it
    # writes a short table as an inline array (`update = [{ ... }]`), which
    # at the end of the file would become a key of the last table.
    text = f"[[{block.kind}]]\n" + tomli_w.dumps(block.table)
    recorded = block.table.get("recorded")
    if isinstance(recorded, dt.datetime):
        # tomli-w writes `2026-11-28 09:30:00+00:00`; the ledger's form is
        # RFC 3339 with a Z, like the rest of the file and DESIGN.md.
        text = text.replace(
            f"recorded = {recorded}\n", f"recorded = {recorded:%Y-%m-%dT%H:%M:%SZ}\n"
        )
    text = text.translate(_ESCAPE_IN_FILE)
    if tomllib.loads(text).get(block.kind) != [block.table]:
        raise TrackerError(
            "internal error: the new block does not read back as written; "
            "nothing written"
        )
    return text


def newline_of(existing: bytes) -> str:
    """The file's line ending, judged by its first line."""
    end = existing.find(b"\n")
    return "\r\n" if end > 0 and existing[end - 1 : end] == b"\r" else "\n"


def fragment(existing: bytes, block_text: str) -> bytes:
    """What to append to `existing`: line end if missing, a blank line, the block.

    The block takes the file's line endings; tomli-w escapes newlines inside
    strings, so every newline in `block_text` ends a line.
    """
    if not existing:
        lead = ""
    elif not existing.endswith(b"\n"):
        lead = "\n\n"
    elif existing.endswith((b"\n\n", b"\n\r\n")):
        lead = ""  # already a blank line
    else:
        lead = "\n"
    text = lead + block_text
    newline = newline_of(existing)
    if newline != "\n":
        text = text.replace("\n", newline)
    return text.encode("utf-8")


def describe(block_text: str) -> str:
    """A block the tool wrote, in a few words: what `tracker undo` removes."""
    try:
        data = tomllib.loads(block_text)
    except tomllib.TOMLDecodeError:
        return "a block"
    if updates := data.get("update"):
        u = updates[-1]
        what = f"{u.get('commitment')} to {u.get('status')} ({u.get('date')})"
        return f"the update of {what}"
    if commitments := data.get("commitment"):
        return f"the commitment {commitments[-1].get('id')}"
    return "a block"
