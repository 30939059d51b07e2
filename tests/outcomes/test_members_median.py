"""The borough's members' median, worked out in the database, counted by hand: each full
member of Tower Hamlets once, by its own figure or, where it has none, its predecessor's."""

from decimal import Decimal

import pytest

from membership.models import Category, SchoolType
from outcomes.models import Figure, Group, Measure
from outcomes.selectors import members_medians
from tests.factories import SchoolFactory
from tests.membership.factories import MembershipFactory

pytestmark = pytest.mark.django_db

YEAR = 2022
RWM = Measure.KS2_RWM_EXPECTED


def figure(school, number: str | None, year: int = YEAR, group: str = Group.ALL) -> None:
    Figure.objects.create(
        school=school, year=year, measure=RWM, group=group,
        value=None if number is None else Decimal(number),
        not_published="" if number is not None else "suppressed (SUPP)",
    )  # fmt: skip


def member(name: str, **fields):
    school = SchoolFactory(name=name, **fields)
    MembershipFactory(member__school=school, year=YEAR)
    return school


def test_median_counts_each_member_once_by_its_own_or_its_predecessors_figure(director):
    figure(member("Alpha"), "61.50")
    figure(member("Beta"), "70.25")
    closed = SchoolFactory(name="Closed Primary")
    figure(closed, "80.00")
    member("Converter Academy", school_type=SchoolType.ACADEMY, predecessor=closed)
    # A member whose own figure was withheld is not counted by its predecessor's.
    earlier = SchoolFactory(name="Earlier Primary")
    figure(earlier, "10.00")
    figure(member("Withheld Academy", predecessor=earlier), None)
    figure(SchoolFactory(name="Not A Member"), "5.00")
    figure(member("Out Of Borough", la_code=202), "6.00")
    associate = SchoolFactory(name="Associate")
    MembershipFactory(member__school=associate, year=YEAR, category=Category.ASSOCIATE)
    figure(associate, "7.00")
    figure(member("Gamma"), "90.00", year=YEAR - 1)  # another year

    medians = members_medians(user=director, years=[YEAR])

    # 61.50, 70.25, 80.00 (the converter's predecessor): the middle one.
    assert medians == {YEAR: {(RWM, Group.ALL): Decimal("70.25")}}


def test_an_even_count_takes_the_mean_of_the_middle_two(director):
    for name, number in (("A", "60.00"), ("B", "70.01"), ("C", "50.00"), ("D", "90.00")):
        figure(member(name), number)
    figure(member("E"), "40.00", group=Group.DISADVANTAGED)

    medians = members_medians(user=director, years=[YEAR, YEAR + 1])

    assert medians[YEAR][(RWM, Group.ALL)] == Decimal("65.005")
    assert medians[YEAR][(RWM, Group.DISADVANTAGED)] == Decimal("40.00")
    assert medians[YEAR + 1] == {}
