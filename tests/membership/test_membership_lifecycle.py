import datetime

import pytest
from django.core.exceptions import ValidationError

from membership.models import Category, Joining, Member, Membership
from membership.selectors import is_member, membership_for
from membership.services import (
    membership_give_notice,
    membership_join,
    membership_renew_all,
    pupils_record,
)
from tests.membership.factories import MembershipFactory
from thep import years


def join(school, year=2017, **extra):
    fields = {
        "category": Category.FULL,
        "accepted_by_name": "Helen Marsh",
        "accepts_aims_and_values": True,
        "accepts_guarantee": True,
        **extra,
    }
    return membership_join(school=school, year=year, **fields)


def test_joining_records_the_commitments_with_who_and_when(school_a, head_a):
    membership = join(school_a, accepted_by=head_a, joined_on=datetime.date(2017, 11, 15))
    joining = Joining.objects.get(member__school=school_a)
    assert joining.accepted_by_name == "Helen Marsh"
    assert joining.accepted_by == head_a
    assert joining.accepted_at is not None
    assert joining.accepts_aims_and_values and joining.accepts_guarantee
    assert membership.starts_on == datetime.date(2017, 11, 15)
    assert is_member(school=school_a, on=datetime.date(2017, 11, 15))
    assert not is_member(school=school_a, on=datetime.date(2017, 11, 14))


def test_joining_without_accepting_the_guarantee_is_refused(school_a):
    with pytest.raises(ValidationError, match="£25 guarantee"):
        join(school_a, accepts_guarantee=False)
    assert not Membership.objects.exists()


def test_associate_member_with_no_urn_joins_by_name(db):
    membership = membership_join(
        name="Spitalfields Music",
        year=2017,
        category=Category.ASSOCIATE,
        accepted_by_name="A. Director",
        accepts_aims_and_values=True,
        accepts_guarantee=True,
    )
    assert str(membership.member) == "Spitalfields Music"
    assert membership.category == Category.ASSOCIATE


def test_a_second_membership_for_the_same_member_and_year_is_refused(school_a):
    join(school_a)
    with pytest.raises(ValidationError, match="already has a membership for 2017-18"):
        join(school_a)
    assert Membership.objects.count() == 1
    assert Joining.objects.count() == 1


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
    assert membership_for(school=school_a, year=2018).ends_on == years.last_day(2018)
    # A second run renews nobody twice.
    assert membership_renew_all(year=2017) == 0


def test_notice_ends_membership_a_year_later_and_fees_stay_due(school_a):
    join(school_a)
    leaves_on = membership_give_notice(
        member=Member.objects.get(school=school_a), given_on=datetime.date(2017, 10, 10)
    )
    assert leaves_on == datetime.date(2018, 10, 31)
    assert membership_renew_all(year=2017) == 1
    assert membership_for(school=school_a, year=2018).ends_on == datetime.date(2018, 10, 31)
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


def test_rejoining_after_leaving_clears_the_notice(school_a):
    MembershipFactory(member__school=school_a, year=2017)
    member = Member.objects.get(school=school_a)
    membership_give_notice(member=member, given_on=datetime.date(2017, 9, 15))
    membership = join(school_a, year=2019)
    member.refresh_from_db()
    assert member.leaves_on is None
    assert membership_for(school=school_a, year=2018) is None
    assert membership.year == 2019
    assert is_member(school=school_a, on=datetime.date(2019, 9, 1))


def test_negative_pupils_are_refused(school_a):
    with pytest.raises(ValidationError, match="cannot be negative"):
        pupils_record(school=school_a, year=2017, pupils=-3)
    assert not school_a.pupil_counts.exists()
