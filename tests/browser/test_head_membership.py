import io

from playwright.sync_api import expect
from pypdf import PdfReader

from membership.models import Member
from membership.services import invoice_create, invoice_issue
from tests.membership.factories import FeeRateFactory, MembershipFactory, PupilCountFactory
from thep import years


def test_head_sees_membership_and_downloads_the_invoice(page, log_in, accessible, head_a, school_a):
    year = years.current()
    member = Member.objects.create(school=school_a)
    MembershipFactory(member=member, year=year)
    FeeRateFactory(year=year, per_pupil="9.00")
    PupilCountFactory(school=school_a, year=year, pupils=420)
    invoice = invoice_issue(invoice=invoice_create(member=member, year=year), make_pdf=False)

    log_in(head_a)
    page.get_by_role("link", name="Membership", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Membership of Bonner Primary School")
    expect(page.get_by_text("Full membership")).to_be_visible()
    accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name=f"Download {invoice.reference}").click()
    pdf = download.value.path().read_bytes()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert invoice.reference in text
    assert "Bonner Primary School" in text
    assert "3,780.00" in text  # 420 pupils at £9
