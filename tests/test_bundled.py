"""The Xi'an ledger that ships with the tracker."""

from __future__ import annotations

import datetime as dt
import re
import tomllib

from tracker import store
from tracker.loader import normalise_space, quote_found

from conftest import BUNDLED

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
    assert ledger.updates == ()
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
    (source,) = data["sources"].values()
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
