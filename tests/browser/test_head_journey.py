"""A head's morning in one journey: the school's record, a visit report to agree, two
colleagues booked on a course with the keyboard alone, and an invoice downloaded."""

import io

from playwright.sync_api import expect
from pypdf import PdfReader

from improvement.models import ReportStatus
from membership.models import Member
from membership.services import invoice_create, invoice_issue
from tests.improvement.factories import ReportFactory
from tests.learning.factories import EventFactory
from tests.membership.factories import FeeRateFactory, MembershipFactory, PupilCountFactory
from thep import years


def press(page, locator, key: str = "Enter", *, navigates: bool = True) -> None:
    """Operate a control as a keyboard user does: move the focus to it, then press a key."""
    locator.focus()
    expect(locator).to_be_focused()
    if navigates:
        with page.expect_navigation():
            page.keyboard.press(key)
    else:
        page.keyboard.press(key)


def type_into(page, locator, text: str) -> None:
    locator.focus()
    page.keyboard.type(text)


def test_a_head_agrees_a_report_books_two_colleagues_by_keyboard_and_downloads_an_invoice(
    page, log_in, accessible, head_a, school_a, lc_a
):
    year = years.current()
    member = Member.objects.create(school=school_a)
    for each in (year, year + 1):
        MembershipFactory(member=member, year=each)
    FeeRateFactory(year=year, per_pupil="9.00")
    PupilCountFactory(school=school_a, year=year, pupils=420)
    invoice = invoice_issue(invoice=invoice_create(member=member, year=year), make_pdf=False)
    report = ReportFactory(visit__school=school_a, visit__consultant=lc_a,
                           status=ReportStatus.SHARED, summary="We looked at reading.")  # fmt: skip
    EventFactory(title="Leading Phonics", capacity=10, sessions=[21])

    log_in(head_a)
    page.goto(f"/schools/{school_a.urn}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonner Primary School")
    expect(page.get_by_text(lc_a.get_full_name())).to_be_visible()
    accessible(page)

    page.goto(f"/improvement/reports/{report.pk}/")
    expect(page.get_by_text("We looked at reading.")).to_be_visible()
    press(page, page.get_by_role("button", name="Agree as written"))
    expect(page.get_by_text("Report agreed.")).to_be_visible()

    page.goto("/learning/")
    press(page, page.get_by_role("link", name="Leading Phonics"))
    for name, email in (("Amy Rahman", "amy@example.org"), ("Tom Price", "tom@example.org")):
        press(page, page.get_by_role("link", name="Book a place"))
        accessible(page)
        type_into(page, page.get_by_label("Name", exact=True), name)
        field = page.get_by_label("Name", exact=True)
        outline = field.evaluate(
            "el => getComputedStyle(el).boxShadow + getComputedStyle(el).outlineStyle"
        )
        assert outline not in ("nonenone", "none"), "the focused field must show its focus"
        page.keyboard.press("Tab")
        expect(page.get_by_label("Email", exact=True)).to_be_focused()
        page.keyboard.type(email)
        with page.expect_navigation():
            page.keyboard.press("Enter")  # Enter in a field reviews the order
        press(page, page.get_by_role("button", name="Book 1 place"))
        expect(page.get_by_text(f"Booked: {name} has a place")).to_be_visible()

    page.goto(f"/schools/{school_a.urn}/membership/")
    accessible(page)
    with page.expect_download() as download:
        press(page, page.get_by_role("link", name=f"Download {invoice.reference}"), navigates=False)
    text = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(download.value.path().read_bytes())).pages
    )
    assert invoice.reference in text and "3,780.00" in text
    report.refresh_from_db()
    assert report.status == ReportStatus.AGREED
    assert school_a.bookings.count() == 2
