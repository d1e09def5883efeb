"""tracker update and tracker add: what they append, what they refuse, and how
a write happens (lock, validation, append-only text, all-or-nothing replace)."""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import os
import signal
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import filelock
import pytest

from tracker import cli, dates, store, writes

from conftest import BUNDLED, SMALL, Run, write_ledger

NOW = dt.datetime(2026, 11, 28, 9, 30, tzinfo=dt.UTC)
TODAY = dt.date.today()
# The day after today in every time zone: the first date an update may not have.
LATEST = dates.latest_today()
TOMORROW = LATEST + dt.timedelta(days=1)

UPDATE = [
    "update",
    "water-lab",
    "in-progress",
    "--date",
    "2024-05-01",
    "--note",
    "Site chosen",
    "--evidence",
    "https://example.org/a",
]
BLOCK = (
    b"\n"
    b"[[update]]\n"
    b'commitment = "water-lab"\n'
    b"date = 2024-05-01\n"
    b'status = "in-progress"\n'
    b'note = "Site chosen"\n'
    b"evidence = [\n"
    b'    "https://example.org/a",\n'
    b"]\n"
    b"recorded = 2026-11-28T09:30:00Z\n"
)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "_now", lambda: NOW)


def temporary_files(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def checks(run: Run, path: Path) -> None:
    """`tracker check` passes on the ledger at `path`."""
    result = run("check", "--ledger", path)
    assert result.exit_code == 0, result.stdout + result.stderr


def lock_is_held(ledger: Path) -> bool:
    """Whether some other open file holds the ledger's sidecar lock."""
    fd = os.open(ledger.with_name(f".{ledger.name}.lock"), os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # closing drops the lock if this probe took it
    return False


# -- update -------------------------------------------------------------------


def test_update_appends_one_block_and_says_what_changed(
    run: Run, small_ledger: Path
) -> None:
    before = small_ledger.read_bytes()
    result = run(*UPDATE, "--ledger", small_ledger)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "water-lab: pledged -> in-progress (2024-05-01)\n"
    assert result.stderr == ""
    assert small_ledger.read_bytes() == before + BLOCK
    checks(run, small_ledger)


def test_update_is_dated_today_by_default(run: Run, small_ledger: Path) -> None:
    # Today is read around the run, not at import: a run may cross midnight.
    before = dt.date.today()
    result = run("update", "water-lab", "partial", "-n", "Half", "-l", small_ledger)
    after = dt.date.today()
    assert result.exit_code == 0, result.stderr
    day = before if result.stdout.endswith(f"({before})\n") else after
    assert result.stdout == f"water-lab: pledged -> partial ({day})\n"
    assert f"\ndate = {day}\n" in small_ledger.read_text()


def test_update_shows_in_history_with_its_evidence(
    run: Run, small_ledger: Path
) -> None:
    run(*UPDATE, "--evidence", "astana-2024", "--ledger", small_ledger)
    shown = run("show", "water-lab", "--format", "json", "--ledger", small_ledger)
    assert (
        '"evidence": [\n        "https://example.org/a",\n        "astana-2024"\n'
        in (shown.stdout)
    )


def test_same_status_again_is_a_reconfirmation(run: Run, small_ledger: Path) -> None:
    assert run(*UPDATE, "--ledger", small_ledger).exit_code == 0
    again = run(
        "update", "water-lab", "in-progress", "--date", "2024-06-01",
        "--note", "Still going", "-e", "https://example.org/b", "-l", small_ledger,
    )  # fmt: skip
    assert again.exit_code == 0, again.stderr
    assert again.stdout == "water-lab: in-progress -> in-progress (2024-06-01)\n"
    assert small_ledger.read_text().count("[[update]]") == 2


def test_backdated_update_notes_the_later_one(run: Run, small_ledger: Path) -> None:
    run("update", "water-lab", "fulfilled", "--date", "2024-09-01", "-n", "Opened",
        "-l", small_ledger)  # fmt: skip
    result = run(*UPDATE, "--ledger", small_ledger)
    assert result.exit_code == 0
    assert result.stdout == "water-lab: pledged -> in-progress (2024-05-01)\n"
    assert result.stderr == (
        "note: a later update (2024-09-01, fulfilled) still sets the current status\n"
    )


def test_dry_run_prints_the_block_and_writes_nothing(
    run: Run, small_ledger: Path
) -> None:
    before = small_ledger.read_bytes()
    result = run(*UPDATE, "--dry-run", "--ledger", small_ledger)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == BLOCK.decode()[1:]
    assert result.stderr == f"dry run: nothing written to {small_ledger}\n"
    assert small_ledger.read_bytes() == before
    assert sorted(p.name for p in small_ledger.parent.iterdir()) == [
        "commitments.toml",
        "sources",
    ]


@pytest.mark.parametrize(
    ("args", "code", "stderr"),
    [
        pytest.param(
            ["water-labs", "partial", "-n", "x"],
            1,
            "error: no commitment 'water-labs'\nhint: did you mean water-lab?\n",
            id="unknown-id",
        ),
        pytest.param(
            ["water-lab", "opened", "-n", "x"],
            1,
            "error: no status 'opened' on the ledger's scale\n"
            "hint: the statuses are: pledged, in-progress, stalled, partial, "
            "fulfilled, abandoned\n",
            id="unknown-status",
        ),
        pytest.param(
            ["water-lab", "partial", "-n", "x", "--date", "2024-02-01"],
            1,
            "error: date 2024-02-01 is before 'water-lab' was made (2024-03-01)\n"
            "hint: give the day it happened with --date YYYY-MM-DD\n",
            id="before-made",
        ),
        pytest.param(
            ["water-lab", "partial", "-n", "x", "--date", str(TOMORROW)],
            1,
            f"error: date {TOMORROW} is after today in every time zone "
            f"(at most {LATEST})\n"
            "hint: record what has happened, on the day it happened\n",
            id="future",
        ),
        pytest.param(
            ["water-lab", "partial", "-n", " "],
            1,
            "error: the note is empty\n"
            'hint: say what happened, e.g. --note "Consulate opened in Aktobe"\n',
            id="empty-note",
        ),
        pytest.param(
            ["water-lab", "partial", "-n", "x", "-e", "astana-2023"],
            1,
            "error: evidence 'astana-2023' looks like a source key, but there is "
            "no such source in the ledger\nhint: did you mean astana-2024?\n",
            id="unknown-evidence-key",
        ),
        pytest.param(
            ["water-lab", "partial"],
            2,
            "error: Missing option '--note' / '-n'.\nhint: see ",
            id="no-note",
        ),
        pytest.param(
            ["water-lab", "partial", "-n", "x", "--date", "1 May"],
            2,
            "error: Invalid value for '--date': '1 May' is not a date in the form "
            "YYYY-MM-DD\nhint: see ",
            id="bad-date",
        ),
    ],
)
def test_update_is_refused_and_nothing_written(
    run: Run, small_ledger: Path, args: list[str], code: int, stderr: str
) -> None:
    before = small_ledger.read_bytes()
    result = run("update", *args, "--ledger", small_ledger)
    if code == 2:  # usage errors end with a hint naming the program
        stderr += "tracker update --help\n"
    assert (result.exit_code, result.stderr, result.stdout) == (code, stderr, "")
    assert small_ledger.read_bytes() == before


def test_a_ledger_requiring_evidence_refuses_an_update_without(
    run: Run, tmp_path: Path
) -> None:
    text = SMALL.replace("\n\n[countries]", "\nrequire_evidence = true\n\n[countries]")
    path = write_ledger(tmp_path, text)
    before = path.read_bytes()
    result = run("update", "water-lab", "partial", "-n", "x", "-l", path)
    assert result.exit_code == 1
    assert result.stderr == (
        "error: this ledger requires evidence for every update\n"
        "hint: add --evidence with a URL or a key from [sources]\n"
    )
    assert path.read_bytes() == before
    assert run(*UPDATE, "--ledger", path).exit_code == 0


def test_the_bundled_ledger_is_never_written(run: Run) -> None:
    before = BUNDLED.read_bytes()
    result = run(*UPDATE)  # no ledger in the (empty) working directory
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("error: no ledger of your own here or in a parent")
    assert lines[1] == "hint: make one with: tracker init"
    assert BUNDLED.read_bytes() == before


ADD_SHORT = "add --title T -c CN --category c --quote Both --source astana-2024 "
ADD_SHORT += "--made 2024-03-01"
ADD_SHORT = "add --title T -c CN --category c --quote Both --source astana-2024 "
ADD_SHORT += "--made 2024-03-01"
INVALID = SMALL.replace('countries = ["CN", "KZ", "UZ"]', 'countries = ["CN", "XX"]')


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(UPDATE, id="update"),
        pytest.param(ADD_SHORT.split(), id="add"),
    ],
)
def test_an_invalid_ledger_refuses_every_write(
    run: Run, tmp_path: Path, args: list[str]
) -> None:
    path = write_ledger(tmp_path, INVALID)
    before = path.read_bytes()
    result = run(*args, "--ledger", path)
    assert result.exit_code == 1
    assert result.stderr == (
        "error: the ledger has 1 problem\n"
        f"  {path}:37: commitment 'direct-flights': unknown country code 'XX'\n"
        "hint: run tracker check to see them all\n"
    )
    assert path.read_bytes() == before


