"""The rules of an order: who pays which price, what is refused, and what it feeds."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from membership.models import Purchase
from membership.selectors import coaching_sessions_bought, extra_visits_bought
from membership.services import purchase_cancel, purchase_record
from tests.membership.ordering import ON, YEAR, member_of, price_list


def test_a_member_orders_at_the_member_price_and_a_non_member_at_the_other(school_a, school_b):
    products = price_list()
    member_of(school_a)
    ordered = purchase_record(
        school=school_a, year=YEAR, product=products["visit"], quantity=2, bought_on=ON
    )
    outside = purchase_record(school=school_b, year=YEAR, product=products["visit"], bought_on=ON)
    assert (ordered.unit_price, ordered.at_member_price, ordered.total) == (
        Decimal("250.00"), True, Decimal("500.00"),
    )  # fmt: skip
    assert (outside.unit_price, outside.at_member_price) == (Decimal("400.00"), False)


def test_the_price_is_the_one_of_membership_on_the_day_of_the_order(school_a):
    products = price_list(YEAR, YEAR + 1)
    member_of(school_a, YEAR + 1)  # a member from next September, not on the day it orders
    order = purchase_record(
        school=school_a, year=YEAR + 1, product=products["silver"], bought_on=ON
    )
    assert (order.unit_price, order.at_member_price) == (Decimal("8800.00"), False)


def test_a_members_only_service_is_refused_to_a_non_member_with_the_reason(school_b):
    products = price_list()
    with pytest.raises(ValidationError) as refused:
        purchase_record(school=school_b, year=YEAR, product=products["thers"], bought_on=ON)
    assert refused.value.messages == [
        "Recruitment service (THERS) is for member schools only, and Cayley Primary School is "
        "not a member on 2 October 2017."
    ]
    assert not Purchase.objects.exists()


@pytest.mark.parametrize("quantity", [0, -1, 1001])
def test_a_quantity_out_of_range_is_refused(school_a, quantity):
    products = price_list()
    with pytest.raises(ValidationError, match="Order a quantity from 1 to 1000"):
        purchase_record(
            school=school_a, year=YEAR, product=products["visit"], quantity=quantity, bought_on=ON
        )
    assert not Purchase.objects.exists()


def test_a_package_is_ordered_one_at_a_time(school_a):
    products = price_list()
    with pytest.raises(ValidationError, match="one package a year, so order a quantity of 1"):
        purchase_record(
            school=school_a, year=YEAR, product=products["silver"], quantity=2, bought_on=ON
        )
    assert not Purchase.objects.exists()


def test_a_cancelled_package_leaves_room_for_another(school_a):
    products = price_list()
    first = purchase_record(school=school_a, year=YEAR, product=products["silver"], bought_on=ON)
    with pytest.raises(ValidationError, match="already has a package for 2017-18"):
        purchase_record(school=school_a, year=YEAR, product=products["silver"], bought_on=ON)
    purchase_cancel(order=first, on=ON)
    again = purchase_record(school=school_a, year=YEAR, product=products["silver"], bought_on=ON)
    assert list(Purchase.objects.live()) == [again]


def test_bought_visits_and_coaching_count_until_cancelled(school_a):
    products = price_list()
    member_of(school_a)
    visits = purchase_record(
        school=school_a, year=YEAR, product=products["visit"], quantity=2, bought_on=ON
    )
    purchase_record(school=school_a, year=YEAR, product=products["visit"], bought_on=ON)
    coaching = purchase_record(
        school=school_a, year=YEAR, product=products["coaching"], quantity=3, bought_on=ON
    )
    assert extra_visits_bought(school=school_a, year=YEAR) == 3
    assert coaching_sessions_bought(school=school_a, year=YEAR) == 3
    purchase_cancel(order=visits, on=datetime.date(2017, 10, 3))
    purchase_cancel(order=coaching, on=datetime.date(2017, 10, 3))
    assert extra_visits_bought(school=school_a, year=YEAR) == 1
    assert coaching_sessions_bought(school=school_a, year=YEAR) == 0
    assert extra_visits_bought(school=school_a, year=YEAR + 1) == 0
