import io

from playwright.sync_api import expect
from pypdf import PdfReader

from membership.models import Invoice, InvoiceStatus
from tests.membership.invoicing import bank_details, draft_for
from thep import years


def test_a_head_gives_a_po_the_office_is_paid_in_two_parts_and_the_pdf_can_be_paid_from(
    page, log_in, accessible, head_a, office_admin, school_a
):
    school_a.street, school_a.town, school_a.postcode = "Stepney Way", "London", "E1 2ST"
    school_a.save()
    bank_details()
    year = years.current()
    draft_for(school_a, year=year)  # 420 pupils at £5: £2,100.00
    what = f"Membership fee {years.label(year)}"

    log_in(head_a)
    page.get_by_role("link", name="Membership", exact=True).click()
    expect(page.get_by_role("heading", name="Invoices being prepared")).to_be_visible()
    page.get_by_label(f"Purchase order number for {what}").fill("PO-4471")
    page.get_by_role("button", name="Save purchase order number").click()
    expect(page.get_by_text(f"Purchase order number saved for {what}.")).to_be_visible()
    accessible(page)

    page.context.clear_cookies()
    log_in(office_admin, next_url="/admin/membership/invoice/")
    page.locator("input[name=_selected_action]").check()
    page.locator("select[name=action]").select_option("issue")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_text("1 invoices issued.")).to_be_visible()
    page.get_by_role("link", name="THEP-00001").click()

    page.get_by_role("link", name="Record a payment").click()
    page.get_by_label("Amount (£)").fill("1000.00")
    page.get_by_label("Paid by").select_option(label="Cheque")
    page.get_by_label("Reference").fill("Cheque 100231")
    page.get_by_role("button", name="Record the payment").click()
    expect(page.get_by_text("Balance due: £1,100.00.")).to_be_visible()

    page.get_by_role("link", name="Record a payment").click()
    expect(page.get_by_label("Amount (£)")).to_have_value("1100.00")  # the rest, offered
    page.get_by_label("Reference").fill("BACS THEP-00001")
    page.get_by_role("button", name="Record the payment").click()
    expect(page.get_by_text("Balance due: £0.00.")).to_be_visible()
    invoice = Invoice.objects.get()
    assert (invoice.balance, invoice.status) == (0, InvoiceStatus.PAID)
    assert invoice.payments.count() == 2

    page.context.clear_cookies()
    log_in(head_a)
    page.get_by_role("link", name="Membership", exact=True).click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download THEP-00001").click()
    pdf = download.value.path().read_bytes()
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Your purchase order: PO-4471" in text
    assert f"Due date: {invoice.due_on:%-d %B %Y}" in text
    assert "Sort code: 20-45-77" in text and "Account number: 43218765" in text
    assert "Stepney Way, London, E1 2ST" in text
    assert "Paid so far £2,100.00" in text and "Balance due £0.00" in text
