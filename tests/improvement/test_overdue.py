import datetime

from django.utils import timezone

from improvement.models import ReportStatus
from improvement.selectors import overdue_reports

TODAY = timezone.localdate()


def days_ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


def test_a_report_is_overdue_when_not_agreed_two_weeks_after_the_visit(report_at):
    assert not report_at(ReportStatus.SHARED, date=days_ago(14)).is_overdue(TODAY)
    assert report_at(ReportStatus.SHARED, date=days_ago(15)).is_overdue(TODAY)
    assert report_at(ReportStatus.DRAFT, date=days_ago(30)).is_overdue(TODAY)
    assert not report_at(ReportStatus.AGREED, date=days_ago(30)).is_overdue(TODAY)


def test_directors_see_the_overdue_reports_of_their_phase(
    report_at, director, primary_director, secondary_director, client_for
):
    late = report_at(ReportStatus.DRAFT, date=days_ago(20))
    report_at(ReportStatus.SHARED, date=days_ago(10))
    assert list(overdue_reports(user=director, today=TODAY)) == [late]
    assert list(overdue_reports(user=primary_director, today=TODAY)) == [late]
    assert not overdue_reports(user=secondary_director, today=TODAY).exists()
    page = client_for(primary_director).get("/improvement/").content.decode()
    overdue = page[page.index("Reports overdue") : page.index("visits-heading")]
    assert "Bonner Primary School" in overdue
    assert late.summary not in page  # the list names the report; it does not open it
