import datetime

import pytest

from ofsted.figures import outcomes_by_phase, percent
from ofsted.models import CardGrade, InspectionType
from tests.factories import SchoolFactory
from tests.ofsted.factories import InspectionFactory

DAY = datetime.date(2026, 1, 31)


def test_percentages_round_halves_up():
    assert [percent(1, 8), percent(5, 8), percent(1, 3), percent(2, 3), percent(0, 0)] == [
        13,
        63,
        33,
        67,
        None,
    ]


@pytest.mark.django_db
def test_outcomes_count_only_graded_schools_in_percentages_and_report_cards_apart():
    schools = [SchoolFactory() for _ in range(5)]
    InspectionFactory(school=schools[0], overall_effectiveness=1)
    InspectionFactory(school=schools[1], overall_effectiveness=2)
    InspectionFactory(school=schools[2], overall_effectiveness=None)
    InspectionFactory(
        school=schools[3],
        inspection_type=InspectionType.REPORT_CARD,
        start_date=datetime.date(2025, 12, 1),
        overall_effectiveness=None,
        inclusion=CardGrade.EXPECTED,
    )
    InspectionFactory(school=schools[4], start_date=datetime.date(2026, 3, 1))  # after the day
    (row,) = outcomes_by_phase(schools=schools, as_at=DAY)
    assert (row.schools, row.outstanding, row.good, row.not_graded, row.report_card) == (
        5,
        1,
        1,
        2,
        1,
    )
    assert (row.outstanding_pct, row.good_pct, row.good_or_better_pct) == (50, 50, 100)
