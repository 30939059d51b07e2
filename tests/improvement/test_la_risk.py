"""What LA officers see of a school's risk: for a maintained school its level and the areas
rated red or amber (never notes); for an academy only public data (Ofsted, the roll), unless
its head agreed to share, which the head gives and withdraws on the diagnostic page."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from improvement import services
from improvement.models import DiagnosticReview, ReviewItem, ReviewMeeting, RiskRating
from improvement.risk import as_the_la_sees, school_risks
from membership.models import School, SchoolType
from reports.council import council_figures
from tests.factories import AffiliationFactory, SchoolFactory
from tests.improvement.factories import ReportFactory, VisitFactory
from tests.ofsted.factories import InspectionFactory
from thep import years
from thep.models import Role

TODAY = timezone.localdate()
YEAR = years.year_of(TODAY)
OFSTED_RI = "Ofsted: Overall effectiveness Requires improvement"


def rated(school, **ratings) -> School:
    visit = VisitFactory(school=school, date=years.first_day(YEAR) + datetime.timedelta(days=20))
    review = DiagnosticReview.objects.create(visit=visit, school=school, year=YEAR, priorities="p")
    for area, rating in ratings.items():
        RiskRating.objects.create(review=review, area=area, rating=rating, note="Private note")
    return school


@pytest.fixture
def academy(db):
    """An academy with a red budget at its diagnostic review and an RI from Ofsted."""
    school = SchoolFactory(name="Mulberry Academy Shoreditch", school_type=SchoolType.ACADEMY,
                           headship_start=datetime.date(2010, 9, 1))  # fmt: skip
    InspectionFactory(school=school, start_date=TODAY - datetime.timedelta(days=30),
                      overall_effectiveness=3)  # fmt: skip
    return rated(school, budgets="red", attendance="amber")


@pytest.fixture
def academy_head(academy):
    person = AffiliationFactory(school=academy, person__role=Role.HEADTEACHER).person
    return person


def register_row(page: str, name: str) -> str:
    name_at = page.index(f">{name}</a>")
    return page[page.rindex("<tr", 0, name_at) : page.index("</tr>", name_at)]


def test_for_a_maintained_school_the_la_sees_level_and_red_and_amber_areas(
    client_for, la_officer, school_a
):
    rated(school_a, budgets="red", send="amber", staffing="green")
    row = register_row(client_for(la_officer).get("/improvement/risk/").text, school_a.name)
    assert '<span class="risk risk-high">High</span>' in row
    assert "Budgets rated red at the diagnostic review" in row
    assert "SEND rated amber at the diagnostic review" in row
    assert "Staffing" not in row and "Private note" not in row


def test_for_an_academy_without_agreement_the_la_sees_public_data_only(
    client_for, la_officer, director, academy
):
    page = client_for(la_officer).get("/improvement/risk/").text
    row = register_row(page, academy.name)
    assert "Not shared by the academy" in row and "risk-high" not in row
    assert OFSTED_RI in row
    assert "rated red" not in row and "rated amber" not in row and "Private note" not in page
    # Asking for the high-risk schools does not find it either.
    high = client_for(la_officer).get("/improvement/risk/?level=high").text
    assert academy.name not in high
    # THE Partnership's directors see the whole rating.
    row = register_row(client_for(director).get("/improvement/risk/").text, academy.name)
    assert '<span class="risk risk-high">High</span>' in row
    assert "Budgets rated red at the diagnostic review" in row


def test_with_the_heads_agreement_the_la_sees_the_academys_rating_until_withdrawn(
    client_for, la_officer, academy, academy_head
):
    services.risk_sharing_give(school=academy, by=academy_head)
    row = register_row(client_for(la_officer).get("/improvement/risk/").text, academy.name)
    assert '<span class="risk risk-high">High</span>' in row
    assert "Budgets rated red at the diagnostic review" in row
    assert "Attendance rated amber at the diagnostic review" in row
    assert "Private note" not in row

    services.risk_sharing_withdraw(school=academy, by=academy_head)
    row = register_row(client_for(la_officer).get("/improvement/risk/").text, academy.name)
    assert "Not shared by the academy" in row and "rated red" not in row
    (sharing,) = academy.risk_sharing.all()
    assert (sharing.given_by, sharing.withdrawn_by) == (academy_head, academy_head)
    assert sharing.given_at <= sharing.withdrawn_at


def test_the_review_group_and_council_report_follow_the_same_rule(
    client_for, la_officer, director, academy, school_a
):
    rated(school_a, safeguarding="red")
    meeting = ReviewMeeting.objects.create(held_on=TODAY)
    for school in (academy, school_a):
        ReviewItem.objects.create(meeting=meeting, school=school, discussion="Discussed.")
    papers = client_for(la_officer).get(f"/improvement/review-group/{meeting.pk}/").text
    academy_card = papers[papers.index(academy.name) :].split("</article>")[0]
    assert "Risk rating not shared by the academy" in academy_card
    assert OFSTED_RI in academy_card and "Budgets" not in academy_card
    assert "Safeguarding rated red at the diagnostic review" in papers
    assert (
        "Budgets rated red"
        in client_for(director).get(f"/improvement/review-group/{meeting.pk}/").text
    )

    figures = council_figures(user=director, year=YEAR, today=TODAY)
    assert figures["risk_levels"]["Not shared by the academy"] == 1
    assert [risk["school"] for risk in figures["high_risk"]] == [school_a.name]


def test_only_an_academys_head_gives_or_withdraws_the_agreement(
    academy, academy_head, head_a, school_a, lc_a
):
    with pytest.raises(ValidationError, match="Only the school's headteacher"):
        services.risk_sharing_give(school=academy, by=head_a)
    with pytest.raises(ValidationError, match="Only the school's headteacher"):
        services.risk_sharing_give(school=academy, by=lc_a)
    with pytest.raises(ValidationError, match="maintained by the Local Authority"):
        services.risk_sharing_give(school=school_a, by=head_a)
    with pytest.raises(ValidationError, match="nothing to withdraw"):
        services.risk_sharing_withdraw(school=academy, by=academy_head)
    services.risk_sharing_give(school=academy, by=academy_head)
    with pytest.raises(ValidationError, match="already agreed"):
        services.risk_sharing_give(school=academy, by=academy_head)
    assert academy.risk_sharing.count() == 1


def test_the_head_agrees_on_the_diagnostic_page_told_plainly_what_the_la_sees(
    client_for, academy, academy_head
):
    visit = ReportFactory(visit__school=academy).visit
    url = f"/improvement/visits/{visit.pk}/diagnostic/"
    client = client_for(academy_head)
    page = client.get(url).text
    assert "is an academy, so LA officers see only what comes from public data" in page
    assert f"What LA officers see now:\n    <strong>no risk level</strong>: {OFSTED_RI}." in page
    assert "The LA never sees visit reports, the notes on this review" in page
    response = client.post(url, {"la_sharing": "give"}, follow=True)
    assert "Agreed: the LA now sees the risk level" in response.text
    assert f"{academy_head.get_full_name()} agreed on {TODAY:%-d %B %Y}" in response.text
    assert "<strong>High risk</strong>: Budgets rated red at the diagnostic review" in response.text
    response = client.post(url, {"la_sharing": "withdraw"}, follow=True)
    assert "Withdrawn: the LA now sees public data only." in response.text
    assert not academy.risk_sharing.filter(withdrawn_at__isnull=True).exists()


def test_the_lc_is_told_what_the_la_sees_of_a_maintained_school(client_for, school_a, lc_a):
    visit = ReportFactory(
        visit__school=school_a, visit__consultant=lc_a, visit__date=datetime.date(2025, 10, 7)
    ).visit
    page = client_for(lc_a).get(f"/improvement/visits/{visit.pk}/diagnostic/").text
    assert "is maintained by the LA" in page
    assert (
        "LA officers see the school's risk level and the names of the areas rated red or amber"
        in page
    )
    assert "Agree to share" not in page


def test_as_the_la_sees_keeps_maintained_schools_whole(school_a, academy):
    rated(school_a, budgets="amber")
    risks = {
        risk.school.pk: risk
        for risk in as_the_la_sees(
            school_risks(
                schools=School.objects.filter(pk__in=[school_a.pk, academy.pk]), today=TODAY
            )
        )
    }
    assert risks[school_a.pk].reasons == ["Budgets rated amber at the diagnostic review"]
    assert (risks[academy.pk].level, risks[academy.pk].reasons) == ("", [OFSTED_RI])
