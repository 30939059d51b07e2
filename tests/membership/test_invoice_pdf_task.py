import io
import time

from django.db import transaction
from pypdf import PdfReader

from membership.models import Invoice, Member
from membership.services import invoice_create, invoice_issue
from tests.factories import SchoolFactory
from tests.membership.factories import FeeRateFactory, MembershipFactory, PupilCountFactory


def test_issuing_an_invoice_stores_its_pdf_through_the_worker(celery_worker):
    FeeRateFactory(year=2017)
    school = SchoolFactory(name="Bonner Primary School", urn=100001)
    MembershipFactory(member__school=school, year=2017)
    PupilCountFactory(school=school, year=2017, pupils=420)
    with transaction.atomic():
        invoice = invoice_issue(
            invoice=invoice_create(member=Member.objects.get(school=school), year=2017)
        )
    deadline = time.monotonic() + 60
    while not Invoice.objects.get(pk=invoice.pk).pdf and time.monotonic() < deadline:
        time.sleep(0.2)
    stored = Invoice.objects.get(pk=invoice.pk).pdf
    assert stored, "the worker did not store the PDF"
    text = PdfReader(io.BytesIO(stored.read())).pages[0].extract_text()
    assert "Invoice THEP-00001" in text
    assert "Bonner Primary School" in text
    assert "420 pupils at £5.00 per pupil, 12 of 12 months" in text
    assert "£2,100.00" in text
    stored.delete(save=False)
