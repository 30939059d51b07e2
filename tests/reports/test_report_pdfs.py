import io
import time

import pytest
from pypdf import PdfReader

from reports import services
from reports.kpis import kpi_figures
from reports.models import Kind, ReportFile, Status
from thep.models import User


def wait_until_finished(report: ReportFile) -> ReportFile:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if report.status in (Status.DONE, Status.FAILED):
            return report
        time.sleep(0.2)
    raise AssertionError(f"{report} is still {report.status}")


def text_of(report: ReportFile) -> str:
    assert report.pdf.name, f"{report} has no file"
    with report.pdf.storage.open(report.pdf.name) as stored:
        pages = PdfReader(io.BytesIO(stored.read())).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def test_the_worker_makes_pdfs_that_carry_the_json_figures(demo_transactional_db, celery_worker):
    director = User.objects.get(email="director@example.org")
    services.foreword_save(year=2017, text="A year of growing together.", by=director)
    figures = kpi_figures(user=director, year=2017)
    kpi = wait_until_finished(services.report_request(kind=Kind.KPI, year=2017, by=director))
    annual = wait_until_finished(services.report_request(kind=Kind.ANNUAL, year=2017, by=director))
    for report in (kpi, annual):
        assert report.status == Status.DONE, report.error
        text = text_of(report)
        primary = figures["membership"]["by_phase"][1]
        assert f"Primary {primary['members']}/{primary['schools']} 66" in text
        # Seed 000's "Total income" of packages and extras; the total of every income is
        # tests/reports/test_income_kpis.py's.
        assert "Packages and extras £373,100.00 £328,850.00" in text
        assert "Bigland Green Primary School (Primary): Requires improvement to Outstanding" in text
        assert "Primary, national 19% 72% 8% 90%" in text  # a row of its own under Primary
        assert report.seconds is not None and report.seconds > 0
    assert "A year of growing together." in text_of(annual)
    council = wait_until_finished(
        services.report_request(kind=Kind.COUNCIL, year=2026, by=director)
    )
    council_text = text_of(council)
    assert "Schools at high risk" in council_text and "Harbinger Primary School" in council_text
    assert "Daily phonics" not in council_text  # nothing from any LC report


@pytest.mark.django_db(transaction=True)
def test_a_failure_is_shown_and_can_be_tried_again_and_versions_are_kept(
    celery_worker, director, client_for, monkeypatch
):
    def broken(figures):
        raise RuntimeError("the fonts could not be loaded")

    monkeypatch.setattr("reports.services.render_kpi_pdf", broken)
    report = wait_until_finished(services.report_request(kind=Kind.KPI, year=2017, by=director))
    assert report.status == Status.FAILED and not report.pdf
    page = client_for(director).get("/reports/files/").content.decode()
    assert "Failed: RuntimeError: the fonts could not be loaded" in page
    assert "Try again" in page

    monkeypatch.undo()
    client_for(director).post(f"/reports/files/{report.pk}/retry/")
    report = wait_until_finished(report)
    assert (report.status, report.version, report.error) == (Status.DONE, 1, "")
    first_file = report.pdf.name
    assert first_file
    again = wait_until_finished(services.report_request(kind=Kind.KPI, year=2017, by=director))
    assert again.version == 2
    report.refresh_from_db()
    assert report.pdf.name == first_file and report.pdf.storage.exists(first_file)
