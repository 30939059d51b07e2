"""The outcomes framework: each outcome's value worked out from figures, inspections,
memberships and bookings (counted by hand), the on-track rule, targets directors set, and the
KPI JSON's outcomes."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache

from learning.models import Status
from membership.models import ProductKind, Purchase
from ofsted.models import Grade
from outcomes.models import Area, Figure, Group, Measure
from reports.framework import outcome_rows
from reports.models import Outcome, OutcomeMeasure
from tests.factories import SchoolFactory
from tests.learning.factories import BookingFactory, EventFactory, SessionFactory
from tests.membership.factories import MembershipFactory, ProductFactory
from tests.ofsted.factories import InspectionFactory
from tests.reports.outcomes_seed import seeded_outcomes
from thep import years

pytestmark = pytest.mark.django_db

YEAR = 2022


@pytest.fixture(autouse=True)
def _outcomes(db):
    seeded_outcomes()


def value(user, measure: str, year: int = YEAR) -> Decimal | None:
    rows = outcome_rows(user=user, year=year)
    return next(row.value for row in rows if row.outcome.measure == measure)


def figure(school, measure: str, number: str | None, group: str = Group.ALL) -> Figure:
    return Figure.objects.create(
        school=school, year=YEAR, measure=measure, group=group,
        value=None if number is None else Decimal(number),
        not_published="" if number is not None else "suppressed (SUPP)",
    )  # fmt: skip


def england(measure: str, number: str) -> Figure:
    return Figure.objects.create(area=Area.ENGLAND, year=YEAR, measure=measure, value=number)


@pytest.fixture
def members(school_a, school_b):
    """Three member primaries of the borough, and one school of the LA that is not a member."""
    third = SchoolFactory(name="Columbia Primary School")
    for school in (school_a, school_b, third):
        MembershipFactory(member__school=school, year=YEAR)
    outsider = SchoolFactory(name="Not A Member Primary School")
    return school_a, school_b, third, outsider


def test_attainment_against_england_and_the_gap(director, members):
    a, b, c, outsider = members
    for school, number in ((a, "70"), (b, "60"), (c, "80"), (outsider, "10")):
        figure(school, Measure.KS2_RWM_EXPECTED, number)
    figure(a, Measure.KS2_RWM_EXPECTED, "50", Group.DISADVANTAGED)
    figure(b, Measure.KS2_RWM_EXPECTED, "56", Group.DISADVANTAGED)
    figure(c, Measure.KS2_RWM_EXPECTED, None, Group.DISADVANTAGED)  # withheld: not counted
    england(Measure.KS2_RWM_EXPECTED, "61")
    figure(a, Measure.ABSENCE_OVERALL, "5.0")
    figure(b, Measure.ABSENCE_OVERALL, "6.0")
    england(Measure.ABSENCE_OVERALL, "6.5")

    # Members' median 70 (60, 70, 80; the outsider's 10 is not a member's), England 61.
    assert value(director, OutcomeMeasure.KS2_VS_ENGLAND) == Decimal("9.0")
    # All pupils 70, disadvantaged median of 50 and 56 is 53: a gap of 17 points.
    assert value(director, OutcomeMeasure.DISADVANTAGED_GAP) == Decimal("17.0")
    # Median of 5.0 and 6.0 is 5.5, a point below England's 6.5.
    assert value(director, OutcomeMeasure.ABSENCE_VS_ENGLAND) == Decimal("-1.0")


def test_a_year_without_data_has_no_value_not_zero(director, members):
    figure(members[0], Measure.KS4_ATTAINMENT8, "50")  # no England row to compare with
    assert value(director, OutcomeMeasure.KS4_VS_ENGLAND) is None
    assert value(director, OutcomeMeasure.SUSPENSIONS_VS_ENGLAND) is None
    assert value(director, OutcomeMeasure.GOOD_OR_BETTER, YEAR + 5) is None


def test_good_or_better_is_of_graded_members(director, members):
    a, b, _, outsider = members
    InspectionFactory(school=a, overall_effectiveness=Grade.GOOD)
    InspectionFactory(school=b, overall_effectiveness=Grade.REQUIRES_IMPROVEMENT)
    InspectionFactory(school=outsider, overall_effectiveness=Grade.OUTSTANDING)
    # c has no grade, the outsider is not a member: one good of two graded members.
    assert value(director, OutcomeMeasure.GOOD_OR_BETTER) == Decimal("50.0")


def test_membership_is_of_the_las_schools(director, members):
    SchoolFactory(la_code=202, la_name="Camden")  # another LA's school is not counted
    # Three members of the borough's four open schools.
    assert value(director, OutcomeMeasure.MEMBERSHIP) == Decimal("75.0")


def test_participation_counts_services_and_places(director, school_a, school_b):
    course = EventFactory(sessions=[12])
    year = years.year_of(course.sessions.earliest("date").date)
    third = SchoolFactory()
    for school in (school_a, school_b, third, SchoolFactory()):
        MembershipFactory(member__school=school, year=year)
    BookingFactory(event=course, school=school_a)
    BookingFactory(event=course, school=school_b, status=Status.CANCELLED)
    visit = ProductFactory(kind=ProductKind.SERVICE)
    Purchase.objects.create(
        school=third, year=year, product=visit, kind=visit.kind, unit_price=Decimal("250"),
        at_member_price=True, bought_on=years.first_day(year),
    )  # fmt: skip
    # A booked a place, the third bought a service; B cancelled; the fourth did neither.
    assert value(director, OutcomeMeasure.PARTICIPATION, year) == Decimal("50.0")


def outcome(measure: str) -> Outcome:
    return Outcome.objects.get(measure=measure)


def test_on_track_rule_both_ways():
    membership = outcome(OutcomeMeasure.MEMBERSHIP)  # higher is better
    membership.baseline_year, membership.baseline = 2016, Decimal("60")
    membership.target_year, membership.target = 2020, Decimal("100")
    # Halfway through (2018), a steady climb would be at 80.
    assert membership.on_track(year=2018, value=Decimal("80")) is True
    assert membership.on_track(year=2018, value=Decimal("79.9")) is False
    assert membership.on_track(year=2017, value=Decimal("100")) is True  # reached the target
    assert membership.on_track(year=2018, value=None) is None  # no data: no judgement

    gap = outcome(OutcomeMeasure.DISADVANTAGED_GAP)  # lower is better, no target year
    gap.baseline_year, gap.baseline, gap.target = 2016, Decimal("20"), Decimal("10")
    assert gap.on_track(year=2019, value=Decimal("18")) is True  # better than the baseline
    assert gap.on_track(year=2019, value=Decimal("21")) is False
    gap.target = None
    assert gap.on_track(year=2019, value=Decimal("18")) is None  # no target yet


def test_the_kpi_json_gives_each_outcome(client_for, director, members):
    membership = outcome(OutcomeMeasure.MEMBERSHIP)
    membership.baseline_year, membership.baseline = 2016, Decimal("60.0")
    membership.target = Decimal("90.0")
    membership.save()
    found = client_for(director).get("/reports/kpis.json?year=2022-23").json()["outcomes"]
    assert len(found) == Outcome.objects.count() == 14  # seed 002's 13, and satisfaction
    assert {
        "outcome": membership.name,
        "measure": "Schools in the LA that are full members (%)",
        "year": "2022-23",
        "value": "75.0",
        "baseline": "60.0",
        "target": "90.0",
        "on_track": True,
    } in found
    ks4 = next(row for row in found if row["measure"].startswith("Members' median KS4"))
    assert (ks4["value"], ks4["on_track"]) == (None, None)


def test_the_page_shows_trends_and_no_data(client_for, director, members):
    figure(members[0], Measure.KS2_RWM_EXPECTED, "70")
    england(Measure.KS2_RWM_EXPECTED, "61")
    page = client_for(director).get("/reports/outcomes/?year=2022-23").content.decode()
    assert "Attainment at key stage 2 among the best in the country" in page
    assert "<td>9.0</td>" in page
    assert "no data" in page  # KS4, with no figures
    assert 'src="data:image/svg+xml;base64,' in page
    assert "Local communities satisfied with member schools" in page  # measured elsewhere


def test_directors_set_a_baseline_and_target(client_for, director, members):
    membership = outcome(OutcomeMeasure.MEMBERSHIP)
    client = client_for(director)
    client.get("/reports/outcomes/?year=2022-23")  # worked out and kept for a few minutes
    response = client.post(
        f"/reports/outcomes/{membership.pk}/",
        {"baseline_year": "2016-17", "baseline": "60", "target_year": "2025-26", "target": "95"},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.baseline_year, membership.baseline) == (2016, Decimal("60.0"))
    assert (membership.target_year, membership.target) == (2025, Decimal("95.0"))
    page = client.get("/reports/outcomes/?year=2022-23").content.decode()
    assert "95.0 by 2025-26" in page  # shown at once, not after the cache runs out


@pytest.mark.parametrize(
    ("posted", "said"),
    [
        ({"baseline": "60", "target": "95"},
         "Give the baseline&#x27;s year and its value together."),
        ({"target": "95"}, "Set the baseline before the target."),
        ({"baseline_year": "2016", "baseline": "60"}, "write it like 2017-18"),
        ({"baseline_year": "2016-17", "baseline": "60", "target": "50"},
         "A higher value is better for this outcome, so the target cannot be below the baseline"),
        ({"baseline_year": "2016-17", "baseline": "160"},
         "This outcome is a percentage: give 0 to 100."),
        ({"baseline_year": "2018-19", "baseline": "60", "target_year": "2017-18", "target": "90"},
         "The target year must come after the baseline year."),
    ],
)  # fmt: skip
def test_bad_targets_are_refused_and_change_nothing(client_for, director, posted, said):
    membership = outcome(OutcomeMeasure.MEMBERSHIP)
    before = membership.updated_at
    response = client_for(director).post(f"/reports/outcomes/{membership.pk}/", posted)
    assert response.status_code == 400
    assert said in response.content.decode()
    membership.refresh_from_db()
    assert (membership.baseline, membership.target, membership.updated_at) == (None, None, before)


def test_lower_is_better_targets_go_down(client_for, director):
    gap = outcome(OutcomeMeasure.DISADVANTAGED_GAP)
    posted = {"baseline_year": "2016-17", "baseline": "20", "target": "25"}
    response = client_for(director).post(f"/reports/outcomes/{gap.pk}/", posted)
    assert "so the target cannot be above the baseline (20)" in response.content.decode()


@pytest.mark.parametrize("who", ["head_a", "staff_a", "lc_a", "la_officer", "office_admin"])
def test_nobody_else_sees_or_sets_the_outcomes(request, client_for, who):
    client = client_for(request.getfixturevalue(who))
    membership = outcome(OutcomeMeasure.MEMBERSHIP)
    assert client.get("/reports/outcomes/").status_code == 404
    assert client.get(f"/reports/outcomes/{membership.pk}/").status_code == 404
    posted = {"baseline_year": "2016-17", "baseline": "60"}
    assert client.post(f"/reports/outcomes/{membership.pk}/", posted).status_code == 404
    membership.refresh_from_db()
    assert membership.baseline is None


def test_outcomes_page_queries_do_not_grow_with_schools(
    client_for, director, django_assert_max_num_queries
):
    client = client_for(director)
    client.get("/")
    for _ in range(3):
        MembershipFactory(year=YEAR)
    with django_assert_max_num_queries(150) as small:
        cache.clear()
        client.get("/reports/outcomes/?year=2022-23")
    for _ in range(30):
        school = SchoolFactory()
        MembershipFactory(member__school=school, year=YEAR)
        InspectionFactory(school=school, start_date=datetime.date(2021, 5, 1))
        Figure.objects.create(
            school=school, year=YEAR, measure=Measure.KS2_RWM_EXPECTED, value=Decimal(60)
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        cache.clear()
        client.get("/reports/outcomes/?year=2022-23")


def test_a_place_counts_in_the_membership_year_its_event_starts(director, school_a, school_b):
    summer, autumn = EventFactory(sessions=[]), EventFactory(sessions=[])
    SessionFactory(event=summer, date=datetime.date(2023, 8, 31))  # the last day of 2022-23
    SessionFactory(event=autumn, date=datetime.date(2023, 9, 1))  # the first day of 2023-24
    for school in (school_a, school_b):
        member = MembershipFactory(member__school=school, year=2022).member
        MembershipFactory(member=member, year=2023)
    BookingFactory(event=summer, school=school_a)
    BookingFactory(event=autumn, school=school_b)

    rows = outcome_rows(user=director, year=2023, trend_years=2)
    participation = next(row for row in rows if row.outcome.measure == OutcomeMeasure.PARTICIPATION)

    # One of the two members took part in each year: A in 2022-23, B in 2023-24.
    assert participation.values == {2022: Decimal("50.0"), 2023: Decimal("50.0")}
