"""TOML text to a `Ledger`, collecting every problem with its line number.

`load` reads nothing itself: the caller hands it the text and a function that
returns the archived text of a source (or None when it is missing).
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from bisect import bisect_left
from collections import defaultdict, deque
from collections.abc import Callable, Mapping
from itertools import accumulate, islice, repeat
from operator import add
from typing import Any, TypeVar

from tracker import _toml, _toml_parts, rules
from tracker._locate import Section, locate
from tracker._root import root_keys
from tracker.errors import InvalidLedger, Problem
from tracker.model import (
    DEFAULT_SCALE,
    SCHEMA,
    SPLIT,
    Commitment,
    Ledger,
    Scale,
    Source,
    Status,
    Update,
)

SLUG = rules.SLUG
COUNTRY_CODE = re.compile(r"[A-Z]{2}")
nearest = rules.nearest
_did_you_mean = rules.did_you_mean

TOP_KEYS = (
    "schema",
    "title",
    "require_evidence",
    "countries",
    "sources",
    "statuses",
    "commitment",
    "update",
)
SOURCE_KEYS = ("title", "date", "published", "place", "url", "text", "publisher")
COMMITMENT_KEYS = (
    "id",
    "title",
    "countries",
    "category",
    "made",
    "source",
    "quote",
    "due",
    "tags",
    "notes",
    "by",
)
UPDATE_KEYS = (
    "commitment",
    "date",
    "status",
    "note",
    "evidence",
    "recorded",
    "parties",
    "by",
)
STATUS_KEYS = ("progress", "score", "closed")
_COMMITMENT_KEY_SET = frozenset(COMMITMENT_KEYS)
_UPDATE_KEY_SET = frozenset(UPDATE_KEYS)
# `{*map(type, values)} <= _ONLY_STR`: every value is a str, asked in C.
_ONLY_STR = frozenset({str})
# A named tuple from its fields in order, as its class would make it from the
# same values by keyword; a cold read makes one per commitment and update.
_make = tuple.__new__

ReadSource = Callable[[str], "str | None"]
T = TypeVar("T")


def load(data: bytes, path: str, read_source: ReadSource, today: dt.date) -> Ledger:
    """Parse and validate a ledger; raise `InvalidLedger` with every problem."""
    text, problems = decode(data, path)
    ledger = None
    if text is not None:
        ledger, problems = _Loader(text, path, read_source, today).run()
    if problems or ledger is None:
        raise InvalidLedger(problems)
    return ledger


def appendable(text: str) -> bool:
    """Whether `text + fragment` parses as `text` with the fragment's blocks added.

    True when `text` is a valid ledger (the caller knows: it loaded it) whose
    root table has no `commitment` or `update` key: then both exist, if at
    all, only as arrays of tables made by [[commitment]] and [[update]]
    headers, and TOML lets such an array grow with each further header,
    wherever it stands. (A root key is the only way to make them a static
    array, `update = [...]`, which a header could not extend; as a table,
    `[update]`, the ledger would not be valid.) The fragment, one blank line
    and a [[commitment]] or [[update]] block after a final newline, holds
    nothing else. The root's keys are read by the TOML parser itself (see
    `_root`); where it cannot tell, the caller parses the whole new text.
    """
    keys = root_keys(text.removeprefix("\ufeff"))
    return keys is not None and not ({"commitment", "update"} & keys)


def extend(
    ledger: Ledger,
    fragment: str,
    path: str,
    read_source: ReadSource,
    today: dt.date,
    first_line: int,
) -> Ledger:
    """`ledger` with the blocks of `fragment` appended, validated against it by
    the same rules as a whole ledger; raise `InvalidLedger` with every problem.

    `first_line` is the fragment's first line in the file, for messages. Use it
    only where `appendable` holds for the text the ledger was loaded from.
    """
    loader = _Loader(fragment, path, read_source, today, line_offset=first_line - 1)
    return loader.run_appended(ledger)


def decode(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Ledger bytes as text: UTF-8, with or without a byte-order mark."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(path, 1, "the ledger is UTF-16; TOML must be UTF-8")]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a byte-order mark: allowed, and not part of the text
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return None, [
            Problem(path, line, f"not valid UTF-8 (byte {error.start + 1} of the file)")
        ]


def normalise_space(text: str) -> str:
    return " ".join(text.split())


class ArchivedText:
    """A source's archived text, whitespace folded, and where its words start.

    Finding each quote by scanning from the start of its source costs the
    source's length per quote, so a ledger ten times bigger (ten times the
    quotes, in ten times the text) cost a hundred times more. The word index
    is built once per source, on the first quote that needs it, and finds a
    fragment from the places of its rarest inner word.
    """

    __slots__ = ("_places", "_resume", "text")

    # Below this many characters a plain scan is cheaper than an index.
    INDEX_FROM = 32_768
    # How far past the end of a quote's last fragment the next is first
    # looked for by a plain scan.
    NEAR = 4096

    def __init__(self, text: str) -> None:
        self.text = normalise_space(text)
        self._places: dict[str, list[int]] | None = None
        # Where the last quote found in this text ended: see `holds`.
        self._resume = 0

    def places(self) -> dict[str, list[int]]:
        """Each word of the text, and the offsets it starts at, in order."""
        if self._places is None:
            words = self.text.split(" ")
            # A word starts one past the end of the word before it.
            starts = accumulate(map(add, map(len, words), repeat(1)), initial=0)
            places: defaultdict[str, list[int]] = defaultdict(list)
            # Each start appended to its word's list, in C: a Python loop
            # over the words cost more than all the rest of the index.
            deque(map(list.append, map(places.__getitem__, words), starts), 0)
            self._places = dict(places)
        return self._places

    def find(self, fragment: str, position: int) -> int:
        """The first offset at or after `position` where `fragment` occurs, or -1.

        `fragment` is whitespace-folded. The same answer as `str.find`: a word
        with a space on both sides within the fragment is a whole word of the
        text wherever the fragment occurs, so the fragment's occurrences are
        among that word's places, shifted back by its offset in the fragment.
        """
        return self.find_words(fragment, fragment.split(" "), position)

    def find_words(self, fragment: str, words: list[str], position: int) -> int:
        """`find`, given the fragment's words (its split at each space), which
        a caller that has just folded the fragment's whitespace already has."""
        if len(words) < 3 or len(self.text) < self.INDEX_FROM:
            return self.text.find(fragment, position)
        if position:
            # A fragment after an elision mostly follows the one before it
            # closely: a scan of the next few thousand characters finds it
            # for less than the index costs. An occurrence within them is the
            # first after `position`; where there is none, the index answers,
            # so the scan never costs more than NEAR characters a fragment.
            end = position + len(fragment) + self.NEAR
            near = self.text.find(fragment, position, end)
            if near >= 0:
                return near
        places = self.places()
        rarest: list[int] = []
        shift = offset = len(words[0]) + 1
        for number, word in enumerate(words[1:-1]):
            found = places.get(word)
            if found is None:
                return -1
            if number == 0 or len(found) < len(rarest):
                rarest, shift = found, offset
            offset += len(word) + 1
        for start in islice(rarest, bisect_left(rarest, position + shift), None):
            if self.text.startswith(fragment, start - shift):
                return start - shift
        return -1

    def holds(self, fragments: list[tuple[str, list[str]]]) -> bool:
        """Whether the fragments (each whitespace-folded, with its words)
        occur in this order, each after the end of the one before.

        A ledger records a meeting's pledges mostly as its text runs, so a
        quote is first looked for just past where the last one found ended:
        one whose first fragment is there, with the others after it, is
        proof enough. Otherwise the quote is looked for from the start, the
        first occurrence of each fragment after the one before, as a scan
        would: that finds the quote if anything does. On a text of a few
        repeated sentence shapes, where a quote's rarest word recurs
        thousands of times, the index alone walks ever more of them to the
        first occurrence as the text grows.
        """
        if not fragments:
            return True
        first = fragments[0][0]
        resume = self._resume
        if resume:
            end = resume + len(first) + self.NEAR
            near = self.text.find(first, resume, end)
            if near >= 0 and self._follow(fragments, near + len(first)):
                return True
        found = self.find_words(first, fragments[0][1], 0)
        return found >= 0 and self._follow(fragments, found + len(first))

    def _follow(self, fragments: list[tuple[str, list[str]]], position: int) -> bool:
        """Whether the fragments after the first occur in order from
        `position`, the end of the first; if so, the next quote is first
        looked for from where the last of them ends."""
        for fragment, words in islice(fragments, 1, None):
            found = self.find_words(fragment, words, position)
            if found < 0:
                return False
            position = found + len(fragment)
        self._resume = position
        return True


