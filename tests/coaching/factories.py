import datetime

import factory

from coaching.models import Allocation, Session
from tests.factories import AffiliationFactory, ModelFactory, UserFactory
from thep import years
from thep.models import Role


class CoachingFactory(ModelFactory[Allocation]):
    """A coach allocated to a head of a school (the head's affiliation made with it)."""

    class Meta:
        model = Allocation

    coach = factory.SubFactory(UserFactory, role=Role.COACH)
    head = factory.SubFactory(UserFactory, role=Role.HEADTEACHER)
    school = factory.LazyAttribute(
        lambda allocation: AffiliationFactory(person=allocation.head).school
    )
    year = factory.LazyFunction(years.current)


class SessionFactory(ModelFactory[Session]):
    class Meta:
        model = Session

    allocation = factory.SubFactory(CoachingFactory)
    date = factory.LazyAttribute(lambda session: years.first_day(session.allocation.year))
    start_time = datetime.time(16)
