import datetime

import factory
from django.utils import timezone

from meetings.models import Meeting, Resolution
from membership.models import Category, School
from tests.factories import ModelFactory
from tests.membership.factories import MemberFactory, MembershipFactory
from thep import years


class MeetingFactory(ModelFactory[Meeting]):
    class Meta:
        model = Meeting

    kind = Meeting.Kind.AGM
    date = factory.LazyFunction(timezone.localdate)
    starts_at = datetime.time(16, 30)
    place = "Professional Development Centre"


class ResolutionFactory(ModelFactory[Resolution]):
    class Meta:
        model = Resolution

    meeting = factory.SubFactory(MeetingFactory)
    number = 1
    text = "To receive the annual report and accounts."
    status = Resolution.Status.OPEN


def member_this_year(school: School, category: str = Category.FULL) -> None:
    """A membership of this year (the meetings' day falls in it)."""
    MembershipFactory(member=MemberFactory(school=school), year=years.current(), category=category)