def quote_found(quote: str, source_text: str | ArchivedText) -> bool:
    """Whether `quote` occurs in `source_text`, with `...` marking elisions.

    Whitespace is folded on both sides; the fragments between elisions must
    occur in order.
    """
    if isinstance(source_text, str):
        source_text = ArchivedText(source_text)
    fragments = []
    for piece in quote.split("..."):
        words = piece.split()
        if words:
            # `normalise_space`, keeping the words
            fragments.append((" ".join(words), words))
    return source_text.holds(fragments)


_TOML_POSITION = r"(?s)^(.*) \(at line (\d+), column (\d+)\)$"


def _toml_problem(path: str, error: tomllib.TOMLDecodeError) -> Problem:
    # Python 3.11's TOMLDecodeError has no lineno attribute: read the message.
    message = str(error)
    match = re.match(_TOML_POSITION, message)
    if match:
        text, line, column = match.group(1), int(match.group(2)), int(match.group(3))
        return Problem(path, line, f"invalid TOML: {text}", column)
    return Problem(path, None, f"invalid TOML: {message}")


_KIND_NAMES: dict[type, str] = {
    bool: "a boolean",
    int: "an integer",
    float: "a float",
    str: "a string",
    list: "an array",
    dict: "a table",
    dt.date: "a date",
    dt.datetime: "a date-time",
    dt.time: "a time",
}


