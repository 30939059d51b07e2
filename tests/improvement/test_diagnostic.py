import datetime

import pytest
from django.core.exceptions import ValidationError

from improvement.models import DiagnosticReview, RiskArea
from improvement.services import diagnostic_record
from tests.improvement.factories import ReportFactory, VisitFactory

RATINGS = {area: ("green", "") for area in RiskArea.values}


def autumn_visit(school, consultant, day=datetime.date(2025, 10, 7)):
    return VisitFactory(school=school, consultant=consultant, date=day)


def test_the_autumn_review_rates_every_risk_area(school_a, lc_a):
    review = diagnostic_record(
        visit=autumn_visit(school_a, lc_a),
        by=lc_a,
        ratings={**RATINGS, RiskArea.BUDGETS: ("red", "Licensed deficit")},
        priorities="Budget recovery.",
        later_visits="Spring: budget.",
    )
    assert review.ratings.count() == 12
    assert review.ratings.get(area=RiskArea.BUDGETS).note == "Licensed deficit"


def test_a_second_review_for_the_same_school_and_year_is_refused(school_a, lc_a):
    diagnostic_record(
        visit=autumn_visit(school_a, lc_a), by=lc_a, ratings=RATINGS, priorities="p",
        later_visits="",
    )  # fmt: skip
    with pytest.raises(ValidationError, match="already has a diagnostic review for 2025-26"):
        diagnostic_record(
            visit=autumn_visit(school_a, lc_a, datetime.date(2025, 11, 4)), by=lc_a,
            ratings=RATINGS, priorities="p", later_visits="",
        )  # fmt: skip
    assert DiagnosticReview.objects.count() == 1


def test_a_review_needs_an_autumn_visit_and_every_area(school_a, lc_a):
    with pytest.raises(ValidationError, match="autumn term"):
        diagnostic_record(
            visit=autumn_visit(school_a, lc_a, datetime.date(2026, 2, 3)), by=lc_a,
            ratings=RATINGS, priorities="p", later_visits="",
        )  # fmt: skip
    partial = {area: RATINGS[area] for area in list(RATINGS)[:11]}
    with pytest.raises(ValidationError, match="missing: Ofsted"):
        diagnostic_record(
            visit=autumn_visit(school_a, lc_a), by=lc_a, ratings=partial, priorities="p",
            later_visits="",
        )  # fmt: skip
    assert not DiagnosticReview.objects.exists()


def test_the_review_form_refuses_a_missing_rating_and_keeps_the_rest(client_for, school_a, lc_a):
    visit = autumn_visit(school_a, lc_a)
    data = {f"{area}_rating": "green" for area in RiskArea.values}
    data.update(ofsted_rating="", budgets_note="Deficit planned", priorities="Budget.")
    response = client_for(lc_a).post(f"/improvement/visits/{visit.pk}/diagnostic/", data)
    assert response.status_code == 400
    assert 'value="Deficit planned"' in response.content.decode()
    assert not DiagnosticReview.objects.exists()


def test_the_report_page_shows_the_ratings_in_the_strategys_order(client_for, school_a, lc_a):
    visit = autumn_visit(school_a, lc_a)
    ReportFactory(visit=visit)
    diagnostic_record(visit=visit, by=lc_a, ratings=RATINGS, priorities="p", later_visits="")
    page = client_for(lc_a).get(f"/improvement/reports/{visit.report.pk}/").content.decode()
    table = page[page.index("Diagnostic review</h2>") :]
    positions = [
        table.index(f'<td data-label="Risk area">{label}</td>') for label in RiskArea.labels
    ]
    assert positions == sorted(positions)
