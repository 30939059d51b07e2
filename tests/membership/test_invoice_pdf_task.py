import io
import os
import time
from pathlib import Path

import pytest
from django.db import transaction
from pypdf import PdfReader

from membership.models import Invoice, Member
from membership.pdf import render_invoice_pdf
from membership.services import invoice_create, invoice_issue
from membership.tasks import invoice_pdf_store
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


class Killed(BaseException):
    """What a worker stopped by a signal looks like from inside: not an ordinary error."""


def issued_invoice(school_urn: int = 100001) -> Invoice:
    FeeRateFactory(year=2017)
    school = SchoolFactory(name="Bonner Primary School", urn=school_urn)
    MembershipFactory(member__school=school, year=2017)
    PupilCountFactory(school=school, year=2017, pupils=420)
    invoice = invoice_create(member=Member.objects.get(school=school), year=2017)
    return invoice_issue(invoice=invoice, make_pdf=False)


def pdf_text(invoice: Invoice) -> str:
    stored = Invoice.objects.get(pk=invoice.pk).pdf
    return PdfReader(io.BytesIO(stored.read())).pages[0].extract_text()


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_running_the_task_again_replaces_the_file_and_keeps_one(db, media):
    invoice = issued_invoice()
    invoice_pdf_store(invoice.pk)
    invoice_pdf_store(invoice.pk)
    assert [path.name for path in (media / "invoices").iterdir()] == ["THEP-00001.pdf"]
    assert "Invoice THEP-00001" in pdf_text(invoice)


def test_a_render_that_fails_leaves_the_stored_pdf_as_it_was(db, media, monkeypatch):
    invoice = issued_invoice()
    invoice_pdf_store(invoice.pk)
    before = (media / "invoices" / "THEP-00001.pdf").read_bytes()

    def killed(invoice: Invoice) -> bytes:
        raise Killed

    monkeypatch.setattr("membership.tasks.render_invoice_pdf", killed)
    with pytest.raises(Killed):
        invoice_pdf_store(invoice.pk)
    assert (media / "invoices" / "THEP-00001.pdf").read_bytes() == before
    assert Invoice.objects.get(pk=invoice.pk).pdf.name == "invoices/THEP-00001.pdf"


def test_a_worker_stopped_while_writing_leaves_no_half_written_file(db, media, monkeypatch):
    invoice = issued_invoice()
    written: list[int] = []

    def stopped_after_writing(descriptor: int) -> None:
        written.append(os.fstat(descriptor).st_size)
        raise Killed

    monkeypatch.setattr(os, "fsync", stopped_after_writing)
    with pytest.raises(Killed):
        invoice_pdf_store(invoice.pk)
    assert written and written[0] > 0, "the file was being written when the worker stopped"
    assert list((media / "invoices").iterdir()) == []
    assert not Invoice.objects.get(pk=invoice.pk).pdf

    monkeypatch.undo()
    invoice_pdf_store(invoice.pk)
    assert "Bonner Primary School" in pdf_text(invoice)


def test_the_worker_tries_again_after_a_passing_failure(
    celery_worker, settings, tmp_path, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path
    invoice = issued_invoice()
    attempts: list[int] = []

    def disk_full_once(invoice: Invoice) -> bytes:
        attempts.append(1)
        if len(attempts) == 1:
            raise OSError(28, "No space left on device")
        return render_invoice_pdf(invoice)

    monkeypatch.setattr("membership.tasks.render_invoice_pdf", disk_full_once)
    invoice_pdf_store.delay(invoice.pk)
    deadline = time.monotonic() + 60
    while not Invoice.objects.get(pk=invoice.pk).pdf and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(attempts) == 2
    assert "Invoice THEP-00001" in pdf_text(invoice)
