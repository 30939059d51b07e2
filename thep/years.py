"""Membership years run 1 September to 31 August. A year is stored as the calendar year it
starts in (2017 is 2017-18) and shown as "2017-18"."""

import calendar
import datetime
import re

from django.db import models

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


class Term(models.TextChoices):
    AUTUMN = "autumn", "Autumn"
    SPRING = "spring", "Spring"
    SUMMER = "summer", "Summer"


# School terms by month. Easter moves; a month's accuracy is what the visits and invoices need.
TERM_MONTHS: dict[str, tuple[int, ...]] = {
    Term.AUTUMN: (9, 10, 11, 12),
    Term.SPRING: (1, 2, 3),
    Term.SUMMER: (4, 5, 6, 7, 8),
}


def term_of(day: datetime.date) -> Term:
    return next(Term(term) for term, months in TERM_MONTHS.items() if day.month in months)


def term_dates(*, year: int, term: str) -> tuple[datetime.date, datetime.date]:
    """First and last day of a term of a membership year (autumn is in its first calendar
    year, spring and summer in its second)."""
    months = TERM_MONTHS[term]
    calendar_year = year if months[0] >= 9 else year + 1
    last_day = calendar.monthrange(calendar_year, months[-1])[1]
    return (
        datetime.date(calendar_year, months[0], 1),
        datetime.date(calendar_year, months[-1], last_day),
    )
