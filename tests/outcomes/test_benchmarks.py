"""A school's figures against the borough's members, its LA, London and England, with its
national percentile and quintile, counted by hand on the fixtures; and who may see them."""

from decimal import Decimal

import pytest
from django.http import Http404

from membership.models import SchoolType
from outcomes.imports import performance_import
from outcomes.models import Group, Measure
from outcomes.selectors import Benchmark, benchmarks_for
from tests.factories import SchoolFactory
from tests.membership.factories import MembershipFactory
from tests.outcomes.conftest import ABSENCE, EXCLUSIONS, KS2, YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(dfe_schools):
    for urn in (100001, 100002, 100003):
        MembershipFactory(member__school=dfe_schools[urn], year=YEAR)
    performance_import(source=KS2, kind="ks2", year=YEAR)
    performance_import(source=ABSENCE, kind="absence", year=YEAR)
    performance_import(source=EXCLUSIONS, kind="exclusions", year=YEAR)
    return dfe_schools


def row(found: list[Benchmark], measure: str, group: str = Group.ALL) -> Benchmark:
    return next(each for each in found if (each.measure, each.group) == (measure, group))


def test_school_against_members_la_and_england(imported, director):
    found = benchmarks_for(user=director, school=imported[100001], year=YEAR)

    rwm = row(found, Measure.KS2_RWM_EXPECTED)
    assert rwm.value == 70
    # Members: 100001 (70) and 100002 (60); 100003's figure is suppressed. Median 65.
    assert (rwm.members, rwm.members_count) == (Decimal("65.00"), 2)
    assert (rwm.la, rwm.england, rwm.london) == (66, 61, None)
    # England's five schools with a figure: 40 50 60 70 80. Three are below 70 (60%), one
    # above it (the second fifth).
    assert (rwm.percentile, rwm.quintile) == (60, 2)
    assert (row(found, Measure.KS2_RWM_EXPECTED).predecessor) is None


def test_percentile_and_quintile_by_hand(imported, director):
    found = benchmarks_for(user=director, school=imported[100002], year=YEAR)

    rwm = row(found, Measure.KS2_RWM_EXPECTED)
    assert (rwm.percentile, rwm.quintile) == (40, 3)  # 40 and 50 below; 70 and 80 above
    withheld = row(found, Measure.KS2_RWM_EXPECTED, Group.DISADVANTAGED)
    assert (withheld.value, withheld.not_published) == (None, "no pupils were entered (NE)")
    assert (withheld.percentile, withheld.quintile) == (None, None)


def test_less_absence_ranks_higher(imported, director):
    found = benchmarks_for(user=director, school=imported[100001], year=YEAR)

    absence = row(found, Measure.ABSENCE_OVERALL)
    # England's schools with a figure: 4.8 (this one), 5.5, 6.2: both others have more absence.
    assert (absence.percentile, absence.quintile) == (66, 1)
    assert (absence.la, absence.england) == (Decimal("5.60"), Decimal("5.90"))
    suspensions = row(found, Measure.SUSPENSION_RATE)
    assert suspensions.london == Decimal("6.92")


def test_a_converter_with_no_figures_of_its_own_shows_its_predecessors(imported, director):
    academy = SchoolFactory(
        urn=145001, school_type=SchoolType.ACADEMY, predecessor=imported[100001]
    )

    found = benchmarks_for(user=director, school=academy, year=YEAR)

    rwm = row(found, Measure.KS2_RWM_EXPECTED)
    assert rwm.value == 70
    assert rwm.predecessor == imported[100001]


def test_people_who_see_a_schools_benchmarks(imported, head_a, lc_a, director, office_admin):
    for person in (head_a, lc_a, director, office_admin):
        assert benchmarks_for(user=person, school=imported[100001], year=YEAR)


def test_others_get_a_404(imported, head_b, staff_a, coach, lc_other):
    for person in (head_b, staff_a, coach, lc_other):
        with pytest.raises(Http404):
            benchmarks_for(user=person, school=imported[100001], year=YEAR)


def test_la_officer_sees_maintained_schools_only(imported, la_officer):
    assert benchmarks_for(user=la_officer, school=imported[100001], year=YEAR)
    with pytest.raises(Http404):
        benchmarks_for(user=la_officer, school=imported[100004], year=YEAR)  # an academy


def test_benchmarks_take_few_queries(imported, director, django_assert_max_num_queries):
    for urn in range(400001, 400021):
        MembershipFactory(member__school=SchoolFactory(urn=urn), year=YEAR)
    with django_assert_max_num_queries(8):
        benchmarks_for(user=director, school=imported[100001], year=YEAR)
