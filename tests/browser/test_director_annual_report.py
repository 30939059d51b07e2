import io

from playwright.sync_api import expect
from pypdf import PdfReader


def test_director_makes_the_annual_report_and_downloads_it(
    page, log_in, accessible, director, celery_worker
):
    log_in(director)
    page.get_by_role("link", name="Reports").click()
    page.get_by_role("link", name="PDF reports").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reports")
    accessible(page)
    page.goto("/reports/foreword/?year=2025-26")
    page.get_by_label("Foreword").fill("Thank you to every school for a remarkable year.")
    page.get_by_role("button", name="Save the foreword").click()
    expect(page.get_by_text("Foreword for 2025-26 saved.")).to_be_visible()
    accessible(page)

    page.goto("/reports/files/")
    page.get_by_role("combobox", name="Report").select_option(label="Annual report")
    page.get_by_label("Membership year").fill("2025-26")
    page.get_by_role("button", name="Make the report").click()
    link = page.get_by_role("link", name="Download thep-annual-report-2025-26-v1.pdf")
    expect(link).to_be_visible(timeout=60_000)  # the row refreshes itself while it is made
    accessible(page)
    with page.expect_download() as download:
        link.click()
    pdf = download.value.path().read_bytes()
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "THE Partnership annual report" in text
    assert "Thank you to every school for a remarkable year." in " ".join(text.split())
