"""Where the ledger is, and reading it (with its archived source texts) safely.

Only regular files are opened: a FIFO or a device where a ledger should be
would otherwise block or never end. Changing the ledger is `tracker.writes`.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import stat
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from tracker import _cache
from tracker.errors import LedgerNotFound, TrackerError
from tracker.model import Ledger

if TYPE_CHECKING:
    from tracker.loader import ReadSource

LEDGER_NAME = Path("data") / "commitments.toml"
ENV_LEDGER = "TRACKER_LEDGER"
# The limit guards against abuse (a runaway file, a mistaken path), not real
# institutes: 100,000 commitments with their updates are about 90 MiB.
MAX_LEDGER_BYTES = 512 * 1024 * 1024
ENV_MAX_LEDGER_BYTES = "TRACKER_MAX_LEDGER_BYTES"
MAX_SOURCE_BYTES = 16 * 1024 * 1024
# Below this size parsing (with the compiled tomli) is as fast as reading the
# cache, which has to import its decoder: `list --format json` measured by
# bench/bench.py, parsed vs cached, 230 vs 243 ms at 0.05 MiB, 236 vs 237 ms at
# 0.13 MiB, 287 vs 244 ms at 0.27 MiB. So small ledgers are simply parsed.
CACHE_FROM_BYTES = 128 * 1024


class Location(NamedTuple):
    """A ledger file and how it was found."""

    path: Path
    bundled: bool = False


def bundled_path() -> Path:
    """The Xi'an ledger that ships with the package."""
    here = Path(__file__).resolve().parent
    packaged = here / "data" / "commitments.toml"
    if packaged.is_file():
        return packaged
    # An editable install runs from the source tree, whose data/ is two up.
    return here.parents[1] / LEDGER_NAME


def find_ledger(
    explicit: Path | None, environ: Mapping[str, str], cwd: Path
) -> Location:
    """`--ledger`, else $TRACKER_LEDGER, else data/commitments.toml in `cwd`
    or its nearest parent that has one, else the bundled ledger."""
    if explicit is not None:
        return Location(explicit)
    if environ.get(ENV_LEDGER):
        return Location(Path(environ[ENV_LEDGER]))
    for directory in (cwd, *cwd.parents):
        candidate = directory / LEDGER_NAME
        if candidate.is_file():
            # Relative when it is right here, so messages read as typed.
            return Location(LEDGER_NAME if directory == cwd else candidate)
    return Location(bundled_path(), bundled=True)


