"""Fee arithmetic, kept apart from the database so the rules can be read and tested alone.

A fee is pupils x rate per pupil x months charged / 12, rounded to the penny. A month is
charged when the membership covers any day of it (a month started is a month due) and the
month is on or after the year's `charged_from` date: so the founding year 2016-17, charged from
1 April 2017, charges April to August, 5 of 12 months."""

import calendar
import datetime
from decimal import ROUND_HALF_UP, Decimal

from thep import years

PENNY = Decimal("0.01")
NOTICE_MONTHS = 12


def months_charged(
    *, year: int, starts_on: datetime.date, ends_on: datetime.date, charged_from: datetime.date
) -> int:
    """Whole months of the membership year that are charged."""
    first = max(starts_on, charged_from, years.first_day(year))
    last = min(ends_on, years.last_day(year))
    return years.months_touched(first, last)


def fee(*, pupils: int, per_pupil: Decimal, months: int) -> Decimal:
    if pupils < 0:
        raise ValueError("The number of pupils cannot be negative.")
    if not 0 <= months <= 12:
        raise ValueError("A fee covers between 0 and 12 months.")
    return (Decimal(pupils) * per_pupil * months / 12).quantize(PENNY, rounding=ROUND_HALF_UP)


def flat_fee(*, annual: Decimal, months: int) -> Decimal:
    return (annual * months / 12).quantize(PENNY, rounding=ROUND_HALF_UP)


def leaving_date(notice_given_on: datetime.date) -> datetime.date:
    """The last day of membership after notice: a full year of notice, to the end of that month
    (fees are charged by whole months). Notice on 1 June 2017 ends on 31 May 2018; notice on
    15 June 2017 ends on 30 June 2018."""
    year_later = years.add_months(notice_given_on, NOTICE_MONTHS) - datetime.timedelta(days=1)
    return year_later.replace(day=calendar.monthrange(year_later.year, year_later.month)[1])
