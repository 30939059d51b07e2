"""Directors find who opened which visit report: on the audit page, and on a page of every
opening filtered by school, person and days."""

import datetime

import pytest

from improvement.models import ReportOpening, ReportStatus
from tests.factories import SchoolFactory
from tests.improvement.factories import ReportFactory
from thep.models import DirectorKind


def opened(report, person, day: datetime.date, hour: int = 10) -> ReportOpening:
    opening = ReportOpening.objects.create(report=report, person=person)
    at = datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC)
    ReportOpening.objects.filter(pk=opening.pk).update(at=at)
    return opening


@pytest.fixture
def openings(report_at, school_b, head_a, head_b, lc_a):
    """Head A and LC A read school A's report; head B read school B's; a secondary school's
    report was read by its LC."""
    report_a = report_at(ReportStatus.FINAL, date=datetime.date(2026, 9, 20))
    report_b = ReportFactory(visit__school=school_b, status=ReportStatus.FINAL)
    secondary = ReportFactory(
        visit__school=SchoolFactory(name="Mulberry Academy", phase="secondary"),
        status=ReportStatus.DRAFT,
    )
    opened(report_a, head_a, datetime.date(2026, 10, 1))
    opened(report_a, lc_a, datetime.date(2026, 10, 5))
    opened(report_b, head_b, datetime.date(2026, 10, 9))
    opened(secondary, secondary.visit.consultant, datetime.date(2026, 10, 12))
    return report_a


def rows(client, **filters) -> list[tuple[str, str]]:
    response = client.get("/improvement/report-openings/", filters)
    return [(opening["email"], opening["school"]) for opening in response.context["openings"]]


def test_the_executive_director_sees_every_opening_newest_first(
    client_for, director, openings, lc_a
):
    found = rows(client_for(director))
    assert found[1:] == [
        ("head.b@example.org", "Cayley Primary School"),
        ("lc.a@example.org", "Bonner Primary School"),
        ("head.a@example.org", "Bonner Primary School"),
    ]
    assert found[0][1] == "Mulberry Academy"


def test_a_phase_director_sees_the_openings_of_their_phase(
    client_for, primary_director, secondary_director, openings
):
    schools = {school for _, school in rows(client_for(primary_director))}
    assert schools == {"Bonner Primary School", "Cayley Primary School"}
    assert [school for _, school in rows(client_for(secondary_director))] == ["Mulberry Academy"]


def test_filters_by_school_person_and_days(client_for, director, openings):
    client = client_for(director)
    assert {email for email, _ in rows(client, school="bonner")} == {
        "head.a@example.org",
        "lc.a@example.org",
    }
    assert rows(client, school="100002") == [("head.b@example.org", "Cayley Primary School")]
    assert rows(client, person="Helen") == [("head.a@example.org", "Bonner Primary School")]
    assert rows(client, person="lc.a@") == [("lc.a@example.org", "Bonner Primary School")]
    between = rows(client, since="2026-10-05", until="2026-10-09")
    assert [email for email, _ in between] == ["head.b@example.org", "lc.a@example.org"]
    assert rows(client, school="bonner", since="2026-10-02") == [
        ("lc.a@example.org", "Bonner Primary School")
    ]


def test_dates_the_wrong_way_round_are_explained_and_filter_nothing(client_for, director, openings):
    response = client_for(director).get(
        "/improvement/report-openings/", {"since": "2026-10-09", "until": "2026-10-01"}
    )
    assert response.status_code == 400
    assert "The “From” date is after the “To” date." in response.content.decode()
    assert len(response.context["openings"]) == 4


def test_a_date_that_is_not_a_date_is_explained(client_for, director, openings):
    response = client_for(director).get("/improvement/report-openings/", {"since": "31/02/2026"})
    assert response.status_code == 400
    assert "Enter a valid date." in response.content.decode()


def test_the_list_comes_a_page_at_a_time(client_for, director, openings, head_a):
    for day in range(1, 61):
        opened(openings, head_a, datetime.date(2026, 1, 1) + datetime.timedelta(days=day))
    client = client_for(director)
    assert len(rows(client)) == 50
    assert len(rows(client, page="2")) == 14


def test_reports_the_director_may_open_are_linked(client_for, primary_director, openings):
    page = client_for(primary_director).get("/improvement/report-openings/").content.decode()
    assert f'href="/improvement/reports/{openings.pk}/"' in page


def test_the_audit_page_shows_the_latest_openings_to_directors_only(
    client_for, director, office_admin, openings
):
    page = client_for(director).get("/audit/").content.decode()
    assert "Visit reports opened" in page and 'href="/improvement/report-openings/"' in page
    assert "opened the report of the visit to Bonner Primary School on 20 September 2026" in page
    page = client_for(office_admin).get("/audit/").content.decode()
    assert "Visit reports opened" not in page
    assert "opened the report" not in page
    assert client_for(office_admin).get("/improvement/report-openings/").status_code == 404


def test_the_page_shows_no_word_of_the_reports(client_for, director, openings):
    page = client_for(director).get("/improvement/report-openings/").content.decode()
    assert openings.summary not in page


def test_a_director_with_no_phase_of_their_own_sees_nothing_of_others(
    client_for, secondary_director, openings
):
    assert secondary_director.director_kind == DirectorKind.SECONDARY
    page = client_for(secondary_director).get("/audit/").content.decode()
    assert "opened the report of the visit to Mulberry Academy" in page
    assert "opened the report of the visit to Bonner" not in page


def test_the_audit_page_asks_as_often_with_many_openings(
    client_for, director, openings, head_a, django_assert_max_num_queries
):
    client = client_for(director)
    client.get("/audit/")
    with django_assert_max_num_queries(7) as few:
        client.get("/audit/")
    for day in range(1, 41):
        opened(openings, head_a, datetime.date(2026, 1, 1) + datetime.timedelta(days=day))
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/audit/").content.decode()
    assert page.count("opened the report of the visit to") == 10
