"""Shell completion of ids, statuses, countries, categories and source keys
from the ledger.

A completion runs at every press of Tab, so it only reads: it never prints
anything but candidates, never writes (not even a cache entry) and never
locks. A missing or broken ledger completes nothing.

Like `cli`, this module keeps its annotations as objects: Typer reads the
signature of every completion function on every run, and string annotations
would be compiled anew each time.
"""

import os
from pathlib import Path
from typing import Any

from tracker import _cache, store
from tracker.dates import latest_today
from tracker.model import Ledger
from tracker.render.text import one_line

Candidates = list[tuple[str, str]]


def given_ledger(ctx: Any) -> Path | None:
    """The --ledger given after the command, else before it (`tracker
    --ledger x list`), else None."""
    while ctx is not None:
        given = ctx.params.get("ledger_path")
        if given:
            # While completing, click parses the line leniently and leaves
            # the option's value as typed: a string, not yet a Path.
            return Path(given)
        ctx = getattr(ctx, "parent", None)
    return None


def _ledger(ctx: Any) -> Ledger | None:
    try:
        location = store.find_ledger(given_ledger(ctx), os.environ, Path.cwd())
        return store.load(
            location, latest_today(), _cache.enabled(os.environ), write_cache=False
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


def sources(ctx: Any, incomplete: str) -> Candidates:
    """Source keys, each with its title."""
    ledger = _ledger(ctx)
    if ledger is None:
        return []
    return _matching([(s.key, s.title) for s in ledger.sources], incomplete)


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


def _one_line_help(help_text: str | None) -> str:
    """A candidate's help as one line of literal text (Typer would render it
    as Rich markup, and wrap it at the console's width)."""
    return " ".join(one_line(help_text or "").split())


def register_shells() -> None:
    """Have zsh, fish and PowerShell show ledger text as written, on one line.

    Typer's own classes pass each candidate's help through Rich; these print
    it as it is. Called once Typer has registered its own (each time the app
    is built), so these replace them.
    """
    from typer._click.shell_completion import CompletionItem, add_completion_class
    from typer._completion_classes import (
        FishComplete,
        PowerShellComplete,
        ZshComplete,
    )

    class Zsh(ZshComplete):
        def format_completion(self, item: CompletionItem) -> str:
            def escape(s: str) -> str:
                return (
                    s.replace('"', '""')
                    .replace("'", "''")
                    .replace("$", "\\$")
                    .replace("`", "\\`")
                    .replace(":", r"\\:")
                )

            value = escape(item.value)
            if not item.help:
                return f'"{value}"'
            return f'"{value}":"{escape(_one_line_help(item.help))}"'

    class Fish(FishComplete):
        def format_completion(self, item: CompletionItem) -> str:
            if not item.help:
                return f"{item.value}"
            return f"{item.value}\t{_one_line_help(item.help)}"

    class PowerShell(PowerShellComplete):
        def format_completion(self, item: CompletionItem) -> str:
            return f"{item.value}:::{_one_line_help(item.help) or ' '}"

    add_completion_class(Zsh, "zsh")
    add_completion_class(Fish, "fish")
    add_completion_class(PowerShell, "powershell")
    add_completion_class(PowerShell, "pwsh")
