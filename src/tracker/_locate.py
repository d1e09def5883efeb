"""Line numbers for the parts of a TOML document.

tomllib returns values without positions, so this scanner walks the text once
and records where each table header and each key starts. It understands just
enough TOML to skip strings, comments and multi-line arrays, so that a `[x]`
inside a string or an array is never taken for a header.
"""

from __future__ import annotations


class Section:
    """A table header (or the root) and the lines of the keys under it."""

    __slots__ = ("is_array", "keys", "line", "name")

    def __init__(self, name: str, is_array: bool, line: int) -> None:
        self.name = name  # dotted, unquoted: "", "countries", "sources.x", "commitment"
        self.is_array = is_array
        self.line = line
        self.keys: dict[str, int] = {}


def _unquote(part: str) -> str:
    part = part.strip()
    if len(part) >= 2 and part[0] == part[-1] and part[0] in "\"'":
        return part[1:-1]
    return part


def _dotted(name: str) -> str:
    return ".".join(_unquote(p) for p in name.split("."))


def _string_end(line: str, start: int, quote: str) -> int:
    """Index just past the single-line string opened at `start`, or len(line)."""
    i = start + 1
    while i < len(line):
        if quote == '"' and line[i] == "\\":
            i += 2
            continue
        if line[i] == quote:
            return i + 1
        i += 1
    return len(line)


def locate(text: str, root_only: bool = False) -> list[Section]:
    """Every section of `text` in order, the root first (only the root, and
    read no further than the first header, with `root_only`)."""
    sections = [Section("", False, 1)]
    depth = 0  # open [ and { of a value that spans lines
    multiline: str | None = None  # the delimiter of an open multi-line string
    # Split on "\n" only, as TOML and tomllib count lines; splitlines() would
    # also break at form feeds and U+2028, which strings may hold.
    for number, line in enumerate(text.split("\n"), start=1):
        i = 0
        if multiline is not None:
            end = line.find(multiline)
            if end < 0:
                continue
            multiline, i = None, end + 3
        elif depth == 0:
            stripped = line.lstrip()
            if stripped.startswith("["):
                header = _header(stripped)
                if header is not None:
                    if root_only:
                        break
                    name, is_array = header
                    sections.append(Section(name, is_array, number))
                    continue
            key = _key(stripped)
            if key is not None:
                sections[-1].keys.setdefault(key, number)
                i = line.find("=") + 1
        while i < len(line):
            char = line[i]
            if char == "#":
                break
            if line.startswith(('"""', "'''"), i):
                delimiter = line[i : i + 3]
                end = line.find(delimiter, i + 3)
                if end < 0:
                    multiline = delimiter
                    break
                i = end + 3
            elif char in "\"'":
                i = _string_end(line, i, char)
            else:
                if char in "[{":
                    depth += 1
                elif char in "]}":
                    depth = max(depth - 1, 0)
                i += 1
    return sections


def _header(stripped: str) -> tuple[str, bool] | None:
    is_array = stripped.startswith("[[")
    close = stripped.find("]]" if is_array else "]")
    if close < 0:
        return None
    name = stripped[2 if is_array else 1 : close]
    return _dotted(name), is_array


def _key(stripped: str) -> str | None:
    if not stripped or stripped[0] in "#=":
        return None
    if stripped[0] in "\"'":
        end = _string_end(stripped, 0, stripped[0])
        rest = stripped[end:].lstrip()
        if not rest.startswith(("=", ".")):
            return None
        return _unquote(stripped[:end])
    eq = stripped.find("=")
    if eq < 0:
        return None
    return _unquote(stripped[:eq].split(".")[0])
