"""The next-inspection window: Ofsted's rules, each pinned with a school of THEP's own table
(seed 003), and a window override far in the future refused, or, already stored (31/12/9999,
saved before the form refused it), breaking no Ofsted page."""

import datetime

import pytest

from membership.models import Phase, School, SchoolType
from ofsted.models import CardGrade, Grade, Inspection, InspectionType, WindowOverride
from ofsted.windows import computed_window
from tests.ofsted.test_school_page import history  # noqa: F401 (a fixture)


@pytest.mark.parametrize("due_by", ["9999-12-31", "31/12/9999", "1999-12-31"])
def test_override_out_of_range_is_refused_with_a_message(history, client_for, director, due_by):  # noqa: F811
    response = client_for(director).post(
        f"/ofsted/schools/{history.urn}/window/", {"due_by": due_by, "note": "A slip."}
    )

    assert response.status_code == 400
    assert not WindowOverride.objects.exists()


def test_a_far_override_already_stored_breaks_no_page(history, client_for, director, head_a):  # noqa: F811
    WindowOverride.objects.create(
        school=history, due_by=datetime.date(9999, 12, 31), note="A slip.", set_by=director
    )

    for person in (director, head_a):
        client = client_for(person)
        assert client.get(f"/ofsted/schools/{history.urn}/").status_code == 200
        assert client.get("/ofsted/").status_code in (200, 404)
    assert client_for(director).get("/ofsted/").status_code == 200


# The rules of the next-inspection window, each pinned with a school of seed 003's table
# ("LBTH School Ofsted Dates and Outcomes", 2023-24 strategy; the line is given).
def school(**values) -> School:
    return School(**{"name": "A school", "phase": Phase.PRIMARY, **values})


def graded(on: datetime.date, grade: int = Grade.GOOD, **values) -> Inspection:
    return Inspection(
        inspection_type=InspectionType.GRADED, start_date=on, overall_effectiveness=grade, **values
    )


def test_a_new_school_is_first_inspected_in_its_third_school_year():
    # Line 221, Mulberry Wood Wharf: "Not inspected yet 3rd Acad Year" (opened 2021-22).
    window = computed_window(school=school(opened_on=datetime.date(2021, 9, 1)), inspections=[])

    assert (window.due_by, window.label) == (datetime.date(2024, 8, 31), "Before Sep 2024 (graded)")
    assert "first inspected in its third school year, 2023-24" in window.reasons[0]


def test_an_amalgamated_school_keeps_to_its_third_year_then_the_routine_cycle():
    # Line 212, Stepney Park: opened September 2020 from two schools, inspected 16/05/23.
    stepney_park = school(opened_on=datetime.date(2020, 9, 1))

    before = computed_window(school=stepney_park, inspections=[])
    after = computed_window(school=stepney_park, inspections=[graded(datetime.date(2023, 5, 16))])

    assert before.due_by == datetime.date(2023, 8, 31)
    assert after.due_by == datetime.date(2027, 8, 31)


def test_a_converter_counts_from_its_conversion_not_its_predecessors_inspection():
    # Line 161, Canon Barnett: Good on 27/03/18 before it converted, "3rd Acad Year".
    canon_barnett = school(school_type=SchoolType.ACADEMY, opened_on=datetime.date(2021, 9, 1))

    window = computed_window(school=canon_barnett, inspections=[graded(datetime.date(2018, 3, 27))])

    assert window.due_by == datetime.date(2024, 8, 31)
    assert "does not set the date" in window.reasons[1]


def test_a_converter_inherits_its_outstanding_predecessors_exemption():
    # Line 225, Mulberry School for Girls: "AC 2017 (Predecessor School 9/7/13) ... (g)".
    mulberry = school(
        phase=Phase.SECONDARY,
        school_type=SchoolType.ACADEMY,
        opened_on=datetime.date(2017, 4, 1),
    )

    window = computed_window(
        school=mulberry, inspections=[graded(datetime.date(2013, 7, 9), Grade.OUTSTANDING)]
    )

    assert (window.due_by, window.kind) == (datetime.date(2025, 7, 31), "graded")
    assert "inherited the exemption" in window.reasons[0]


def test_a_converter_after_the_exemption_ended_is_a_new_school():
    academy = school(school_type=SchoolType.ACADEMY, opened_on=datetime.date(2022, 9, 1))

    window = computed_window(
        school=academy, inspections=[graded(datetime.date(2013, 7, 9), Grade.OUTSTANDING)]
    )

    assert window.due_by == datetime.date(2025, 8, 31)


def test_good_before_the_pandemic_waits_four_years_and_six_terms_at_most_to_july_2025():
    # Line 159, Ben Jonson, Good 31/10/17: "Before July 24"; line 163, Chisenhale, Good
    # 05/03/19: "Before Sept 25".
    ben_jonson = computed_window(school=school(), inspections=[graded(datetime.date(2017, 10, 31))])
    chisenhale = computed_window(school=school(), inspections=[graded(datetime.date(2019, 3, 5))])

    assert ben_jonson.due_by == datetime.date(2024, 8, 31)
    assert chisenhale.due_by == datetime.date(2025, 7, 31)
    assert "up to six terms longer" in ben_jonson.reasons[1]


def test_windows_from_november_2025_are_report_cards():
    # Line 176, Virginia, Outstanding 19/10/21; line 204, Hermitage, RI 10/05/23 "Within 2.5
    # Years"; line 184, Sir William Burrough, RI 21/9/22, due before the renewed framework.
    virginia = computed_window(
        school=school(), inspections=[graded(datetime.date(2021, 10, 19), Grade.OUTSTANDING)]
    )
    hermitage = computed_window(
        school=school(), inspections=[graded(datetime.date(2023, 5, 10), Grade(3))]
    )
    burrough = computed_window(
        school=school(), inspections=[graded(datetime.date(2022, 9, 21), Grade(3))]
    )

    assert virginia.label == "Before Sep 2026 (report card)"
    assert hermitage.label == "By 10 Nov 2025 (report card)"
    assert burrough.label == "By 21 Mar 2025 (graded)"


def test_after_a_report_card_the_cycle_is_four_years_or_monitoring():
    expected = Inspection(
        inspection_type=InspectionType.REPORT_CARD,
        start_date=datetime.date(2025, 12, 3),
        achievement=CardGrade.EXPECTED,
        safeguarding_met=True,
    )
    urgent = Inspection(
        inspection_type=InspectionType.REPORT_CARD,
        start_date=datetime.date(2025, 12, 3),
        leadership_and_governance=CardGrade.URGENT_IMPROVEMENT,
        safeguarding_met=True,
    )

    assert computed_window(school=school(), inspections=[expected]).label == (
        "Before Sep 2030 (report card)"
    )
    assert computed_window(school=school(), inspections=[urgent]).label == (
        "By 3 Jun 2028 (monitoring)"
    )


def test_an_old_school_without_inspections_is_missing_its_history_not_new():
    window = computed_window(school=school(opened_on=datetime.date(1998, 9, 1)), inspections=[])

    assert window.label == "Not known"
    assert "import Ofsted's file" in window.reasons[1]