def ledger_limit() -> int:
    """The most bytes a ledger may have: `TRACKER_MAX_LEDGER_BYTES`, or 512 MiB."""
    text = os.environ.get(ENV_MAX_LEDGER_BYTES, "").strip()
    if not text:
        return MAX_LEDGER_BYTES
    try:
        limit = int(text.replace("_", ""))
    except ValueError:
        limit = 0
    if limit < 1:
        raise TrackerError(
            f"{ENV_MAX_LEDGER_BYTES} is {text!r}, not a number of bytes",
            hint=f"set it to a whole number such as {MAX_LEDGER_BYTES}, or unset it",
        )
    return limit


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file, or a `TrackerError` that says why not.

    `limit` defaults to the ledger limit (`ledger_limit`)."""
    if limit is None:
        limit = ledger_limit()
    check_file(path, limit)
    try:
        with path.open("rb") as handle:
            return handle.read(limit + 1)
    except OSError as error:
        raise TrackerError(f"cannot read {path}: {error.strerror}") from None


def check_file(path: Path, limit: int | None = None) -> None:
    """Raise a `TrackerError` unless `path` is a regular file of at most `limit`."""
    if limit is None:
        limit = ledger_limit()
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise LedgerNotFound(
                f"no ledger at {path}: it is a link to {os.readlink(path)}, "
                "which does not exist"
            ) from None
        raise LedgerNotFound(
            f"no ledger at {path}",
            hint=f"check the path, or create one with: tracker init {path}",
        ) from None
    except OSError as error:
        raise TrackerError(f"cannot read {path}: {error.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise TrackerError(
            f"{path} is a directory, not a ledger file",
            hint=f"point at the file, e.g. --ledger {path / LEDGER_NAME}",
        )
    if not stat.S_ISREG(info.st_mode):
        raise TrackerError(f"{path} is not a regular file")
    if info.st_size > limit:
        raise TrackerError(
            f"{path} is {info.st_size:,} bytes; a ledger may be {limit:,} at most",
            # Archived source texts have a fixed limit of their own.
            hint=None
            if limit == MAX_SOURCE_BYTES
            else f"to allow a bigger ledger, set {ENV_MAX_LEDGER_BYTES} to its size",
        )


def read_source_bytes(ledger_path: Path, relative: str) -> bytes | None:
    """An archived source text, relative to the ledger; None if unreadable."""
    try:
        return read_bytes(ledger_path.parent / relative, MAX_SOURCE_BYTES)
    except (TrackerError, ValueError):  # ValueError: a NUL in the path
        return None


def load(
    location: Location,
    today: dt.date,
    use_cache: bool = True,
    write_cache: bool = True,
    *,
    read_cache: bool = True,
) -> Ledger:
    """Read and validate the ledger at `location`, from the cache if it can.

    `write_cache=False` reads the cache but never stores an entry, for callers
    that must not write at all (shell completion); `read_cache=False` parses
    the file whatever the cache holds, and refreshes its entry (`check`).
    """
    ledger, _ = _load(location, today, use_cache, write_cache, read_cache)
    return ledger


def load_with_digest(
    location: Location, today: dt.date, use_cache: bool = True
) -> tuple[Ledger, str]:
    """The ledger, as `load` reads it, and the SHA-256 of the very bytes it
    was read from: a full report names it, so a reader can tell which record
    it shows."""
    ledger, digest = _load(location, today, use_cache, True, True)
    return ledger, digest()


def _load(
    location: Location,
    today: dt.date,
    use_cache: bool,
    write_cache: bool,
    read_cache: bool,
) -> tuple[Ledger, Callable[[], str]]:
    """The ledger, and a function that gives the SHA-256 of the bytes it was
    read from (hashed when first asked for)."""
    path = location.path
    limit = ledger_limit()
    if read_cache and use_cache and _worth_caching(path, limit):
        # A warm run needs the ledger's digest, not its bytes: hashed a piece
        # at a time (and only once there is an entry to compare it with), a
        # large ledger is never held in memory at all.
        digest = functools.cache(functools.partial(_file_sha256, path))
        cached = _from_cache(path, digest, today, write_cache)
        if cached is not None:
            return cached[0], digest
        read_cache = False  # no entry for these bytes: parse, and store one
    data = read_bytes(path, limit)
    model = read_model(path, data, today, use_cache, write_cache, read_cache=read_cache)
    return model.ledger, functools.partial(_cache.digest, data)


def _from_cache(
    path: Path, digest: Callable[[], str], today: dt.date, write_cache: bool
) -> tuple[Ledger, dict[str, str]] | None:
    """The cached ledger at `path` whose bytes' SHA-256 `digest()` gives (asked
    for only if there is an entry), and its source texts' digests; or None."""
    reparse = _reparser(path, digest, today, write_cache)
    return _cache.load(path, digest, today, source_digester(path), reparse)


def _reparser(
    path: Path, digest: Callable[[], str], today: dt.date, write_cache: bool
) -> Callable[[], Ledger]:
    """A function that parses the ledger at `path` afresh, for a cached ledger
    whose update log proves damaged when a command first asks for it; the
    file must still hold the bytes the cache entry was found for."""

    def parse() -> Ledger:
        data = read_bytes(path)
        if _cache.digest(data) != digest():
            raise TrackerError(
                f"{path} changed while it was being read",
                hint="run the command again",
            )
        model = read_model(path, data, today, True, write_cache, read_cache=False)
        return model.ledger

    return parse


