import csv
import datetime
import io

import pytest
from django.utils import timezone

from membership.models import School
from ofsted.services import window_override_set
from tests.factories import SchoolFactory
from tests.membership.factories import MembershipFactory
from tests.ofsted.factories import InspectionFactory
from thep import years
from thep.years import add_months


@pytest.fixture
def borough(db):
    bonner = SchoolFactory(name="Bonner Primary School")
    InspectionFactory(school=bonner, start_date=datetime.date(2019, 10, 16))
    harbinger = SchoolFactory(name="Harbinger Primary School")
    InspectionFactory(
        school=harbinger, start_date=datetime.date(2023, 5, 10), overall_effectiveness=3
    )
    swanlea = SchoolFactory(name="Swanlea School", phase="secondary", school_type="academy")
    InspectionFactory(school=swanlea, start_date=datetime.date(2013, 7, 3), overall_effectiveness=1)
    aldgate = SchoolFactory(name="The Aldgate School", la_code=201)
    InspectionFactory(
        school=aldgate, start_date=datetime.date(2018, 4, 18), overall_effectiveness=1
    )
    SchoolFactory(name="Mulberry Wood Wharf Primary School", school_type="academy")
    return bonner, harbinger, swanlea, aldgate


def names(response) -> list[str]:
    return [row["name"] for row in response.context["rows"]]


def test_la_officer_sees_every_school_by_phase_then_date(borough, client_for, la_officer):
    response = client_for(la_officer).get("/ofsted/")
    assert response.status_code == 200
    assert names(response) == [
        "The Aldgate School",
        "Bonner Primary School",
        "Harbinger Primary School",
        "Mulberry Wood Wharf Primary School",
        "Swanlea School",
    ]
    text = response.content.decode()
    assert "Not inspected yet" in text
    assert "out of borough" in text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("phase=secondary", ["Swanlea School"]),
        ("outcome=3", ["Harbinger Primary School"]),
        ("outcome=none", ["Mulberry Wood Wharf Primary School"]),
        ("academy=yes", ["Mulberry Wood Wharf Primary School", "Swanlea School"]),
        ("borough=out", ["The Aldgate School"]),
        ("q=harb", ["Harbinger Primary School"]),
        ("phase=primary&outcome=1", ["The Aldgate School"]),
    ],
)
def test_filters_narrow_the_table(borough, client_for, la_officer, query, expected):
    assert names(client_for(la_officer).get(f"/ofsted/?{query}")) == expected


def test_csv_has_the_filtered_rows(borough, client_for, la_officer):
    client = client_for(la_officer)
    page = client.get("/ofsted/?phase=primary&academy=no").content.decode()
    assert 'href="/ofsted/ofsted.csv?phase=primary&amp;academy=no"' in page
    response = client.get("/ofsted/ofsted.csv?phase=primary&academy=no")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:6] == [
        "Phase",
        "School",
        "URN",
        "Outcome",
        "Inspection date",
        "Next inspection",
    ]
    assert [row[1] for row in rows[1:]] == [
        "The Aldgate School",
        "Bonner Primary School",
        "Harbinger Primary School",
    ]
    assert rows[3][3:5] == ["Requires improvement", "10/05/2023"]
    assert rows[1][8] == "yes"  # out of borough


def test_not_a_member_marker_and_filter_once_memberships_are_known(borough, client_for, la_officer):
    bonner, harbinger, swanlea, aldgate = borough
    this_year = years.year_of(timezone.localdate())
    for school in (bonner, swanlea, aldgate):
        MembershipFactory(member__school=school, year=this_year)
    MembershipFactory(member__school=harbinger, year=this_year - 1)  # left last year
    response = client_for(la_officer).get("/ofsted/?member=no")
    assert names(response) == ["Harbinger Primary School", "Mulberry Wood Wharf Primary School"]
    assert "not a member" in response.content.decode()


