"""Every order is invoiced as a line, nothing twice and nothing missed: the office's invoice run
puts the orders not yet invoiced on draft invoices, and an order made later goes on the next."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from membership.models import Invoice, InvoiceKind, InvoiceStatus, Purchase
from membership.pdf import render_invoice_pdf
from membership.services import invoice_issue, orders_invoice, purchase_cancel, purchase_record
from tests.membership.invoicing import pdf_text
from tests.membership.ordering import ON, YEAR, member_of, price_list


def lines_of(invoice: Invoice) -> list[tuple[str, str, Decimal]]:
    return [(line.kind, line.description, line.amount) for line in invoice.lines.all()]


def test_each_schools_orders_go_on_one_draft_a_line_each(school_a, school_b):
    products = price_list()
    member_of(school_a)
    for school in (school_a, school_b):
        purchase_record(school=school, year=YEAR, product=products["silver"], bought_on=ON)
        purchase_record(
            school=school, year=YEAR, product=products["visit"], quantity=2, bought_on=ON
        )
    invoices = orders_invoice(year=YEAR, on=ON)
    assert [(i.member.school, i.kind, i.status, i.what, i.amount) for i in invoices] == [
        (school_a, InvoiceKind.ORDERS, InvoiceStatus.DRAFT, "Packages and services 2017-18",
         Decimal("6800.00")),
        (school_b, InvoiceKind.ORDERS, InvoiceStatus.DRAFT, "Packages and services 2017-18",
         Decimal("9600.00")),
    ]  # fmt: skip
    assert lines_of(invoices[0]) == [
        ("package", "Silver package 2017-18 (member price)", Decimal("6300.00")),
        (
            "service",
            "Extra LC visit 2017-18: 2 at £250.00 (member price), ordered on 2 October 2017",
            Decimal("500.00"),
        ),
    ]
    assert not Purchase.objects.to_invoice().exists()


def test_a_second_run_invoices_nothing_twice_and_says_so(school_a):
    products = price_list()
    purchase_record(school=school_a, year=YEAR, product=products["visit"], bought_on=ON)
    orders_invoice(year=YEAR, on=ON)
    with pytest.raises(ValidationError) as refused:
        orders_invoice(year=YEAR, on=ON)
    assert refused.value.messages == [
        "No orders for 2017-18 made by 2 October 2017 are waiting to be invoiced."
    ]
    assert Invoice.objects.get().lines.count() == 1


def test_an_order_made_mid_year_goes_on_the_next_run(school_a):
    products = price_list()
    member_of(school_a)
    purchase_record(school=school_a, year=YEAR, product=products["silver"], bought_on=ON)
    later = datetime.date(2018, 2, 5)
    extra = purchase_record(school=school_a, year=YEAR, product=products["visit"], bought_on=later)
    (first,) = orders_invoice(year=YEAR, on=ON)  # the run of 2 October: made after, left out
    assert lines_of(first) == [
        ("package", "Silver package 2017-18 (member price)", Decimal("6300.00"))
    ]
    invoice_issue(invoice=first, on=ON, make_pdf=False)
    (second,) = orders_invoice(year=YEAR, on=later)
    assert second.pk != first.pk and second.amount == Decimal("250.00")
    extra.refresh_from_db()
    assert extra.invoice == second


def test_a_new_order_joins_the_schools_draft_while_it_is_not_yet_issued(school_a):
    products = price_list()
    purchase_record(school=school_a, year=YEAR, product=products["visit"], bought_on=ON)
    (draft,) = orders_invoice(year=YEAR, on=ON)
    purchase_record(school=school_a, year=YEAR, product=products["coaching"], bought_on=ON)
    assert orders_invoice(year=YEAR, on=ON) == [draft]
    draft.refresh_from_db()
    assert (draft.lines.count(), draft.amount) == (2, Decimal("850.00"))  # 400 + 450


def test_cancelled_orders_and_other_years_are_not_invoiced(school_a):
    products = price_list(YEAR, YEAR + 1)
    cancelled = purchase_record(school=school_a, year=YEAR, product=products["visit"], bought_on=ON)
    purchase_cancel(order=cancelled, on=ON)
    purchase_record(school=school_a, year=YEAR + 1, product=products["visit"], bought_on=ON)
    with pytest.raises(ValidationError, match="No orders for 2017-18"):
        orders_invoice(year=YEAR, on=ON)
    (next_year,) = orders_invoice(year=YEAR + 1, on=ON)
    assert next_year.what == "Packages and services 2018-19"


def test_the_orders_invoice_pdf_lists_each_order(school_a):
    products = price_list()
    member_of(school_a)
    purchase_record(school=school_a, year=YEAR, product=products["silver"], bought_on=ON)
    purchase_record(
        school=school_a, year=YEAR, product=products["coaching"], quantity=3, bought_on=ON
    )
    (draft,) = orders_invoice(year=YEAR, on=ON)
    text = pdf_text(render_invoice_pdf(invoice_issue(invoice=draft, on=ON, make_pdf=False)))
    assert "For: Packages and services 2017-18" in text
    assert "Silver package 2017-18 (member price) £6,300.00" in text
    assert "Leadership coaching 2017-18: 3 at £300.00 (member price)" in text
    assert "Total due £7,200.00" in text
