"""The office records an order for a school in the admin, changes or cancels one not yet
invoiced, and runs the invoicing of a year's orders."""

import pytest
from django.urls import reverse
from django.utils import timezone

from membership.models import Invoice, InvoiceKind, Purchase
from membership.services import orders_invoice, purchase_record
from tests.membership.ordering import member_of, price_list
from thep import years

YEAR = years.current()


@pytest.fixture
def products(school_a):
    member_of(school_a, YEAR)
    return price_list(YEAR)


def add(client, school, product, quantity=1):
    return client.post(
        reverse("admin:membership_purchase_add"),
        {
            "school": school.pk,
            "year": YEAR,
            "product": product.pk,
            "quantity": quantity,
            "bought_on": timezone.localdate().strftime("%d/%m/%Y"),
        },
        follow=True,
    )


def test_the_office_records_an_order_at_the_price_of_the_day(
    client_for, office_admin, school_a, products
):
    response = add(client_for(office_admin), school_a, products["visit"], quantity=2)
    assert response.status_code == 200
    order = Purchase.objects.get()
    assert (order.school, order.quantity, str(order.unit_price), order.recorded_by) == (
        school_a, 2, "250.00", office_admin,
    )  # fmt: skip


def test_the_admin_refuses_a_members_only_service_to_a_non_member_and_says_why(
    client_for, office_admin, school_b, products
):
    response = add(client_for(office_admin), school_b, products["thers"])
    assert "is for member schools only, and Cayley Primary School is not a member" in (
        response.content.decode()
    )
    assert not Purchase.objects.exists()


def test_the_office_changes_an_open_order_but_an_invoiced_one_is_only_shown(
    client_for, office_admin, school_a, products
):
    client = client_for(office_admin)
    order = purchase_record(school=school_a, year=YEAR, product=products["visit"])
    url = reverse("admin:membership_purchase_change", args=[order.pk])
    client.post(url, {"quantity": 4}, follow=True)
    order.refresh_from_db()
    assert order.quantity == 4
    orders_invoice(year=YEAR, on=timezone.localdate())
    assert client.post(url, {"quantity": 1}).status_code == 403
    order.refresh_from_db()
    assert order.quantity == 4
    assert "On an invoice being prepared" in client.get(url).content.decode()


def test_cancelling_two_orders_asks_first(client_for, office_admin, school_a, products):
    client = client_for(office_admin)
    orders = [
        purchase_record(school=school_a, year=YEAR, product=products["visit"]),
        purchase_record(school=school_a, year=YEAR, product=products["coaching"]),
    ]
    changelist = reverse("admin:membership_purchase_changelist")
    ticked = {"action": "cancel", "_selected_action": [o.pk for o in orders]}
    response = client.post(changelist, ticked)
    assert "Cancel these 2 orders?" in response.content.decode()
    assert not Purchase.objects.exclude(cancelled_on=None).exists()
    response = client.post(changelist, {**ticked, "confirmed": "yes"}, follow=True)
    assert "2 orders cancelled." in response.content.decode()
    assert Purchase.objects.live().count() == 0


def test_the_invoice_run_shows_the_orders_waiting_then_drafts_their_invoices(
    client_for, office_admin, school_a, school_b, products
):
    purchase_record(school=school_a, year=YEAR, product=products["silver"])
    purchase_record(school=school_b, year=YEAR, product=products["visit"], quantity=3)
    client = client_for(office_admin)
    url = reverse("admin:membership_purchase_invoice")
    page = client.get(url, {"year": YEAR}).content.decode()
    assert "2 orders waiting to be invoiced, £7,500.00 in all" in page  # 6,300 + 3 x 400
    response = client.post(url, {"year": YEAR}, follow=True)
    assert (
        f"Orders for {years.label(YEAR)} put on 2 draft invoices, £7,500.00 in all."
        in response.content.decode()
    )
    assert Invoice.objects.filter(kind=InvoiceKind.ORDERS).count() == 2
    response = client.post(url, {"year": YEAR})
    assert f"No orders for {years.label(YEAR)} made by" in response.content.decode()
    assert Invoice.objects.count() == 2
