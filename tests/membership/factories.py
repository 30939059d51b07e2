import datetime
from decimal import Decimal

import factory

from membership.models import Category, FeeRate, Member, Membership, Price, Product, PupilCount
from tests.factories import ModelFactory, SchoolFactory
from thep import years


class MemberFactory(ModelFactory[Member]):
    class Meta:
        model = Member

    school = factory.SubFactory(SchoolFactory)


class MembershipFactory(ModelFactory[Membership]):
    class Meta:
        model = Membership

    member = factory.SubFactory(MemberFactory)
    year = 2017
    category = Category.FULL
    starts_on = factory.LazyAttribute(lambda membership: years.first_day(membership.year))
    ends_on = factory.LazyAttribute(lambda membership: years.last_day(membership.year))


class FeeRateFactory(ModelFactory[FeeRate]):
    class Meta:
        model = FeeRate
        django_get_or_create = ["year"]

    year = 2017
    per_pupil = Decimal("5.00")
    charged_from = factory.LazyAttribute(lambda rate: years.first_day(rate.year))


class PupilCountFactory(ModelFactory[PupilCount]):
    class Meta:
        model = PupilCount

    school = factory.SubFactory(SchoolFactory)
    year = 2017
    pupils = 420


class ProductFactory(ModelFactory[Product]):
    class Meta:
        model = Product
        django_get_or_create = ["code"]

    kind = "service"
    code = "extra-lc-visit"
    name = "Extra LC visit"


class PriceFactory(ModelFactory[Price]):
    class Meta:
        model = Price

    product = factory.SubFactory(ProductFactory)
    year = 2017
    member_price = Decimal("250.00")
    non_member_price = Decimal("400.00")


FOUNDING_CHARGED_FROM = datetime.date(2017, 4, 1)