def _type_name(value: object) -> str:
    return _KIND_NAMES.get(type(value), type(value).__name__)


def _expected(kinds: tuple[type, ...]) -> str:
    if set(kinds) == {int, float}:
        return "a number"
    return " or ".join(_KIND_NAMES[k] for k in kinds)


class _Loader:
    """One validation pass; `run` returns the ledger and every problem found."""

    def __init__(
        self,
        text: str,
        path: str,
        read_source: ReadSource,
        today: dt.date,
        line_offset: int = 0,
    ) -> None:
        self.text = text
        self.line_offset = line_offset  # where `text` starts in the file
        # Commitments already in the ledger, when `text` is an appended block.
        self.existing: Mapping[str, Commitment] = {}
        self.path = path
        self.read_source = read_source
        self.today = today
        self.problems: list[Problem] = []
        # Line numbers cost a scan of the whole text, so the first pass goes
        # without them; only a ledger with problems is read again with them.
        self.sections: dict[str, list[Section]] = {}
        self.root: Section | None = None
        # Source key -> archived text, space folded; None if it could not be read.
        self.archives: dict[str, ArchivedText | None] = {}

    # -- reporting ---------------------------------------------------------

    def problem(self, line: int | None, message: str) -> None:
        if line is not None:
            line += self.line_offset
        self.problems.append(Problem(self.path, line, message))

    def section(self, name: str, index: int = 0) -> Section | None:
        """The `index`-th section called `name`, when lines are being found."""
        found = self.sections.get(name, ())
        return found[index] if index < len(found) else None

    def key_line(self, section: Section | None, key: str) -> int | None:
        if section is None:
            return None
        return section.keys.get(key, section.line)

    # -- typed field access ----------------------------------------------

    def field(
        self,
        table: Mapping[str, Any],
        key: str,
        kind: type | tuple[type, ...],
        where: str,
        section: Section | None,
        required: bool = True,
    ) -> Any:
        """The value of `key` if present and of `kind`; None (and a problem) if not."""
        if key not in table:
            if required:
                line = section.line if section else None
                self.problem(line, f"{where}: missing required field '{key}'")
            return None
        value = table[key]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        # bool is an int and datetime is a date in Python, but not in TOML.
        ok = any(type(value) is k for k in kinds)
        if not ok:
            self.problem(
                self.key_line(section, key),
                f"{where}: '{key}' should be {_expected(kinds)}, "
                f"not {_type_name(value)}",
            )
            return None
        return value

    def unknown_keys(
        self,
        table: Mapping[str, Any],
        known: tuple[str, ...],
        where: str,
        section: Section | None,
    ) -> None:
        for key in table:
            if key not in known:
                self.problem(
                    self.key_line(section, key),
                    f"{where}: unknown key '{key}'" + _did_you_mean(key, known),
                )

    def strings(
        self,
        table: Mapping[str, Any],
        key: str,
        where: str,
        section: Section | None,
        required: bool = True,
    ) -> tuple[str, ...] | None:
        values = self.field(table, key, list, where, section, required)
        if values is None:
            return None
        if not all(type(v) is str for v in values):
            self.problem(
                self.key_line(section, key),
                f"{where}: '{key}' should be an array of strings",
            )
            return None
        return tuple(values)

    # -- the pass ----------------------------------------------------------

    def run(self) -> tuple[Ledger | None, list[Problem]]:
        data = _toml_parts.fast_loads(self.text)
        if data is not None:
            ledger = self.validate(data)
            if not self.problems:
                return ledger, []
        # A problem is reported from tomllib's reading, whatever tomli said.
        data = self.parse()
        if data is None:
            return None, self.problems
        ledger = self.again_with_lines(lambda: self.validate(data))
        return (None, self.problems) if self.problems else (ledger, [])

    def run_appended(self, ledger: Ledger) -> Ledger:
        """The ledger with this text's blocks added, or `InvalidLedger`."""
        self.existing = ledger.commitment_by_id
        data = _toml.fast_loads(self.text)
        if data is not None:
            added = self.validate_appended(data, ledger)
            if not self.problems:
                return ledger.extended(*added)
        data = self.parse()
        if data is None:
            raise InvalidLedger(self.problems)
        added = self.again_with_lines(lambda: self.validate_appended(data, ledger))
        if self.problems:
            raise InvalidLedger(self.problems)
        return ledger.extended(*added)

    def parse(self) -> dict[str, Any] | None:
        """The document as tomllib reads it, or None (and its problem)."""
        try:
            return tomllib.loads(self.text)
        except tomllib.TOMLDecodeError as error:
            problem = _toml_problem(self.path, error)
            if problem.line is not None:
                problem = problem._replace(line=problem.line + self.line_offset)
            self.problems = [problem]
        except RecursionError:
            self.problems = [
                Problem(self.path, None, "invalid TOML: nested too deeply")
            ]
        return None

    def again_with_lines(self, validate: Callable[[], T]) -> T:
        """Validate again, now finding the line of each problem."""
        self.problems = []
        for section in locate(self.text):
            self.sections.setdefault(section.name, []).append(section)
        self.root = self.sections[""][0]
        result = validate()
        # In file order, as a compiler reports them.
        self.problems.sort(key=lambda p: p.line or 0)
        return result

    def validate_appended(
        self, data: dict[str, Any], ledger: Ledger
    ) -> tuple[tuple[Commitment, ...], tuple[Update, ...]]:
        self.unknown_keys(data, ("commitment", "update"), "appended block", self.root)
        sources = ledger.source_by_key
        added = self.commitments(data, ledger.country_names, sources)
        everything = {**ledger.commitment_by_id, **added}
        updates = self.updates(
            data,
            everything,
            sources=sources,
            scale=ledger.scale,
            require_evidence=ledger.require_evidence,
            countries=ledger.country_names,
        )
        return tuple(added.values()), tuple(updates)

    def validate(self, data: dict[str, Any]) -> Ledger | None:
        root = self.root
        self.unknown_keys(data, TOP_KEYS, "ledger", root)

        schema = self.field(data, "schema", int, "ledger", root)
        if schema is not None and schema != SCHEMA:
            self.problem(
                self.key_line(root, "schema"),
                f"unsupported schema {schema}; this tracker reads schema {SCHEMA}",
            )
        title = self.field(data, "title", str, "ledger", root)
        require_evidence = self.field(
            data, "require_evidence", bool, "ledger", root, required=False
        )
        countries = self.countries(data)
        sources = self.sources(data)
        scale = self.scale(data)
        commitments = self.commitments(data, countries, sources)
        updates = self.updates(
            data,
            commitments,
            sources=sources,
            scale=scale,
            require_evidence=bool(require_evidence),
            countries=countries,
        )
        if self.problems or title is None:
            return None
        return Ledger(
            title=title,
            countries=tuple(countries.items()),
            sources=tuple(sources.values()),
            commitments=tuple(commitments.values()),
            updates=tuple(updates),
            scale=scale,
            require_evidence=bool(require_evidence),
            schema=SCHEMA,
        )

    def table_of(self, data: Mapping[str, Any], key: str) -> dict[str, Any]:
        value = data.get(key, {})
        if type(value) is not dict:
            self.problem(
                self.key_line(self.root, key),
                f"ledger: '{key}' should be a table, not {_type_name(value)}",
            )
            return {}
        return value

    def array_of_tables(self, data: Mapping[str, Any], key: str) -> list[Any]:
        value = data.get(key, [])
        if type(value) is not list:
            self.problem(
                self.key_line(self.root, key),
                f"ledger: '{key}' should be an array of tables ([[{key}]]), "
                f"not {_type_name(value)}",
            )
            return []
        return value

    def countries(self, data: Mapping[str, Any]) -> dict[str, str]:
        section = self.section("countries")
        countries: dict[str, str] = {}
        for code, name in self.table_of(data, "countries").items():
            line = self.key_line(section, code)
            if not COUNTRY_CODE.fullmatch(code):
                self.problem(
                    line, f"countries: '{code}' is not a two-letter country code"
                )
            elif type(name) is not str or not name.strip():
                self.problem(line, f"countries: '{code}' should name the country")
            else:
                countries[code] = name
        return countries

    def sources(self, data: Mapping[str, Any]) -> dict[str, Source]:
        sources: dict[str, Source] = {}
        for key, table in self.table_of(data, "sources").items():
            section = self.section(f"sources.{key}") or self.section("sources")
            where = f"source '{key}'"
            if type(table) is not dict:
                self.problem(self.key_line(section, key), f"{where} should be a table")
                continue
            if not SLUG.fullmatch(key):
                self.problem(
                    section.line if section else None,
                    f"{where}: key is not a slug (lowercase letters, digits, '-')",
                )
            self.unknown_keys(table, SOURCE_KEYS, where, section)
            title = self.field(table, "title", str, where, section)
            # Required only of a source a commitment quotes: see `commitments`.
            date = self.field(table, "date", dt.date, where, section, required=False)
            published = self.field(
                table, "published", dt.date, where, section, required=False
            )
            place = self.field(table, "place", str, where, section, required=False)
            url = self.field(table, "url", str, where, section, required=False)
            text = self.field(table, "text", str, where, section, required=False)
            publisher = self.field(
                table, "publisher", str, where, section, required=False
            )
            if text is not None:
                self.read_archive(key, text, section)
            if title is None:
                continue
            sources[key] = Source(
                key=key,
                title=title,
                date=date,
                published=published,
                place=place,
                url=url,
                text=text,
                publisher=publisher,
            )
        return sources

    def scale(self, data: Mapping[str, Any]) -> Scale:
        if "statuses" not in data:
            return DEFAULT_SCALE
        section = self.section("statuses")
        table = self.table_of(data, "statuses")
        statuses: list[Status] = []
        for name, spec in table.items():
            where = f"status '{name}'"
            line = self.key_line(section, name)
            sub = self.section(f"statuses.{name}") or section
            if not SLUG.fullmatch(name):
                self.problem(line, f"{where}: name is not a slug")
            elif name == SPLIT:
                self.problem(
                    line,
                    f"{where}: the name is reserved for a commitment whose "
                    "parties differ",
                )
            if type(spec) is not dict:
                self.problem(
                    line,
                    f"{where} should be a table like {{ progress = 0.5, score = 0 }}",
                )
                continue
            self.unknown_keys(spec, STATUS_KEYS, where, sub)
            progress = self.field(spec, "progress", (float, int), where, sub)
            score = self.field(spec, "score", (int, float), where, sub)
            closed = self.field(spec, "closed", bool, where, sub, required=False)
            if progress is not None and not 0 <= progress <= 1:
                self.problem(line, f"{where}: progress should be from 0 to 1")
                progress = None
            if score is not None and not -1 <= score <= 1:
                self.problem(line, f"{where}: score should be from -1 to 1")
                score = None
            if progress is not None and score is not None:
                statuses.append(Status(name, float(progress), score, bool(closed)))
        if not table:
            self.problem(
                section.line if section else None, "statuses: the scale is empty"
            )
        return Scale(tuple(statuses)) if statuses else DEFAULT_SCALE

    def commitments(
        self,
        data: Mapping[str, Any],
        countries: Mapping[str, str],
        sources: Mapping[str, Source],
    ) -> dict[str, Commitment]:
        commitments: dict[str, Commitment] = {}
        seen: dict[str, Section | None] = {}  # id -> where it was first defined
        context = rules.CommitmentContext(countries=countries, sources=sources)
        for index, table in enumerate(self.array_of_tables(data, "commitment")):
            clean = self.clean_commitment(table, context, seen)
            if clean is not None:
                seen[clean.id] = self.section("commitment", index)
                commitments[clean.id] = clean
                continue
            section = self.section("commitment", index)
            where = f"commitment #{index + 1}"
            if type(table) is not dict:
                self.problem(
                    section.line if section else None, f"{where} should be a table"
                )
                continue
            cid = self.field(table, "id", str, where, section)
            if cid is not None:
                where = f"commitment '{cid}'"
                if not SLUG.fullmatch(cid):
                    self.problem(
                        self.key_line(section, "id"),
                        f"{where}: id is not a slug (lowercase letters, digits, '-')",
                    )
                elif cid in self.existing:
                    self.problem(
                        self.key_line(section, "id"),
                        f"{where}: duplicate id (already in the ledger)",
                    )
                    cid = None
                elif cid in seen:
                    first = seen[cid]
                    self.problem(
                        self.key_line(section, "id"),
                        f"{where}: duplicate id (first defined on line "
                        f"{first.line if first else '?'})",
                    )
                    cid = None
                else:
                    seen[cid] = section
            self.unknown_keys(table, COMMITMENT_KEYS, where, section)
            title = self.field(table, "title", str, where, section)
            parties = self.strings(table, "countries", where, section)
            category = self.field(table, "category", str, where, section)
            made = self.field(table, "made", dt.date, where, section)
            source = self.field(table, "source", str, where, section)
            quote = self.field(table, "quote", str, where, section)
            due = self.field(table, "due", dt.date, where, section, required=False)
            tags = self.strings(table, "tags", where, section, required=False)
            notes = self.field(table, "notes", str, where, section, required=False)
            by = self.field(table, "by", str, where, section, required=False)

            draft = rules.CommitmentDraft(
                title=title,
                countries=parties,
                category=category,
                made=made,
                source=source,
                quote=quote,
                due=due,
                by=by,
            )
            for finding in rules.judge_commitment(draft, context):
                self.problem(
                    self.key_line(section, finding.key), f"{where}: {finding.message}"
                )
            if quote is not None and source in sources:
                self.check_quote(
                    quote, sources[source], where, self.key_line(section, "quote")
                )
            values = (cid, title, category, made, source, quote)
            if parties is None or any(v is None for v in values):
                continue
            commitments[cid] = Commitment(
                id=cid,
                title=title,
                countries=parties,
                category=category,
                made=made,
                source=source,
                quote=quote,
                due=due,
                tags=tags or (),
                notes=notes,
                by=by,
            )
        return commitments

    def clean_commitment(
        self,
        table: object,
        context: rules.CommitmentContext,
        seen: Mapping[str, object],
    ) -> Commitment | None:
        """The commitment `table` is if nothing about it is wrong, else None.

        Most tables are whole and right: this checks their shape in one go,
        then the rules as one question (`rules.commitment_is_clean`). Where
        the answer is no, `commitments` reads the table field by field and
        says what is wrong, as it always has.
        """
        if type(table) is not dict or not table.keys() <= _COMMITMENT_KEY_SET:
            return None
        get = table.get
        cid, title, parties = get("id"), get("title"), get("countries")
        category, made, key, quote = (
            get("category"),
            get("made"),
            get("source"),
            get("quote"),
        )
        due, tags, notes, by = get("due"), get("tags"), get("notes"), get("by")
        if not (
            type(cid) is str
            and type(title) is str
            and type(parties) is list
            and type(category) is str
            and type(made) is dt.date
            and type(key) is str
            and type(quote) is str
            and (due is None or type(due) is dt.date)
            and (
                tags is None or (type(tags) is list and {*map(type, tags)} <= _ONLY_STR)
            )
            and (notes is None or type(notes) is str)
            and (by is None or type(by) is str)
            and {*map(type, parties)} <= _ONLY_STR
            and SLUG.fullmatch(cid)
            and cid not in self.existing
            and cid not in seen
        ):
            return None
        countries = tuple(parties)
        draft = rules.CommitmentDraft(
            title, countries, category, made, key, quote, due, by
        )
        if not rules.commitment_is_clean(draft, context):
            return None
        # The source is known and has a text (the rules say so); a block
        # appended to a ledger may quote one whose archive is not read yet.
        if key not in self.archives:
            return None
        archived = self.archives[key]
        if archived is not None and not quote_found(quote, archived):
            return None
        fields = (cid, title, countries, category, made, key, quote, due)
        return _make(Commitment, (*fields, tuple(tags) if tags else (), notes, by))

    def read_archive(self, key: str, relative: str, section: Section | None) -> None:
        raw = self.read_source(relative)
        if raw is None:
            self.problem(
                self.key_line(section, "text"),
                f"source '{key}': archived text '{relative}' not found",
            )
        self.archives[key] = None if raw is None else ArchivedText(raw)

    def check_quote(
        self, quote: str, source: Source, where: str, line: int | None
    ) -> None:
        # A whole ledger has read every archive with its sources; a block
        # appended to one reads only those its commitments quote, here.
        if source.text is not None and source.key not in self.archives:
            self.read_archive(source.key, source.text, None)
        archived = self.archives.get(source.key)
        if archived is not None and not quote_found(quote, archived):
            self.problem(
                line,
                f"{where}: quote not found in the archived text of '{source.key}'",
            )

    def updates(
        self,
        data: Mapping[str, Any],
        commitments: Mapping[str, Commitment],
        *,
        sources: Mapping[str, Source],
        scale: Scale,
        require_evidence: bool,
        countries: Mapping[str, str],
    ) -> list[Update]:
        """Each [[update]] decoded, then judged by `rules.UPDATE_RULES`."""
        updates: list[Update] = []
        ctx = rules.UpdateContext(
            commitments=commitments,
            declared=self.declared_ids(data) | set(self.existing),
            sources=sources,
            scale=scale,
            require_evidence=require_evidence,
            today=self.today,
            countries=countries,
        )
        statuses = frozenset(scale.names)
        for index, table in enumerate(self.array_of_tables(data, "update")):
            clean = self.clean_update(table, ctx, statuses)
            if clean is not None:
                updates.append(clean)
                continue
            section = self.section("update", index)
            where = f"update #{index + 1}"
            if type(table) is not dict:
                self.problem(
                    section.line if section else None, f"{where} should be a table"
                )
                continue
            draft, recorded = self.update_draft(table, where, section)
            for finding in rules.judge_update(draft, ctx):
                self.problem(
                    self.key_line(section, finding.key), f"{where}: {finding.message}"
                )
                if finding.key == "status":
                    draft = draft._replace(status=None)
            cid, date, status, note = draft[:4]
            if (
                cid is None
                or date is None
                or status is None
                or note is None
                or cid not in commitments
            ):
                continue
            updates.append(
                Update(
                    commitment=cid,
                    date=date,
                    status=status,
                    note=note,
                    evidence=draft.evidence or (),
                    recorded=recorded,
                    parties=draft.parties or (),
                    by=draft.by,
                )
            )
        return updates

    def clean_update(
        self, table: object, ctx: rules.UpdateContext, statuses: frozenset[str]
    ) -> Update | None:
        """The update `table` is if nothing about it is wrong, else None (and
        `updates` says what is): as `clean_commitment`, for an update."""
        if type(table) is not dict or not table.keys() <= _UPDATE_KEY_SET:
            return None
        get = table.get
        cid, date, status, note = (
            get("commitment"),
            get("date"),
            get("status"),
            get("note"),
        )
        evidence, parties, by, recorded = (
            get("evidence"),
            get("parties"),
            get("by"),
            get("recorded"),
        )
        if not (
            type(cid) is str
            and type(date) is dt.date
            and type(status) is str
            and type(note) is str
            and (
                evidence is None
                or (type(evidence) is list and {*map(type, evidence)} <= _ONLY_STR)
            )
            and (
                parties is None
                or (type(parties) is list and {*map(type, parties)} <= _ONLY_STR)
            )
            and (by is None or type(by) is str)
            and (recorded is None or type(recorded) is dt.datetime)
            and cid in ctx.commitments
        ):
            return None
        evidence = None if evidence is None else tuple(evidence)
        parties = None if parties is None else tuple(parties)
        draft = rules.UpdateDraft(cid, date, status, note, evidence, parties, by)
        if not rules.update_is_clean(draft, ctx, statuses):
            return None
        # Update(...) with its fields in order, less the keyword handling.
        fields = (cid, date, status, note, evidence or (), recorded)
        return _make(Update, (*fields, parties or (), by))

    def update_draft(
        self, table: Mapping[str, Any], where: str, section: Section | None
    ) -> tuple[rules.UpdateDraft, dt.datetime | None]:
        """The shape of an update: each field of its type, or None."""
        self.unknown_keys(table, UPDATE_KEYS, where, section)
        draft = rules.UpdateDraft(
            commitment=self.field(table, "commitment", str, where, section),
            date=self.field(table, "date", dt.date, where, section),
            status=self.field(table, "status", str, where, section),
            note=self.field(table, "note", str, where, section),
            evidence=self.strings(table, "evidence", where, section, required=False),
            parties=self.strings(table, "parties", where, section, required=False),
            by=self.field(table, "by", str, where, section, required=False),
        )
        recorded = self.field(
            table, "recorded", dt.datetime, where, section, required=False
        )
        return draft, recorded

    def declared_ids(self, data: Mapping[str, Any]) -> set[str]:
        """Every id a commitment claims, valid or not, so that a broken
        commitment does not also make each of its updates a problem."""
        value = data.get("commitment", [])
        if type(value) is not list:
            return set()
        return {t["id"] for t in value if type(t) is dict and type(t.get("id")) is str}
