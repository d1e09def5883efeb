"""Reading TOML: the standard library's `tomllib` decides, a compiled `tomli`
reads the common case fast.

`tomli` 2.3 is the code `tomllib` was made from, compiled with mypyc: about
2.7 times faster on a 10,000-commitment ledger. The two differ only in how
deep they let arrays and inline tables nest before giving up (and tomli gives
up on keys of more than a thousand parts): a valid ledger nests two deep. So
`fast_loads` answers only when tomli accepts the document; when it refuses,
the caller asks `tomllib`, whose verdict and message stand. The loader goes
further: a ledger with any problem is read again by `tomllib` before the
problems are reported, so every report is `tomllib`'s, word for word
(tests/test_toml_parsers.py shows the two agree).

A ledger of half a mebibyte or more is read by it in two parts at once, on
two cores (`_toml_parts`).

tomli 2.4 reads TOML 1.1, which accepts documents `tomllib` refuses, hence
the pin below 2.4 in pyproject.toml. Where no compiled tomli is installed,
its pure-Python form would be no faster than `tomllib`, so `tomllib` alone
is used.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from typing import Any, cast

TOMLDecodeError = tomllib.TOMLDecodeError


def _compiled_tomli() -> Any:
    """The tomli module if its parser is compiled, else None."""
    try:
        import tomli
        from tomli import _parser
    except ImportError:  # pragma: no cover - tomli is a dependency
        return None
    compiled = not (_parser.__file__ or "").endswith(".py")
    return tomli if compiled else None


_FAST = _compiled_tomli()
FAST_PARSER = "tomli (compiled)" if _FAST is not None else None


def fast_parser() -> Callable[[str], dict[str, Any]] | None:
    """The compiled tomli's `loads`, or None where there is none."""
    return None if _FAST is None else cast(Callable[[str], dict[str, Any]], _FAST.loads)


def fast_loads(text: str) -> dict[str, Any] | None:
    """The document's values as tomli reads them, or None where tomli refuses
    it or is not compiled here: then only `tomllib` can say what is wrong."""
    if _FAST is None:
        return None
    try:
        data: dict[str, Any] = _FAST.loads(text)
    except (_FAST.TOMLDecodeError, RecursionError):
        return None
    return data


def loads(text: str) -> dict[str, Any]:
    """The document's values; `TOMLDecodeError` (tomllib's) where it is not TOML."""
    data = fast_loads(text)
    return tomllib.loads(text) if data is None else data
