"""Dates as the tracker reads them: strict YYYY-MM-DD, and what "today" means.

A ledger is shared by people in many time zones, and CI runs in UTC. A date
that is today for one of them must not make the ledger invalid for another,
so a date is "in the future" only when it is after today in every time zone:
after today's date at UTC+14, the zone furthest ahead.
"""

from __future__ import annotations

import datetime as dt
import re

FURTHEST_AHEAD = dt.timedelta(hours=14)  # UTC+14, e.g. Kiritimati


def latest_today(now: dt.datetime | None = None) -> dt.date:
    """Today's date where it is latest: at UTC+14."""
    moment = dt.datetime.now(dt.UTC) if now is None else now.astimezone(dt.UTC)
    return (moment + FURTHEST_AHEAD).date()


def is_future(day: dt.date, latest: dt.date) -> bool:
    """Whether `day` is after today in every time zone (`latest` from
    `latest_today`)."""
    return day > latest


def future_reason(latest: dt.date) -> str:
    """The words for a date `is_future` refuses."""
    return f"after today in every time zone (at most {latest})"


_FORM = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_date(text: str) -> dt.date:
    """A date written exactly YYYY-MM-DD; ValueError saying what is wrong."""
    match = _FORM.fullmatch(text) if text.isascii() else None
    if match is None:
        raise ValueError(f"{text!r} is not a date in the form YYYY-MM-DD")
    year, month, day = (int(part) for part in match.groups())
    if year == 0:
        raise ValueError(f"{text!r} is not a date: there is no year 0")
    if not 1 <= month <= 12:
        raise ValueError(f"{text!r} is not a date: month {month} does not exist")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(
            f"{text!r} is not a date: {_month_name(month)} {year} has no day {day}"
        ) from None


_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _month_name(month: int) -> str:
    return _MONTHS[month - 1]  # not strftime, which follows the locale


def moment_text(value: dt.datetime | None) -> str | None:
    """A date-time as every JSON and CSV output writes it: UTC, whole
    seconds, `Z`, the form the ledger itself records (`2026-07-01T09:30:00Z`).
    A naive date-time is taken as UTC, as TOML's local date-times are."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")
