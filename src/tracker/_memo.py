"""A value per distinct key, worked out once."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

_K = TypeVar("_K")
_V = TypeVar("_V")


class Memo(dict[_K, _V]):
    """`make(key)` for each key, made on first use: a lookup after that is
    the dict's own, with no Python call in between. Dates, statuses, codes
    and rendered fragments recur thousands of times in a large ledger's
    output."""

    def __init__(self, make: Callable[[_K], _V]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: _K) -> _V:
        made = self[key] = self.make(key)
        return made
