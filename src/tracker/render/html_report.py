"""The status report as a self-contained HTML page, and its charts as one SVG.

Both are Jinja2 templates kept beside this module (`templates/`), with
autoescaping on: ledger text can only ever be text. Jinja2 is imported here
and nowhere else, so only the commands that write HTML or SVG load it.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from collections.abc import Callable, Iterator, MutableMapping, Sequence
from itertools import islice
from typing import Any, NamedTuple

import jinja2
import markupsafe

from tracker._memo import Memo
from tracker.render import precompiled, template_code
from tracker.render.report_view import Bar, Legend, View

TEMPLATES = precompiled.SOURCES


def _escape(value: object) -> str:
    """What autoescaping outputs for `value`, the same characters as
    `markupsafe.escape`, but a plain string for plain text. A page of ten
    thousand commitments escapes some 300,000 values, and wrapping each in a
    `Markup` that is only joined into the page was nearly half its cost."""
    if type(value) is str:
        return _escape_text(value)
    if type(value) is markupsafe.Markup:  # a fragment rendered once: as is
        return value
    if type(value) is int:  # a count or a rank: digits and a sign, as they are
        return str(value)
    return markupsafe.escape(value)


# The C escape that markupsafe.escape itself applies to text; a markupsafe
# without it gets markupsafe.escape, whose Markup is a str all the same.
_escape_text: Callable[[str], str] = getattr(
    markupsafe, "_escape_inner", markupsafe.escape
)


class _Template(jinja2.Template):
    """A template whose output expressions escape through `_escape`."""

    @classmethod
    def from_code(cls, *args: Any, **kwargs: Any) -> jinja2.Template:
        return _escaping(super().from_code(*args, **kwargs))

    @classmethod
    def from_module_dict(cls, *args: Any, **kwargs: Any) -> jinja2.Template:
        return _escaping(super().from_module_dict(*args, **kwargs))


def _escaping(template: jinja2.Template) -> jinja2.Template:
    # The compiled template's namespace, shared by its macros, binds the
    # name its `{{ ... }}` expressions call; replace only what is known.
    namespace = template.root_render_func.__globals__
    if namespace.get("escape") is markupsafe.escape:
        namespace["escape"] = _escape
    # What the report's code (template_code) calls for a plain string.
    namespace["escape_text"] = _escape_text
    return template


class _Loader(jinja2.FileSystemLoader):
    """The templates beside this module, each from its module compiled ahead
    of time (`precompiled`) while that is current, else compiled now."""

    def load(
        self,
        environment: jinja2.Environment,
        name: str,
        globals: MutableMapping[str, Any] | None = None,
    ) -> jinja2.Template:
        source, _, _ = self.get_source(environment, name)
        module = precompiled.load(name, source)
        if module is None:
            return super().load(environment, name, globals)
        return environment.template_class.from_module_dict(
            environment, module.__dict__, {} if globals is None else globals
        )


def environment() -> jinja2.Environment:
    """The one environment of the report's templates (see `precompiled`)."""
    return _environment()


@functools.cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=_Loader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    environment.template_class = _Template
    environment.code_generator_class = template_code.ReportCodeGenerator
    # Every value the templates read is a named tuple, a class with slots
    # (a section and its updates) or a loop, so an attribute is only ever an
    # attribute: Python's own getattr, without Jinja's fallback to an item
    # (a call per value, half a million a page).
    environment.getattr = getattr  # type: ignore[assignment,method-assign]
    return environment


@functools.cache
def stylesheet() -> tuple[str, str]:
    """The page's CSS and its CSP source: the page allows that one stylesheet
    (by its SHA-256) and nothing else, so no style can be injected."""
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest())
    return css, "sha256-" + digest.decode("ascii")


def to_html(view: View) -> str:
    return "".join(html_pieces(view))


def html_chunks(view: View) -> Iterator[bytes]:
    """The page as UTF-8, some sixty of its pieces at a time (a piece is at
    most a commitment's section): a page of ten thousand commitments is
    some 23 MB, which never has to be held whole.

    Each piece is encoded on its own: one character beyond Latin-1 makes a
    whole string two bytes a character, and its encoding several times
    slower, so text joined before encoding would pay that for every
    section where one in two has such a character."""
    pieces = map(str.encode, html_pieces(view))
    while chunk := list(islice(pieces, 64)):
        yield b"".join(chunk)


