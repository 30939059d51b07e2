"""The school page's "Results against the country": the last three years held, for the head,
the school's LC, the directors and the office, and the LA officer for maintained schools."""

import pytest

from outcomes.imports import performance_import
from tests.outcomes.conftest import ABSENCE, KS2

pytestmark = pytest.mark.django_db
HEADING = "Results against the country"
NONE = "\N{EN DASH}"  # a benchmark the files do not give


@pytest.fixture
def four_years(dfe_schools):
    """Key stage 2 for 2021-22 to 2023-24 and absence for 2020-21: the page shows the three
    latest."""
    for year in (2021, 2022, 2023):
        performance_import(source=KS2, kind="ks2", year=year)
    performance_import(source=ABSENCE, kind="absence", year=2020)
    return dfe_schools


def page(client, urn: int) -> str:
    response = client.get(f"/schools/{urn}/")
    assert response.status_code == 200
    return response.content.decode()


def test_head_sees_the_last_three_years_against_the_country(four_years, client_for, head_a):
    shown = page(client_for(head_a), 100001)

    assert HEADING in shown
    assert "2023-24" in shown and "2022-23" in shown and "2021-22" in shown
    assert "2020-21" not in shown
    assert "KS2 reading, writing and maths: expected standard (%)" in shown
    # 70 for the school, 66 for Tower Hamlets, 61 for England; 60th percentile, quintile 2.
    row = shown.split("KS2 reading, writing and maths: expected standard (%)</th>")[1]
    cells = [cell.split(">")[-1] for cell in row.split("</td>")[:8]]
    assert cells == ["All pupils", "70", NONE, "66", NONE, "61", "60", "2"]


def test_withheld_figures_say_why(four_years, client_for, director):
    assert "not published: suppressed: too few pupils to publish (SUPP)" in page(
        client_for(director), 100003
    )


def test_staff_see_the_school_without_its_results(four_years, client_for, staff_a):
    assert HEADING not in page(client_for(staff_a), 100001)


def test_la_officer_sees_results_of_maintained_schools_only(
    four_years, client_for, la_officer, school_a
):
    client = client_for(la_officer)
    assert HEADING in page(client, 100001)
    school_a.school_type = "academy"
    school_a.save()
    assert HEADING not in page(client, 100001)


def test_lc_sees_their_schools_results(four_years, client_for, lc_a):
    assert HEADING in page(client_for(lc_a), 100001)


def test_school_page_with_three_years_keeps_to_a_budget(
    four_years, client_for, head_a, django_assert_max_num_queries
):
    client = client_for(head_a)
    page(client, 100001)
    # 16 with the head's coaching panel (five flat queries: coaching.selectors.coaching_of_schools)
    with django_assert_max_num_queries(16):
        page(client, 100001)
