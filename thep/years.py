"""Membership years run 1 September to 31 August. A year is stored as the calendar year it
starts in (2017 is 2017-18) and shown as "2017-18"."""

import calendar
import datetime
import re
from dataclasses import dataclass

from django.db import models

_LABEL = re.compile(r"^(\d{4})-(\d{2})$")

# The years the portal knows: the partnership's records start well after the first, and a
# year far outside them (9999-00) is a typing slip whose dates would not even exist.
FIRST = 1990
LAST = 2100


def year_of(day: datetime.date) -> int:
    return day.year if day.month >= 9 else day.year - 1


def label(year: int) -> str:
    return f"{year}-{(year + 1) % 100:02d}"


def parse(text: str) -> int:
    """'2017-18' -> 2017. Raises ValueError with a plain message otherwise."""
    match = _LABEL.match(text.strip())
    if not match or (int(match[1]) + 1) % 100 != int(match[2]):
        raise ValueError(f"'{text}' is not a membership year; write it like 2017-18.")
    year = int(match[1])
    if not FIRST <= year <= LAST:
        raise ValueError(f"'{text}' is not a year the portal knows ({FIRST} to {LAST}).")
    return year


def first_day(year: int) -> datetime.date:
    return datetime.date(year, 9, 1)


def last_day(year: int) -> datetime.date:
    return datetime.date(year + 1, 8, 31)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (or earlier), or the month's last day if it is shorter:
    31 January plus one month is 28 or 29 February."""
    year, month = divmod(_month_index(day) + months, 12)
    # Past the last year a date can hold (a slip such as 31/12/9999), stay on its last day.
    if year > datetime.MAXYEAR:
        return datetime.date.max
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def month_end(day: datetime.date) -> datetime.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def months_touched(first: datetime.date, last: datetime.date) -> int:
    """The calendar months a span of days touches, counting the first and last in full (fees
    are charged by whole months): 31 March to 1 April is 2; 0 when `last` is before `first`."""
    if last < first:
        return 0
    return _month_index(last) - _month_index(first) + 1


def _month_index(day: datetime.date) -> int:
    return day.year * 12 + day.month - 1


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


@dataclass(frozen=True)
class TermDates:
    term: Term
    start: datetime.date
    end: datetime.date

    @property
    def name(self) -> str:
        return self.term.value


def next_term(today: datetime.date) -> TermDates:
    """The term after the one `today` is in."""
    terms = list(Term)
    following = terms.index(term_of(today)) + 1
    year = year_of(today) + following // len(terms)
    term = terms[following % len(terms)]
    return TermDates(term, *term_dates(year=year, term=term))


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
