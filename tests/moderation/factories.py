import datetime

import factory

from moderation.draw import RULE
from moderation.models import Draw, Kind, Pick, Visit
from tests.factories import ModelFactory, SchoolFactory, UserFactory
from thep import years
from thep.models import Role


class DrawFactory(ModelFactory[Draw]):
    class Meta:
        model = Draw

    year = factory.LazyFunction(years.current)
    seed = 123
    pool = 10
    rule = RULE


class PickFactory(ModelFactory[Pick]):
    class Meta:
        model = Pick

    draw = factory.SubFactory(DrawFactory)
    kind = Kind.KS2_WRITING
    school = factory.SubFactory(SchoolFactory)
    reason = "random, seed 123"


class VisitFactory(ModelFactory[Visit]):
    class Meta:
        model = Visit

    pick = factory.SubFactory(PickFactory)
    moderator = factory.SubFactory(UserFactory, role=Role.MODERATOR)
    date = factory.LazyAttribute(lambda visit: datetime.date(visit.pick.draw.year + 1, 6, 10))
