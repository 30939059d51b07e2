"""A head gives a visit report to governors: downloaded as a PDF in THEP's template from the
report page, or printed from the browser, where the page comes out without the portal around
it (menu, footer, buttons, forms) and with its tables whole."""

import io
from pathlib import Path

from playwright.sync_api import expect
from pypdf import PdfReader

from improvement.models import DiagnosticReview, ReportStatus, RiskArea, RiskRating
from tests.improvement.factories import ReportFactory

# A note with no space in it, wider than the page: cut off at the edge unless it may wrap.
LONG_NOTE = "See-the-attendance-tracker-at-" + "x" * 150 + "-end-of-note"


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(page.extract_text() for page in reader.pages)


def test_the_head_downloads_and_prints_a_report_without_the_portal_around_it(
    page, log_in, head_a, lc_a, school_a
):
    report = ReportFactory(
        visit__school=school_a,
        visit__consultant=lc_a,
        status=ReportStatus.SHARED,
        summary="We looked at attendance with the pastoral team.",
    )
    review = DiagnosticReview.objects.create(
        visit=report.visit, school=school_a, year=report.visit.year, priorities="Attendance."
    )
    for area in RiskArea.values:
        RiskRating.objects.create(
            review=review, area=area, rating="amber",
            note=LONG_NOTE if area == RiskArea.ATTENDANCE else "",
        )  # fmt: skip
    log_in(head_a)
    page.goto(f"/improvement/reports/{report.pk}/")

    with page.expect_download() as downloading:
        page.get_by_role("link", name="Download PDF").click()
    download = downloading.value
    assert download.suggested_filename.startswith("visit-report-100001-")
    pdf = text_of(Path(download.path()).read_bytes())
    assert "Summary of discussion" in pdf and "We looked at attendance" in pdf

    page.emulate_media(media="print")
    for hidden in ("header nav", "footer", "main form", "main .btn"):
        for element in page.locator(hidden).all():
            expect(element).to_be_hidden()
    printed = text_of(page.pdf(format="A4"))
    assert "We looked at attendance with the pastoral team." in printed
    assert "Diagnostic review" in printed
    assert LONG_NOTE in "".join(printed.split()), "the table's last column is printed whole"
    for portal in ("THE Partnership", "Skip to main content", "Improving schools together",
                   "Download PDF", "Agree as written", "Add comment", "Your comment"):  # fmt: skip
        assert portal not in printed, portal
