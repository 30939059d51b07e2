"""The diagnostic review form saves drafts as the LC types, reopens with what was recorded, and
can be corrected, with history, until the visit's report is shared."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from improvement import services
from improvement.models import DiagnosticReview, ReportStatus, RiskArea
from improvement.risk import school_risks
from membership.models import School
from tests.improvement.factories import ReportFactory
from thep import years

HTMX = {"HTTP_HX_REQUEST": "true"}
AUTUMN_DAY = datetime.date(2025, 10, 7)


@pytest.fixture
def visit(school_a, lc_a):
    return ReportFactory(
        visit__school=school_a, visit__consultant=lc_a, visit__date=AUTUMN_DAY
    ).visit


def _url(visit) -> str:
    return f"/improvement/visits/{visit.pk}/diagnostic/"


def _form(**values) -> dict:
    data = {f"{area}_rating": "green" for area in RiskArea.values}
    data.update(priorities="Budget recovery.", later_visits="Spring: budget.")
    data.update(values)
    return data


def _record(visit, lc, **ratings):
    every = {area: ("green", "") for area in RiskArea.values}
    return services.diagnostic_record(
        visit=visit, by=lc, ratings={**every, **ratings}, priorities="Budget recovery.",
        later_visits="Spring: budget.",
    )  # fmt: skip


def _risk_reasons(school) -> list[str]:
    (risk,) = school_risks(schools=School.objects.filter(pk=school.pk), today=AUTUMN_DAY)
    return risk.reasons


def test_a_partial_draft_is_saved_as_the_lc_types_and_counts_nowhere_yet(
    client_for, visit, lc_a, school_a
):
    response = client_for(lc_a).post(
        _url(visit), {"budgets_rating": "red", "budgets_note": "Deficit planned"}, **HTMX
    )
    assert "Saved at" in response.text
    review = DiagnosticReview.objects.get(visit=visit)
    assert review.is_draft and review.ratings.get(area="budgets").note == "Deficit planned"
    assert _risk_reasons(school_a) == []  # not in the register until recorded
    report_page = client_for(lc_a).get(f"/improvement/reports/{visit.report.pk}/").text
    assert "Diagnostic review</h2>" not in report_page  # nor on the report
    page = client_for(lc_a).get(_url(visit)).content.decode()
    assert 'value="Deficit planned"' in page
    assert '<option value="red" selected>' in page


def test_a_recorded_review_reopens_with_what_was_recorded(client_for, visit, lc_a):
    _record(visit, lc_a, budgets=("amber", "Falling roll hits the budget"))
    page = client_for(lc_a).get(_url(visit)).content.decode()
    budgets = page[page.index('name="budgets_rating"') :].split("</select>")[0]
    assert '<option value="amber" selected>' in budgets
    assert 'value="Falling roll hits the budget"' in page
    assert "Budget recovery.</textarea>" in page
    assert "Save the correction" in page


def test_the_record_button_without_javascript_records_it(client_for, visit, lc_a, school_a):
    response = client_for(lc_a).post(_url(visit), _form(budgets_rating="red", save="record"))
    assert response.status_code == 302
    assert not DiagnosticReview.objects.get(visit=visit).is_draft
    assert _risk_reasons(school_a) == ["Budgets rated red at the diagnostic review"]


def test_corrections_are_kept_with_who_and_when(client_for, visit, lc_a, head_a, school_a):
    review = _record(visit, lc_a)
    client = client_for(lc_a)
    client.post(_url(visit), _form(version=review.version, budgets_rating="red"), **HTMX)
    review.refresh_from_db()
    # The note typed over several saves is one change in the history.
    for note in ("Deficit", "Deficit of 3%"):
        client.post(_url(visit), _form(version=review.version, budgets_rating="red",
                                       budgets_note=note), **HTMX)  # fmt: skip
        review.refresh_from_db()
    assert [(c.by, c.described) for c in review.changes.all()] == [
        (lc_a, "Note on Budgets changed"),
        (lc_a, "Budgets: Green to Red"),
    ]
    assert not review.is_draft
    assert _risk_reasons(school_a) == ["Budgets rated red at the diagnostic review"]
    page = client_for(head_a).get(_url(visit)).content.decode()
    assert "Changes since it was recorded" in page
    assert f"{lc_a.get_full_name()}: Budgets: Green to Red" in page


def test_a_rating_changed_back_leaves_no_change(visit, lc_a):
    review = _record(visit, lc_a)
    _record(visit, lc_a, budgets=("red", ""))
    _record(visit, lc_a)
    assert not review.changes.exists()


def test_once_the_report_is_shared_the_review_stays_as_recorded(client_for, visit, lc_a):
    review = _record(visit, lc_a)
    visit.report.status = ReportStatus.SHARED
    visit.report.save()
    with pytest.raises(ValidationError, match="has been shared with the head"):
        _record(visit, lc_a, budgets=("red", ""))
    response = client_for(lc_a).post(
        _url(visit), _form(version=review.version, budgets_rating="red"), **HTMX
    )
    assert "Not saved. The report of this visit has been shared with the head" in response.text
    page = client_for(lc_a).get(_url(visit)).content.decode()
    assert '<form method="post" novalidate' not in page  # read, not edited
    assert review.ratings.get(area="budgets").rating == "green"


def test_an_autosave_from_a_stale_form_is_refused(client_for, visit, lc_a):
    review = _record(visit, lc_a)
    filled_from = review.version
    _record(visit, lc_a, staffing=("amber", "Two vacancies"))
    response = client_for(lc_a).post(
        _url(visit), _form(version=filled_from, budgets_rating="red"), **HTMX
    )
    assert "Not saved. The diagnostic review changed while you were editing it:" in response.text
    assert f"{lc_a.get_full_name()} saved it at" in response.text
    assert review.ratings.get(area="budgets").rating == "green"
    assert review.ratings.get(area="staffing").rating == "amber"


def test_a_recorded_review_cannot_lose_a_rating(visit, lc_a):
    _record(visit, lc_a)
    every = {area: ("green", "") for area in RiskArea.values}
    with pytest.raises(ValidationError, match="missing: Budgets"):
        services.diagnostic_save(
            visit=visit, by=lc_a, ratings={**every, "budgets": ("", "")}, priorities="p",
            later_visits="",
        )  # fmt: skip


def test_the_head_reads_the_recorded_review_never_the_draft(client_for, visit, lc_a, head_a):
    services.diagnostic_save(
        visit=visit, by=lc_a, ratings={"budgets": ("red", "Draft thought")}, priorities="",
        later_visits="",
    )  # fmt: skip
    page = client_for(head_a).get(_url(visit)).content.decode()
    assert "Draft thought" not in page
    assert "has not recorded a diagnostic review at this visit yet" in page
    _record(visit, lc_a, budgets=("red", "Recorded thought"))
    page = client_for(head_a).get(_url(visit)).content.decode()
    assert "Recorded thought" in page and "<select" not in page


def test_the_visits_page_leads_back_to_the_draft_and_the_head_to_the_recorded_review(
    client_for, school_a, lc_a, head_a
):
    this_autumn = years.first_day(years.current()) + datetime.timedelta(days=36)
    visit = ReportFactory(
        visit__school=school_a, visit__consultant=lc_a, visit__date=this_autumn
    ).visit
    link = f'<a href="/improvement/visits/{visit.pk}/diagnostic/">'
    lc_page = client_for(lc_a).get("/improvement/").text
    assert f"{link}Record the diagnostic review</a>" in lc_page
    services.diagnostic_save(
        visit=visit, by=lc_a, ratings={"budgets": ("red", "")}, priorities="", later_visits=""
    )
    lc_page = client_for(lc_a).get("/improvement/").text
    assert f"{link}Continue the diagnostic review</a>" in lc_page
    assert link not in client_for(head_a).get("/improvement/").text  # a draft is the LC's
    _record(visit, lc_a)
    head_page = client_for(head_a).get("/improvement/").text
    assert f"{link}Diagnostic review, and what the LA sees</a>" in head_page
