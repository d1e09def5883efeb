"""The report's arithmetic and the changes between two dates, on in-memory
ledgers whose answers are worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from report_ledgers import UPDATED

from tracker import aggregate, loader, query, store
from tracker.model import Commitment, Ledger, Scale, Source, State, Status, Update

from conftest import SOURCE_TEXT, XIAN_PLEDGES

D = dt.date
MADE = D(2024, 3, 1)
SOURCE = Source("talks", "Talks", MADE)
COUNTRIES = (("CN", "China"), ("KZ", "Kazakhstan"), ("UZ", "Uzbekistan"))


def commitment(
    cid: str, countries: str, category: str = "economy", due: dt.date | None = None
) -> Commitment:
    return Commitment(
        cid, cid.title(), tuple(countries.split()), category, MADE, "talks", "q", due
    )


def update(cid: str, day: dt.date, status: str, note: str = "n") -> Update:
    return Update(cid, day, status, note)


def make(commitments, updates=(), scale: Scale | None = None) -> Ledger:
    extra = {"scale": scale} if scale else {}
    return Ledger(
        "T", COUNTRIES, (SOURCE,), tuple(commitments), tuple(updates), **extra
    )


def party(built: aggregate.Report, code: str) -> aggregate.Group:
    return next(g for g in built.parties if g.key == code)


def counts(group: aggregate.Group, names: tuple[str, ...]) -> dict[str, int]:
    return {n: c for n, c in zip(names, group.counts, strict=True) if c}


ON = D(2025, 1, 1)

# (ledger, party, counts, progress %, score, compliance %) worked out by hand.
CASES = {
    "party in two commitments": (
        make(
            [commitment("a", "CN KZ"), commitment("b", "KZ UZ")],
            [
                update("a", D(2024, 5, 1), "in-progress"),
                update("b", D(2024, 6, 1), "fulfilled"),
            ],
        ),
        "KZ",
        {"in-progress": 1, "fulfilled": 1},
        # (0.25 + 1) / 2 = 62.5 %; (0 + 1) / 2 = 0.5; (0.5 + 1) / 2 = 75 %
        62.5,
        0.5,
        75.0,
    ),
    "commitment with three parties counts once for each": (
        make([commitment("a", "CN KZ UZ")], [update("a", D(2024, 5, 1), "partial")]),
        "UZ",
        {"partial": 1},
        50.0,
        0.0,
        50.0,
    ),
    "updates on one date: the later in the file wins": (
        make(
            [commitment("a", "CN KZ")],
            [
                update("a", D(2024, 5, 1), "fulfilled"),
                update("a", D(2024, 5, 1), "stalled"),
            ],
        ),
        "CN",
        {"stalled": 1},
        25.0,
        -1.0,
        0.0,
    ),
    "an update after the report's date is ignored": (
        make(
            [commitment("a", "CN KZ")],
            [
                update("a", D(2024, 5, 1), "in-progress"),
                update("a", D(2025, 1, 2), "fulfilled"),
            ],
        ),
        "CN",
        {"in-progress": 1},
        25.0,
        0.0,
        50.0,
    ),
    "no update: the first status of the scale": (
        make([commitment("a", "CN KZ"), commitment("b", "CN")]),
        "CN",
        {"pledged": 2},
        0.0,
        -1.0,
        0.0,
    ),
    "a custom scale replaces the default": (
        make(
            [commitment("a", "CN"), commitment("b", "CN"), commitment("c", "CN")],
            [update("a", D(2024, 5, 1), "halfway"), update("b", D(2024, 5, 1), "done")],
            Scale(
                (
                    Status("not-started", 0.0, -1),
                    Status("halfway", 0.5, 0.5),
                    Status("done", 1.0, 1, closed=True),
                )
            ),
        ),
        "CN",
        {"not-started": 1, "halfway": 1, "done": 1},
        # (0 + 0.5 + 1) / 3 = 50 %; (-1 + 0.5 + 1) / 3 = 1/6; (1/6 + 1) / 2
        50.0,
        1 / 6,
        700 / 12,
    ),
}


@pytest.mark.parametrize(
    ("ledger", "code", "expected", "progress", "score", "compliance"),
    CASES.values(),
    ids=CASES.keys(),
)
def test_party_numbers(
    ledger: Ledger,
    code: str,
    expected: dict[str, int],
    progress: float,
    score: float,
    compliance: float,
) -> None:
    built = aggregate.build(ledger, ON)
    group = party(built, code)
    assert counts(group, built.statuses) == expected
    assert group.total == sum(expected.values())
    assert group.progress_percent == pytest.approx(progress)
    assert group.score == pytest.approx(score)
    assert group.compliance_percent == pytest.approx(compliance)


def test_overall_counts_each_commitment_once() -> None:
    ledger = make(
        [commitment("a", "CN KZ UZ"), commitment("b", "CN KZ")],
        [update("a", D(2024, 5, 1), "fulfilled")],
    )
    built = aggregate.build(ledger, ON)
    assert built.overall.total == 2
    assert built.header.commitments == 2
    assert counts(built.overall, built.statuses) == {"pledged": 1, "fulfilled": 1}
    assert [(g.key, g.total) for g in built.parties] == [
        ("CN", 2),
        ("KZ", 2),
        ("UZ", 1),
    ]


def test_groups_follow_ledger_order() -> None:
    ledger = make(
        [
            commitment("a", "UZ", "trade"),
            commitment("b", "KZ", "culture"),
            commitment("c", "UZ", "trade"),
        ]
    )
    built = aggregate.build(ledger, ON)
    assert [g.key for g in built.parties] == ["CN", "KZ", "UZ"]
    assert [g.name for g in built.categories] == ["trade", "culture"]
    assert [g.total for g in built.categories] == [2, 1]


def test_a_party_with_no_commitment_has_no_means() -> None:
    built = aggregate.build(make([commitment("a", "KZ")]), ON)
    china = party(built, "CN")
    assert (china.total, china.progress, china.score) == (0, None, None)
    assert china.compliance_percent is None


def test_filters_choose_commitments_and_rows() -> None:
    ledger = make(
        [commitment("a", "CN KZ", "trade"), commitment("b", "CN UZ", "culture")],
        [update("a", D(2024, 5, 1), "partial")],
    )
    keep = query.make_filter(ledger, countries=["kz"])
    built = aggregate.build(ledger, ON, keep)
    assert built.overall.total == 1
    assert [g.key for g in built.parties] == ["KZ"]
    keep = query.make_filter(ledger, statuses=["pledged"])
    built = aggregate.build(ledger, ON, keep)
    assert [g.key for g in built.categories if g.total] == ["culture"]


class TestOverdue:
    def test_days_and_order(self) -> None:
        ledger = make(
            [
                commitment("soon", "CN", due=D(2024, 12, 1)),
                commitment("long-ago", "CN", due=D(2024, 6, 1)),
                commitment("done", "CN", due=D(2024, 6, 1)),
                commitment("future", "CN", due=D(2025, 6, 1)),
                commitment("today", "CN", due=ON),
            ],
            [update("done", D(2024, 7, 1), "fulfilled")],
        )
        built = aggregate.build(ledger, ON)
        # 2024-06-01 to 2025-01-01: 30 + 31 + 31 + 30 + 31 + 30 + 31 = 214 days.
        assert [(o.id, o.days) for o in built.overdue] == [
            ("long-ago", 214),
            ("soon", 31),
        ]

    def test_abandoned_is_not_overdue(self) -> None:
        ledger = make(
            [commitment("a", "CN", due=D(2024, 6, 1))],
            [update("a", D(2024, 7, 1), "abandoned")],
        )
        assert aggregate.build(ledger, ON).overdue == ()


class TestChanges:
    LEDGER = make(
        [commitment("a", "CN KZ"), commitment("b", "CN UZ")],
        [
            update("a", D(2024, 4, 1), "in-progress"),
            update("a", D(2024, 7, 1), "in-progress", "again"),
            update("a", D(2024, 8, 1), "partial"),
            update("b", D(2024, 9, 30), "stalled"),
            update("b", D(2024, 10, 1), "in-progress"),
        ],
    )

    def moved(self, since: dt.date, until: dt.date, **filters: list[str]) -> list:
        keep = query.make_filter(self.LEDGER, **filters)
        return [
            (c.update.date, c.commitment.id, c.before, c.update.status)
            for c in query.changes(self.LEDGER, since, until, keep)
        ]

    def test_both_dates_are_included(self) -> None:
        assert self.moved(D(2024, 8, 1), D(2024, 9, 30)) == [
            (D(2024, 8, 1), "a", "in-progress", "partial"),
            (D(2024, 9, 30), "b", "pledged", "stalled"),
        ]

    def test_re_confirmation_is_not_a_change(self) -> None:
        assert self.moved(D(2024, 7, 1), D(2024, 7, 31)) == []

    def test_the_first_update_moves_from_the_first_status(self) -> None:
        assert self.moved(D(2024, 1, 1), D(2024, 4, 1)) == [
            (D(2024, 4, 1), "a", "pledged", "in-progress")
        ]

    def test_filters_apply(self) -> None:
        assert self.moved(D(2024, 1, 1), ON, countries=["UZ"]) == [
            (D(2024, 9, 30), "b", "pledged", "stalled"),
            (D(2024, 10, 1), "b", "stalled", "in-progress"),
        ]

    def test_report_changes_are_those_of_the_commitments_shown(self) -> None:
        keep = query.make_filter(self.LEDGER, statuses=["partial"])
        built = aggregate.build(self.LEDGER, ON, keep, since=D(2024, 1, 1))
        assert built.changes is not None
        assert [(c.id, c.before, c.after) for c in built.changes] == [
            ("a", "pledged", "in-progress"),
            ("a", "in-progress", "partial"),
        ]

    def test_no_since_means_no_changes_section(self) -> None:
        assert aggregate.build(self.LEDGER, ON).changes is None

    def test_the_log_keeps_re_confirmations(self) -> None:
        entries = query.log(self.LEDGER, D(2024, 7, 1), D(2024, 7, 1))
        assert [(e.before, e.update.status, e.moved) for e in entries] == [
            ("in-progress", "in-progress", False)
        ]


class TestEmpty:
    def test_before_any_commitment(self) -> None:
        built = aggregate.build(make([commitment("a", "CN KZ")]), D(2020, 1, 1))
        assert built.header.commitments == 0
        assert built.header.note == "no commitments as of 2020-01-01"
        assert built.overall.total == 0
        assert built.overall.progress_percent is None
        assert all(g.score is None for _, g in built.groups())

    def test_filters_that_match_nothing(self) -> None:
        ledger = make([commitment("a", "CN KZ")])
        keep = query.make_filter(ledger, statuses=["fulfilled"])
        built = aggregate.build(ledger, ON, keep)
        assert built.header.note == "no commitments match as of 2025-01-01"


def test_hand_worked_ledger() -> None:
    """The ledger of report_ledgers.py: the numbers its docstring works out."""
    ledger = loader.load(
        UPDATED.encode(), "t.toml", lambda _: SOURCE_TEXT, D(2026, 1, 1)
    )
    built = aggregate.build(ledger, D(2025, 3, 1), since=D(2024, 7, 15))
    overall = built.overall
    assert counts(overall, built.statuses) == {
        "in-progress": 1,
        "partial": 1,
        "fulfilled": 1,
    }
    assert overall.progress_percent == pytest.approx(175 / 3)
    assert overall.score == pytest.approx(1 / 3)
    assert overall.compliance_percent == pytest.approx(200 / 3)
    uzbekistan = party(built, "UZ")
    assert (uzbekistan.total, uzbekistan.progress_percent) == (1, 25.0)
    assert [(o.id, o.days) for o in built.overdue] == [("water-lab", 60)]
    assert built.changes is not None
    assert [(str(c.date), c.id, c.before, c.after) for c in built.changes] == [
        ("2024-07-15", "tourism-year", "pledged", "partial"),
        ("2024-07-15", "tourism-year", "partial", "fulfilled"),
        ("2025-01-10", "water-lab", "in-progress", "partial"),
        ("2025-03-01", "direct-flights", "pledged", "in-progress"),
    ]


def test_xian_pledges_are_all_pledged() -> None:
    ledger = store.load(store.Location(XIAN_PLEDGES), D(2026, 1, 1))
    built = aggregate.build(ledger, D(2026, 1, 1))
    assert built.overall.total >= 14
    assert counts(built.overall, built.statuses) == {"pledged": built.overall.total}
    assert built.overall.progress_percent == 0.0
    assert built.overall.score == -1.0
    assert built.overall.compliance_percent == 0.0
    assert [o.id for o in built.overdue] == ["kg-sco-heads-of-government"]


def test_ten_thousand_commitments_take_one_pass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The benchmark's largest ledger: each commitment's state is worked out
    once, for the as-of day, whatever the number of parties or updates and
    with a window of changes too (the bench times it)."""
    statuses = ("in-progress", "partial", "stalled", "fulfilled")
    commitments = [
        commitment(f"c-{i:05d}", "CN KZ UZ" if i % 3 else "CN KZ", f"cat-{i % 8}")
        for i in range(10_000)
    ]
    updates = [
        update(f"c-{i:05d}", D(2024, 4 + k, 1 + i % 28), statuses[(i + k) % 4])
        for i in range(10_000)
        for k in range(3)
    ]
    ledger = make(commitments, updates)
    passes: list[dt.date] = []  # days all states were worked out for, at once
    singles: list[dt.date] = []  # days a single state was worked out for
    state, states = Ledger.state, Ledger.states

    def counted(self: Ledger, commitment: Commitment, on: dt.date) -> State:
        singles.append(on)
        return state(self, commitment, on)

    def counted_pass(self: Ledger, on: dt.date) -> list[tuple[Commitment, State]]:
        passes.append(on)
        return states(self, on)

    monkeypatch.setattr(Ledger, "state", counted)
    monkeypatch.setattr(Ledger, "states", counted_pass)
    built = aggregate.build(ledger, ON, since=D(2024, 5, 1))
    assert built.overall.total == 10_000
    assert passes == [ON]
    assert singles == []  # no party named, no update after ON: none alone
    assert built.changes is not None
    assert len(built.changes) == sum(u.date >= D(2024, 5, 1) for u in updates)
