import datetime

import pytest

from improvement.models import ReportStatus
from reports.kpis import kpi_figures
from tests.improvement.factories import ReportFactory
from thep import years

YEAR = 2023


@pytest.mark.django_db
def test_the_kpis_count_as_overdue_the_reports_the_model_calls_overdue(director, school_a):
    def report(status: str, visited: str):
        date = datetime.date.fromisoformat(visited)
        return ReportFactory(status=status, visit__school=school_a, visit__date=date)

    reports = [
        report(ReportStatus.DRAFT, "2024-08-01"),  # due 15 August
        report(ReportStatus.SHARED, "2024-08-16"),  # due 30 August
        report(ReportStatus.SHARED, "2024-08-20"),  # due after the year ends
        report(ReportStatus.AGREED, "2024-08-01"),
        report(ReportStatus.FINAL, "2024-07-01"),
    ]
    overdue = [report.is_overdue(years.last_day(YEAR)) for report in reports]
    assert overdue == [True, True, False, False, False]
    assert kpi_figures(user=director, year=YEAR)["visits"]["reports_overdue"] == 2
