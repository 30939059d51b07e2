"""On a phone (375 px wide) the listing tables become a stack of cards, one card a row with each
value under its column's name, so nobody scrolls sideways to read a visit, an invoice or a school;
on a desktop they stay tables. The pages pass axe at both widths."""

import datetime

from playwright.sync_api import expect

from membership.models import Member
from membership.services import invoice_create, invoice_issue
from tests.factories import SchoolFactory
from tests.improvement.factories import ReportFactory
from tests.learning.factories import BookingFactory
from tests.membership.factories import FeeRateFactory, MembershipFactory, PupilCountFactory
from thep import years

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 800}

# Where the first two cells of a table's first row are, the name drawn before the first, and
# whether anything scrolls sideways: the page, or the table inside its box.
LAYOUT = """table => {
  const [first, second] = table.tBodies[0].rows[0].cells;
  const a = first.getBoundingClientRect(), b = second.getBoundingClientRect();
  const box = table.parentElement;
  return {
    stacked: b.top >= a.bottom - 1 && Math.abs(a.left - b.left) < 1,
    label: getComputedStyle(first, '::before').content,
    pageScrolls: document.documentElement.scrollWidth > window.innerWidth,
    boxScrolls: box.scrollWidth > box.clientWidth,
  };
}"""


def layout_of(page, caption: str | None = None) -> dict:
    tables = page.locator("main table")
    table = tables.filter(has=page.locator(f"caption:text-is('{caption}')")) if caption else tables
    return table.first.evaluate(LAYOUT)


def assert_cards(page, first_column: str, caption: str | None = None) -> None:
    layout = layout_of(page, caption)
    assert layout["stacked"], f"{page.url}: the row's cells should sit one under the other"
    assert layout["label"] == f'"{first_column}"', layout["label"]
    assert not layout["pageScrolls"], f"{page.url} scrolls sideways"
    assert not layout["boxScrolls"], f"{page.url}: the table scrolls sideways in its box"


def test_an_lc_reads_her_visits_as_cards_on_a_phone_and_as_a_table_on_a_desktop(
    page, log_in, accessible, lc_a, school_a
):
    school_a.name = "Bonner Primary School and Children's Centre, Stepney Green Campus"
    school_a.save()
    for days in (40, 20, 3):
        ReportFactory(
            visit__school=school_a,
            visit__consultant=lc_a,
            visit__date=datetime.date.today() - datetime.timedelta(days=days),
            visit__focus="Diagnostic review: contracting, risks and priorities for the year",
        )
    page.set_viewport_size(PHONE)
    log_in(lc_a)
    page.goto("/improvement/")
    expect(page.get_by_role("heading", name="Your visits")).to_be_visible()
    assert_cards(page, "Date")
    accessible(page)

    page.set_viewport_size(DESKTOP)
    layout = layout_of(page)
    assert not layout["stacked"] and layout["label"] == "none", "a table on a desktop"
    expect(page.get_by_role("columnheader", name="School")).to_be_visible()
    accessible(page)


def test_a_head_reads_invoices_and_bookings_as_cards_on_a_phone(
    page, log_in, accessible, head_a, school_a
):
    year = years.current()
    member = Member.objects.create(school=school_a)
    MembershipFactory(member=member, year=year)
    FeeRateFactory(year=year, per_pupil="9.00")
    PupilCountFactory(school=school_a, year=year, pupils=420)
    invoice = invoice_issue(invoice=invoice_create(member=member, year=year), make_pdf=False)
    BookingFactory(school=school_a, delegate_name="Nasreen Chowdhury-Whitfield")

    page.set_viewport_size(PHONE)
    log_in(head_a)
    page.goto(f"/schools/{school_a.urn}/membership/")
    assert_cards(page, "Invoice")
    expect(page.get_by_role("link", name=f"Download {invoice.reference}")).to_be_visible()
    accessible(page)

    page.goto("/learning/bookings/")
    assert_cards(page, "Event", caption="Bookings coming up")
    cancel = page.get_by_role("link", name="Cancel Nasreen Chowdhury-Whitfield\x27s booking")
    expect(cancel).to_be_visible()
    accessible(page)


def test_a_director_reads_the_school_register_as_cards_and_the_catalogue_fits_a_phone(
    page, log_in, accessible, director
):
    for n in range(3):
        SchoolFactory(name=f"Sir John Cass Redcoat Church of England Secondary School {n}")
    page.set_viewport_size(PHONE)
    log_in(director)
    page.goto("/schools/")
    assert_cards(page, "School")
    accessible(page)

    page.goto("/learning/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    accessible(page)
