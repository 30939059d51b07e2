"""An order can be changed or cancelled until it is invoiced, never after."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from membership.models import Purchase
from membership.services import (
    invoice_cancel,
    invoice_delete,
    invoice_issue,
    orders_invoice,
    purchase_cancel,
    purchase_change,
    purchase_record,
)
from tests.membership.ordering import ON, YEAR, member_of, price_list


@pytest.fixture
def visits(school_a) -> Purchase:
    member_of(school_a)
    products = price_list()
    return purchase_record(
        school=school_a, year=YEAR, product=products["visit"], quantity=2, bought_on=ON
    )


def test_the_quantity_changes_at_the_price_it_was_ordered_at(visits):
    changed = purchase_change(order=visits, quantity=5)
    assert (changed.quantity, str(changed.total)) == (5, "1250.00")


def test_a_cancelled_order_is_kept_and_cannot_be_changed(visits):
    purchase_cancel(order=visits, on=ON)
    with pytest.raises(ValidationError, match="cancelled on 2 October 2017, so it cannot be"):
        purchase_change(order=visits, quantity=3)
    order = Purchase.objects.get()
    assert (order.quantity, order.cancelled_on, order.status) == (
        2, ON, "Cancelled on 2 October 2017",
    )  # fmt: skip


def test_an_order_on_a_draft_invoice_is_refused_with_a_plain_message(visits):
    orders_invoice(year=YEAR, on=ON)
    for change in (
        lambda: purchase_change(order=visits, quantity=3),
        lambda: purchase_cancel(order=visits),
    ):
        with pytest.raises(ValidationError) as refused:
            change()
        assert refused.value.messages == [
            "2 x Extra LC visit for 2017-18 is already on an invoice the THEP office is "
            "preparing, so it can no longer be changed or cancelled. Please ask the THEP office."
        ]
    order = Purchase.objects.get()
    assert (order.quantity, order.cancelled_on) == (2, None)
    assert order.status == "On an invoice being prepared"


def test_an_invoiced_order_names_its_invoice_and_changes_nothing(visits):
    (draft,) = orders_invoice(year=YEAR, on=ON)
    invoice_issue(invoice=draft, on=datetime.date(2017, 10, 3), make_pdf=False)
    with pytest.raises(ValidationError, match="already on invoice THEP-00001, so it can no"):
        purchase_change(order=visits, quantity=1)
    order = Purchase.objects.get()
    assert (order.quantity, order.status) == (2, "Invoiced on THEP-00001")


def test_an_order_is_open_again_once_its_draft_is_deleted_or_its_invoice_credited(visits):
    (draft,) = orders_invoice(year=YEAR, on=ON)
    invoice_delete(invoice=draft)
    assert purchase_change(order=visits, quantity=3).quantity == 3
    (draft,) = orders_invoice(year=YEAR, on=ON)
    invoice_cancel(
        invoice=invoice_issue(invoice=draft, on=ON, make_pdf=False), reason="Wrong quantity", on=ON
    )
    assert purchase_change(order=visits, quantity=4).quantity == 4
