"""Membership years run 1 September to 31 August. A year is stored as the calendar year it
starts in (2017 is 2017-18) and shown as "2017-18"."""

import datetime
import re

_LABEL = re.compile(r"^(\d{4})-(\d{2})$")


def year_of(day: datetime.date) -> int:
    return day.year if day.month >= 9 else day.year - 1


def label(year: int) -> str:
    return f"{year}-{(year + 1) % 100:02d}"


def parse(text: str) -> int:
    """'2017-18' -> 2017. Raises ValueError with a plain message otherwise."""
    match = _LABEL.match(text.strip())
    if not match or (int(match[1]) + 1) % 100 != int(match[2]):
        raise ValueError(f"'{text}' is not a membership year; write it like 2017-18.")
    return int(match[1])


def first_day(year: int) -> datetime.date:
    return datetime.date(year, 9, 1)


def last_day(year: int) -> datetime.date:
    return datetime.date(year + 1, 8, 31)


def current() -> int:
    from django.utils import timezone

    return year_of(timezone.localdate())
