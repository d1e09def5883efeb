"""The blocks that `tracker update` and `tracker add` append, built and checked.

Everything here is pure: a request and a `Ledger` in, a `Block` (or a
`TrackerError` that says what is wrong) out, and the exact text to append.
The checks here give friendly messages; the loader in `tracker.loader` still
has the last word on the whole new text before anything is written.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import tomli_w

from tracker import _toml, query, rules
from tracker.errors import TrackerError
from tracker.model import Ledger
from tracker.rules import SLUG

Kind = Literal["update", "commitment", "source"]
# An id made from a title keeps at most this many characters, in whole words:
# four to six words, enough to tell commitments apart and short enough to
# type in `tracker update`; and in `tracker list` an id column this wide
# still leaves a title 60 columns on a 160-column terminal.
SLUG_LENGTH = 32

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
    """One `[[update]]`, `[[commitment]]` or `[sources.KEY]` table, keys in
    the order written."""

    kind: Kind
    table: dict[str, Any]
    key: str | None = None  # a source's key, which is in its header

    @property
    def header(self) -> str:
        if self.kind == "source":
            return f"[sources.{self.key}]"
        return f"[[{self.kind}]]"


@dataclass(frozen=True, slots=True)
class UpdateRequest:
    """What the researcher typed for `tracker update`."""

    commitment: str
    status: str
    note: str
    date: dt.date
    evidence: tuple[str, ...]
    recorded: dt.datetime  # when it was typed; made UTC, whole seconds
    parties: tuple[str, ...] = ()  # codes or names; () is every party
    by: str | None = None  # who made the assessment


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
    by: str | None = None
    new_category: bool = False  # a category the ledger does not have yet is meant


@dataclass(frozen=True, slots=True)
class SourceRequest:
    """What the researcher typed for `tracker source add`."""

    key: str
    title: str
    url: str | None = None
    publisher: str | None = None
    published: dt.date | None = None
    text: str | None = None  # where `--text-file` is copied, beside the ledger


@dataclass(frozen=True, slots=True)
class Summary:
    """What a write did: one line for stdout, and notes for the person."""

    line: str
    notes: tuple[str, ...] = ()


# -- updates ------------------------------------------------------------------


def new_update(ledger: Ledger, request: UpdateRequest, today: dt.date) -> Block:
    """The `[[update]]` block for `request`, or the first thing wrong with it.

    It is judged by the very rules `tracker check` applies to the file."""
    commitment = query.find(ledger, request.commitment)
    parties = tuple(query.country_codes(ledger, request.parties))
    status = query.in_any_case(request.status, ledger.scale.names) or request.status
    draft = rules.UpdateDraft(
        commitment=commitment.id,
        date=request.date,
        status=status,
        note=request.note,
        evidence=request.evidence,
        parties=parties or None,
        by=request.by,
    )
    context = rules.UpdateContext(
        commitments=ledger.commitment_by_id,
        declared=set(ledger.commitment_by_id),
        sources=ledger.source_by_key,
        scale=ledger.scale,
        require_evidence=ledger.require_evidence,
        today=today,
        countries=ledger.country_names,
    )
    for finding in rules.judge_update(draft, context):
        raise TrackerError(finding.typed, hint=finding.hint)
    recorded = request.recorded.astimezone(dt.UTC).replace(microsecond=0)
    table: dict[str, Any] = {
        "commitment": commitment.id,
        "date": request.date,
        "status": status,
    }
    if parties:
        table["parties"] = list(parties)
    table["note"] = request.note
    table["evidence"] = list(request.evidence)
    if request.by is not None:
        table["by"] = request.by
    table["recorded"] = recorded
    return Block("update", table)


def update_summary(before: Ledger, block: Block) -> Summary:
    """`id: old -> new (date)`, where old is the status on that day before;
    an update for some parties names them: `id (KZ): old -> new (date)`."""
    table = block.table
    commitment = before.commitment_by_id[table["commitment"]]
    # This commitment's updates alone: its state needs no other history, and
    # sorting every commitment's would cost more than the rest of the write.
    own = before.replaced(
        updates=tuple(u for u in before.updates if u.commitment == commitment.id)
    )
    parties: list[str] = table.get("parties", [])
    state = own.state(commitment, table["date"])
    concerned = [
        p for p in state.party_states(commitment) if not parties or p.code in parties
    ]
    olds = {p.status.name for p in concerned}
    old = (
        olds.pop()
        if len(olds) == 1
        else "split: " + ", ".join(f"{p.code} {p.status.name}" for p in concerned)
    )
    who = f" ({', '.join(parties)})" if parties else ""
    line = f"{commitment.id}{who}: {old} -> {table['status']} ({table['date']})"
    later = [
        u
        for u in own.history(commitment.id)
        if u.date > table["date"]
        and (not parties or not u.parties or set(u.parties) & set(parties))
    ]
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
    """The `[[commitment]]` block for `request`, or the first thing wrong with
    it, by the rules `tracker check` applies (the loader then also finds the
    quote in the source's archived text)."""
    countries = tuple(dict.fromkeys(query.country_codes(ledger, request.countries)))
    category = _category(ledger, request.category, request.new_category)
    draft = rules.CommitmentDraft(
        title=request.title,
        countries=countries,
        category=category,
        made=request.made,
        source=request.source,
        quote=request.quote,
        due=request.due,
        by=request.by,
    )
    context = rules.CommitmentContext(
        countries=ledger.country_names, sources=ledger.source_by_key
    )
    for finding in rules.judge_commitment(draft, context):
        raise TrackerError(finding.typed, hint=finding.hint)
    table: dict[str, Any] = {
        "id": commitment_id(ledger, request),
        "title": request.title,
        "countries": list(countries),
        "category": category,
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
    if request.by is not None:
        table["by"] = request.by
    return Block("commitment", table)


def _category(ledger: Ledger, typed: str, new: bool) -> str:
    """The ledger's category that `typed` is, in any case. One it does not
    have is most often a typo (`econmy`), which would start a category of one
    commitment unseen; so it is taken only when the researcher says it is new."""
    known = ledger.categories
    found = query.in_any_case(typed, known)
    if found is not None or new or not typed.strip():
        return found or typed
    close = rules.nearest(typed, list(known))
    if not known:
        hint = "the ledger has no categories yet; add --new-category to start one"
    elif close:
        hint = f"did you mean {close[0]}? or add --new-category if it is a new one"
    else:
        hint = (
            f"the categories are: {', '.join(known)}; "
            "add --new-category if it is a new one"
        )
    raise TrackerError(f"no category {typed!r} in the ledger", hint=hint)


# -- sources ------------------------------------------------------------------


def new_source(ledger: Ledger, request: SourceRequest) -> Block:
    """The `[sources.KEY]` block for `request`, or the first thing wrong with it."""
    if not SLUG.fullmatch(request.key):
        raise TrackerError(
            f"source key {request.key!r} is not a slug",
            hint=f"use lowercase letters, digits and '-', e.g. {slugify(request.key)}",
        )
    taken = ledger.source_by_key
    if request.key in taken:
        raise TrackerError(
            f"there is already a source {request.key!r}",
            hint=f"choose another key, e.g. {unique_id(request.key, taken)}",
        )
    if not request.title.strip():
        raise TrackerError("the title is empty", hint="give --title TEXT")
    for name, value in (("url", request.url), ("publisher", request.publisher)):
        if value is not None and not value.strip():
            raise TrackerError(f"the {name} is empty", hint=f"give --{name} TEXT")
    table: dict[str, Any] = {"title": request.title}
    if request.url is not None:
        table["url"] = request.url
    if request.publisher is not None:
        table["publisher"] = request.publisher
    if request.published is not None:
        table["published"] = request.published
    if request.text is not None:
        table["text"] = request.text
    return Block("source", table, key=request.key)


def source_summary(block: Block) -> Summary:
    return Summary(f"added source {block.key}: {block.table['title']}")


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
    text = f"{block.header}\n" + tomli_w.dumps(block.table)
    recorded = block.table.get("recorded")
    if isinstance(recorded, dt.datetime):
        # tomli-w writes `2026-11-28 09:30:00+00:00`; the ledger's form is
        # RFC 3339 with a Z, like the rest of the file and DESIGN.md.
        text = text.replace(
            f"recorded = {recorded}\n", f"recorded = {recorded:%Y-%m-%dT%H:%M:%SZ}\n"
        )
    text = text.translate(_ESCAPE_IN_FILE)
    parsed = _toml.loads(text)
    read_back = (
        parsed.get("sources", {}).get(block.key)
        if block.kind == "source"
        else (parsed.get(block.kind) or [None])[0]
    )
    if read_back != block.table or len(parsed) != 1:
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
        data = _toml.loads(block_text)
    except _toml.TOMLDecodeError:
        return "a block"
    updates, commitments = data.get("update", []), data.get("commitment", [])
    if len(updates) + len(commitments) > 1:
        parts = [f"{len(commitments)} commitments"] if commitments else []
        parts += [f"{len(updates)} updates"] if updates else []
        return "the " + " and ".join(parts) + " imported together"
    if updates:
        u = updates[-1]
        what = f"{u.get('commitment')} to {u.get('status')} ({u.get('date')})"
        return f"the update of {what}"
    if commitments:
        return f"the commitment {commitments[-1].get('id')}"
    if isinstance(sources := data.get("sources"), dict) and sources:
        return f"the source {list(sources)[-1]}"
    return "a block"
