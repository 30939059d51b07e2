"""An invoice to school A, and its PDF read back as text: what the invoice tests share."""

import datetime
import io

from pypdf import PdfReader

from membership.models import Invoice, InvoiceSettings, Member, School
from membership.services import invoice_create, invoice_issue
from tests.membership.factories import FeeRateFactory, MembershipFactory, PupilCountFactory

BANK = {
    "account_name": "Tower Hamlets Education Partnership",
    "sort_code": "20-45-77",
    "account_number": "43218765",
}


def bank_details(**changes) -> InvoiceSettings:
    details = InvoiceSettings.current()
    for field, value in {**BANK, **changes}.items():
        setattr(details, field, value)
    details.save()
    return details


def draft_for(school: School, *, year: int = 2017, pupils: int = 420) -> Invoice:
    FeeRateFactory(year=year)
    member = Member.objects.filter(school=school).first()
    if member is None or not member.memberships.filter(year=year).exists():
        MembershipFactory(member=member or Member.objects.create(school=school), year=year)
    PupilCountFactory(school=school, year=year, pupils=pupils)
    return invoice_create(member=Member.objects.get(school=school), year=year)


def issued_for(school: School, *, on: datetime.date = datetime.date(2017, 9, 1)) -> Invoice:
    """School A's 2017-18 fee, £2,100.00 (420 pupils at £5), issued on a day."""
    return invoice_issue(invoice=draft_for(school), on=on, make_pdf=False)


def pdf_text(pdf: bytes) -> str:
    """The words of a PDF, with its line breaks as spaces: the width of a line is layout."""
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )
