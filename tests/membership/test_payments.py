"""Payments on an issued invoice: part payments, the balance, and what is refused."""

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from membership.models import InvoiceStatus, Payment, PaymentMethod
from membership.pdf import render_invoice_pdf
from membership.services import invoice_cancel, payment_record
from tests.membership.invoicing import draft_for, issued_for, pdf_text

DAY = datetime.date(2017, 10, 2)


def pay(invoice, amount: str, **fields) -> Payment:
    return payment_record(
        invoice=invoice,
        amount=Decimal(amount),
        received_on=fields.pop("received_on", DAY),
        method=fields.pop("method", PaymentMethod.BACS),
        **fields,
    )


def test_a_part_payment_then_the_rest_leaves_nothing_to_pay(school_a):
    invoice = issued_for(school_a)
    pay(invoice, "1000.00", reference="BACS 1")
    invoice.refresh_from_db()
    assert (invoice.paid, invoice.balance, invoice.status) == (
        Decimal("1000.00"),
        Decimal("1100.00"),
        InvoiceStatus.ISSUED,
    )
    text = pdf_text(render_invoice_pdf(invoice))
    assert "Paid so far £1,000.00" in text and "Balance due £1,100.00" in text
    pay(invoice, "1100.00", method=PaymentMethod.CHEQUE, received_on=datetime.date(2017, 10, 9))
    invoice.refresh_from_db()
    assert invoice.balance == 0
    assert (invoice.status, invoice.paid_on) == (InvoiceStatus.PAID, datetime.date(2017, 10, 9))
    text = pdf_text(render_invoice_pdf(invoice))
    assert "Balance due £0.00" in text and "Paid in full on 9 October 2017" in text


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("2100.01", "£2,100.01 is more than the £2,100.00 still owed on invoice THEP-00001."),
        ("0", "A payment must be more than £0.00."),
        ("-5", "A payment must be more than £0.00."),
    ],
)
def test_a_payment_too_large_or_not_positive_is_refused(school_a, amount, message):
    invoice = issued_for(school_a)
    with pytest.raises(ValidationError, match=re.escape(message)):
        pay(invoice, amount)
    assert not Payment.objects.exists()
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.ISSUED


def test_more_than_the_balance_left_after_a_part_payment_is_refused(school_a):
    invoice = issued_for(school_a)
    pay(invoice, "2000.00")
    refused = re.escape("£100.01 is more than the £100.00 still owed")
    with pytest.raises(ValidationError, match=refused):
        pay(invoice, "100.01")
    assert Payment.objects.count() == 1


def test_a_payment_on_a_draft_or_a_cancelled_invoice_is_refused(school_a, school_b):
    draft = draft_for(school_a)
    with pytest.raises(ValidationError, match="still a draft: issue it before recording"):
        pay(draft, "10.00")
    cancelled = issued_for(school_b)
    invoice_cancel(invoice=cancelled, reason="Wrong pupil number")
    with pytest.raises(ValidationError, match="was cancelled by a credit note"):
        pay(cancelled, "10.00")
    assert not Payment.objects.exists()


def test_an_invoice_with_payments_is_not_cancelled(school_a):
    invoice = issued_for(school_a)
    pay(invoice, "100.00")
    with pytest.raises(ValidationError, match=re.escape("£100.00 has been paid on THEP-00001")):
        invoice_cancel(invoice=invoice, reason="Wrong pupil number")
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.ISSUED


def test_the_office_records_a_payment_in_the_admin(client_for, office_admin, school_a):
    invoice = issued_for(school_a)
    client = client_for(office_admin)
    change = client.get(reverse("admin:membership_invoice_change", args=[invoice.pk]))
    url = reverse("admin:membership_invoice_record_payment", args=[invoice.pk])
    assert url in change.content.decode()
    form = {"received_on": "02/10/2017", "method": "bacs", "reference": "THEP-00001"}
    response = client.post(url, {**form, "amount": "500.00"}, follow=True)
    assert "Payment of £500.00 recorded on THEP-00001. Balance due: £1,600.00." in (
        response.content.decode()
    )
    payment = Payment.objects.get()
    assert (payment.recorded_by, payment.method) == (office_admin, PaymentMethod.BACS)
    response = client.post(url, {**form, "amount": "1600.01"})
    page = response.content.decode()
    assert "£1,600.01 is more than the £1,600.00 still owed" in page
    assert "No payment was recorded." in page
    assert Payment.objects.count() == 1
    listing = client.get(reverse("admin:membership_invoice_changelist")).content.decode()
    assert "£1,600.00" in listing  # the balance column


def test_the_head_sees_paid_so_far_and_the_balance(client_for, head_a, school_a):
    invoice = issued_for(school_a)
    pay(invoice, "600.00")
    page = client_for(head_a).get(reverse("membership:membership", args=[school_a.urn]))
    text = page.content.decode()
    assert "Paid so far" in text and "£600.00" in text and "£1,500.00" in text
    assert "1 Oct 2017" in text  # due


def test_payments_go_to_the_finance_csv(client_for, office_admin, school_a):
    invoice = issued_for(school_a)
    pay(invoice, "600.00", reference="BACS 771")
    client = client_for(office_admin)
    rows = list(
        csv.DictReader(io.StringIO(client.get("/admin/membership/invoice/export-finance-csv/")
                                   .content.decode()))
    )  # fmt: skip
    assert (rows[0]["paid so far"], rows[0]["balance"], rows[0]["due"]) == (
        "600.00",
        "1500.00",
        "2017-10-01",
    )
    rows = list(
        csv.DictReader(io.StringIO(client.get("/admin/membership/invoice/export-payments-csv/")
                                   .content.decode()))
    )  # fmt: skip
    assert [(r["invoice"], r["amount"], r["method"], r["reference"]) for r in rows] == [
        ("THEP-00001", "600.00", "BACS transfer", "BACS 771")
    ]


def test_the_stored_pdf_is_made_again_after_a_payment(
    school_a, django_capture_on_commit_callbacks, eager_tasks, settings, tmp_path
):
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = tmp_path
    invoice = issued_for(school_a)
    invoice.pdf.save(invoice.filename, ContentFile(b"%PDF-1.7 old"), save=True)
    with django_capture_on_commit_callbacks() as queued:
        pay(invoice, "100.00")
    invoice.refresh_from_db()
    assert not invoice.pdf  # a download renders it afresh until the worker has stored it

    for run in queued:  # the commit: the worker stores the new PDF
        run()
    invoice.refresh_from_db()
    assert "Paid so far £100.00" in pdf_text(invoice.pdf.read())


def test_an_issued_invoice_is_shown_to_the_office_but_cannot_be_saved(
    client_for, office_admin, school_a
):
    invoice = issued_for(school_a)
    client = client_for(office_admin)
    url = reverse("admin:membership_invoice_change", args=[invoice.pk])
    page = client.get(url).content.decode()
    assert "THEP-00001" in page and 'name="_save"' not in page
    assert client.post(url, {"purchase_order": "PO-1"}).status_code == 403
    invoice.refresh_from_db()
    assert invoice.purchase_order == ""
