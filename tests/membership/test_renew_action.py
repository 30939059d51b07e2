"""The admin's Renew action: only the rows ticked, and it asks before renewing more than one."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from membership.models import Membership
from membership.services import membership_renew
from tests.factories import SchoolFactory
from tests.membership.factories import MembershipFactory

CHANGELIST = "/admin/membership/membership/"


def renew(client, memberships, **extra):
    return client.post(
        CHANGELIST,
        {"action": "renew", "_selected_action": [m.pk for m in memberships], **extra},
        follow=True,
    )


def renewed() -> set[str]:
    return {str(m.member) for m in Membership.objects.filter(year=2018)}


def test_one_row_ticked_renews_that_one_only(client_for, office_admin, school_a, school_b):
    ticked = MembershipFactory(member__school=school_a, year=2017)
    MembershipFactory(member__school=school_b, year=2017)
    response = renew(client_for(office_admin), [ticked])
    assert "1 members renewed from 2017-18 into 2018-19." in response.content.decode()
    assert renewed() == {"Bonner Primary School"}


def test_more_than_one_is_listed_to_confirm_and_nothing_changes_until_then(
    client_for, office_admin, school_a, school_b
):
    ticked = [
        MembershipFactory(member__school=school, year=2017) for school in (school_a, school_b)
    ]
    MembershipFactory(member__school=SchoolFactory(name="Not Ticked School"), year=2017)
    client = client_for(office_admin)
    page = renew(client, ticked).content.decode()
    assert "Renewing makes these 2 memberships:" in page
    assert "Bonner Primary School: full membership 2018-19, 1 September 2018 to 31 August 2019" in (
        page
    )
    assert "Not Ticked School" not in page
    assert renewed() == set()
    page = renew(client, ticked, confirmed="yes").content.decode()
    assert "2 members renewed from 2017-18 into 2018-19." in page
    assert renewed() == {"Bonner Primary School", "Cayley Primary School"}


def test_a_second_renewal_of_the_same_year_is_refused_in_plain_words(
    client_for, office_admin, school_a, school_b
):
    first = MembershipFactory(member__school=school_a, year=2017)
    membership_renew(membership=first)
    with pytest.raises(
        ValidationError, match="Bonner Primary School is already renewed into 2018-19"
    ):
        membership_renew(membership=first)
    other = MembershipFactory(member__school=school_b, year=2017)
    client = client_for(office_admin)
    page = renew(client, [first, other]).content.decode()
    assert "Bonner Primary School is already renewed into 2018-19." in page
    assert "Renewing makes these 1 memberships:" in page
    page = renew(client, [first]).content.decode()
    assert "Bonner Primary School is already renewed into 2018-19." in page
    assert Membership.objects.filter(year=2018).count() == 1


def test_a_member_leaving_before_the_next_year_is_not_renewed(school_a):
    membership = MembershipFactory(member__school=school_a, year=2017)
    member = membership.member
    member.notice_given_on = datetime.date(2017, 6, 1)
    member.leaves_on = datetime.date(2018, 5, 31)
    member.save()
    with pytest.raises(
        ValidationError, match="gave notice and leaves on 31 May 2018, before 2018-19"
    ):
        membership_renew(membership=membership)
    assert not Membership.objects.filter(year=2018).exists()
