import datetime

import pytest
from django.core.exceptions import ValidationError

from membership.models import Member, Membership, PupilCount
from membership.selectors import is_member, membership_for
from membership.services import membership_give_notice, membership_renew_all
from tests.membership.factories import MembershipFactory
from thep import years


def ends_on(school, year: int) -> datetime.date:
    membership = membership_for(school=school, year=year)
    assert membership is not None, f"{school} has no membership in {year}"
    return membership.ends_on


def join(school, year=2017):
    return MembershipFactory(member__school=school, year=year)


def test_the_database_holds_one_membership_per_member_and_year(school_a):
    membership = join(school_a)
    with pytest.raises(ValidationError):
        Membership(
            member=membership.member,
            year=2017,
            starts_on=membership.starts_on,
            ends_on=membership.ends_on,
        ).validate_constraints()


def test_renewal_rolls_every_current_member_into_the_next_year(school_a, school_b):
    join(school_a)
    join(school_b)
    assert membership_renew_all(year=2017) == 2
    assert ends_on(school_a, 2018) == years.last_day(2018)
    # A second run renews nobody twice.
    assert membership_renew_all(year=2017) == 0


def test_notice_ends_membership_a_year_later_and_fees_stay_due(school_a):
    join(school_a)
    leaves_on = membership_give_notice(
        member=Member.objects.get(school=school_a), given_on=datetime.date(2017, 10, 10)
    )
    assert leaves_on == datetime.date(2018, 10, 31)
    assert membership_renew_all(year=2017) == 1
    assert ends_on(school_a, 2018) == datetime.date(2018, 10, 31)
    assert is_member(school=school_a, on=datetime.date(2018, 10, 31))
    assert not is_member(school=school_a, on=datetime.date(2018, 11, 1))
    assert membership_renew_all(year=2018) == 0


def test_notice_from_a_non_member_is_refused(school_a):
    join(school_a, year=2016)
    member = Member.objects.get(school=school_a)
    with pytest.raises(ValidationError, match="is not a member on 10 October 2017"):
        membership_give_notice(member=member, given_on=datetime.date(2017, 10, 10))
    member.refresh_from_db()
    assert member.notice_given_on is None


def test_negative_pupils_are_refused(school_a):
    with pytest.raises(ValidationError, match="Give a whole number from 0 to 10000"):
        PupilCount(school=school_a, year=2017, pupils=-3).full_clean()
