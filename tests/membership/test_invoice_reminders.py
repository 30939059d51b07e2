"""Reminders of overdue invoices at the days the office chose, through the real worker."""

import datetime
import time
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from membership.models import InvoiceReminder, InvoiceSettings, PaymentMethod
from membership.services import invoice_reminders_send, payment_record
from membership.tasks import invoice_reminders_daily
from tests.membership.invoicing import bank_details, issued_for
from thep.models import OutboxMessage

ISSUED = datetime.date(2017, 9, 1)  # due 1 October 2017
DUE = datetime.date(2017, 10, 1)


def days_after_due(days: int) -> datetime.date:
    return DUE + datetime.timedelta(days=days)


def test_reminded_once_at_each_chosen_day_and_never_between(school_a, head_a):
    issued_for(school_a, on=ISSUED)
    sent = {days: invoice_reminders_send(on=days_after_due(days)) for days in range(0, 70)}
    assert [days for days, count in sent.items() if count] == [7, 30, 60]
    assert invoice_reminders_send(on=days_after_due(60)) == 0  # the same day again
    assert OutboxMessage.objects.filter(kind="membership.invoice_reminder").count() == 3


def test_a_missed_day_is_caught_up_once_at_the_furthest_day_reached(school_a, head_a):
    issued_for(school_a, on=ISSUED)
    assert invoice_reminders_send(on=days_after_due(45)) == 1
    assert list(InvoiceReminder.objects.values_list("days_overdue", flat=True)) == [30]
    assert invoice_reminders_send(on=days_after_due(46)) == 0


def test_a_paid_invoice_is_not_reminded_and_the_office_chooses_the_days(school_a, head_a):
    invoice = issued_for(school_a, on=ISSUED)
    bank_details(reminder_days="14")
    assert invoice_reminders_send(on=days_after_due(7)) == 0
    payment_record(
        invoice=invoice, amount=Decimal("2100.00"), received_on=DUE, method=PaymentMethod.BACS
    )
    assert invoice_reminders_send(on=days_after_due(14)) == 0
    assert InvoiceSettings.current().reminder_day_list == [14]


@pytest.mark.django_db(transaction=True)
def test_the_head_and_the_finance_contact_are_emailed_by_the_worker(
    celery_worker, settings, school_a, head_a
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    bank_details()
    invoice = issued_for(school_a, on=ISSUED)
    invoice.member.finance_email = "sbm@bonner.example.org"
    invoice.member.save()
    payment_record(
        invoice=invoice,
        amount=Decimal("100.00"),
        received_on=datetime.date(2017, 9, 20),
        method=PaymentMethod.BACS,
    )
    # What beat starts each morning, on the day the invoice is 7 days overdue.
    invoice.due_on = timezone.localdate() - datetime.timedelta(days=7)
    invoice.issued_on = invoice.due_on - datetime.timedelta(days=30)
    invoice.save()
    assert invoice_reminders_daily.delay().get(timeout=30) == 1
    deadline = time.monotonic() + 30
    while not mail.outbox and time.monotonic() < deadline:
        time.sleep(0.1)
    (message,) = mail.outbox
    assert message.to == ["head.a@example.org", "sbm@bonner.example.org"]
    assert message.subject == "Invoice THEP-00001 is overdue: £2,000.00 to pay"
    assert "7 days overdue" in message.body and "Balance due: £2,000.00" in message.body
    assert "sort code 20-45-77" in message.body and "quoting THEP-00001" in message.body
    assert f"/schools/{school_a.urn}/membership/" in message.body
    # The next morning brings nothing more.
    assert invoice_reminders_daily.delay().get(timeout=30) == 0
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.SENT
