import pytest

from membership.models import Member
from tests.membership.factories import MembershipFactory
from thep import years


@pytest.fixture
def member_a(school_a):
    """School A is a member this year and next (events in the tests run in the coming weeks)."""
    member = Member.objects.create(school=school_a)
    for year in (years.current(), years.current() + 1):
        MembershipFactory(member=member, year=year)
    return member
