"""The Ofsted tables of the 2017-18 annual report (seed 000), computed from the demo data for
the member schools the demo reads into them (ofsted.demo.seed_000_members)."""

import datetime

import pytest

from ofsted.demo import seed_000_members
from ofsted.figures import inspections_in_year, outcome_changes, outcomes_by_phase


@pytest.fixture
def members(demo_db):
    return seed_000_members()


def test_the_demo_reproduces_seed_000s_ofsted_tables(members):
    """One test, because loading the demo takes half a minute."""
    outcomes_2016_17_by_phase(members)
    outcomes_2017_18_by_phase_with_national_figures(members)
    changes_in_outcomes_2017_18(members)
    inspections_by_phase_2017_18(members)


def table(rows) -> list[tuple]:
    return [
        (
            row.label,
            row.schools,
            row.outstanding,
            row.outstanding_pct,
            row.good,
            row.good_pct,
            row.requires_improvement,
            row.requires_improvement_pct,
            row.good_or_better_pct,
            row.not_graded,
        )
        for row in rows
    ]


def outcomes_2016_17_by_phase(members):
    rows = outcomes_by_phase(schools=members, as_at=datetime.date(2017, 7, 31))
    assert table(rows) == [
        ("Nursery", 6, 6, 100, 0, 0, 0, 0, 100, 0),
        ("Primary", 66, 20, 30, 44, 67, 2, 3, 97, 0),
        ("Secondary", 18, 4, 27, 8, 53, 3, 20, 80, 3),
        ("Special", 5, 4, 80, 1, 20, 0, 0, 100, 0),
    ]


def outcomes_2017_18_by_phase_with_national_figures(members):
    rows = outcomes_by_phase(schools=members, as_at=datetime.date(2018, 7, 31), national_year=2017)
    assert table(rows) == [
        ("Nursery", 6, 6, 100, 0, 0, 0, 0, 100, 0),
        ("Primary", 66, 23, 35, 43, 65, 0, 0, 100, 0),
        ("Secondary", 18, 4, 27, 9, 60, 2, 13, 87, 3),
        ("Special", 5, 4, 80, 1, 20, 0, 0, 100, 0),
    ]
    national = []
    for row in rows:
        assert row.national is not None
        figures = row.national
        national.append(
            (
                figures.outstanding,
                figures.good,
                figures.requires_improvement,
                figures.good_or_better,
            )
        )
    assert national == [(63, 37, 0, 94), (19, 72, 8, 90), (23, 56, 6, 79), (38, 55, 5, 89)]


def changes_in_outcomes_2017_18(members):
    changes = outcome_changes(
        schools=members, start=datetime.date(2017, 8, 31), end=datetime.date(2018, 8, 31)
    )
    assert [(change.label, change.phase, change.school.name) for change in changes] == [
        ("Good to O/S", "primary", "Globe Primary School"),
        ("Good to O/S", "primary", "Mowlem Primary School"),
        ("RI to O/S", "primary", "Bigland Green Primary School"),
        ("RI to Good", "primary", "Shapla Primary School"),
        ("RI to Good", "secondary", "Wapping High School"),
    ]
    assert all(change.improved for change in changes)


def inspections_by_phase_2017_18(members):
    rows = inspections_in_year(schools=members, year=2017)
    assert [(row.label, row.schools) for row in rows] == [
        ("Nursery", 2),
        ("Primary", 21),
        ("Secondary", 4),
        ("Special", 1),
        ("Alternative provision", 1),
    ]
