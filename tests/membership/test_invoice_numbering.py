import threading

import pytest
from django.db import connection

from membership.models import Invoice, Member
from membership.services import invoice_create, invoice_issue
from tests.factories import SchoolFactory
from tests.membership.factories import FeeRateFactory, MembershipFactory, PupilCountFactory


@pytest.mark.django_db(transaction=True)
def test_two_invoices_issued_at_once_get_consecutive_numbers():
    FeeRateFactory(year=2017)
    drafts = []
    for _ in range(8):
        school = SchoolFactory()
        MembershipFactory(member__school=school, year=2017)
        PupilCountFactory(school=school, year=2017)
        drafts.append(invoice_create(member=Member.objects.get(school=school), year=2017))
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def issue(batch: list[Invoice]) -> None:
        try:
            start.wait()
            for draft in batch:
                invoice_issue(invoice=draft, make_pdf=False)
        except BaseException as error:  # reported to the test below
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=issue, args=(drafts[i::2],)) for i in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert errors == []
    numbers = list(Invoice.objects.order_by("number").values_list("number", flat=True))
    assert numbers == list(range(1, 9))
