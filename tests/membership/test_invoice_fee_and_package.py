"""The office decides per school whether the year's fee and package go on one invoice."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from membership.models import InvoiceKind, Purchase
from membership.services import invoice_create, invoice_issue, orders_invoice, purchase_record
from tests.membership.factories import FeeRateFactory, PupilCountFactory
from tests.membership.ordering import ON, YEAR, member_of, price_list


@pytest.fixture
def together(school_a):
    """School A (420 pupils at £5: £2,100) puts its fee and package on one invoice."""
    member = member_of(school_a)
    member.fee_and_package_together = True
    member.save()
    FeeRateFactory(year=YEAR)
    PupilCountFactory(school=school_a, year=YEAR, pupils=420)
    return member


def test_the_package_goes_on_the_fee_invoice_and_the_services_apart(school_a, together):
    products = price_list()
    package = purchase_record(school=school_a, year=YEAR, product=products["silver"], bought_on=ON)
    purchase_record(school=school_a, year=YEAR, product=products["visit"], bought_on=ON)
    # The invoice run before the fee is invoiced leaves the package for the fee invoice.
    (services,) = orders_invoice(year=YEAR, on=ON)
    assert [line.kind for line in services.lines.all()] == ["service"]
    fee = invoice_create(member=together, year=YEAR)
    assert [(line.kind, line.amount) for line in fee.lines.all()] == [
        ("fee", Decimal("2100.00")), ("package", Decimal("6300.00")),
    ]  # fmt: skip
    assert fee.amount == Decimal("8400.00")
    package.refresh_from_db()
    assert package.invoice == fee
    with pytest.raises(ValidationError, match="No orders for 2017-18"):
        orders_invoice(year=YEAR, on=ON)


def test_a_package_ordered_while_the_fee_is_a_draft_joins_it(school_a, together):
    products = price_list()
    fee = invoice_create(member=together, year=YEAR)
    purchase_record(school=school_a, year=YEAR, product=products["silver"], bought_on=ON)
    assert orders_invoice(year=YEAR, on=ON) == [fee]
    fee.refresh_from_db()
    assert fee.amount == Decimal("8400.00")


def test_a_package_ordered_after_the_fee_was_issued_has_an_invoice_of_its_own(school_a, together):
    products = price_list()
    invoice_issue(invoice=invoice_create(member=together, year=YEAR), on=ON, make_pdf=False)
    purchase_record(
        school=school_a, year=YEAR, product=products["silver"], bought_on=datetime.date(2017, 11, 1)
    )
    (invoice,) = orders_invoice(year=YEAR, on=datetime.date(2017, 11, 1))
    assert (invoice.kind, invoice.amount) == (InvoiceKind.ORDERS, Decimal("6300.00"))


def test_without_the_choice_the_fee_invoice_charges_the_fee_alone(school_a, together):
    together.fee_and_package_together = False
    together.save()
    products = price_list()
    purchase_record(school=school_a, year=YEAR, product=products["silver"], bought_on=ON)
    fee = invoice_create(member=together, year=YEAR)
    assert (fee.amount, fee.lines.count()) == (Decimal("2100.00"), 1)
    (orders,) = orders_invoice(year=YEAR, on=ON)
    assert orders.amount == Decimal("6300.00")
    assert not Purchase.objects.to_invoice().exists()
