"""Dates: strict YYYY-MM-DD with a reason, and "today" as in every time zone."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest
from test_e2e import TRACKER

from tracker import dates

from conftest import SMALL, Run, write_ledger

# UTC+14 and UTC-12 are 26 hours apart: their dates always differ.
EAST, WEST = "Etc/GMT-14", "Etc/GMT+12"


def _tracker(*args: str | Path, tz: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [TRACKER, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "TZ": tz, "TRACKER_NO_CACHE": "1"},
    )


def test_an_update_dated_today_in_the_east_is_valid_in_the_west(
    tmp_path: Path,
) -> None:
    path = write_ledger(tmp_path, SMALL)
    wrote = _tracker("update", "water-lab", "in-progress", "-n", "Begun",
                     "--ledger", path, tz=EAST)  # fmt: skip
    assert wrote.returncode == 0, wrote.stderr
    east_today = subprocess.run(
        ["date", "+%F"], capture_output=True, text=True, env={"TZ": EAST}
    ).stdout.strip()
    assert f"\ndate = {east_today}\n" in path.read_text()
    for tz in (WEST, "UTC", EAST):
        checked = _tracker("check", "--ledger", path, tz=tz)
        assert checked.returncode == 0, (tz, checked.stdout)
        listed = _tracker("list", "--ledger", path, tz=tz)
        assert listed.returncode == 0, (tz, listed.stderr)


def test_a_date_after_today_everywhere_is_refused_in_every_zone(
    tmp_path: Path,
) -> None:
    path = write_ledger(tmp_path, SMALL)
    after = dates.latest_today() + dt.timedelta(days=1)
    for tz in (EAST, WEST):
        result = _tracker("update", "water-lab", "in-progress", "-n", "Begun",
                          "--date", str(after), "--ledger", path, tz=tz)  # fmt: skip
        assert result.returncode == 1
        assert f"error: date {after} is after today in every time zone" in (
            result.stderr
        )


WEST_OF_UTC = dt.timezone(-dt.timedelta(hours=12))


@pytest.mark.parametrize(
    ("now", "latest"),
    [
        (dt.datetime(2026, 11, 28, 9, 59, tzinfo=dt.UTC), dt.date(2026, 11, 28)),
        (dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.UTC), dt.date(2026, 11, 29)),
        (dt.datetime(2026, 11, 28, 23, 0, tzinfo=WEST_OF_UTC), dt.date(2026, 11, 30)),
    ],
)
def test_the_latest_today_is_the_date_at_utc_plus_14(
    now: dt.datetime, latest: dt.date
) -> None:
    assert dates.latest_today(now) == latest
    assert not dates.is_future(latest, latest)
    assert dates.is_future(latest + dt.timedelta(days=1), latest)


FORM = "is not a date in the form YYYY-MM-DD"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("20230426", f"'20230426' {FORM}"),
        ("2023-W17-3", f"'2023-W17-3' {FORM}"),
        ("2023-4-26", f"'2023-4-26' {FORM}"),
        ("2023-04-26T10:00", f"'2023-04-26T10:00' {FORM}"),
        ("2023-13-01", "'2023-13-01' is not a date: month 13 does not exist"),
        ("2023-02-29", "'2023-02-29' is not a date: February 2023 has no day 29"),
        ("2023-04-31", "'2023-04-31' is not a date: April 2023 has no day 31"),
    ],
)
@pytest.mark.parametrize(
    "option", ["--as-of", "--since", "--until", "--date", "--made", "--due"]
)
def test_every_date_option_takes_exactly_yyyy_mm_dd_and_says_what_is_wrong(
    run: Run, small_ledger: Path, option: str, value: str, message: str
) -> None:
    command = {
        "--as-of": ["list"],
        "--since": ["log"],
        "--until": ["log"],
        "--date": ["update", "water-lab", "partial", "-n", "x"],
        "--made": ["add", "--title", "T", "-c", "CN", "--category", "c",
                   "--quote", "q", "--source", "astana-2024"],
        "--due": ["add", "--title", "T", "-c", "CN", "--category", "c", "--quote",
                  "q", "--source", "astana-2024", "--made", "2024-03-01"],
    }[option]  # fmt: skip
    before = small_ledger.read_bytes()
    result = run(*command, option, value, "--ledger", small_ledger)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"error: Invalid value for '{option}': {message}"
    )
    assert small_ledger.read_bytes() == before


def test_a_leap_day_is_a_date() -> None:
    assert dates.parse_date("2024-02-29") == dt.date(2024, 2, 29)
