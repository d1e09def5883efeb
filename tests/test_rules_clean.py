"""The one-question forms of the rules answer as the rules do.

The loader asks `update_is_clean` and `commitment_is_clean` first and runs
the rules only where they say no; were they ever to say yes where a rule
finds something, `tracker check` would miss a problem. So they are held to
the rules over drafts and contexts drawn from small sets of values, where
every rule fires often. Examples are derandomized: every run checks the same.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker import rules
from tracker.model import DEFAULT_SCALE, Commitment, Source

SEEDED = settings(derandomize=True, deadline=None, max_examples=500)
TODAY = dt.date(2026, 11, 28)
DAYS = st.sampled_from(
    [dt.date(2024, 1, 1), dt.date(2024, 6, 1), TODAY, dt.date(2026, 11, 29)]
)
CODES = st.sampled_from(["CN", "KZ", "UZ", "ZZ"])
IDS = st.sampled_from(["water-lab", "rail", "gone", "never"])
KEYS = st.sampled_from(["astana-2024", "bare", "undated", "nope"])
TEXTS = st.sampled_from(["", " ", "\t\n", "Work began", "x"])
EVIDENCE = st.sampled_from(
    ["astana-2024", "nope", "https://example.org/a", "A sentence.", "", "a-b"]
)
SOURCES = {
    "astana-2024": Source("astana-2024", "T", TODAY, text="sources/a.txt"),
    "bare": Source("bare", "T", None),
    "undated": Source("undated", "T", None, text="sources/u.txt"),
}


def commitment(cid: str, made: dt.date, countries: tuple[str, ...]) -> Commitment:
    return Commitment(cid, "T", countries, "science", made, "astana-2024", "q")


def maybe(strategy: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.none() | strategy


@st.composite
def update_contexts(draw: st.DrawFn) -> rules.UpdateContext:
    commitments = {
        cid: commitment(
            cid, draw(DAYS), tuple(draw(st.lists(CODES, min_size=1, max_size=2)))
        )
        for cid in draw(st.sets(st.sampled_from(["water-lab", "rail"])))
    }
    return rules.UpdateContext(
        commitments=commitments,
        declared=set(commitments) | draw(st.sets(IDS, max_size=2)),
        sources=SOURCES,
        scale=DEFAULT_SCALE,
        require_evidence=draw(st.booleans()),
        today=TODAY,
        countries={"CN": "China", "KZ": "Kazakhstan", "UZ": "Uzbekistan"},
    )


update_drafts = st.builds(
    rules.UpdateDraft,
    commitment=maybe(IDS),
    date=maybe(DAYS),
    status=maybe(st.sampled_from([*DEFAULT_SCALE.names, "done", "Stalled"])),
    note=maybe(TEXTS),
    evidence=maybe(st.lists(EVIDENCE, max_size=3).map(tuple)),
    parties=maybe(st.lists(CODES, max_size=3).map(tuple)),
    by=maybe(TEXTS),
)


@SEEDED
@given(draft=update_drafts, ctx=update_contexts())
def test_update_is_clean_answers_as_the_rules(
    draft: rules.UpdateDraft, ctx: rules.UpdateContext
) -> None:
    findings = list(rules.judge_update(draft, ctx))
    statuses = set(ctx.scale.names)
    assert rules.update_is_clean(draft, ctx, statuses) is (not findings), findings


commitment_drafts = st.builds(
    rules.CommitmentDraft,
    title=maybe(TEXTS),
    countries=maybe(st.lists(CODES, max_size=3).map(tuple)),
    category=maybe(TEXTS),
    made=maybe(DAYS),
    source=maybe(KEYS),
    quote=maybe(TEXTS),
    due=maybe(DAYS),
    by=maybe(TEXTS),
)
commitment_contexts = st.builds(
    rules.CommitmentContext,
    countries=st.dictionaries(CODES, st.just("name")),
    sources=st.just(SOURCES),
)


@SEEDED
@given(draft=commitment_drafts, ctx=commitment_contexts)
def test_commitment_is_clean_answers_as_the_rules(
    draft: rules.CommitmentDraft, ctx: rules.CommitmentContext
) -> None:
    findings = list(rules.judge_commitment(draft, ctx))
    assert rules.commitment_is_clean(draft, ctx) is (not findings), findings


def test_both_answers_occur() -> None:
    # The property tests above are empty unless each answer comes up.
    ctx = rules.CommitmentContext({"CN": "China"}, SOURCES)
    draft = rules.CommitmentDraft(
        "T", ("CN",), "science", TODAY, "astana-2024", "q", None, None
    )
    assert rules.commitment_is_clean(draft, ctx)
    assert not rules.commitment_is_clean(draft._replace(countries=("CN", "CN")), ctx)
