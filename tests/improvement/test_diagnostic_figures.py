"""The LC's diagnostic review shows the school's last three years of published figures beside
the risk areas they bear on: attendance, behaviour and exclusions, and results."""

import datetime
from decimal import Decimal

import pytest

from outcomes.models import Area, Figure, Group, Measure
from tests.improvement.factories import VisitFactory

pytestmark = pytest.mark.django_db


def figure(school, year: int, measure: str, value: str, group: str = Group.ALL) -> None:
    Figure.objects.create(
        school=school, year=year, measure=measure, group=group, value=Decimal(value)
    )


@pytest.fixture
def four_years(school_a):
    """Absence, exclusions and key stage 2 for 2020-21 to 2023-24: the review shows the three
    latest."""
    for offset, year in enumerate((2020, 2021, 2022, 2023)):
        figure(school_a, year, Measure.ABSENCE_OVERALL, f"{5 + offset}.1")
        figure(school_a, year, Measure.SUSPENSION_RATE, f"{2 + offset}.4")
        figure(school_a, year, Measure.KS2_RWM_EXPECTED, f"{60 + offset}")
        Figure.objects.create(
            area=Area.ENGLAND, year=year, measure=Measure.ABSENCE_OVERALL, value=Decimal("6.3")
        )
    figure(school_a, 2023, Measure.KS2_RWM_EXPECTED, "51", Group.DISADVANTAGED)
    return school_a


def diagnostic_page(client, school, lc) -> str:
    visit = VisitFactory(school=school, consultant=lc, date=datetime.date(2025, 10, 7))
    response = client.get(f"/improvement/visits/{visit.pk}/diagnostic/")
    assert response.status_code == 200
    return response.content.decode()


def between(page: str, start: str, end: str) -> str:
    return page.split(start, 1)[1].split(end, 1)[0]


def test_lc_sees_the_figures_beside_the_risk_areas(four_years, client_for, lc_a):
    page = diagnostic_page(client_for(lc_a), four_years, lc_a)

    results = between(page, "<legend", "Staffing: rating")
    assert "Outcomes from the national assessments" in results
    assert "2021-22" in results and "2023-24" in results and "2020-21" not in results
    assert "KS2 reading, writing and maths: expected standard (%)" in results
    assert "Disadvantaged pupils" in results and "51" in results

    attendance = between(page, "Attendance: rating", "Behaviour and exclusions: rating")
    assert "Overall absence (% of sessions)" in attendance
    assert "6.10 (6.30)" in attendance and "8.10 (6.30)" in attendance
    assert "5.10" not in attendance  # 2020-21: more than three years back
    behaviour = between(page, "Behaviour and exclusions: rating", "Pupil mobility: rating")
    assert "Suspensions (per 100 pupils)" in behaviour and "5.40" in behaviour
    assert "Overall absence" not in behaviour


def test_no_figures_held_shows_no_tables(school_a, client_for, lc_a):
    page = diagnostic_page(client_for(lc_a), school_a, lc_a)
    assert "Outcomes from the national assessments" not in page
    assert "the school&#x27;s published figures" not in page


def test_the_figures_cost_the_same_queries_however_many_years_are_held(
    four_years, client_for, lc_a, django_assert_max_num_queries
):
    client = client_for(lc_a)
    visit = VisitFactory(school=four_years, consultant=lc_a, date=datetime.date(2025, 10, 7))
    path = f"/improvement/visits/{visit.pk}/diagnostic/"
    client.get(path)  # the first page of a session looks up what later ones keep
    with django_assert_max_num_queries(20) as four:
        assert client.get(path).status_code == 200
    for year in range(2010, 2020):
        figure(four_years, year, Measure.EXCLUSION_RATE, "0.1")
        figure(four_years, year, Measure.KS2_RWM_HIGHER, "20")
    with django_assert_max_num_queries(20) as fourteen:
        assert client.get(path).status_code == 200
    assert len(fourteen.captured_queries) == len(four.captured_queries)
