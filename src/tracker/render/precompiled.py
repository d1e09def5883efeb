"""The report's templates compiled ahead of time: Python modules shipped in
the package (`render/compiled/`), so a run does not compile them.

Compiling the three templates cost every `html` and `svg` run about 0.1 s
(Jinja's code generation, then Python's compile). A compiled module is
installed like any other module of the tracker, so it can only run what the
package itself runs; the cache directory never holds code.

A module is used only while it is what the template compiles to now: it
carries the SHA-256 of the template's text and the Jinja version that made
it, and a template edited since, or another Jinja, is compiled as before.
After editing a template, write the modules again:

    python -m tracker.render.precompiled
"""

from __future__ import annotations

import hashlib
import importlib
from pathlib import Path
from types import ModuleType

import jinja2

PACKAGE = "tracker.render.compiled"
DIRECTORY = Path(__file__).parent / "compiled"
SOURCES = Path(__file__).parent / "templates"
TEMPLATES = ("report.html.j2", "fragments.html.j2", "charts.svg.j2")
HEADER = (
    "# The template {name} compiled by Jinja {version}: written by\n"
    "# `python -m tracker.render.precompiled`, never by hand.\n"
    "# mypy: ignore-errors\n"
    "SOURCE_SHA256 = {digest!r}\n"
    "JINJA_VERSION = {version!r}\n"
)


def module_name(template: str) -> str:
    """`report.html.j2` is the module `report_html`."""
    return template.removesuffix(".j2").replace(".", "_")


def digest(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def module_text(environment: jinja2.Environment, name: str, source: str) -> str:
    """The module for template `name` whose text is `source`: Jinja's own
    code, as its `compile_templates` writes it, after a header."""
    code = environment.compile(source, name, name, raw=True, defer_init=True)
    header = HEADER.format(name=name, version=jinja2.__version__, digest=digest(source))
    return header + code


def load(name: str, source: str) -> ModuleType | None:
    """The compiled module of template `name`, if it is `source` compiled by
    this Jinja; None if there is none or it is out of date."""
    if name not in TEMPLATES:
        return None
    try:
        module = importlib.import_module(f"{PACKAGE}.{module_name(name)}")
    except ImportError:
        return None
    current = (
        getattr(module, "SOURCE_SHA256", None) == digest(source)
        and getattr(module, "JINJA_VERSION", None) == jinja2.__version__
    )
    return module if current else None


def write_all(environment: jinja2.Environment) -> list[Path]:
    """Write the module of every template; the paths written."""
    DIRECTORY.mkdir(exist_ok=True)
    init = DIRECTORY / "__init__.py"
    init.write_text(
        '"""The templates compiled ahead of time (see `precompiled`)."""\n',
        encoding="utf-8",
    )
    written = [init]
    for name in TEMPLATES:
        # As Jinja's loader reads it: newlines as they are in the file.
        source = (SOURCES / name).read_bytes().decode("utf-8")
        path = DIRECTORY / f"{module_name(name)}.py"
        path.write_text(module_text(environment, name, source), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    from tracker.render import html_report

    for path in write_all(html_report.environment()):
        print(path)
