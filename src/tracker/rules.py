"""The rules an update and a commitment keep, one small function each.

`tracker check` (through `tracker.loader`) and `tracker update` and `tracker
add` (through `tracker.record`) run the same lists, `UPDATE_RULES` and
`COMMITMENT_RULES`, so a ledger that
`check` passes is one that the tool would have written, and the other way
round. A rule looks at an update as decoded from the file or as typed, with
None for any field that is missing or of the wrong shape (the loader reports
those), and says what is wrong as a `Finding`: once in the file's words, for
`check`, and once in the words of the command line, with a hint.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from itertools import filterfalse
from typing import Any, NamedTuple

from tracker.dates import future_reason, is_future
from tracker.model import Commitment, Scale, Source

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class Finding(NamedTuple):
    """A broken rule: the field it is in, and what to say about it."""

    key: str  # the field, so the loader can give its line
    message: str  # in the words of the file: "'note' is empty"
    typed: str  # in the words of the command line: "the note is empty"
    hint: str | None = None


class UpdateDraft(NamedTuple):
    """An update to be judged; None where a field is missing or malformed."""

    commitment: str | None
    date: dt.date | None
    status: str | None
    note: str | None
    evidence: tuple[str, ...] | None = None
    parties: tuple[str, ...] | None = None
    by: str | None = None


class UpdateContext(NamedTuple):
    """What the rules judge an update against."""

    commitments: Mapping[str, Commitment]  # valid ones, by id
    declared: Sequence[str] | set[str]  # every id claimed, valid or not
    sources: Mapping[str, Source]
    scale: Scale
    require_evidence: bool
    today: dt.date
    countries: Mapping[str, str]  # code -> name, for hints


UpdateRule = Callable[[UpdateDraft, UpdateContext], Iterator[Finding]]


def nearest(word: str, choices: Any, n: int = 1) -> list[str]:
    """The closest of `choices` to a word that is not among them."""
    import difflib  # only on the way to an error message

    return difflib.get_close_matches(word, list(choices), n=n, cutoff=0.7)


def did_you_mean(word: str, choices: Any) -> str:
    close = nearest(word, choices)
    return f" (did you mean '{close[0]}'?)" if close else ""


def stray_evidence(items: Iterable[str], sources: Container[str]) -> Iterator[str]:
    """The items that are not evidence: evidence is a URL, a source key, or
    free text that is no slug, so these are slugs that name no source (a
    slug is never a URL: it has no "://"). Asked in C, item by item."""
    return filter(SLUG.fullmatch, filterfalse(sources.__contains__, items))


def check_commitment(draft: UpdateDraft, ctx: UpdateContext) -> Iterator[Finding]:
    cid = draft.commitment
    if cid is not None and cid not in ctx.declared:
        close = nearest(cid, ctx.declared)
        yield Finding(
            "commitment",
            f"no commitment '{cid}'" + did_you_mean(cid, ctx.declared),
            f"no commitment {cid!r}",
            f"did you mean {close[0]}?" if close else None,
        )


def check_status(draft: UpdateDraft, ctx: UpdateContext) -> Iterator[Finding]:
    status, names = draft.status, ctx.scale.names
    if status is not None and ctx.scale.get(status) is None:
        close = nearest(status, names)
        guess = f"did you mean {close[0]}? " if close else ""
        yield Finding(
            "status",
            f"unknown status '{status}' (the scale is: {', '.join(names)})",
            f"no status {status!r} on the ledger's scale",
            f"{guess}the statuses are: {', '.join(names)}",
        )


def check_note(draft: UpdateDraft, ctx: UpdateContext) -> Iterator[Finding]:
    if draft.note is not None and not draft.note.strip():
        yield Finding(
            "note",
            "'note' is empty",
            "the note is empty",
            'say what happened, e.g. --note "Consulate opened in Aktobe"',
        )


def check_date(draft: UpdateDraft, ctx: UpdateContext) -> Iterator[Finding]:
    date = draft.date
    if date is None:
        return
    commitment = ctx.commitments.get(draft.commitment or "")
    if commitment is not None and date < commitment.made:
        yield Finding(
            "date",
            f"dated {date}, before '{commitment.id}' was made ({commitment.made})",
            f"date {date} is before '{commitment.id}' was made ({commitment.made})",
            "give the day it happened with --date YYYY-MM-DD",
        )
    if is_future(date, ctx.today):  # ctx.today: the latest today anywhere
        yield Finding(
            "date",
            f"dated {date}, {future_reason(ctx.today)}",
            f"date {date} is {future_reason(ctx.today)}",
            "record what has happened, on the day it happened",
        )


def check_evidence(draft: UpdateDraft, ctx: UpdateContext) -> Iterator[Finding]:
    for item in stray_evidence(draft.evidence or (), ctx.sources):
        close = nearest(item, ctx.sources)
        yield Finding(
            "evidence",
            f"evidence '{item}' is neither a URL nor a source key"
            + did_you_mean(item, ctx.sources),
            f"evidence {item!r} looks like a source key, but there is no "
            "such source in the ledger",
            f"did you mean {close[0]}?"
            if close
            else "evidence is a URL, a key from [sources], or a sentence",
        )


def check_evidence_required(
    draft: UpdateDraft, ctx: UpdateContext
) -> Iterator[Finding]:
    if ctx.require_evidence and not draft.evidence:
        yield Finding(
            "evidence",
            "no evidence, and this ledger requires evidence for every update",
            "this ledger requires evidence for every update",
            "add --evidence with a URL or a key from [sources]",
        )


def check_parties(draft: UpdateDraft, ctx: UpdateContext) -> Iterator[Finding]:
    parties = draft.parties
    if parties is None:
        return
    if not parties:
        yield Finding(
            "parties",
            "'parties' names no party (leave it out to mean every party)",
            "no party given",
            "leave out --party to mean every party",
        )
        return
    commitment = ctx.commitments.get(draft.commitment or "")
    if commitment is None:
        return
    for code in parties:
        if code not in commitment.countries:
            yield Finding(
                "parties",
                f"party '{code}' is not one of '{commitment.id}''s "
                f"({', '.join(commitment.countries)})",
                f"{code} is not a party to '{commitment.id}'",
                f"its parties are: {', '.join(commitment.countries)}",
            )
    if len(set(parties)) != len(parties):
        yield Finding(
            "parties",
            "a party is listed twice",
            "a party is given twice",
            "give each --party once",
        )


def check_by(draft: UpdateDraft, ctx: UpdateContext) -> Iterator[Finding]:
    if draft.by is not None and not draft.by.strip():
        yield Finding(
            "by",
            "'by' is empty",
            "the assessor's name is empty",
            "give --by NAME, or leave it out",
        )


# In the order a person would fix them: what, then when, then why.
UPDATE_RULES: tuple[UpdateRule, ...] = (
    check_commitment,
    check_status,
    check_note,
    check_date,
    check_evidence,
    check_evidence_required,
    check_parties,
    check_by,
)


def judge_update(draft: UpdateDraft, ctx: UpdateContext) -> Iterator[Finding]:
    """Every rule `draft` breaks, rule by rule."""
    for rule in UPDATE_RULES:
        yield from rule(draft, ctx)


def update_is_clean(
    draft: UpdateDraft, ctx: UpdateContext, statuses: Container[str]
) -> bool:
    """Whether `judge_update` finds nothing: the same rules as one question.

    A ledger of 20,000 updates asks this 20,000 times on every read without
    the cache; the rules' generators cost several times more, and are run
    only for an update this turns down, to say what is wrong. `statuses` is
    the set of the scale's names. tests/test_rules_clean.py holds the two to
    the same answers.
    """
    cid, date, status, note, evidence, parties, by = draft
    if cid is not None and cid not in ctx.declared:
        return False
    if status is not None and status not in statuses:
        return False
    if note is not None and not note.strip():
        return False
    commitment = ctx.commitments.get(cid or "")
    if date is not None and (
        (commitment is not None and date < commitment.made)
        or is_future(date, ctx.today)
    ):
        return False
    if evidence:
        if any(stray_evidence(evidence, ctx.sources)):  # a stray is a slug: never ""
            return False
    elif ctx.require_evidence:
        return False
    if parties is not None:
        if not parties:
            return False
        if commitment is not None and (
            len(set(parties)) != len(parties)
            or not all(map(commitment.countries.__contains__, parties))
        ):
            return False
    return by is None or bool(by.strip())


# -- commitments ----------------------------------------------------------------


class CommitmentDraft(NamedTuple):
    """A commitment to be judged; None where a field is missing or malformed.
    (Its id is the loader's to judge, or `tracker add`'s to make.)"""

    title: str | None
    countries: tuple[str, ...] | None
    category: str | None
    made: dt.date | None
    source: str | None
    quote: str | None
    due: dt.date | None = None
    by: str | None = None


class CommitmentContext(NamedTuple):
    countries: Mapping[str, str]  # code -> name
    sources: Mapping[str, Source]


CommitmentRule = Callable[[CommitmentDraft, CommitmentContext], Iterator[Finding]]


def check_texts(draft: CommitmentDraft, ctx: CommitmentContext) -> Iterator[Finding]:
    for key in ("title", "category", "quote"):
        value = getattr(draft, key)
        if value is not None and not value.strip():
            yield Finding(
                key, f"'{key}' is empty", f"the {key} is empty", f"give --{key} TEXT"
            )


def check_countries(
    draft: CommitmentDraft, ctx: CommitmentContext
) -> Iterator[Finding]:
    codes = draft.countries
    if codes is None:
        return
    if not codes:
        yield Finding(
            "countries",
            "'countries' names no country",
            "no country given",
            "give --country CODE",
        )
    for code in codes:
        if code not in ctx.countries:
            yield Finding(
                "countries",
                f"unknown country code '{code}'"
                + did_you_mean(code.upper(), ctx.countries),
                f"no country {code!r} in the ledger",
                f"the countries are: {', '.join(ctx.countries)}",
            )
    if len(set(codes)) != len(codes):
        yield Finding(
            "countries",
            "a country is listed twice",
            "a country is given twice",
            "give each --country once",
        )


def check_source(draft: CommitmentDraft, ctx: CommitmentContext) -> Iterator[Finding]:
    key = draft.source
    if key is None:
        return
    source = ctx.sources.get(key)
    if source is None:
        keys = list(ctx.sources)
        yield Finding(
            "source",
            f"unknown source '{key}'" + did_you_mean(key, ctx.sources),
            f"no source {key!r} in the ledger",
            f"the sources are: {', '.join(keys)}"
            if keys
            else "add the source first: tracker source add KEY --title ...",
        )
        return
    # An evidence-only source may be a bare article; one that a pledge is
    # quoted from needs its date and the text to check the quote in.
    for field, value in (("date", source.date), ("text", source.text)):
        if value is None:
            yield Finding(
                "source",
                f"source '{key}' is quoted, so it needs '{field}'",
                f"source {key!r} has no '{field}', which a quoted source needs",
                f"give [sources.{key}] a '{field}' in the ledger",
            )


def check_due(draft: CommitmentDraft, ctx: CommitmentContext) -> Iterator[Finding]:
    if draft.made is not None and draft.due is not None and draft.due < draft.made:
        message = f"due {draft.due} is before it was made ({draft.made})"
        yield Finding("due", message, message, "check --due and --made")


def check_commitment_by(
    draft: CommitmentDraft, ctx: CommitmentContext
) -> Iterator[Finding]:
    if draft.by is not None and not draft.by.strip():
        yield Finding(
            "by",
            "'by' is empty",
            "the name for --by is empty",
            "give --by NAME, or leave it out",
        )


COMMITMENT_RULES: tuple[CommitmentRule, ...] = (
    check_texts,
    check_countries,
    check_source,
    check_due,
    check_commitment_by,
)


def judge_commitment(
    draft: CommitmentDraft, ctx: CommitmentContext
) -> Iterator[Finding]:
    """Every rule `draft` breaks (but the quote's presence in its source's
    archived text, which the loader checks as it reads the archive)."""
    for rule in COMMITMENT_RULES:
        yield from rule(draft, ctx)


def commitment_is_clean(draft: CommitmentDraft, ctx: CommitmentContext) -> bool:
    """Whether `judge_commitment` finds nothing: the same rules as one
    question, for the reason `update_is_clean` gives."""
    title, codes, category, made, key, quote, due, by = draft
    for text in (title, category, quote):
        if text is not None and not text.strip():
            return False
    if codes is not None and (
        not codes
        or len(set(codes)) != len(codes)
        or not all(map(ctx.countries.__contains__, codes))
    ):
        return False
    if key is not None:
        source = ctx.sources.get(key)
        if source is None or source.date is None or source.text is None:
            return False
    if made is not None and due is not None and due < made:
        return False
    return by is None or bool(by.strip())
