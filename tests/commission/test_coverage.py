import datetime

from commission.selectors import coverage
from membership.models import SchoolType
from membership.services import purchase_cancel
from tests.commission.factories import buy_commission
from tests.factories import SchoolFactory
from tests.membership.factories import MembershipFactory

YEAR = 2023


def covered_names(year: int = YEAR) -> set[str]:
    return {row.school.name for row in coverage(year=year)}


def test_every_open_maintained_school_in_the_borough_is_in_the_commission(db):
    SchoolFactory(name="Maintained")
    SchoolFactory(name="Another maintained", school_type=SchoolType.LA_MAINTAINED)
    SchoolFactory(name="Out of borough", la_code=202)
    assert covered_names() == {"Maintained", "Another maintained"}


def test_an_academy_is_in_only_for_the_years_it_bought_the_commission(db):
    academy = SchoolFactory(name="Academy", school_type=SchoolType.ACADEMY)
    SchoolFactory(name="Free school", school_type=SchoolType.FREE_SCHOOL)
    assert covered_names() == set()
    buy_commission(academy, YEAR)
    assert covered_names() == {"Academy"}
    assert covered_names(YEAR + 1) == set()
    [row] = coverage(year=YEAR)
    assert row.bought and not row.is_member


def test_a_cancelled_order_takes_the_academy_out(db):
    academy = SchoolFactory(name="Academy", school_type=SchoolType.ACADEMY)
    order = buy_commission(academy, YEAR)
    purchase_cancel(order=order, on=datetime.date(2023, 9, 20))
    assert covered_names() == set()


def test_a_school_closed_before_the_year_is_out_and_one_closing_during_it_is_in(db):
    SchoolFactory(name="Closed", is_open=False, closed_on=datetime.date(2023, 8, 31))
    SchoolFactory(name="Closing", is_open=False, closed_on=datetime.date(2024, 3, 31))
    assert covered_names() == {"Closing"}


def test_services_due_follow_membership_and_phase(db):
    SchoolFactory(name="Primary non-member")
    member = SchoolFactory(name="Secondary member", phase="secondary")
    MembershipFactory(member__school=member, year=YEAR)
    rows = {row.school.name: row for row in coverage(year=YEAR)}
    primary, secondary = rows["Primary non-member"], rows["Secondary member"]
    assert primary.services == [
        "Risk assessment",
        "Comparative data pack",
        "Leadership consultancy: 1.5 days, one half-day visit a term",
        "Ofsted inspection support",
        "Assessment monitoring and moderation, if sampled",
        "Approval of a headteacher's appointment",
    ]
    assert "Leadership consultancy: 3 visits a year, as a member" in secondary.services
    assert "Assessment monitoring and moderation, if sampled" not in secondary.services
    assert secondary.is_member


def test_the_list_costs_one_query_however_many_schools(db, django_assert_num_queries):
    for n in range(5):
        SchoolFactory(name=f"School {n}")
    with django_assert_num_queries(1):
        assert len(coverage(year=YEAR)) == 5