def test_a_block_that_cannot_extend_the_ledger_is_refused(
    run: Run, tmp_path: Path
) -> None:
    # Valid as it stands; an appended [[update]] cannot extend a static array.
    path = write_ledger(
        tmp_path, SMALL.replace("\n\n[countries]", "\nupdate = []\n\n[countries]")
    )
    checks(run, path)
    before = path.read_bytes()
    result = run(*UPDATE, "--ledger", path)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: nothing written: invalid TOML: ")
    assert path.read_bytes() == before


HAND_WRITTEN = """\
# Kept by hand: comments, 'literal strings', odd spacing and order survive.
title   =   'Hand-kept ledger'   # trailing comment
schema=1

[sources."astana-2024"]
date = 2024-03-01
title = \"\"\"Ministers meet \\
   in Astana\"\"\"
text = 'sources/astana.txt'

[countries]
KZ = "Kazakhstan"   ;
CN = "China"

[[commitment]]
source = "astana-2024"
id = "water-lab"
title = "Open a joint water laboratory"
countries = [ "CN",
  "KZ" ]
category = "science"
made = 2024-03-01
quote = "China and Kazakhstan will open a joint laboratory on water resources"


# two blank lines above, a comment below, and no newline at the very end
""".replace("   ;\n", "\n")