def test_expected_next_term_lists_windows_closing_by_its_end(db, client_for, la_officer):
    today = timezone.localdate()
    soon = SchoolFactory(name="Requires improvement 28 months ago")
    InspectionFactory(school=soon, start_date=add_months(today, -28), overall_effectiveness=3)
    later = SchoolFactory(name="Good last year")
    InspectionFactory(school=later, start_date=add_months(today, -12))
    response = client_for(la_officer).get("/ofsted/?due=next-term")
    assert names(response) == ["Requires improvement 28 months ago"]


def test_head_gets_not_found_and_no_menu_entry(borough, client_for, head_a):
    client = client_for(head_a)
    assert client.get("/ofsted/").status_code == 404
    assert client.get("/ofsted/ofsted.csv").status_code == 404
    assert 'href="/ofsted/"' not in client.get("/").content.decode()


def test_lc_sees_only_their_schools(school_a, school_b, client_for, lc_a):
    assert names(client_for(lc_a).get("/ofsted/")) == [school_a.name]


def test_table_query_count_holds_as_schools_grow(
    borough, client_for, la_officer, django_assert_max_num_queries
):
    for _ in range(30):
        school = SchoolFactory()
        InspectionFactory(school=school)
        InspectionFactory(school=school, start_date=datetime.date(2017, 1, 10))
    client = client_for(la_officer)
    client.get("/")  # the first page after login sets up the session
    with django_assert_max_num_queries(8):
        response = client.get("/ofsted/")
    assert len(response.context["rows"]) == 35


def test_a_long_table_comes_in_pages_of_a_hundred_with_the_filters_kept(db, client_for, la_officer):
    SchoolFactory.create_batch(120, phase="primary")
    client = client_for(la_officer)
    first = client.get("/ofsted/?phase=primary")
    assert len(first.context["rows"]) == 100
    assert "120 schools" in first.content.decode()
    assert "phase=primary&amp;page=2" in first.content.decode()
    second = client.get("/ofsted/?phase=primary&page=2")
    assert len(second.context["rows"]) == 20
    everyone = sorted(School.objects.filter(phase="primary").values_list("name", flat=True))
    assert names(first) + names(second) == everyone


def test_rows_mark_predecessor_outcomes_windows_set_by_a_director_and_overdue_ones(
    borough, client_for, la_officer, director
):
    bonner = borough[0]
    SchoolFactory(name="Bonner Mile End", predecessor=bonner)
    mulberry = School.objects.get(name="Mulberry Wood Wharf Primary School")
    window_override_set(
        school=mulberry, due_by=datetime.date(2027, 3, 31), note="Told by the LA", by=director
    )
    client = client_for(la_officer)
    response = client.get("/ofsted/")
    rows = {row["name"]: row for row in response.context["rows"]}
    assert rows["Bonner Mile End"]["outcome"] == "Good"
    assert rows["Bonner Mile End"]["predecessor"] is True
    assert rows["Bonner Primary School"]["predecessor"] is False
    assert rows["Bonner Primary School"]["overdue"] is True  # inspected in October 2019
    assert rows["Mulberry Wood Wharf Primary School"]["window"].startswith("Before Apr 2027")
    assert rows["Mulberry Wood Wharf Primary School"]["set_by_director"] is True
    assert rows["Mulberry Wood Wharf Primary School"]["overdue"] is False
    assert rows["Harbinger Primary School"]["set_by_director"] is False
    text = response.content.decode()
    assert text.count("(predecessor school)") == 1
    assert text.count("set by a director</span>") == 1
    csv_rows = list(csv.reader(io.StringIO(client.get("/ofsted/ofsted.csv").content.decode())))
    swanlea_row = next(row for row in csv_rows if row[1] == "Swanlea School")
    assert swanlea_row[3:5] == ["Outstanding", "03/07/2013"]
    assert swanlea_row[6:] == ["not known", "yes", ""]  # no memberships recorded yet
