import datetime
from decimal import Decimal

from membership.fees import fee, leaving_date, months_charged
from thep import years


def charged(year, starts_on, ends_on, charged_from=None):
    return months_charged(
        year=year,
        starts_on=starts_on,
        ends_on=ends_on,
        charged_from=charged_from or years.first_day(year),
    )


def test_a_whole_year_is_twelve_months_and_pupils_times_rate():
    assert charged(2017, datetime.date(2017, 9, 1), datetime.date(2018, 8, 31)) == 12
    assert fee(pupils=420, per_pupil=Decimal("5"), months=12) == Decimal("2100.00")
    assert fee(pupils=420, per_pupil=Decimal("9"), months=12) == Decimal("3780.00")


def test_founding_year_charges_april_to_august_at_five_twelfths():
    months = charged(
        2016, datetime.date(2016, 9, 1), datetime.date(2017, 8, 31), datetime.date(2017, 4, 1)
    )
    assert months == 5
    assert fee(pupils=420, per_pupil=Decimal("5"), months=months) == Decimal("875.00")


def test_founding_year_member_joining_in_march_pays_from_april():
    months = charged(
        2016, datetime.date(2017, 3, 31), datetime.date(2017, 8, 31), datetime.date(2017, 4, 1)
    )
    assert months == 5


def test_a_month_started_is_a_month_charged():
    assert charged(2017, datetime.date(2017, 11, 15), datetime.date(2018, 8, 31)) == 10
    assert charged(2017, datetime.date(2017, 11, 30), datetime.date(2018, 8, 31)) == 10
    assert charged(2017, datetime.date(2017, 12, 1), datetime.date(2018, 8, 31)) == 9
    assert charged(2017, datetime.date(2017, 9, 1), datetime.date(2017, 9, 1)) == 1


def test_months_across_new_year_and_at_the_year_boundaries():
    assert charged(2017, datetime.date(2017, 12, 31), datetime.date(2018, 1, 1)) == 2
    assert charged(2017, datetime.date(2018, 8, 31), datetime.date(2018, 8, 31)) == 1
    # Dates outside the membership year are not charged to it.
    assert charged(2017, datetime.date(2017, 6, 1), datetime.date(2018, 10, 31)) == 12


def test_pro_rata_fee_is_rounded_to_the_penny_without_floats():
    assert fee(pupils=101, per_pupil=Decimal("5"), months=7) == Decimal("294.58")
    assert isinstance(fee(pupils=1, per_pupil=Decimal("9"), months=1), Decimal)


def test_notice_runs_a_full_year_to_the_end_of_a_month():
    assert leaving_date(datetime.date(2017, 6, 1)) == datetime.date(2018, 5, 31)
    assert leaving_date(datetime.date(2017, 6, 15)) == datetime.date(2018, 6, 30)
    assert leaving_date(datetime.date(2017, 8, 31)) == datetime.date(2018, 8, 31)
    assert leaving_date(datetime.date(2019, 2, 28)) == datetime.date(2020, 2, 29)


def test_notice_during_the_year_charges_until_the_membership_ends():
    ends_on = leaving_date(datetime.date(2017, 10, 10))  # 31 October 2018
    assert charged(2018, years.first_day(2018), ends_on) == 2
