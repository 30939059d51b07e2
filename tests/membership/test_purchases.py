import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from membership.models import Purchase
from membership.selectors import extra_visits_bought, membership_savings
from membership.services import purchase_record
from tests.membership.factories import MembershipFactory, PriceFactory, ProductFactory


def test_member_buys_at_member_price_and_sees_the_saving(school_a, head_a):
    MembershipFactory(member__school=school_a, year=2017)
    price = PriceFactory(year=2017)
    purchase_record(
        school=school_a, year=2017, product=price.product, quantity=3,
        bought_on=datetime.date(2017, 10, 1),
    )  # fmt: skip
    assert extra_visits_bought(school=school_a, year=2017) == 3
    savings = membership_savings(school=school_a, year=2017)
    assert savings.total == Decimal("450.00")  # 3 x (400 - 250)


def test_non_member_pays_non_member_price(school_b):
    price = PriceFactory(year=2017)
    purchase = purchase_record(
        school=school_b, year=2017, product=price.product, bought_on=datetime.date(2017, 10, 1)
    )
    assert purchase.unit_price == Decimal("400.00") and not purchase.at_member_price


def test_members_only_service_is_refused_to_a_non_member(school_b):
    thers = ProductFactory(code="thers", name="Recruitment service (THERS)", members_only=True)
    PriceFactory(product=thers, year=2017, member_price=Decimal("0"), non_member_price=None)
    with pytest.raises(ValidationError, match="for member schools only"):
        purchase_record(
            school=school_b, year=2017, product=thers, bought_on=datetime.date(2017, 10, 1)
        )
    assert not Purchase.objects.exists()


def test_a_second_package_in_a_year_is_refused(school_a):
    gold = ProductFactory(kind="package", code="gold", name="Gold")
    silver = ProductFactory(kind="package", code="silver", name="Silver")
    PriceFactory(product=gold, year=2017)
    PriceFactory(product=silver, year=2017)
    purchase_record(school=school_a, year=2017, product=gold, bought_on=datetime.date(2017, 9, 1))
    with pytest.raises(ValidationError, match="already has a package for 2017-18"):
        purchase_record(
            school=school_a, year=2017, product=silver, bought_on=datetime.date(2017, 9, 1)
        )
    assert Purchase.objects.count() == 1


def test_a_service_with_no_price_for_the_year_is_refused(school_a):
    price = PriceFactory(year=2017)
    with pytest.raises(ValidationError, match="has no price for 2018-19"):
        purchase_record(school=school_a, year=2018, product=price.product)
