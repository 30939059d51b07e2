"""The membership year end to end in a real browser: a head orders a package and an extra visit
for next year; the office opens the year and invoices the orders; the head downloads an invoice
she can pay from; the office records a part payment, then the rest, and nothing is owed."""

import io
from decimal import Decimal

from playwright.sync_api import expect
from pypdf import PdfReader

from membership.models import Invoice, InvoiceStatus, Membership
from tests.factories import SchoolFactory
from tests.membership.factories import FeeRateFactory, PupilCountFactory
from tests.membership.invoicing import bank_details
from tests.membership.ordering import member_of, price_list
from thep import years


def pdf_text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


def test_a_year_from_the_heads_order_to_a_paid_invoice(
    page, log_in, accessible, head_a, office_admin, school_a
):
    school_a.street, school_a.town, school_a.postcode = "Stepney Way", "London", "E1 2ST"
    school_a.save()
    SchoolFactory()  # a school that is not a member, so not renewed
    bank_details()
    next_year = years.current() + 1
    label = years.label(next_year)
    member_of(school_a, years.current())
    price_list(years.current(), next_year)
    FeeRateFactory(year=next_year, per_pupil=Decimal("9.00"))
    PupilCountFactory(school=school_a, year=next_year, pupils=452)

    log_in(head_a)
    page.get_by_role("link", name="Membership", exact=True).click()
    page.get_by_label("Package or service").select_option(label="Silver package")
    page.get_by_label("For the year").select_option(label=label)
    page.get_by_role("button", name="Order", exact=True).click()
    expect(page.get_by_text(f"Ordered 1 x Silver for {label}")).to_be_visible()
    page.get_by_label("Package or service").select_option(label="Extra LC visit")
    page.get_by_label("For the year").select_option(label=label)
    page.get_by_label("Quantity", exact=True).fill("1")
    page.get_by_role("button", name="Order", exact=True).click()
    expect(page.get_by_text(f"Ordered 1 x Extra LC visit for {label}")).to_be_visible()

    # The office opens the year: the head's school renews and its fee invoice is drafted.
    page.context.clear_cookies()
    log_in(office_admin, next_url="/admin/membership/yearopening/")
    page.get_by_role("link", name="Open a new year").click()
    expect(page.get_by_role("heading", name=f"Open {label}")).to_be_visible()
    expect(page.get_by_role("row", name="Bonner Primary School")).to_contain_text("£4,068.00")
    page.get_by_role("button", name=f"Open {label}…").click()
    page.get_by_role("button", name=f"Yes, open {label}").click()
    expect(page.get_by_text(f"{label} is open:")).to_be_visible()
    assert Membership.objects.filter(year=next_year).count() == 1

    # And puts the orders on an invoice, then issues it.
    page.goto("/admin/membership/purchase/")
    page.get_by_role("link", name="Invoice the orders").click()
    page.get_by_label("Orders for the membership year").select_option(label=label)
    page.get_by_role("button", name="Show the orders waiting").click()
    page.get_by_role("button", name="Put these 2 orders on draft invoices").click()
    expect(page.get_by_text(f"Orders for {label} put on 1 draft invoice,")).to_be_visible()
    page.goto("/admin/membership/invoice/")
    orders = page.locator("tr", has_text=f"Packages and services {label}")
    orders.locator("input[name=_selected_action]").check()
    page.locator("select[name=action]").select_option("issue")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_text("1 invoices issued.")).to_be_visible()
    invoice = Invoice.objects.get(status=InvoiceStatus.ISSUED)
    assert invoice.amount == Decimal("6550.00")  # Silver £6,300 and a visit at £250

    # The head downloads it: it says what it is for, by when, and where to pay.
    page.context.clear_cookies()
    log_in(head_a)
    page.get_by_role("link", name="Membership", exact=True).click()
    accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=f"Download {invoice.reference}").click()
    text = pdf_text(download.value.path().read_bytes())
    assert "Silver" in text and "Extra LC visit" in text
    assert f"Due date: {invoice.due_on:%-d %B %Y}" in text
    assert "Sort code: 20-45-77" in text and "Account number: 43218765" in text
    assert "Balance due £6,550.00" in text

    # The office records a part payment, then the rest.
    page.context.clear_cookies()
    log_in(office_admin, next_url=f"/admin/membership/invoice/{invoice.pk}/change/")
    page.get_by_role("link", name="Record a payment").click()
    page.get_by_label("Amount (£)").fill("3000.00")
    page.get_by_label("Paid by").select_option(label="Cheque")
    page.get_by_label("Reference").fill("Cheque 100231")
    page.get_by_role("button", name="Record the payment").click()
    expect(page.get_by_text("Balance due: £3,550.00.")).to_be_visible()
    page.get_by_role("link", name="Record a payment").click()
    page.get_by_label("Reference").fill(f"BACS {invoice.reference}")
    page.get_by_role("button", name="Record the payment").click()
    expect(page.get_by_text("Balance due: £0.00.")).to_be_visible()
    invoice.refresh_from_db()
    assert (invoice.balance, invoice.status) == (0, InvoiceStatus.PAID)
