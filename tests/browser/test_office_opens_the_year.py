"""The office opens the next year in a real browser: the guided page's preview, the question,
the confirmation, and the draft fee invoices it made."""

from decimal import Decimal

from playwright.sync_api import expect

from membership.models import Invoice
from tests.membership.factories import FeeRateFactory, MembershipFactory, PupilCountFactory
from thep import years


def test_the_office_opens_the_year_and_sees_the_fee_invoices_drafted(
    page, log_in, office_admin, school_a, school_b
):
    year = years.current() + 1
    label = years.label(year)
    for school, pupils in ((school_a, 452), (school_b, 418)):
        MembershipFactory(member__school=school, year=year - 1)
        PupilCountFactory(school=school, year=year, pupils=pupils)
    FeeRateFactory(year=year, per_pupil=Decimal("9.50"))

    log_in(office_admin, next_url="/admin/membership/yearopening/")
    page.get_by_role("link", name="Open a new year").click()
    expect(page.get_by_role("heading", name=f"Open {label}")).to_be_visible()
    expect(page.get_by_text("Draft fee invoices to be made (2, £8,265.00)")).to_be_visible()
    expect(page.get_by_role("row", name="Bonner Primary School")).to_contain_text("£4,294.00")

    page.get_by_role("button", name=f"Open {label}…").click()
    expect(
        page.get_by_text(f"Opening {label} renews 2 members into it and drafts 2 fee invoices")
    ).to_be_visible()
    assert not Invoice.objects.exists()
    page.get_by_role("button", name=f"Yes, open {label}").click()

    expect(
        page.get_by_text(f"{label} is open: 2 members renewed and 2 draft fee invoices made")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Draft invoice to Bonner Primary School")).to_be_visible()
    expect(page.get_by_role("link", name="Draft invoice to Cayley Primary School")).to_be_visible()
    assert sorted(Invoice.objects.values_list("amount", flat=True)) == [
        Decimal("3971.00"), Decimal("4294.00"),
    ]  # fmt: skip

    # Back, and confirm again: refused plainly.
    page.goto(f"/admin/membership/yearopening/open/{year}/")
    expect(page.get_by_text(f"{label} is already open: 2 members were renewed")).to_be_visible()
    expect(page.get_by_role("button", name=f"Open {label}…")).to_have_count(0)
