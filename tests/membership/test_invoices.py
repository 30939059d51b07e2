import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from membership.models import Invoice, InvoiceStatus, Member
from membership.services import (
    invoice_cancel,
    invoice_create,
    invoice_issue,
    invoice_mark_paid,
)
from tests.membership.factories import (
    FOUNDING_CHARGED_FROM,
    FeeRateFactory,
    MembershipFactory,
    PupilCountFactory,
)


@pytest.fixture
def member_a(school_a):
    MembershipFactory(member__school=school_a, year=2017)
    PupilCountFactory(school=school_a, year=2017, pupils=420)
    return Member.objects.get(school=school_a)


def test_invoice_is_pupils_times_rate(member_a):
    FeeRateFactory(year=2017)
    invoice = invoice_create(member=member_a, year=2017)
    assert (invoice.pupils, invoice.per_pupil, invoice.months) == (420, Decimal("5.00"), 12)
    assert invoice.amount == Decimal("2100.00")
    assert invoice.status == InvoiceStatus.DRAFT and invoice.number is None


def test_founding_year_invoice_is_five_twelfths(school_a):
    FeeRateFactory(year=2016, charged_from=FOUNDING_CHARGED_FROM)
    MembershipFactory(member__school=school_a, year=2016)
    PupilCountFactory(school=school_a, year=2016, pupils=420)
    invoice = invoice_create(member=Member.objects.get(school=school_a), year=2016)
    assert invoice.months == 5
    assert invoice.amount == Decimal("875.00")


def test_invoice_for_a_year_with_no_rate_is_refused(member_a):
    with pytest.raises(ValidationError, match="no fee rate for 2017-18"):
        invoice_create(member=member_a, year=2017)
    assert not Invoice.objects.exists()


def test_invoice_for_a_year_with_no_membership_is_refused(member_a):
    FeeRateFactory(year=2019)
    with pytest.raises(ValidationError, match="no membership for 2019-20"):
        invoice_create(member=member_a, year=2019)
    assert not Invoice.objects.exists()


def test_issuing_numbers_invoices_in_one_sequence(member_a, school_b):
    FeeRateFactory(year=2017)
    MembershipFactory(member__school=school_b, year=2017)
    PupilCountFactory(school=school_b, year=2017)
    first = invoice_issue(invoice=invoice_create(member=member_a, year=2017), make_pdf=False)
    second = invoice_issue(
        invoice=invoice_create(member=Member.objects.get(school=school_b), year=2017),
        make_pdf=False,
    )
    assert (first.number, second.number) == (1, 2)
    assert first.reference == "THEP-00001"


def test_cancelling_makes_a_credit_note_and_keeps_the_invoice(member_a):
    FeeRateFactory(year=2017)
    invoice = invoice_issue(invoice=invoice_create(member=member_a, year=2017), make_pdf=False)
    note = invoice_cancel(invoice=invoice, reason="Wrong pupil number")
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.CANCELLED
    assert note.amount == invoice.amount and note.reference == "CN-00001"
    # A corrected invoice can then be made, and takes the next number.
    again = invoice_issue(invoice=invoice_create(member=member_a, year=2017), make_pdf=False)
    assert invoice.number is not None and again.number == invoice.number + 1
    assert Invoice.objects.count() == 2


def test_paid_invoice_cannot_be_cancelled(member_a):
    FeeRateFactory(year=2017)
    invoice = invoice_issue(invoice=invoice_create(member=member_a, year=2017), make_pdf=False)
    invoice_mark_paid(invoice=invoice, paid_on=datetime.date(2017, 10, 1))
    with pytest.raises(ValidationError, match="this one is paid"):
        invoice_cancel(invoice=invoice, reason="Changed our mind")


def test_finance_csv_export_lists_issued_invoices(member_a, client_for, office_admin):
    FeeRateFactory(year=2017)
    invoice_issue(invoice=invoice_create(member=member_a, year=2017), make_pdf=False)
    response = client_for(office_admin).get("/admin/membership/invoice/export-finance-csv/")
    assert response.status_code == 200
    text = io.StringIO(response.content.decode()).read()
    assert "THEP-00001" in text and "Bonner Primary School" in text and "2100.00" in text
