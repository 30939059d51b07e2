"""One phase grouping, THEP's: all-through schools and alternative provision count with the
secondaries, in the KPI tables, the Ofsted figures and the routing of LC reports alike."""

import datetime

import pytest

from improvement.models import director_for
from membership.models import Phase
from membership.phases import KPI_GROUPS, kpi_group
from membership.selectors import members_by_phase
from ofsted.figures import inspections_in_year, outcomes_by_phase
from tests.factories import SchoolFactory
from tests.membership.factories import MemberFactory, MembershipFactory
from tests.ofsted.factories import InspectionFactory
from thep.models import DirectorKind


def test_all_through_schools_and_alternative_provision_count_with_the_secondaries():
    assert {phase: kpi_group(phase) for phase in Phase} == {
        Phase.NURSERY: Phase.NURSERY,
        Phase.PRIMARY: Phase.PRIMARY,
        Phase.SECONDARY: Phase.SECONDARY,
        Phase.ALL_THROUGH: Phase.SECONDARY,
        Phase.ALTERNATIVE: Phase.SECONDARY,
        Phase.SPECIAL: Phase.SPECIAL,
    }
    assert sorted(phase for phases in KPI_GROUPS.values() for phase in phases) == sorted(Phase)


def test_only_the_count_of_inspections_keeps_alternative_provision_apart():
    assert kpi_group(Phase.ALTERNATIVE, alternative_apart=True) == Phase.ALTERNATIVE
    assert kpi_group(Phase.ALL_THROUGH, alternative_apart=True) == Phase.SECONDARY


def test_reports_of_the_secondary_group_and_special_schools_go_to_the_director_of_secondary():
    assert {phase: director_for(phase) for phase in Phase} == {
        Phase.NURSERY: DirectorKind.PRIMARY,
        Phase.PRIMARY: DirectorKind.PRIMARY,
        Phase.SECONDARY: DirectorKind.SECONDARY,
        Phase.ALL_THROUGH: DirectorKind.SECONDARY,
        Phase.ALTERNATIVE: DirectorKind.SECONDARY,
        Phase.SPECIAL: DirectorKind.SECONDARY,
    }


@pytest.mark.django_db
def test_membership_and_ofsted_tables_group_an_all_through_school_as_a_secondary(director):
    schools = [SchoolFactory(phase=Phase.ALL_THROUGH), SchoolFactory(phase=Phase.ALTERNATIVE)]
    for school in schools:
        MembershipFactory(member=MemberFactory(school=school), year=2017)
        InspectionFactory(school=school, start_date=datetime.date(2017, 10, 2))
    members = {row.group: row.members for row in members_by_phase(user=director, year=2017)}
    assert members == {"Nursery": 0, "Primary": 0, "Secondary": 2, "Special": 0}
    outcomes = outcomes_by_phase(schools=schools, as_at=datetime.date(2018, 7, 31))
    assert [(row.label, row.schools) for row in outcomes] == [("Secondary", 2)]
    inspections = inspections_in_year(schools=schools, year=2017)
    assert [(row.label, row.schools) for row in inspections] == [
        ("Secondary", 1),
        ("Alternative provision", 1),
    ]