def html_pieces(view: View) -> Iterator[str]:
    """The page, in the pieces the template yields."""
    css, style_hash = stylesheet()
    environment = _environment()
    # A template's macros are its module's attributes, which mypy cannot see.
    fragments: Any = environment.get_template("fragments.html.j2").module
    rank = {s.name: s.rank for s in view.legend}
    template = environment.get_template("report.html.j2")
    return template.generate(
        v=view,
        css=markupsafe.Markup(css),
        style_hash=style_hash,
        trend=trend(view.timeline),
        # A status not on the scale is a split commitment's label.
        badges=Memo[str, markupsafe.Markup](
            lambda name: fragments.badge(name, rank.get(name, len(rank)))
        ),
        parties=Memo[str, markupsafe.Markup](fragments.party),
    )


class Block(NamedTuple):
    """A rectangle of a stacked column: one status's count at one date."""

    x: float
    y: float
    width: float
    height: float
    colour: str
    title: str


class Trend(NamedTuple):
    """The geometry of the charts over time (viewBox 400 x 170)."""

    blocks: list[Block]
    top: int  # the count the columns' axis runs up to
    points: list[tuple[float, float, str]]  # compliance: (x, y, title)
    first: str
    last: str


def trend(points: Sequence[Bar]) -> Trend | None:
    """Stacked columns of status counts and a line of compliance, one x per
    date, in a 400 x 170 box: the plot spans x 44-392 and y 20-140."""
    if not points:
        return None
    top = max(max(p.total for p in points), 1)
    step = 348 / len(points)
    width = max(min(step * 0.7, 28), 1.5)
    blocks, line = [], []
    for i, p in enumerate(points):
        centre = 44 + step * (i + 0.5)
        base = 140.0
        for s in p.segments:
            height = 120 * s.number / top
            base -= height
            title = f"{p.label}: {s.number} {s.status}"
            blocks.append(
                Block(centre - width / 2, base, width, height, s.colour, title)
            )
        if p.compliance_value is not None:
            y = 140 - 1.2 * p.compliance_value
            line.append((centre, y, f"{p.label}: compliance {p.compliance}"))
    return Trend(blocks, top, line, points[0].label, points[-1].label)


# The SVG's geometry, in user units (pixels at 100%).
WIDTH = 960
MARGIN = 32
LABEL_WIDTH = 230  # party and category names left of the bars
BAR_X = MARGIN + LABEL_WIDTH
BAR_WIDTH = WIDTH - BAR_X - MARGIN - 72  # room on the right for a percentage
ROW = 26
HEADING = 40  # a chart's heading and the gap above it


class Geometry(NamedTuple):
    """The SVG's fixed measures, as the template reads them."""

    width: int
    margin: int
    bar_x: int
    bar_width: int
    row: int


class Layout(NamedTuple):
    """Where each block of the SVG starts, top to bottom."""

    legend: list[tuple[float, Legend]]  # (x, status) along one line
    legend_y: int
    charts: list[tuple[str, int, tuple[Bar, ...]]]  # (caption, top, bars)
    footer_y: int
    height: int


def layout(view: View) -> Layout:
    x: float = MARGIN
    legend = []
    for status in view.swatches:
        legend.append((x, status))
        x += 34 + 7.4 * len(status.name)
    y = 200
    charts = []
    for caption, bars in (
        ("Statuses by party", view.parties),
        ("Statuses by category", view.categories),
        ("Status counts and compliance at each quarter end", view.timeline),
    ):
        y += HEADING
        charts.append((caption, y, bars))
        y += ROW * max(len(bars), 1)
    return Layout(legend, 190, charts, y + 40, y + 64)


def to_svg(view: View) -> str:
    """The report's charts on one light page, for slides: no frame, no
    external fonts (a system font stack), every number also in words."""
    template = _environment().get_template("charts.svg.j2")
    geometry = Geometry(WIDTH, MARGIN, BAR_X, BAR_WIDTH, ROW)
    return template.render(v=view, layout=layout(view), g=geometry)
