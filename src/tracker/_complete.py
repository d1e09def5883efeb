"""Shell completion of ids, statuses, countries and categories from the ledger.

A completion runs at every press of Tab, so it only reads: it never prints
anything but candidates, never writes (not even a cache entry) and never
locks. A missing or broken ledger completes nothing.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from tracker import _cache, store
from tracker.model import Ledger
from tracker.render.text import one_line

Candidates = list[tuple[str, str]]


def _ledger(ctx: Any) -> Ledger | None:
    try:
        given = ctx.params.get("ledger_path") if ctx is not None else None
        location = store.find_ledger(given, os.environ, Path.cwd())
        return store.load(
            location, dt.date.today(), _cache.enabled(os.environ), write_cache=False
        )
    except Exception:  # completion must never fail, whatever the ledger holds
        return None


def _matching(pairs: list[tuple[str, str]], incomplete: str) -> Candidates:
    folded = incomplete.casefold()
    return [
        (one_line(value), one_line(help_text))
        for value, help_text in pairs
        if value.casefold().startswith(folded)
    ]


def commitment_ids(ctx: Any, incomplete: str) -> Candidates:
    ledger = _ledger(ctx)
    if ledger is None:
        return []
    return _matching([(c.id, c.title) for c in ledger.commitments], incomplete)


def statuses(ctx: Any, incomplete: str) -> Candidates:
    ledger = _ledger(ctx)
    if ledger is None:
        return []
    return _matching([(s.name, "") for s in ledger.scale.statuses], incomplete)


def countries(ctx: Any, incomplete: str) -> Candidates:
    ledger = _ledger(ctx)
    if ledger is None:
        return []
    return _matching(list(ledger.countries), incomplete)


def categories(ctx: Any, incomplete: str) -> Candidates:
    ledger = _ledger(ctx)
    if ledger is None:
        return []
    return _matching([(c, "") for c in ledger.categories], incomplete)


def parties(ctx: Any, incomplete: str) -> Candidates:
    """The parties of the commitment named before, else every country."""
    ledger = _ledger(ctx)
    if ledger is None:
        return []
    cid = ctx.params.get("commitment_id") if ctx is not None else None
    commitment = ledger.commitment_by_id.get(cid) if isinstance(cid, str) else None
    if commitment is None:
        return _matching(list(ledger.countries), incomplete)
    names = ledger.country_names
    return _matching([(c, names[c]) for c in commitment.countries], incomplete)