@pytest.mark.parametrize(
    "newline", [pytest.param("\n", id="lf"), pytest.param("\r\n", id="crlf")]
)
@pytest.mark.parametrize(
    "final", [pytest.param(True, id="final-newline"), pytest.param(False, id="none")]
)
def test_the_old_file_is_an_exact_prefix_of_the_new(
    run: Run, tmp_path: Path, newline: str, final: bool
) -> None:
    text = HAND_WRITTEN if final else HAND_WRITTEN.rstrip("\n")
    path = write_ledger(tmp_path, "")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", newline).encode())
    checks(run, path)
    before = path.read_bytes()
    assert run(*UPDATE, "--ledger", path).exit_code == 0
    after = path.read_bytes()
    assert after.startswith(before)
    lead = b"" if final else b"\n"
    assert after[len(before) :] == (lead + BLOCK).replace(b"\n", newline.encode())
    if newline == "\r\n":
        assert after.count(b"\n") == after.count(b"\r\n")
    checks(run, path)


# -- add ----------------------------------------------------------------------

ADD = [
    "add", "--title", "Open a joint water laboratory", "--country", "CN",
    "--country", "Kazakhstan", "--category", "science", "--source", "astana-2024",
    "--made", "2024-03-01", "--quote",
    "China and Kazakhstan will open a joint laboratory on water resources",
]  # fmt: skip


