"""The Leadership Consultant panel on a school's page: this year's visits, with a link to each
report the person may open and none to the others."""

from django.utils import timezone

from improvement.models import ReportStatus


def test_the_panel_lists_this_years_visits_and_links_the_reports_each_may_open(
    client_for, report_at, school_a, head_a, lc_a
):
    today = timezone.localdate()
    shared = report_at(ReportStatus.SHARED, date=today, focus="Early reading")
    draft = report_at(ReportStatus.DRAFT, date=today, focus="Attendance")
    for person, links in ((head_a, [shared]), (lc_a, [shared, draft])):
        page = client_for(person).get(f"/schools/{school_a.urn}/").content.decode()
        assert "Early reading" in page and "Attendance" in page
        for report in (shared, draft):
            state = report.get_status_display().lower()
            link = f'<a href="/improvement/reports/{report.pk}/">report ({state})</a>'
            assert (link in page) is (report in links), (person, report.status)
