import csv
import datetime
import io

from playwright.sync_api import expect

from improvement.models import ReportStatus
from tests.factories import SchoolFactory
from tests.improvement.factories import ReportFactory
from tests.ofsted.factories import InspectionFactory


def test_la_officer_filters_the_ofsted_table_downloads_it_and_reaches_no_report(
    page, log_in_by_form, accessible, la_officer, school_a, lc_a
):
    InspectionFactory(school=school_a, start_date=datetime.date(2023, 5, 10))
    swanlea = SchoolFactory(name="Swanlea School", phase="secondary")
    InspectionFactory(school=swanlea, start_date=datetime.date(2022, 3, 8), overall_effectiveness=3)
    report = ReportFactory(
        visit__school=school_a, visit__consultant=lc_a, status=ReportStatus.FINAL,
        summary="Confidential: the head's plans for restructuring.",
    )  # fmt: skip

    log_in_by_form(la_officer)  # with the authenticator code, in the real pages
    expect(page.get_by_role("link", name="Visits")).to_have_count(0)
    page.get_by_role("link", name="Ofsted", exact=True).click()
    accessible(page)
    page.get_by_label("Phase").select_option(label="Secondary")
    page.get_by_role("button", name="Filter").click()
    table = page.get_by_role("table")
    expect(table).to_contain_text("Swanlea School")
    expect(table).not_to_contain_text("Bonner Primary School")
    accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download these rows as CSV").click()
    rows = list(csv.reader(io.StringIO(download.value.path().read_text())))
    assert [row[1] for row in rows[1:]] == ["Swanlea School"]
    assert rows[1][3] == "Requires improvement"

    for path in (f"/improvement/reports/{report.pk}/", "/improvement/", "/improvement/themes/"):
        response = page.goto(path)
        assert response.status == 404
        expect(page.get_by_role("heading", level=1)).to_contain_text("not found", ignore_case=True)
        expect(page.get_by_text("restructuring")).to_have_count(0)