def test_add_appends_a_commitment_with_a_unique_slug(
    run: Run, small_ledger: Path
) -> None:
    before = small_ledger.read_bytes()
    result = run(
        *ADD, "--due", "2025-06-30", "--tags", "water,science", "--notes", "N",
        "--ledger", small_ledger,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "added open-a-joint-water-laboratory: Open a joint water laboratory\n"
    )
    assert small_ledger.read_bytes() == before + (
        b"\n"
        b"[[commitment]]\n"
        b'id = "open-a-joint-water-laboratory"\n'
        b'title = "Open a joint water laboratory"\n'
        b"countries = [\n"
        b'    "CN",\n'
        b'    "KZ",\n'
        b"]\n"
        b'category = "science"\n'
        b"made = 2024-03-01\n"
        b'source = "astana-2024"\n'
        b'quote = "China and Kazakhstan will open a joint laboratory on water '
        b'resources"\n'
        b"due = 2025-06-30\n"
        b"tags = [\n"
        b'    "water",\n'
        b'    "science",\n'
        b"]\n"
        b'notes = "N"\n'
    )
    checks(run, small_ledger)
    again = run(*ADD, "--ledger", small_ledger)
    assert again.stdout.startswith("added open-a-joint-water-laboratory-2: ")
    update = run("update", "open-a-joint-water-laboratory-2", "partial", "-n", "x",
                 "-l", small_ledger)  # fmt: skip
    assert update.exit_code == 0, update.stderr


@pytest.mark.parametrize(
    ("changes", "stderr"),
    [
        pytest.param(
            {"--country": "Kirgizia"},
            "error: no country 'Kirgizia' in the ledger\n"
            "hint: the countries are: CN (China), KZ (Kazakhstan), UZ (Uzbekistan)\n",
            id="unknown-country",
        ),
        pytest.param(
            {"--source": "astana-2025"},
            "error: no source 'astana-2025' in the ledger\n"
            "hint: the sources are: astana-2024\n",
            id="unknown-source",
        ),
        pytest.param(
            {"--quote": "China will build a bridge"},
            "error: nothing written: commitment 'open-a-joint-water-laboratory': "
            "quote not found in the archived text of 'astana-2024'\n",
            id="quote-not-in-source",
        ),
        pytest.param(
            {"--id": "water-lab"},
            "error: there is already a commitment 'water-lab'\n"
            "hint: choose another --id, e.g. water-lab-2\n",
            id="id-taken",
        ),
    ],
)
def test_add_is_refused_and_nothing_written(
    run: Run, small_ledger: Path, changes: dict[str, str], stderr: str
) -> None:
    args = list(ADD)
    for flag, value in changes.items():
        if flag in args:
            args[args.index(flag) + 1] = value
        else:
            args += [flag, value]
    before = small_ledger.read_bytes()
    result = run(*args, "--ledger", small_ledger)
    assert (result.exit_code, result.stderr) == (1, stderr)
    assert small_ledger.read_bytes() == before


# -- how a write happens ------------------------------------------------------


def test_the_lock_is_held_while_reading_and_replacing(
    run: Run, small_ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[str, bool]] = []
    real_read, real_replace = store.read_bytes, os.replace

    def read(path: Path, *args: Any) -> bytes:
        if path == small_ledger:
            seen.append(("read", lock_is_held(small_ledger)))
        return real_read(path, *args)

    def replace(src: Any, dst: Any) -> None:
        seen.append(("replace", lock_is_held(small_ledger)))
        real_replace(src, dst)

    monkeypatch.setattr(store, "read_bytes", read)
    monkeypatch.setattr(os, "replace", replace)
    assert run(*UPDATE, "--ledger", small_ledger).exit_code == 0
    assert seen[0] == ("read", True)
    assert ("replace", True) in seen
    assert not lock_is_held(small_ledger)  # released after


