import html

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command

from tests.membership.factories import MembershipFactory


def test_directors_see_the_dashboard_json_and_csv(client_for, director, school_a):
    MembershipFactory(member__school=school_a, year=2017)
    client = client_for(director)
    page = client.get("/reports/?year=2017-18")
    assert page.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in page.content.decode()
    assert client.get("/reports/kpis.json?year=2017-18").json()["year"] == "2017-18"
    csv = client.get("/reports/kpis.csv?year=2017-18")
    assert csv["Content-Disposition"] == 'attachment; filename="thep-kpis-2017-18.csv"'


def test_a_bad_year_says_so_and_shows_this_year(client_for, director):
    response = client_for(director).get("/reports/?year=2017")
    page = html.unescape(response.content.decode())
    assert "'2017' is not a membership year; write it like 2017-18. Showing" in page
    assert response.status_code == 200


@pytest.mark.parametrize("who", ["head_a", "staff_a", "lc_a", "la_officer", "office_admin"])
def test_nobody_else_sees_the_kpis(request, client_for, who):
    client = client_for(request.getfixturevalue(who))
    for path in ("/reports/", "/reports/kpis.json", "/reports/kpis.csv"):
        assert client.get(path).status_code == 404


def test_the_command_refuses_a_bad_year(db):
    with pytest.raises(CommandError, match="write it like 2017-18"):
        call_command("kpi_report", "--year", "17-18")


def test_dashboard_query_count_does_not_grow_with_schools(
    client_for, director, django_assert_max_num_queries
):
    client = client_for(director)
    client.get("/")
    for _ in range(3):
        MembershipFactory(year=2017)
    # 35 for the KPI tables, 10 for the outcomes framework's values of the year, one for the
    # inspections supported and two for the members' attainment, attendance and exclusions.
    with django_assert_max_num_queries(48) as small:
        cache.clear()  # the figures are kept for five minutes; work them out again
        client.get("/reports/?year=2017-18")
    for _ in range(30):
        MembershipFactory(year=2017)
    with django_assert_max_num_queries(len(small.captured_queries)):
        cache.clear()  # the figures are kept for five minutes; work them out again
        client.get("/reports/?year=2017-18")
