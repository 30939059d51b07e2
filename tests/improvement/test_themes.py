import datetime

from improvement.models import DiagnosticReview, ReportStatus, RiskRating
from improvement.selectors import emerging_themes
from tests.factories import SchoolFactory
from tests.improvement.factories import ReportFactory, VisitFactory

YEAR = 2025


def row(rows, area):
    return next(r for r in rows if r.area == area)


def test_themes_count_ratings_and_areas_for_development_by_term_and_phase(db, director):
    primary = SchoolFactory(phase="primary")
    secondary = SchoolFactory(phase="secondary")
    for school, rating in ((primary, "red"), (secondary, "amber")):
        visit = VisitFactory(school=school, date=datetime.date(2025, 10, 1))
        review = DiagnosticReview.objects.create(visit=visit, school=school, year=YEAR)
        RiskRating.objects.create(review=review, area="budgets", rating=rating)
    for school, day, text in (
        (primary, datetime.date(2025, 10, 8), "Attendance of persistent absentees."),
        (primary, datetime.date(2026, 2, 3), "Reduce absence; sending home letters."),
        (secondary, datetime.date(2026, 2, 10), "SEND provision in Year 7."),
    ):
        ReportFactory(visit__school=school, visit__date=day, areas_for_development=text,
                      status=ReportStatus.FINAL)  # fmt: skip
    rows = emerging_themes(user=director, year=YEAR)
    assert row(rows, "Budgets").ratings == {"red": 1, "amber": 1, "green": 0}
    assert row(rows, "Attendance").by_term == {"autumn": 1, "spring": 1, "summer": 0}
    assert row(rows, "SEND").by_term == {"autumn": 0, "spring": 1, "summer": 0}  # not "sending"
    primary_rows = emerging_themes(user=director, year=YEAR, phase="primary")
    assert row(primary_rows, "Budgets").ratings == {"red": 1, "amber": 0, "green": 0}
    assert row(primary_rows, "SEND").by_term["spring"] == 0


def test_themes_are_for_directors(client_for, head_a, la_officer, lc_a):
    for person in (head_a, la_officer, lc_a):
        assert client_for(person).get("/improvement/themes/").status_code == 404
