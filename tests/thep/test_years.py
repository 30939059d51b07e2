"""The one calendar: membership years, school terms and whole months, used by fees, notice,
inspection windows, visits, invoices and the brochure alike."""

import datetime

from thep import years
from thep.years import Term, add_months, months_touched, next_term, term_dates, term_of


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def test_terms_of_a_membership_year():
    assert term_dates(year=2023, term="autumn") == (day("2023-09-01"), day("2023-12-31"))
    assert term_dates(year=2023, term="spring") == (day("2024-01-01"), day("2024-03-31"))
    assert term_dates(year=2023, term="summer") == (day("2024-04-01"), day("2024-08-31"))
    assert [term_of(day(d)) for d in ("2023-12-31", "2024-01-01", "2024-04-01")] == [
        Term.AUTUMN,
        Term.SPRING,
        Term.SUMMER,
    ]


def test_the_next_term_follows_the_one_today_is_in_across_the_year_end():
    def term_after(today: str) -> tuple:
        term = next_term(day(today))
        return term.name, term.start.isoformat(), term.end.isoformat()

    assert term_after("2024-10-15") == ("spring", "2025-01-01", "2025-03-31")
    assert term_after("2025-03-31") == ("summer", "2025-04-01", "2025-08-31")
    assert term_after("2025-08-31") == ("autumn", "2025-09-01", "2025-12-31")


def test_adding_months_keeps_the_day_or_takes_the_last_of_a_shorter_month():
    assert add_months(day("2017-06-15"), 12) == day("2018-06-15")
    assert add_months(day("2018-01-31"), 1) == day("2018-02-28")
    assert add_months(day("2019-08-31"), 6) == day("2020-02-29")
    assert add_months(day("2017-11-30"), 30) == day("2020-05-30")
    assert add_months(day("2020-03-31"), -1) == day("2020-02-29")


def test_months_touched_counts_a_started_month_in_full():
    assert months_touched(years.first_day(2017), years.last_day(2017)) == 12
    assert months_touched(day("2017-03-31"), day("2017-04-01")) == 2
    assert months_touched(day("2017-04-10"), day("2017-04-10")) == 1
    assert months_touched(day("2017-04-10"), day("2017-04-09")) == 0
