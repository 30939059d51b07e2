import datetime

import pytest
from django.core.cache import cache

from commission.models import Decision, HeadAppointment
from improvement.models import DiagnosticReview
from membership.models import SchoolType
from reports.council import council_figures
from reports.models import DataPack, Status
from tests.commission.factories import buy_commission
from tests.factories import SchoolFactory
from tests.improvement.factories import ReportFactory, VisitFactory

YEAR = 2023
PAGE = "/commission/2023/"
TODAY = datetime.date(2024, 7, 1)


def delivered_to(school, director) -> None:
    """A risk assessment, an LC visit with its report, a data pack and an approved head."""
    visit = VisitFactory(school=school, date=datetime.date(2023, 10, 3))
    ReportFactory(visit=visit, summary="Words only the school may read.")
    DiagnosticReview.objects.create(
        visit=visit, school=school, year=YEAR, priorities="A priority the LA never reads."
    )
    DataPack.objects.create(
        school=school, year=YEAR, version=1, requested_by=director, status=Status.DONE
    )
    HeadAppointment.objects.create(
        school=school, interview_on=datetime.date(2023, 12, 1), decision=Decision.APPROVED
    )


def test_the_la_sees_what_was_delivered_school_by_school_and_never_report_words(
    client_for, la_officer, director
):
    served = SchoolFactory(name="Served Primary School")
    SchoolFactory(name="Waiting Primary School")
    bought = SchoolFactory(name="Bought Academy", school_type=SchoolType.ACADEMY)
    buy_commission(bought, YEAR)
    SchoolFactory(name="Other Academy", school_type=SchoolType.ACADEMY)
    delivered_to(served, director)
    page = client_for(la_officer).get(PAGE).content.decode()
    assert "The LA commission 2023-24" in page
    for line in (
        '<th scope="row">Schools covered</th><td data-label="Done">3</td>',
        '<th scope="row">Risk assessments done</th><td data-label="Done">1</td>'
        '<td data-label="Of">3</td>',
        '<th scope="row">Data packs issued</th><td data-label="Done">1</td>'
        '<td data-label="Of">3</td>',
        '<th scope="row">Headteacher appointments approved</th><td data-label="Done">1</td>'
        '<td data-label="Of">1</td>',
    ):
        assert line in page
    assert "Data pack; Headteacher appointment approved; Risk assessment" in page
    assert "Bought Academy" in page and "Waiting Primary School" in page
    assert "Other Academy" not in page
    assert "Words only the school may read" not in page
    assert "A priority the LA never reads" not in page


def test_the_council_report_counts_the_commissions_delivery(la_officer, director):
    delivered_to(SchoolFactory(), director)
    figures = council_figures(user=la_officer, year=YEAR, today=TODAY)
    lines = {line["what"]: (line["done"], line["of"]) for line in figures["commission"]}
    assert lines["Schools covered"] == (1, None)
    assert lines["Risk assessments done"] == (1, 1)
    assert lines["Leadership Consultant visits made"] == (1, 3)
    assert lines["Data packs issued"] == (1, 1)


@pytest.mark.parametrize("who", ["head_a", "staff_a", "lc_a", "coach", "office_admin"])
def test_only_the_la_and_directors_open_the_delivery_page(request, client_for, who):
    assert client_for(request.getfixturevalue(who)).get(PAGE).status_code == 404


def test_directors_open_it_and_a_year_out_of_range_is_not_found(client_for, director):
    assert client_for(director).get(PAGE).status_code == 200
    assert client_for(director).get("/commission/").status_code == 200
    assert client_for(director).get("/commission/3000/").status_code == 404


def test_the_page_keeps_its_query_budget_as_schools_are_added(
    client_for, la_officer, director, django_assert_max_num_queries
):
    client = client_for(la_officer)
    delivered_to(SchoolFactory(), director)
    with django_assert_max_num_queries(20) as first:
        client.get(PAGE)
    for _ in range(10):
        delivered_to(SchoolFactory(), director)
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert client.get(PAGE).status_code == 200


def test_the_la_pages_the_schools_and_finds_any_by_name_urn_or_phase(client_for, la_officer):
    for n in range(55):
        SchoolFactory(name=f"Paged Primary School {n:02}", urn=300000 + n)
    SchoolFactory(name="Zed Secondary School", phase="secondary", urn=399999)
    client = client_for(la_officer)
    first = client.get(PAGE).content.decode()
    assert "56 schools" in first and "Page 1 of 2" in first
    assert "Zed Secondary School" not in first
    assert "Zed Secondary School" in client.get(PAGE, {"page": 2}).content.decode()
    by_name = client.get(PAGE, {"q": "zed secondary"}).content.decode()
    assert "1 school found" in by_name and "Zed Secondary School" in by_name
    assert "Paged Primary School 00" not in by_name
    by_urn = client.get(PAGE, {"q": "300054"}).content.decode()
    assert "Paged Primary School 54" in by_urn and "Paged Primary School 53" not in by_urn
    by_phase = client.get(PAGE, {"phase": "secondary"}).content.decode()
    assert "Zed Secondary School" in by_phase and "Paged Primary" not in by_phase
    nothing = client.get(PAGE, {"q": "Nowhere"}).content.decode()
    assert "No school in the commission matches." in nothing
    # The year's totals count every school, whatever the list shows.
    assert '<th scope="row">Schools covered</th><td data-label="Done">56</td>' in nothing


def test_the_la_and_directors_share_the_years_figures_for_five_minutes(
    client_for, la_officer, director
):
    delivered_to(SchoolFactory(), director)
    first = client_for(la_officer).get(PAGE).content.decode()
    assert "Figures worked out at" in first
    delivered_to(SchoolFactory(), director)
    shared = client_for(director).get(PAGE).content.decode()
    assert '<th scope="row">Risk assessments done</th><td data-label="Done">1</td>' in shared
    cache.clear()  # as five minutes on
    later = client_for(director).get(PAGE).content.decode()
    assert '<th scope="row">Risk assessments done</th><td data-label="Done">2</td>' in later
