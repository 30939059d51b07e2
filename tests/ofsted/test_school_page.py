import datetime

import pytest

from ofsted.models import CardGrade, Grade, InspectionType, WindowOverride
from tests.factories import SchoolFactory
from tests.ofsted.factories import InspectionFactory


@pytest.fixture
def history(school_a):
    InspectionFactory(
        school=school_a, start_date=datetime.date(2014, 5, 6), overall_effectiveness=3
    )
    InspectionFactory(school=school_a, start_date=datetime.date(2019, 10, 16))
    InspectionFactory(
        school=school_a,
        inspection_type=InspectionType.UNGRADED,
        start_date=datetime.date(2023, 11, 7),
        overall_effectiveness=None,
        ungraded_outcome="School remains Good",
    )
    return school_a


def page(client, urn):
    return client.get(f"/ofsted/schools/{urn}/")


@pytest.mark.parametrize("person", ["head_a", "lc_a", "director", "la_officer"])
def test_people_of_the_school_and_the_borough_see_its_ofsted_page(
    request, history, client_for, person
):
    response = page(client_for(request.getfixturevalue(person)), history.urn)
    text = response.content.decode()
    assert response.status_code == 200
    assert "Good, from the graded inspection of 16 October 2019" in text
    assert "School remains Good" in text
    assert "Requires improvement" in text  # the 2014 inspection stays in the timeline
    assert "Schools without a concern are inspected about every 4 years" in text


@pytest.mark.parametrize("person", ["head_b", "staff_a", "lc_other"])
def test_others_get_not_found(request, history, client_for, person):
    assert page(client_for(request.getfixturevalue(person)), history.urn).status_code == 404


def test_school_page_shows_an_ofsted_panel(history, client_for, head_a):
    text = client_for(head_a).get(f"/schools/{history.urn}/").content.decode()
    assert "Ofsted history and inspection window" in text
    assert "Next inspection: Before Sep 2028" in text


def test_an_academy_shows_its_predecessors_inspections(db, client_for, director):
    before = SchoolFactory(name="Mulberry before conversion", is_open=False)
    academy = SchoolFactory(name="Mulberry Academy", school_type="academy", predecessor=before)
    InspectionFactory(school=before, start_date=datetime.date(2013, 7, 9), overall_effectiveness=1)
    text = page(client_for(director), academy.urn).content.decode()
    assert (
        "Outstanding, from the graded inspection of 9 July 2013 of the predecessor school" in text
    )
    assert "Before conversion: Mulberry before conversion" in text


def test_report_card_areas_are_listed(school_a, client_for, director):
    InspectionFactory(
        school=school_a,
        inspection_type=InspectionType.REPORT_CARD,
        start_date=datetime.date(2025, 12, 3),
        overall_effectiveness=None,
        inclusion=CardGrade.STRONG,
        achievement=CardGrade.EXPECTED,
        safeguarding_met=True,
    )
    text = page(client_for(director), school_a.urn).content.decode()
    assert "Report card, lowest Expected standard" in text
    assert "Strong standard" in text
    assert "Met" in text


def test_director_overrides_the_window_with_a_note(history, client_for, director, head_a):
    client = client_for(director)
    response = client.post(
        f"/ofsted/schools/{history.urn}/window/",
        {"due_by": "2027-03-31", "note": "Ofsted told the head to expect a visit in spring."},
    )
    assert response.status_code == 302
    override = WindowOverride.objects.get(school=history)
    assert (override.due_by, override.set_by) == (datetime.date(2027, 3, 31), director)
    text = page(client_for(head_a), history.urn).content.decode()
    assert "Before Apr 2027" in text
    assert "Ofsted told the head to expect a visit in spring." in text
    assert "Computed window: Before Sep 2028" in text


def test_override_without_a_note_is_refused_and_keeps_the_form(history, client_for, director):
    response = client_for(director).post(
        f"/ofsted/schools/{history.urn}/window/", {"due_by": "2027-03-31", "note": ""}
    )
    assert response.status_code == 400
    assert 'value="2027-03-31"' in response.content.decode()
    assert not WindowOverride.objects.exists()


def test_head_cannot_override_the_window(history, client_for, head_a):
    response = client_for(head_a).post(
        f"/ofsted/schools/{history.urn}/window/", {"due_by": "2027-03-31", "note": "x"}
    )
    assert response.status_code == 404
    assert not WindowOverride.objects.exists()


def test_requires_improvement_window_is_thirty_months(school_a, client_for, director):
    InspectionFactory(
        school=school_a, start_date=datetime.date(2022, 9, 21), overall_effectiveness=Grade(3)
    )
    text = page(client_for(director), school_a.urn).content.decode()
    assert "By 21 Mar 2025 (graded)" in text
    assert "usually within 30 months" in text
