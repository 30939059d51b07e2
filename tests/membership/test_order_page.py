"""A head orders packages and services for this year or next on the membership page, and
changes or cancels an order until it is invoiced."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from membership.models import Purchase
from membership.services import orders_invoice, purchase_record
from tests.membership.ordering import member_of, price_list
from thep import years

THIS_YEAR = years.current()
NEXT_YEAR = THIS_YEAR + 1


@pytest.fixture
def products(school_a):
    member_of(school_a, THIS_YEAR, NEXT_YEAR)
    return price_list(THIS_YEAR, NEXT_YEAR)


def page_of(client, school) -> str:
    return client.get(reverse("membership:membership", args=[school.urn])).content.decode()


def order(client, school, product, year=NEXT_YEAR, quantity=1):
    return client.post(
        reverse("membership:order", args=[school.urn]),
        {"product": product.pk, "year": year, "quantity": quantity},
        follow=True,
    )


def test_a_head_orders_a_package_for_next_year_and_sees_it(client_for, head_a, school_a, products):
    client = client_for(head_a)
    page = page_of(client, school_a)
    assert "Order a package or service" in page and "£6,300.00" in page and "Members only" in page
    response = order(client, school_a, products["silver"])
    text = response.content.decode()
    assert (
        f"Ordered 1 x Silver for {years.label(NEXT_YEAR)} at £6,300.00 each (member price)." in text
    )
    assert "Ordered, to be invoiced" in text
    bought = Purchase.objects.get()
    assert (bought.year, bought.recorded_by, bought.bought_on) == (
        NEXT_YEAR, head_a, timezone.localdate(),
    )  # fmt: skip


def test_a_non_member_head_is_told_why_a_members_only_service_is_refused(
    client_for, head_b, school_b, products
):
    text = order(client_for(head_b), school_b, products["thers"]).content.decode()
    assert "Recruitment service (THERS) is for member schools only, and Cayley Primary School" in (
        text
    )
    assert not Purchase.objects.exists()


@pytest.mark.parametrize(
    ("year", "quantity", "message"),
    [
        (NEXT_YEAR, 0, "Order a quantity from 1 to 1000."),
        (NEXT_YEAR, "many", "Order a quantity from 1 to 1000."),
        (THIS_YEAR - 1, 1, "Choose this year or next year."),
    ],
)
def test_bad_input_is_refused_in_plain_words(
    client_for, head_a, school_a, products, year, quantity, message
):
    response = order(client_for(head_a), school_a, products["visit"], year, quantity)
    assert message in response.content.decode()
    assert not Purchase.objects.exists()


def test_a_head_changes_then_cancels_an_order(client_for, head_a, school_a, products):
    visits = purchase_record(school=school_a, year=NEXT_YEAR, product=products["visit"])
    client = client_for(head_a)
    url = reverse("membership:order_change", args=[school_a.urn, visits.pk])
    text = client.post(url, {"quantity": 3}, follow=True).content.decode()
    assert f"Order changed to 3 x Extra LC visit for {years.label(NEXT_YEAR)}." in text
    text = client.post(url + "cancel/", follow=True).content.decode()
    assert f"Order of 3 x Extra LC visit for {years.label(NEXT_YEAR)} cancelled." in text
    visits.refresh_from_db()
    assert visits.quantity == 3 and visits.cancelled_on == timezone.localdate()


def test_an_invoiced_order_cannot_be_changed_from_the_page(client_for, head_a, school_a, products):
    visits = purchase_record(school=school_a, year=NEXT_YEAR, product=products["visit"])
    orders_invoice(year=NEXT_YEAR, on=timezone.localdate())
    client = client_for(head_a)
    url = reverse("membership:order_change", args=[school_a.urn, visits.pk])
    text = client.post(url, {"quantity": 3}, follow=True).content.decode()
    assert "is already on an invoice the THEP office is preparing" in text
    assert "Cancel<span" not in text  # the page offers no change either
    visits.refresh_from_db()
    assert (visits.quantity, visits.cancelled_on) == (1, None)


def test_only_the_schools_head_may_order_or_change(
    client_for, head_b, director, school_a, products
):
    visits = purchase_record(school=school_a, year=NEXT_YEAR, product=products["visit"])
    change = reverse("membership:order_change", args=[school_a.urn, visits.pk])
    for person in (head_b, director):
        client = client_for(person)
        assert client.post(change, {"quantity": 9}).status_code == 404
        assert client.post(change + "cancel/").status_code == 404
        create = reverse("membership:order", args=[school_a.urn])
        assert client.post(create, {"product": products["visit"].pk}).status_code == 404
    visits.refresh_from_db()
    assert (visits.quantity, visits.cancelled_on, Purchase.objects.count()) == (1, None, 1)


def test_the_directors_see_the_orders_without_ordering(client_for, director, school_a, products):
    purchase_record(school=school_a, year=NEXT_YEAR, product=products["silver"])
    page = page_of(client_for(director), school_a)
    assert "Silver" in page and "Ordered, to be invoiced" in page
    assert "Order a package or service" not in page


def test_the_membership_page_queries_stay_flat_as_orders_grow(
    client_for, head_a, school_a, products, django_assert_max_num_queries
):
    for year in (THIS_YEAR, NEXT_YEAR):
        for quantity in range(1, 11):
            purchase_record(
                school=school_a, year=year, product=products["visit"], quantity=quantity
            )
    orders_invoice(year=THIS_YEAR, on=timezone.localdate())
    client = client_for(head_a)
    client.get(reverse("home"))
    with django_assert_max_num_queries(13):
        page = page_of(client, school_a)
    assert page.count("On an invoice being prepared") == 10
    assert page.count("Ordered, to be invoiced") == 10
    assert Decimal("0") < Purchase.objects.get(year=THIS_YEAR, quantity=10).total
