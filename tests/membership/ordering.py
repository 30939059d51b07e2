"""A price list shaped like seed 004's, and a member to order from it: what the order and
invoicing tests share."""

import datetime
from decimal import Decimal

from membership.models import Member, Product
from tests.membership.factories import MembershipFactory, PriceFactory, ProductFactory

YEAR = 2017
ON = datetime.date(2017, 10, 2)  # a day in 2017-18 the orders are made on


def price_list(*years: int) -> dict[str, Product]:
    """Silver (a package), extra LC visits, leadership coaching, and THERS for members only."""
    products = {
        "silver": ProductFactory(kind="package", code="silver", name="Silver"),
        "visit": ProductFactory(code="extra-lc-visit", name="Extra LC visit"),
        "coaching": ProductFactory(code="coaching", name="Leadership coaching"),
        "thers": ProductFactory(
            code="thers", name="Recruitment service (THERS)", members_only=True
        ),
    }
    for year in years or (YEAR,):
        PriceFactory(
            product=products["silver"],
            year=year,
            member_price=Decimal("6300.00"),
            non_member_price=Decimal("8800.00"),
        )
        PriceFactory(product=products["visit"], year=year)  # £250, £400 to non-members
        PriceFactory(
            product=products["coaching"],
            year=year,
            member_price=Decimal("300.00"),
            non_member_price=Decimal("450.00"),
        )
        PriceFactory(
            product=products["thers"], year=year, member_price=Decimal("0"), non_member_price=None
        )
    return products


def member_of(school, *years: int) -> Member:
    """The school a full member in each year (2017-18 if none is named)."""
    member, _ = Member.objects.get_or_create(school=school)
    for year in years or (YEAR,):
        MembershipFactory(member=member, year=year)
    return member