def test_a_held_lock_times_out_with_a_clear_error(run: Run, small_ledger: Path) -> None:
    before = small_ledger.read_bytes()
    lock_path = small_ledger.with_name(".commitments.toml.lock")
    with filelock.FileLock(lock_path):
        result = run(
            *UPDATE, "--ledger", small_ledger, env={"TRACKER_LOCK_TIMEOUT": "0.2"}
        )
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: cannot lock {small_ledger}: another write has held {lock_path} "
        "for 0.2 s\n"
        "hint: try again when it is done; $TRACKER_LOCK_TIMEOUT sets the wait\n"
    )
    assert small_ledger.read_bytes() == before


def test_the_lock_waits_ten_seconds_by_default() -> None:
    assert writes.lock_timeout({}) == 10
    assert writes.lock_timeout({"TRACKER_LOCK_TIMEOUT": "2.5"}) == 2.5


@pytest.mark.parametrize("value", ["soon", "-1", "inf", "nan"])
def test_a_lock_timeout_that_is_no_number_of_seconds_is_refused(
    run: Run, small_ledger: Path, value: str
) -> None:
    before = small_ledger.read_bytes()
    result = run(*UPDATE, "-l", small_ledger, env={"TRACKER_LOCK_TIMEOUT": value})
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: $TRACKER_LOCK_TIMEOUT is {value!r}, not a number of seconds\n"
        "hint: unset it, or set it to e.g. 10\n"
    )
    assert small_ledger.read_bytes() == before


def test_the_lock_is_released_after_a_refused_write(
    run: Run, small_ledger: Path
) -> None:
    assert run("update", "nope", "partial", "-n", "x", "-l", small_ledger).exit_code
    assert not lock_is_held(small_ledger)
    assert run(*UPDATE, "--ledger", small_ledger).exit_code == 0