def _worth_caching(path: Path, limit: int) -> bool:
    """Whether `path` is a regular file large enough to cache, and within
    `limit`; if not, or if it cannot be looked at, reading it says why."""
    try:
        info = path.stat()
    except (OSError, ValueError):  # ValueError: a NUL in the path
        return False
    return stat.S_ISREG(info.st_mode) and CACHE_FROM_BYTES <= info.st_size <= limit


def _file_sha256(path: Path) -> str:
    import hashlib

    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


class Model(NamedTuple):
    """A validated ledger and the digests of the source texts it was checked
    against (None when they were not taken: the cache was not in use)."""

    ledger: Ledger
    source_digests: dict[str, str] | None


def caches(data: bytes, use_cache: bool) -> bool:
    """Whether the cache is worth using for a ledger of these bytes."""
    return use_cache and len(data) >= CACHE_FROM_BYTES


def read_model(
    path: Path,
    data: bytes,
    today: dt.date,
    use_cache: bool = True,
    write_cache: bool = True,
    *,
    read_cache: bool = True,
) -> Model:
    """The ledger `data` (read from `path`) holds: from the cache, else parsed
    and validated, and then cached."""
    use_cache = caches(data, use_cache)
    if use_cache and read_cache:
        # Hashed only if there is an entry to compare with: a cold run has none.
        digest = functools.cache(functools.partial(_cache.digest, data))
        cached = _from_cache(path, digest, today, write_cache)
        if cached is not None:
            return Model(*cached)
    from tracker import loader  # parsing only: a warm run never imports it

    digests: dict[str, str] | None = {} if use_cache else None
    ledger = loader.load(data, str(path), source_reader(path, digests), today)
    if digests is not None and write_cache:
        _cache.save(path, data, ledger, digests, today)
    return Model(ledger, digests)


def remember(path: Path, data: bytes, model: Model, today: dt.date) -> None:
    """Cache `model` as what `data` holds, so the next command starts warm.

    Only a model whose source texts were hashed can be cached: an entry must
    name every text it was checked against.
    """
    if model.source_digests is not None and caches(data, True):
        _cache.save(path, data, model.ledger, model.source_digests, today)


def source_digester(ledger_path: Path) -> Callable[[str], str | None]:
    """A function that gives the SHA-256 of an archived source text, relative
    to the ledger; None if it cannot be read."""

    def digest(relative: str) -> str | None:
        raw = read_source_bytes(ledger_path, relative)
        return None if raw is None else _cache.digest(raw)

    return digest


def source_reader(
    ledger_path: Path, digests: dict[str, str] | None = None
) -> ReadSource:
    """A function that reads archived source texts relative to the ledger,
    noting the digest of each it reads in `digests`, if given (for the cache)."""

    def read(relative: str) -> str | None:
        raw = read_source_bytes(ledger_path, relative)
        if raw is None:
            return None
        if digests is not None:
            digests[relative] = _cache.digest(raw)
        return raw.decode("utf-8", errors="replace")

    return read


ENV_AUTHOR = "TRACKER_AUTHOR"


def author(given: str | None, environ: Mapping[str, str], ledger: Path) -> str | None:
    """Who is recording: `--by`, else $TRACKER_AUTHOR, else `git config
    user.name` of the repository that holds the ledger; None if none says."""
    if given is not None:
        return given
    if environ.get(ENV_AUTHOR, "").strip():
        return environ[ENV_AUTHOR]
    directory = ledger.resolve().parent
    # Looked for first, so a ledger outside git costs no process at all.
    if not any((d / ".git").exists() for d in (directory, *directory.parents)):
        return None
    import subprocess

    try:
        done = subprocess.run(
            ["git", "-C", str(directory), "config", "user.name"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None  # no git at all: the update simply names no one
    name = done.stdout.strip()
    return name if done.returncode == 0 and name else None
