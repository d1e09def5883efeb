"""The parse cache: used only when nothing it was made from has changed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import msgspec
import pytest

from tracker import _cache, _cache_entry, loader, query, store
from tracker.errors import InvalidLedger, TrackerError
from tracker.model import Ledger

from conftest import SMALL, Run, write_ledger

TODAY = dt.date(2026, 11, 28)
WITH_UPDATES = (
    SMALL
    + """
[[update]]
commitment = "water-lab"
date = 2024-06-01
status = "in-progress"
note = "Site chosen"
evidence = ["https://example.org/lab", "astana-2024"]
recorded = 2024-06-02T10:00:00Z

[[update]]
commitment = "water-lab"
date = 2024-07-01
status = "partial"
note = "Half built"
"""
)


@pytest.fixture(autouse=True)
def cache_every_ledger(monkeypatch: pytest.MonkeyPatch) -> None:
    """These ledgers are small; cache them all the same."""
    monkeypatch.setattr(store, "CACHE_FROM_BYTES", 0)


def test_small_ledgers_are_not_cached(
    tmp_path: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "CACHE_FROM_BYTES", len(WITH_UPDATES) + 1)
    load(write_ledger(tmp_path, WITH_UPDATES))
    assert entries(private_cache) == []
    monkeypatch.setattr(store, "CACHE_FROM_BYTES", len(WITH_UPDATES))
    load(write_ledger(tmp_path, WITH_UPDATES))
    assert len(entries(private_cache)) == 1


def load(path: Path, today: dt.date = TODAY) -> Ledger:
    return store.load(store.Location(path), today)


def entries(cache: Path) -> list[Path]:
    return sorted(cache.rglob("*.msgpack"))


def test_round_trip_keeps_everything(tmp_path: Path) -> None:
    text = WITH_UPDATES + "\n[statuses]\npledged = { progress = 0.0, score = -1 }\n"
    text += "in-progress = { progress = 0.3, score = 0 }\npartial = { progress = 0.5, score = 0.5, closed = true }\n"
    parsed = load(write_ledger(tmp_path, text))
    encoded = msgspec.msgpack.encode(_cache_entry.dump(parsed))
    restored = _cache.restore(msgspec.msgpack.decode(encoded, type=_cache_entry.Body))
    assert restored == parsed
    assert restored.ends == parsed.ends
    assert restored.updates[0].recorded == dt.datetime(2024, 6, 2, 10, tzinfo=dt.UTC)
    assert (
        restored.update_notes
        == parsed.update_notes
        == {"water-lab": (dt.date(2024, 7, 1), "Site chosen\nHalf built")}
    )


@pytest.mark.parametrize(
    ("as_of", "notes"),
    [("2026-01-01", "Site chosen\nHalf built"), ("2024-06-30", "Site chosen")],
    ids=["after every update", "between two updates"],
)
def test_an_export_from_the_cache_is_the_export_of_the_parsed_ledger(
    run: Run, tmp_path: Path, private_cache: Path, as_of: str, notes: str
) -> None:
    import sqlite3

    path = write_ledger(tmp_path, WITH_UPDATES)
    dumps = []
    # Parsed, no entry; parsed and an entry stored; from the entry.
    for flags in (["--no-cache"], [], []):
        out = tmp_path / f"{len(dumps)}.db"
        result = run(
            "export", "sqlite", out, "--as-of", as_of, "--ledger", path, *flags
        )
        assert result.exit_code == 0, result.stderr
        with sqlite3.connect(out) as db:
            dumps.append(list(db.iterdump()))
            assert db.execute(
                "SELECT update_notes FROM commitments WHERE id = 'water-lab'"
            ).fetchall() == [(notes,)]
    assert len(entries(private_cache)) == 1
    assert dumps[1] == dumps[0]
    assert dumps[2] == dumps[0]


def test_an_entry_stored_by_a_write_exports_as_the_parsed_ledger(
    run: Run, tmp_path: Path, private_cache: Path
) -> None:
    import sqlite3

    path = write_ledger(tmp_path, WITH_UPDATES)
    assert run("list", "--ledger", path).exit_code == 0  # an entry to start from
    for commitment, status in [("water-lab", "fulfilled"), ("tourism-year", "partial")]:
        result = run(
            "update", commitment, status, "--date", "2025-01-02",
            "--note", f"News of {commitment}", "--ledger", path,
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
    dumps = []
    for flags in (["--no-cache"], []):  # parsed; from the entry the write stored
        out = tmp_path / f"{len(dumps)}.db"
        result = run("export", "sqlite", out, "--ledger", path, *flags)
        assert result.exit_code == 0, result.stderr
        with sqlite3.connect(out) as db:
            dumps.append(list(db.iterdump()))
    assert dumps[1] == dumps[0]
    assert any("Half built\nNews of water-lab" in line for line in dumps[0])


def test_second_load_comes_from_the_cache(
    tmp_path: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_ledger(tmp_path, WITH_UPDATES)
    first = load(path)
    assert len(entries(private_cache)) == 1
    monkeypatch.setattr(loader, "load", lambda *a: pytest.fail("parsed again"))
    assert load(path) == first


def test_changed_ledger_is_parsed_again(tmp_path: Path, private_cache: Path) -> None:
    path = write_ledger(tmp_path, WITH_UPDATES)
    load(path)
    path.write_text(WITH_UPDATES.replace("Half built", "Nearly built"))
    assert load(path).updates[1].note == "Nearly built"
    assert len(entries(private_cache)) == 1  # one entry per ledger path


def test_changed_source_text_is_checked_again(tmp_path: Path) -> None:
    path = write_ledger(tmp_path, WITH_UPDATES)
    load(path)
    (tmp_path / "sources" / "astana.txt").write_text("Nothing was agreed.")
    with pytest.raises(InvalidLedger) as caught:
        load(path)
    assert "quote not found" in caught.value.problems[0].message


def test_removed_source_text_is_checked_again(tmp_path: Path) -> None:
    path = write_ledger(tmp_path, WITH_UPDATES)
    load(path)
    (tmp_path / "sources" / "astana.txt").unlink()
    with pytest.raises(InvalidLedger):
        load(path)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda entry: b"", id="empty"),
        pytest.param(lambda entry: b"{not msgpack", id="not-msgpack"),
        pytest.param(lambda entry: msgspec.msgpack.encode([]), id="wrong-shape"),
        pytest.param(
            lambda entry: msgspec.msgpack.encode({"format": 4}), id="missing-fields"
        ),
        pytest.param(lambda entry: b"\x80\x81", id="not-utf-8"),
        pytest.param(lambda entry: entry[:-7], id="truncated"),
    ],
)
def test_damaged_entry_falls_back_to_parsing(
    tmp_path: Path, private_cache: Path, damage: Callable[[bytes], bytes]
) -> None:
    path = write_ledger(tmp_path, WITH_UPDATES)
    expected = load(path)
    (entry,) = entries(private_cache)
    entry.write_bytes(damage(entry.read_bytes()))
    assert load(path) == expected


def test_entry_with_a_damaged_model_falls_back(
    tmp_path: Path, private_cache: Path
) -> None:
    path = write_ledger(tmp_path, WITH_UPDATES)
    expected = load(path)
    (entry,) = entries(private_cache)
    data = msgspec.msgpack.decode(entry.read_bytes())
    data["ledger"]["commitments"][0] = ["too", "short"]
    entry.write_bytes(msgspec.msgpack.encode(data))
    assert load(path) == expected


@pytest.mark.parametrize(
    ("field", "value"),
    [
        pytest.param("tracker", "0.0.0-other", id="other-tracker-version"),
        pytest.param("schema", 99, id="other-schema"),
        pytest.param("format", 99, id="other-entry-format"),
        pytest.param("validated_on", "2099-01-01", id="validated-in-the-future"),
    ],
)
def test_entry_from_elsewhere_is_not_used(
    tmp_path: Path, private_cache: Path, field: str, value: object
) -> None:
    path = write_ledger(tmp_path, WITH_UPDATES)
    load(path)
    (entry,) = entries(private_cache)
    data = msgspec.msgpack.decode(entry.read_bytes())
    data[field] = value
    data["ledger"]["title"] = "from the cache"
    entry.write_bytes(msgspec.msgpack.encode(data))
    assert load(path).title == "Test ledger"


def test_entry_is_used_while_everything_matches(
    tmp_path: Path, private_cache: Path
) -> None:
    """The control for the test above: the same edit to the title is seen."""
    path = write_ledger(tmp_path, WITH_UPDATES)
    load(path)
    (entry,) = entries(private_cache)
    data = msgspec.msgpack.decode(entry.read_bytes())
    data["ledger"]["title"] = "from the cache"
    entry.write_bytes(msgspec.msgpack.encode(data))
    assert load(path).title == "from the cache"


def test_unwritable_cache_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    path = write_ledger(tmp_path, WITH_UPDATES)
    assert len(load(path).updates) == 2


def test_invalid_ledgers_are_not_cached(tmp_path: Path, private_cache: Path) -> None:
    path = write_ledger(tmp_path, SMALL.replace("schema = 1", "schema = 2"))
    with pytest.raises(InvalidLedger):
        load(path)
    assert entries(private_cache) == []


def test_cache_can_be_turned_off(run: Run, tmp_path: Path, private_cache: Path) -> None:
    path = write_ledger(tmp_path, WITH_UPDATES)
    result = run("list", "-l", path, env={"TRACKER_NO_CACHE": "1"})
    assert result.exit_code == 0
    assert entries(private_cache) == []
    assert run("list", "-l", path).exit_code == 0
    assert len(entries(private_cache)) == 1


def test_an_earlier_versions_json_entry_is_removed(
    tmp_path: Path, private_cache: Path
) -> None:
    path = write_ledger(tmp_path, WITH_UPDATES)
    old = _cache.entry_path(path).with_suffix(".json")
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_text('{"format": 3}')
    other = old.with_name("another-ledger.json")
    other.write_text('{"format": 3}')
    load(path)
    assert [p.name for p in entries(private_cache)] == [old.stem + ".msgpack"]
    assert not old.exists()
    assert other.exists()  # another ledger's is not this one's to remove


def test_a_warm_list_needs_no_history(tmp_path: Path, private_cache: Path) -> None:
    path = write_ledger(tmp_path, WITH_UPDATES)
    parsed = load(path)
    warm = load(path)
    assert warm is not parsed
    assert query.select(warm, TODAY) == query.select(parsed, TODAY)
    # Each commitment's end came cached, and the update log was left encoded.
    assert "histories" not in warm.__dict__
    assert "updates" not in warm.__dict__
    assert warm.updates == parsed.updates  # decoded when asked for


def _damage_the_update_log(cache: Path) -> None:
    """Make the entry's update log name a commitment the ledger does not have:
    well formed, so only the check as it is decoded can find it."""
    (entry_file,) = entries(cache)
    entry = msgspec.msgpack.decode(entry_file.read_bytes())
    entry["ledger"]["updates"][0][0] = "nowhere"
    entry_file.write_bytes(msgspec.msgpack.encode(entry))


def test_a_damaged_update_log_is_read_from_the_ledger_instead(
    tmp_path: Path, private_cache: Path
) -> None:
    path = write_ledger(tmp_path, WITH_UPDATES)
    parsed = load(path)
    _damage_the_update_log(private_cache)
    warm = load(path)
    assert "updates" not in warm.__dict__  # the entry was used, its log not read
    assert warm.updates == parsed.updates
    assert warm.histories == parsed.histories
    # Parsed again, the ledger's entry was made anew: the next load reads it.
    again = load(path)
    assert again.updates == parsed.updates


def test_a_ledger_changed_before_its_damaged_log_is_read_is_an_error(
    tmp_path: Path, private_cache: Path
) -> None:
    path = write_ledger(tmp_path, WITH_UPDATES)
    load(path)
    _damage_the_update_log(private_cache)
    warm = load(path)
    original = path.read_bytes()
    path.write_text(WITH_UPDATES.replace("Half built", "Half built."), "utf-8")
    with pytest.raises(TrackerError, match="changed while it was being read") as caught:
        _ = warm.updates
    assert caught.value.hint == "run the command again"
    assert path.read_text("utf-8") != original.decode()  # nothing written back


def test_a_warm_load_never_holds_the_ledger_whole(
    tmp_path: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_ledger(tmp_path, WITH_UPDATES)
    parsed = load(path)
    read_whole = store.read_bytes

    def read_bytes(file: Path, limit: int | None = None) -> bytes:
        assert file != path, "the ledger was read whole"
        return read_whole(file, limit)

    monkeypatch.setattr(store, "read_bytes", read_bytes)
    assert load(path) == parsed
    path.write_text(WITH_UPDATES.replace("Half built", "Half built."), "utf-8")
    with pytest.raises(AssertionError, match="read whole"):
        load(path)  # changed: parsed again, from its bytes


def test_a_first_run_hashes_nothing_to_look_for_an_entry(
    tmp_path: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_ledger(tmp_path, WITH_UPDATES)

    def hashed(file: Path) -> str:
        raise AssertionError("hashed with no entry to compare with")

    monkeypatch.setattr(store, "_file_sha256", hashed)
    assert load(path).updates  # parsed
    assert len(entries(private_cache)) == 1