def test_the_new_text_is_synced_in_a_temporary_file_then_renamed(
    run: Run, small_ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")))
        real_fsync(fd)

    def replace(src: Any, dst: Any) -> None:
        events.append(("replace", str(src)))
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    assert run(*UPDATE, "--ledger", small_ledger).exit_code == 0
    ledger_replace = next(e for e in events if e[0] == "replace")
    temporary = Path(ledger_replace[1])
    assert temporary.parent == small_ledger.parent
    index = events.index(ledger_replace)
    assert ("fsync", str(temporary)) in events[:index]
    assert events[index + 1] == ("fsync", str(small_ledger.parent))


def test_the_ledger_keeps_its_permission_bits(run: Run, small_ledger: Path) -> None:
    small_ledger.chmod(0o640)
    assert run(*UPDATE, "--ledger", small_ledger).exit_code == 0
    assert stat.S_IMODE(small_ledger.stat().st_mode) == 0o640


def test_a_symlinked_ledger_stays_a_link_and_its_target_is_updated(
    run: Run, tmp_path: Path
) -> None:
    (tmp_path / "real").mkdir()
    target = write_ledger(tmp_path / "real", SMALL)
    (tmp_path / "work").mkdir()
    write_ledger(tmp_path / "work", "")  # its sources/, where check looks
    link = tmp_path / "work" / "commitments.toml"
    link.unlink()
    link.symlink_to(Path("..") / "real" / "commitments.toml")
    before = target.read_bytes()
    assert run(*UPDATE, "--ledger", link).exit_code == 0
    assert link.is_symlink()
    assert target.read_bytes() == before + BLOCK
    checks(run, link)


def test_a_hand_edit_during_the_write_is_kept_and_the_write_refused(
    run: Run, small_ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fsync = os.fsync

    def fsync_then_edit(fd: int) -> None:
        real_fsync(fd)
        if os.readlink(f"/proc/self/fd/{fd}").endswith(".tmp"):
            with small_ledger.open("ab") as handle:  # an editor, at just this moment
                handle.write(b"# edited\n")

    monkeypatch.setattr(os, "fsync", fsync_then_edit)
    before = small_ledger.read_bytes()
    result = run(*UPDATE, "--ledger", small_ledger)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {small_ledger} changed while this write was being made; "
        "nothing written\nhint: run the command again\n"
    )
    assert small_ledger.read_bytes() == before + b"# edited\n"
    assert temporary_files(small_ledger.parent) == []


def _raise(error: BaseException) -> Callable[..., Any]:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise error

    return fail


def _write_half_then(error: BaseException) -> Callable[[int, Any], int]:
    real_write = os.write

    def write(fd: int, data: Any) -> int:
        if len(data) > 1:
            return real_write(fd, bytes(data[: len(data) // 2]))
        raise error

    return write


ENOSPC = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
EIO = OSError(errno.EIO, os.strerror(errno.EIO))
EROFS = OSError(errno.EROFS, os.strerror(errno.EROFS))


@pytest.mark.parametrize(
    ("name", "fake", "code", "stderr"),
    [
        pytest.param(
            "write", _raise(ENOSPC), 1,
            "error: cannot write {path}: No space left on device\n"
            "hint: free some disk space and try again\n",
            id="disk-full",
        ),
        pytest.param(
            "write", _write_half_then(ENOSPC), 1,
            "error: cannot write {path}: No space left on device\n"
            "hint: free some disk space and try again\n",
            id="disk-full-half-way",
        ),
        pytest.param(
            "fsync", _raise(EIO), 1,
            "error: cannot write {path}: Input/output error\n",
            id="fsync-fails",
        ),
        pytest.param(
            "replace", _raise(EROFS), 1,
            "error: cannot write {path}: Read-only file system\n"
            "hint: the file system is read-only; work on a writable copy\n",
            id="read-only-file-system",
        ),
        pytest.param(
            "replace", _raise(RuntimeError("bug")), 1, None, id="unexpected-error"
        ),
        pytest.param(
            "write", _raise(KeyboardInterrupt()), 130, "error: interrupted\n",
            id="ctrl-c-writing",
        ),
        pytest.param(
            "fsync", _raise(KeyboardInterrupt()), 130, "error: interrupted\n",
            id="ctrl-c-syncing",
        ),
        pytest.param(
            "replace", _raise(KeyboardInterrupt()), 130, "error: interrupted\n",
            id="ctrl-c-renaming",
        ),
    ],
)  # fmt: skip
def test_a_failure_at_any_step_leaves_the_ledger_as_it_was(
    run: Run,
    small_ledger: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    fake: Callable[..., Any],
    code: int,
    stderr: str | None,
) -> None:
    before = small_ledger.read_bytes()
    monkeypatch.setattr(os, name, fake)
    result = run(*UPDATE, "--ledger", small_ledger)
    monkeypatch.undo()
    assert result.exit_code == code
    if stderr is not None:
        assert result.stderr == stderr.format(path=small_ledger)
    assert small_ledger.read_bytes() == before
    assert temporary_files(small_ledger.parent) == []
    assert not lock_is_held(small_ledger)


def test_ctrl_c_after_the_rename_lets_the_write_finish(
    run: Run, small_ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_replace = os.replace

    def replace_then_interrupt(src: Any, dst: Any) -> None:
        real_replace(src, dst)
        os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(os, "replace", replace_then_interrupt)
    before = small_ledger.read_bytes()
    result = run(*UPDATE, "--ledger", small_ledger)
    # The update is in the file, so the command must not report a failure.
    assert (result.exit_code, result.stderr) == (0, "")
    assert small_ledger.read_bytes() == before + BLOCK
    assert small_ledger.with_name(".commitments.toml.undo").is_file()


# Root may write read-only files and directories: as root these two skip, and
# their twins below, which make the file system say no, run instead.
as_non_root = pytest.mark.skipif(
    os.geteuid() == 0, reason="root ignores permissions; the twin below runs"
)


@as_non_root
def test_a_read_only_ledger_is_refused(run: Run, small_ledger: Path) -> None:
    small_ledger.chmod(0o444)
    before = small_ledger.read_bytes()
    result = run(*UPDATE, "--ledger", small_ledger)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: cannot write {small_ledger}: it is read")
    assert small_ledger.read_bytes() == before


def test_a_read_only_ledger_is_refused_even_by_root(
    run: Run, small_ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_access = os.access

    def access(path: Any, mode: int) -> bool:
        if Path(path) == small_ledger and mode & os.W_OK:
            return False
        return real_access(path, mode)

    monkeypatch.setattr(os, "access", access)
    before = small_ledger.read_bytes()
    result = run(*UPDATE, "--ledger", small_ledger)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: cannot write {small_ledger}: it is read-only\n"
        f"hint: make it writable first, e.g. chmod u+w {small_ledger}\n"
    )
    assert small_ledger.read_bytes() == before
    assert sorted(p.name for p in small_ledger.parent.iterdir()) == [
        "commitments.toml",
        "sources",
    ]


def test_a_read_only_file_system_is_named_as_such(
    run: Run, small_ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_access, real_statvfs = os.access, os.statvfs

    def access(path: Any, mode: int) -> bool:
        return False if mode & os.W_OK else real_access(path, mode)

    def statvfs(path: Any) -> Any:
        class ReadOnly:
            f_flag = real_statvfs(path).f_flag | os.ST_RDONLY

        return ReadOnly()

    monkeypatch.setattr(os, "access", access)
    monkeypatch.setattr(os, "statvfs", statvfs)
    before = small_ledger.read_bytes()
    result = run(*UPDATE, "--ledger", small_ledger)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: cannot write {small_ledger}: Read-only file system\n"
        "hint: the file system is read-only; work on a writable copy\n"
    )
    assert small_ledger.read_bytes() == before


@as_non_root
def test_a_read_only_directory_is_refused(run: Run, small_ledger: Path) -> None:
    small_ledger.parent.chmod(0o555)
    try:
        result = run(*UPDATE, "--ledger", small_ledger)
    finally:
        small_ledger.parent.chmod(0o755)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: cannot create the lock file ")


@pytest.mark.parametrize(
    ("ending", "stderr"),
    [
        pytest.param(
            ".lock",
            "error: cannot create the lock file {dir}/.commitments.toml.lock: "
            "Permission denied\nhint: check that you may write to {dir}\n",
            id="lock-file",
        ),
        pytest.param(
            ".tmp",
            "error: cannot write {dir}/commitments.toml: Permission denied\n"
            "hint: check that you may write to {dir}\n",
            id="temporary-file",
        ),
    ],
)
def test_a_read_only_directory_is_refused_even_by_root(
    run: Run,
    small_ledger: Path,
    monkeypatch: pytest.MonkeyPatch,
    ending: str,
    stderr: str,
) -> None:
    real_open = os.open

    def open_(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if str(path).endswith(ending) and flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)
    before = small_ledger.read_bytes()
    result = run(*UPDATE, "--ledger", small_ledger)
    monkeypatch.undo()
    assert result.exit_code == 1
    assert result.stderr == stderr.format(dir=small_ledger.parent)
    assert small_ledger.read_bytes() == before
    assert temporary_files(small_ledger.parent) == []


def test_a_directory_is_not_a_ledger(run: Run, tmp_path: Path) -> None:
    directory = tmp_path / "data"
    directory.mkdir()
    result = run(*UPDATE, "--ledger", directory)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"error: {directory} is a directory, not a ledger file"
    )
    assert list(tmp_path.iterdir()) == [directory]  # not even a lock file


def test_a_missing_ledger_is_not_created(run: Run, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "commitments.toml"
    result = run(*UPDATE, "--ledger", missing)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"error: no ledger at {missing}"
    assert not missing.parent.exists()
