"""Two office staff running the invoice run at the same moment invoice each order once."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from membership.models import InvoiceLine, Purchase
from membership.services import orders_invoice, purchase_cancel, purchase_record
from tests.membership.ordering import ON, YEAR, member_of, price_list


@pytest.mark.django_db(transaction=True)
def test_two_invoice_runs_at_once_invoice_each_order_once(school_a, school_b):
    products = price_list()
    member_of(school_a)
    for school in (school_a, school_b):
        purchase_record(school=school, year=YEAR, product=products["silver"], bought_on=ON)
        purchase_record(
            school=school, year=YEAR, product=products["visit"], quantity=2, bought_on=ON
        )
    start = threading.Barrier(2)
    made: list[int] = []
    refused: list[str] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            start.wait()
            made.extend(invoice.pk for invoice in orders_invoice(year=YEAR, on=ON))
        except ValidationError as refusal:
            refused.extend(refusal.messages)
        except BaseException as error:  # reported to the test below
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=run) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert errors == []
    assert refused == ["No orders for 2017-18 made by 2 October 2017 are waiting to be invoiced."]
    assert len(made) == 2  # one draft per school, from the run that went first
    assert InvoiceLine.objects.count() == 4
    assert not Purchase.objects.to_invoice().exists()


@pytest.mark.django_db(transaction=True)
def test_an_order_cancelled_during_an_invoice_run_is_either_cancelled_or_invoiced(school_a):
    products = price_list()
    orders = [
        purchase_record(school=school_a, year=YEAR, product=products["visit"], bought_on=ON)
        for _ in range(20)
    ]
    start = threading.Barrier(2)
    refused: list[str] = []
    errors: list[BaseException] = []

    def act(action) -> None:
        try:
            start.wait()
            action()
        except ValidationError as refusal:
            refused.extend(refusal.messages)
        except BaseException as error:  # reported to the test below
            errors.append(error)
        finally:
            connection.close()

    def cancel_all() -> None:
        for order in reversed(orders):
            try:
                purchase_cancel(order=order, on=ON)
            except ValidationError as refusal:
                refused.extend(refusal.messages)

    workers = [
        threading.Thread(target=act, args=(lambda: orders_invoice(year=YEAR, on=ON),)),
        threading.Thread(target=act, args=(cancel_all,)),
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert errors == []
    for order in Purchase.objects.select_related("invoice_line__invoice"):
        assert (order.cancelled_on is None) == (order.invoice is not None), order.status
    invoiced = Purchase.objects.filter(invoice_line__isnull=False).count()
    assert InvoiceLine.objects.count() == invoiced
    assert len([m for m in refused if "can no longer be changed" in m]) == invoiced
