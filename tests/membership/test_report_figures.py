import datetime

import pytest
from django.core.exceptions import PermissionDenied

from membership.models import Membership
from membership.selectors import joiners_and_leavers, members_by_phase
from tests.factories import SchoolFactory
from tests.membership.factories import MembershipFactory


def test_members_by_phase_counts_open_schools_of_that_year(director, school_a, school_b):
    SchoolFactory(
        urn=200001, closed_on=datetime.date(2017, 8, 31), is_open=False
    )  # closed before 2017-18
    SchoolFactory(urn=200002, opened_on=datetime.date(2018, 9, 1))  # not open yet
    SchoolFactory(
        urn=200003, la_code=201, name="City school"
    )  # out of borough, not counted in the LA
    MembershipFactory(member__school=school_a, year=2017)
    rows = {row.group: row for row in members_by_phase(user=director, year=2017)}
    assert (rows["Primary"].members, rows["Primary"].schools) == (1, 2)
    assert {row.group: row.schools for row in members_by_phase(user=director, year=2016)}[
        "Primary"
    ] == 3


def test_joiners_and_leavers_compare_with_the_year_before(director, school_a, school_b):
    MembershipFactory(member__school=school_a, year=2016)
    MembershipFactory(member__school=school_b, year=2017)
    figures = joiners_and_leavers(user=director, year=2017)
    assert [str(m) for m in figures.joiners] == ["Cayley Primary School"]
    assert [str(m) for m in figures.leavers] == ["Bonner Primary School"]


def test_heads_and_consultants_cannot_ask_for_membership_figures(head_a, lc_a):
    for person in (head_a, lc_a):
        with pytest.raises(PermissionDenied):
            members_by_phase(user=person, year=2017)


def test_admin_renewal_action_rolls_members_into_next_year(client_for, office_admin, school_a):
    membership = MembershipFactory(member__school=school_a, year=2017)
    response = client_for(office_admin).post(
        "/admin/membership/membership/",
        {"action": "renew", "_selected_action": [membership.pk]},
        follow=True,
    )
    assert "1 members renewed from 2017-18 into 2018-19" in response.content.decode()
    assert Membership.objects.filter(member__school=school_a, year=2018).exists()
