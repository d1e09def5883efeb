"""The Xi'an ledger that ships with the tracker."""

from __future__ import annotations

import datetime as dt
import re
import tomllib

from tracker import store
from tracker.loader import normalise_space, quote_found

from conftest import BUNDLED, XIAN_PLEDGES

REQUIRED = {
    "kz-visa-waiver": ("CN", "KZ"),
    "kz-consulates": ("CN", "KZ"),
    "kg-cultural-centers": ("CN", "KG"),
    "tj-cultural-centers": ("CN", "TJ"),
    "tm-cultural-centers": ("CN", "TM"),
    "tj-industrial-parks": ("CN", "TJ"),
    "tj-luban-workshop": ("CN", "TJ"),
    "uz-poverty-alleviation-innovation": ("CN", "UZ"),
    "cku-railway-feasibility": ("CN", "KG", "UZ"),
    "tm-year-of-culture": ("CN", "TM"),
    "tm-traditional-medicine-center": ("CN", "TM"),
    "kg-intergovernmental-committee": ("CN", "KG"),
    "kg-sco-heads-of-government": ("CN", "KG"),
    "ca-practical-cooperation": ("CN", "KZ", "KG", "TJ", "UZ", "TM"),
}
CATEGORIES = {
    "consular",
    "mobility",
    "culture",
    "education",
    "health",
    "economy",
    "connectivity",
    "diplomacy",
}


def test_bundled_ledger_is_valid_and_holds_the_pledges() -> None:
    ledger = store.load(store.Location(BUNDLED), dt.date.today())
    parties = {c.id: c.countries for c in ledger.commitments}
    for cid, countries in REQUIRED.items():
        assert set(parties[cid]) == set(countries), cid
    assert {c.category for c in ledger.commitments} <= CATEGORIES
    assert {u.commitment for u in ledger.updates} == set(REQUIRED)
    assert ledger.commitment_by_id["kg-sco-heads-of-government"].due == dt.date(
        2023, 12, 31
    )
    assert dict(ledger.countries) == {
        "CN": "China",
        "KZ": "Kazakhstan",
        "KG": "Kyrgyzstan",
        "TJ": "Tajikistan",
        "UZ": "Uzbekistan",
        "TM": "Turkmenistan",
    }


def test_every_quote_is_in_the_archived_source() -> None:
    data = tomllib.loads(BUNDLED.read_text(encoding="utf-8"))
    source = data["sources"]["xian-talks-2023"]
    # The pledges' one source; every other source is evidence for an update.
    assert [k for k, v in data["sources"].items() if "url" not in v] == [
        "xian-talks-2023"
    ]
    assert source["date"] == dt.date(2023, 4, 26)
    assert source["published"] == dt.date(2023, 4, 28)
    assert source["place"] == "Xi'an, China"
    text = (BUNDLED.parent / source["text"]).read_text(encoding="utf-8")
    archived = normalise_space(text)
    for commitment in data["commitment"]:
        assert quote_found(commitment["quote"], archived), commitment["id"]
        # Verbatim: the source spells the city "Xian".
        assert "Xi'an" not in commitment["quote"]


def test_quote_matching_is_strict_about_words_and_order() -> None:
    archived = normalise_space("one two\n three  four five")
    assert quote_found("two three", archived)
    assert quote_found("one ... four five", archived)
    assert not quote_found("four ... two", archived)
    assert not quote_found("one three", archived)
    assert re.search("three four", archived)


def test_the_xian_pledges_fixture_is_the_bundled_ledger_before_any_update() -> None:
    """Tests that need an empty update log use this copy, not the bundled one."""
    ledger = store.load(store.Location(XIAN_PLEDGES), dt.date.today())
    bundled = store.load(store.Location(BUNDLED), dt.date.today())
    assert ledger.updates == ()
    assert ledger.commitments == bundled.commitments
    assert dict(ledger.countries) == dict(bundled.countries)
    for name in ("sources/xian-talks-2023-04-26.txt",):
        assert (XIAN_PLEDGES.parent / name).read_bytes() == (
            BUNDLED.parent / name
        ).read_bytes()


NOTHING_FOUND = "No public report of progress found"


def _as_of() -> dt.date:
    """The as-of date that data/RESEARCH.md states, e.g. "**29 November 2026.**"."""
    text = (BUNDLED.parent / "RESEARCH.md").read_text(encoding="utf-8")
    section = text.split("## As of", 1)[1]
    found = re.search(r"\*\*(\d{1,2} [A-Z][a-z]+ \d{4})\.?\*\*", section)
    assert found, "RESEARCH.md states no as-of date"
    return dt.datetime.strptime(found.group(1), "%d %B %Y").date()


def test_the_research_rules_hold_for_every_update() -> None:
    data = tomllib.loads(BUNDLED.read_text(encoding="utf-8"))
    sources = data["sources"]
    as_of = _as_of()
    cited: set[str] = set()
    assert data["update"], "the bundled ledger records no research"
    for n, update in enumerate(data["update"], 1):
        where = f"update {n} ({update['commitment']}, {update['date']})"
        assert update.get("by", "").strip(), where
        evidence = update.get("evidence", [])
        assert evidence, where
        keys = [item for item in evidence if item in sources]
        for key in keys:
            assert re.match(r"https?://\S+$", sources[key].get("url", "")), key
        if update["note"] != NOTHING_FOUND:
            assert keys, f"{where} reports an event but cites no source"
        else:
            # What was searched, in a sentence, not a bare key.
            assert all(len(item.split()) > 5 for item in evidence), where
        assert update["date"] <= as_of, where
        cited.update(keys)
    for key in cited:
        for field in ("title", "url", "publisher"):
            assert str(sources[key].get(field, "")).strip(), (key, field)
    # Every source added for the research is cited by some update.
    added = {key for key, source in sources.items() if "url" in source}
    assert added == cited
