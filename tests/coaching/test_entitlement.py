"""Seed 004: every head of a member school has three coaching sessions a year, three more in
each of the first two years of headship, and the sessions the school buys."""

import datetime

import pytest

from coaching.models import SessionStatus
from coaching.selectors import coaching_rows, entitlement_of
from membership.models import Category, Price
from membership.selectors import COACHING_SESSION
from membership.services import purchase_record
from tests.coaching.factories import CoachingFactory, SessionFactory
from tests.factories import SchoolFactory
from tests.membership.factories import MembershipFactory, PriceFactory, ProductFactory

YEAR = 2023  # 2023-24 starts on 1 September 2023


def member_school(**fields):
    school = SchoolFactory(**fields)
    MembershipFactory(member__school=school, year=YEAR)
    return school


@pytest.mark.parametrize(
    ("headship_start", "sessions"),
    [
        (None, 3),
        (datetime.date(2015, 9, 1), 3),
        (datetime.date(2021, 9, 1), 3),  # exactly two years before the year starts
        (datetime.date(2021, 9, 2), 6),  # one day short of two years when it starts
        (datetime.date(2022, 9, 1), 6),  # second year of headship
        (datetime.date(2023, 9, 1), 6),  # first year
        (datetime.date(2024, 2, 1), 6),  # starts during the year
    ],
)
def test_new_heads_have_three_more_sessions_in_each_of_their_first_two_years(
    db, headship_start, sessions
):
    school = member_school(headship_start=headship_start)
    assert entitlement_of(school=school, year=YEAR).core == sessions


@pytest.mark.parametrize("headship_start", [datetime.date(2015, 9, 1), datetime.date(2023, 9, 1)])
def test_a_school_that_is_not_a_member_has_no_sessions_with_membership(db, headship_start):
    school = SchoolFactory(headship_start=headship_start)
    MembershipFactory(member__school=school, year=YEAR - 1)  # last year's does not count
    entitlement = entitlement_of(school=school, year=YEAR)
    assert (entitlement.core, entitlement.total, entitlement.left) == (0, 0, 0)


def test_an_associate_member_counts_as_a_member(db):
    school = SchoolFactory(headship_start=datetime.date(2015, 9, 1))
    MembershipFactory(member__school=school, year=YEAR, category=Category.ASSOCIATE)
    assert entitlement_of(school=school, year=YEAR).core == 3


def buy_sessions(school, quantity: int, year: int = YEAR) -> None:
    price = Price.objects.filter(product__code=COACHING_SESSION, year=year).first() or (
        PriceFactory(product=ProductFactory(code=COACHING_SESSION, name="Coaching"), year=year)
    )
    purchase_record(
        school=school,
        year=year,
        product=price.product,
        quantity=quantity,
        bought_on=datetime.date(year, 10, 1),
    )


def test_sessions_the_school_bought_are_added(db):
    school = member_school(headship_start=datetime.date(2023, 1, 1))
    buy_sessions(school, 2)
    entitlement = entitlement_of(school=school, year=YEAR)
    assert (entitlement.core, entitlement.bought, entitlement.total) == (6, 2, 8)


def test_a_school_that_is_not_a_member_has_only_the_sessions_it_bought(db):
    school = SchoolFactory(headship_start=datetime.date(2023, 1, 1))
    buy_sessions(school, 4)
    entitlement = entitlement_of(school=school, year=YEAR)
    assert (entitlement.core, entitlement.total) == (0, 4)


def test_held_missed_and_booked_sessions_are_taken_and_cancelled_ones_are_not(db):
    school = member_school(headship_start=datetime.date(2015, 9, 1))
    buy_sessions(school, 2)
    allocation = CoachingFactory(school=school, year=YEAR)
    for status in [
        SessionStatus.HELD,
        SessionStatus.HELD,
        SessionStatus.MISSED,
        SessionStatus.BOOKED,
        SessionStatus.CANCELLED,
    ]:
        SessionFactory(allocation=allocation, status=status)
    last_year = CoachingFactory(school=school, year=YEAR - 1)
    SessionFactory(allocation=last_year, status=SessionStatus.HELD)
    entitlement = entitlement_of(school=school, year=YEAR)
    assert (entitlement.held, entitlement.missed, entitlement.booked) == (2, 1, 1)
    assert (entitlement.total, entitlement.left) == (5, 1)


def test_the_directors_rows_agree_with_each_schools_entitlement(db, director):
    """The page's figures, read for every head at once, are those read school by school."""
    schools = [
        member_school(headship_start=datetime.date(2015, 9, 1)),
        member_school(headship_start=datetime.date(2022, 9, 1)),
        SchoolFactory(headship_start=None),
    ]
    buy_sessions(schools[0], 3)
    buy_sessions(schools[2], 1)
    for n, school in enumerate(schools):
        allocation = CoachingFactory(school=school, year=YEAR)
        for _ in range(n):
            SessionFactory(allocation=allocation, status=SessionStatus.HELD)
        SessionFactory(allocation=allocation, status=SessionStatus.BOOKED)
    rows = coaching_rows(user=director, year=YEAR)
    assert [row.entitlement for row in rows] == [
        entitlement_of(school=row.allocation.school, year=YEAR) for row in rows
    ]
    assert sorted(row.entitlement.total for row in rows) == [1, 6, 6]
