"""The warm path: what a command does when the cache holds its ledger.

It decodes one entry into typed records, never imports the TOML parser or the
validation rules, and writes a list of records with one encoder.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.render import machine

from conftest import SMALL, write_ledger

# A record as list and log write them: strings (any text, quotes, control
# characters, astral planes), numbers, booleans, None, lists and objects.
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
records = st.dictionaries(
    st.text(),
    st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(st.text(max_size=4), inner, max_size=3)
        ),
        max_leaves=8,
    ),
    max_size=6,
)


@settings(derandomize=True, max_examples=300)
@given(items=st.lists(records, max_size=4))
def test_one_encoder_writes_what_json_dumps_writes(items: list[Any]) -> None:
    encode = machine.record_encoder()
    for item in items:
        assert encode(item) == json.dumps(item, ensure_ascii=False)
    assert b"".join(machine.json_chunks(items)).decode() == (
        machine.json_safe(
            "[\n  "
            + ",\n  ".join(json.dumps(i, ensure_ascii=False) for i in items)
            + "\n]\n"
        )
        if items
        else "[]\n"
    )


def test_without_the_c_accelerator_the_same_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    item = {"id": "kz-consulates", "title": "Générale «x»\n", "n": [1, 2.5, None]}
    expected = machine.record_encoder()(item)
    monkeypatch.setattr(json.encoder, "c_make_encoder", None)
    assert machine.record_encoder()(item) == expected


WARM_RUN = """
import sys
from tracker.cli import main
try:
    main()
except SystemExit as exit:
    assert not exit.code, exit.code
parsing = [m for m in ("tracker.loader", "tracker.rules", "tomllib", "tomli") if m in sys.modules]
print(parsing, file=sys.stderr)
"""


def test_a_warm_run_never_imports_the_parser(tmp_path: Path) -> None:
    path = write_ledger(tmp_path, SMALL + "# padding\n" * 20_000)  # cached size
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    env.pop("TRACKER_NO_CACHE", None)
    command = [sys.executable, "-c", WARM_RUN, "list", "-f", "json", "--ledger"]
    cold = subprocess.run([*command, str(path)], env=env, capture_output=True)
    warm = subprocess.run([*command, str(path)], env=env, capture_output=True)
    assert cold.stderr.decode().startswith("['tracker.loader', 'tracker.rules', 'toml")
    assert warm.stderr.decode().strip() == "[]"
    assert warm.stdout == cold.stdout
    assert json.loads(warm.stdout)[0]["id"] == "water-lab"


documents = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(derandomize=True, max_examples=400)
@given(data=documents)
def test_an_indented_document_is_what_json_dumps_writes(data: Any) -> None:
    assert machine.indented(data) == json.dumps(data, ensure_ascii=False, indent=2)


def test_ctrl_c_during_start_up_is_one_line_and_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tracker import _entry

    class Interrupting:
        """Imports `tracker.cli` as a Ctrl-C would find it: half done."""

        def find_spec(self, name: str, *args: object) -> None:
            if name == "tracker.cli":
                raise KeyboardInterrupt
            return

    monkeypatch.setattr(gc, "disable", lambda: None)  # not in the test process
    monkeypatch.delitem(sys.modules, "tracker.cli")
    monkeypatch.setattr(sys, "meta_path", [Interrupting(), *sys.meta_path])
    with pytest.raises(SystemExit) as exit:
        _entry.main()
    assert exit.value.code == 130
    assert capsys.readouterr().err == "error: interrupted\n"


def naive_width(text: str) -> int:
    import unicodedata

    return sum(
        0
        if unicodedata.combining(c)
        else 2
        if unicodedata.east_asian_width(c) in "WF"
        else 1
        for c in text
    )


@settings(derandomize=True, max_examples=500)
@given(text=st.text() | st.text(st.sampled_from("aé\u0301中ｱ\u200b\x1b ")))
def test_a_width_is_the_sum_of_its_characters_columns(text: str) -> None:
    from tracker.render.text import width

    assert width(text) == naive_width(text)


def _read_by_typer(app: Any) -> list[Any]:
    """Every function whose signature Typer reads as a run starts: the
    callbacks of the app and its commands, and of their parameters."""
    import inspect
    import typing

    functions = [app.registered_callback.callback]
    functions += [info.callback for info in app.registered_commands]
    for function in list(functions):
        for parameter in inspect.signature(function).parameters.values():
            for info in typing.get_args(parameter.annotation)[1:]:
                functions += [
                    getattr(info, name)
                    for name in ("autocompletion", "callback", "parser")
                    if getattr(info, name, None) is not None
                ]
    return functions


def test_typer_reads_no_annotation_written_as_a_string() -> None:
    """Typer reads these signatures on every run; a string annotation would be
    compiled anew each time (`from __future__ import annotations`)."""
    from tracker.cli import app

    functions = _read_by_typer(app)
    assert len({f.__module__ for f in functions}) >= 2  # cli's and _complete's
    for function in functions:
        annotations = getattr(function, "__annotations__", {})
        assert not any(isinstance(a, str) for a in annotations.values()), function
