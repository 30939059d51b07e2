"""Two office staff recording payments on one invoice at the same moment never overpay it."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from membership.models import Invoice, InvoiceStatus, Payment, PaymentMethod
from membership.services import payment_record
from tests.membership.invoicing import issued_for


@pytest.mark.django_db(transaction=True)
def test_two_payments_recorded_at_once_cannot_pay_more_than_the_balance(school_a):
    invoice = issued_for(school_a)  # £2,100.00
    start = threading.Barrier(2)
    refused: list[str] = []
    errors: list[BaseException] = []

    def record() -> None:
        try:
            start.wait()
            payment_record(
                invoice=invoice,
                amount=Decimal("1500.00"),
                received_on=datetime.date(2017, 10, 2),
                method=PaymentMethod.BACS,
            )
        except ValidationError as refusal:
            refused.extend(refusal.messages)
        except BaseException as error:  # reported to the test below
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=record) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert errors == []
    assert refused == ["£1,500.00 is more than the £600.00 still owed on invoice THEP-00001."]
    assert Payment.objects.count() == 1
    invoice = Invoice.objects.get(pk=invoice.pk)
    assert (invoice.balance, invoice.status) == (Decimal("600.00"), InvoiceStatus.ISSUED)
