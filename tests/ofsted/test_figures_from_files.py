"""The KPI figures of a year filled from Ofsted's own file, in each layout, agree with counts made
by hand from the fixture (tests/fixtures/ofsted): Bonner, Cayley and Marner are primaries,
Harbinger a secondary; the fifth school of each file is not in the register."""

import datetime

import pytest

from ofsted.figures import inspections_in_year, outcomes_by_phase
from ofsted.mi_import import ofsted_import
from tests.ofsted.conftest import LAYOUT_2015, LAYOUT_2019, LAYOUT_2021, REPORT_CARDS

# (file, day, {phase: (outstanding, good, requires improvement, inadequate, no grade,
#   report card)}, year, {phase: inspections that started in the year})
BY_HAND = [
    # 31 Aug 2018: Bonner Good (Mar 2017), Cayley RI (Sep 2016), Marner Outstanding (Jan 2017),
    # Harbinger Good (Dec 2017). 2017-18: Harbinger's inspection only.
    (LAYOUT_2015, datetime.date(2018, 8, 31),
     {"primary": (1, 1, 1, 0, 0, 0), "secondary": (0, 1, 0, 0, 0, 0)},
     2017, {"secondary": 1}),
    # 2016-17 from the same file: Cayley (Sep 2016), Marner (Jan 2017), Bonner (Mar 2017).
    (LAYOUT_2015, datetime.date(2018, 8, 31),
     {"primary": (1, 1, 1, 0, 0, 0), "secondary": (0, 1, 0, 0, 0, 0)},
     2016, {"primary": 3}),
    # 31 Aug 2021: Cayley Inadequate (Nov 2019); Bonner's section 8 (Oct 2019) leaves it Good.
    # 2019-20: Bonner's section 8, Cayley's full inspection, Harbinger's section 8 (Feb 2020).
    (LAYOUT_2019, datetime.date(2021, 8, 31),
     {"primary": (1, 1, 0, 1, 0, 0), "secondary": (0, 1, 0, 0, 0, 0)},
     2019, {"primary": 2, "secondary": 1}),
    # 31 Aug 2025: Cayley's inspection of Jan 2025 has no overall grade; Harbinger RI (2023).
    # 2024-25: Cayley's graded and Marner's ungraded inspection.
    (LAYOUT_2021, datetime.date(2025, 8, 31),
     {"primary": (1, 1, 0, 0, 1, 0), "secondary": (0, 0, 1, 0, 0, 0)},
     2024, {"primary": 2}),
    # 31 Dec 2025: Bonner and Harbinger have report cards; Cayley (Jan 2025) and Marner (its
    # 2017 inspection, whose grade this file does not give) have no grade.
    # 2025-26: the two report cards.
    (REPORT_CARDS, datetime.date(2025, 12, 31),
     {"primary": (0, 0, 0, 0, 2, 1), "secondary": (0, 0, 0, 0, 0, 1)},
     2025, {"primary": 1, "secondary": 1}),
    # 2023-24 from the same file: Bonner's ungraded inspection of March 2024.
    (REPORT_CARDS, datetime.date(2025, 12, 31),
     {"primary": (0, 0, 0, 0, 2, 1), "secondary": (0, 0, 0, 0, 0, 1)},
     2023, {"primary": 1}),
]  # fmt: skip


@pytest.mark.parametrize(("path", "as_at", "outcomes", "year", "inspected"), BY_HAND)
def test_kpi_figures_from_each_layout_match_counts_by_hand(
    mi_schools, path, as_at, outcomes, year, inspected
):
    ofsted_import(source=path)
    rows = outcomes_by_phase(schools=mi_schools.values(), as_at=as_at)
    assert {
        row.phase: (
            row.outstanding,
            row.good,
            row.requires_improvement,
            row.inadequate,
            row.not_graded,
            row.report_card,
        )
        for row in rows
    } == outcomes
    counted = inspections_in_year(schools=mi_schools.values(), year=year)
    assert {row.phase: len(row.inspections) for row in counted} == inspected
