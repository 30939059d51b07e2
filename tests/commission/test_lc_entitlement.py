import datetime

from improvement.selectors import core_visits_due, visit_entitlement, visits_to_arrange
from membership.models import School, SchoolType
from tests.commission.factories import buy_commission
from tests.factories import AllocationFactory, SchoolFactory
from tests.membership.factories import MembershipFactory

YEAR = 2023
TODAY = datetime.date(2024, 1, 15)
LONG_SERVING = datetime.date(2010, 9, 1)


def core(school) -> int:
    return visit_entitlement(school=school, year=YEAR, today=TODAY).core


def test_a_maintained_school_that_is_not_a_member_has_three_visits_from_the_commission(db):
    school = SchoolFactory(headship_start=LONG_SERVING)
    assert core(school) == 3


def test_an_academy_that_is_not_a_member_has_visits_only_once_it_buys_the_commission(db):
    academy = SchoolFactory(school_type=SchoolType.ACADEMY, headship_start=LONG_SERVING)
    assert core(academy) == 0
    buy_commission(academy, YEAR)
    assert core(academy) == 3


def test_a_member_academy_has_its_members_visits(db):
    academy = SchoolFactory(school_type=SchoolType.ACADEMY, headship_start=LONG_SERVING)
    MembershipFactory(member__school=academy, year=YEAR)
    assert core(academy) == 3


def test_an_lc_is_asked_to_arrange_no_core_visit_for_a_school_neither_member_nor_covered(db, lc_a):
    academy = SchoolFactory(school_type=SchoolType.ACADEMY, headship_start=LONG_SERVING)
    bought = SchoolFactory(school_type=SchoolType.ACADEMY, headship_start=LONG_SERVING)
    buy_commission(bought, YEAR)
    for school in (academy, bought):
        AllocationFactory(school=school, consultant=lc_a, year=YEAR)
    rows = {row.school: row.total for row in visits_to_arrange(user=lc_a, year=YEAR)}
    assert academy not in rows
    assert rows[bought] == 3


def test_the_commissions_visits_due_count_new_heads_double_as_each_school_does(db):
    starts = [LONG_SERVING, datetime.date(2021, 9, 1), datetime.date(2021, 9, 2), None]
    schools = [SchoolFactory(headship_start=start) for start in starts]
    assert [core(school) for school in schools] == [3, 3, 6, 3]
    assert core_visits_due(schools=School.objects.all(), year=YEAR) == (4, 15)
