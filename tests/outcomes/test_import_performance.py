"""The DfE's school-level files read as published: each kind's measures for all and for
disadvantaged pupils, withheld figures kept with the DfE's reason, the area rows, and every
refusal leaving the register's figures as they were."""

from decimal import Decimal

import pytest

from outcomes.imports import OTHER_LAS, performance_import
from outcomes.models import Area, Figure, Group, Measure
from tests.outcomes.conftest import ABSENCE, EXCLUSIONS, KS2, KS4, YEAR
from thep.csvfiles import ImportRefused

pytestmark = pytest.mark.django_db


def school_figure(urn: int, measure: str, group: str = Group.ALL) -> Figure:
    return Figure.objects.get(school__urn=urn, year=YEAR, measure=measure, group=group)


def area_figure(area: str, measure: str, group: str = Group.ALL) -> Figure:
    return Figure.objects.get(area=area, year=YEAR, measure=measure, group=group)


def test_key_stage_2_file_gives_schools_and_areas_figures(dfe_schools):
    summary = performance_import(source=KS2, kind="ks2", year=YEAR)

    assert summary.layout.startswith("key stage 2 (england_ks2final.csv): the header has")
    assert school_figure(100001, Measure.KS2_RWM_EXPECTED).value == Decimal("70.00")
    assert school_figure(100001, Measure.KS2_READING_SCORE).value == 106
    assert school_figure(100001, Measure.KS2_PROGRESS_WRITING).value == Decimal("0.50")
    disadvantaged = school_figure(100001, Measure.KS2_RWM_EXPECTED, Group.DISADVANTAGED)
    assert disadvantaged.value == 55
    # The LA's and England's rows as published; of England's two, the state-funded schools'.
    la = Figure.objects.get(
        area=Area.LA, la_code=211, year=YEAR, measure="ks2_rwm_expected", group="all"
    )
    assert la.value == 66
    assert area_figure(Area.ENGLAND, Measure.KS2_RWM_EXPECTED).value == 61
    assert not Figure.objects.filter(la_code=202).exists()
    assert summary.created == 70 and summary.applied


def test_withheld_figures_are_kept_as_not_published_with_the_reason(dfe_schools):
    performance_import(source=KS2, kind="ks2", year=YEAR)

    suppressed = school_figure(100003, Measure.KS2_RWM_EXPECTED)
    assert suppressed.value is None
    assert suppressed.not_published == "suppressed: too few pupils to publish (SUPP)"
    low_coverage = school_figure(100003, Measure.KS2_PROGRESS_READING)
    assert low_coverage.not_published == "too few pupils covered by the measure (LOWCOV)"
    no_entries = school_figure(100002, Measure.KS2_MATHS_SCORE, Group.DISADVANTAGED)
    assert (no_entries.value, no_entries.not_published) == (None, "no pupils were entered (NE)")


def test_unknown_urns_are_listed_and_not_imported(dfe_schools):
    summary = performance_import(source=KS2, kind="ks2", year=YEAR)

    listed = [reason for reason in summary.skipped if "100009" in reason]
    assert listed == [
        "URN 100009 (Delta Primary School, row 5) is not in the register: import GIAS first if "
        "it has opened"
    ]
    assert summary.skipped[OTHER_LAS] == 2
    assert not Figure.objects.filter(school__urn=100009).exists()
    # Every school in England counts in the percentiles, in the register or not: of the five
    # with a figure (40 50 60 70 80), three are below 100001's 70.
    assert school_figure(100001, Measure.KS2_RWM_EXPECTED).percentile == 60


def test_key_stage_4_reads_the_disadvantaged_grade_5_column_by_its_own_name(dfe_schools):
    performance_import(source=KS4, kind="ks4", year=YEAR)

    assert school_figure(100004, Measure.KS4_ATTAINMENT8).value == Decimal("52.40")
    assert school_figure(100004, Measure.KS4_PROGRESS8).value == Decimal("0.45")
    assert school_figure(100004, Measure.KS4_BASICS_GRADE5).value == 55
    assert school_figure(100004, Measure.KS4_BASICS_GRADE5, Group.DISADVANTAGED).value == 45
    assert school_figure(100005, Measure.KS4_EBACC_APS, Group.DISADVANTAGED).not_published
    assert area_figure(Area.ENGLAND, Measure.KS4_PROGRESS8).value == Decimal("-0.03")


def test_absence_file(dfe_schools):
    performance_import(source=ABSENCE, kind="absence", year=YEAR)

    assert school_figure(100001, Measure.ABSENCE_OVERALL).value == Decimal("4.80")
    assert school_figure(100003, Measure.ABSENCE_PERSISTENT).not_published == ("not available (x)")
    assert area_figure(Area.ENGLAND, Measure.ABSENCE_PERSISTENT).value == Decimal("17.20")


def test_exclusions_file_gives_london_and_the_rows_of_all_phases(dfe_schools):
    performance_import(source=EXCLUSIONS, kind="exclusions", year=YEAR)

    assert school_figure(100004, Measure.SUSPENSION_RATE).value == Decimal("13.64")
    assert school_figure(100001, Measure.SUSPENSION_RATE).not_published == (
        "withheld to protect confidentiality (c)"
    )
    assert school_figure(100001, Measure.EXCLUSION_RATE).value == 0
    assert area_figure(Area.LONDON, Measure.SUSPENSION_RATE).value == Decimal("6.92")
    assert area_figure(Area.ENGLAND, Measure.SUSPENSION_RATE).value == Decimal("11.49")


def test_a_file_of_another_year_is_refused(dfe_schools):
    with pytest.raises(ImportRefused) as refused:
        performance_import(source=EXCLUSIONS, kind="exclusions", year=YEAR + 1)

    assert (
        "The file has no rows of 2024-25, the year chosen, only of 2023-24: choose the year the "
        "file is of." in str(refused.value)
    )
    assert not Figure.objects.exists()


def test_rows_of_other_years_in_a_file_of_several_are_left_out(dfe_schools):
    lines = EXCLUSIONS.read_bytes().splitlines(keepends=True)
    earlier = [
        line.replace(b"202324,", b"202223,").replace(b"13.64", b"20.00") for line in lines[1:]
    ]
    summary = performance_import(source=b"".join(lines + earlier), kind="exclusions", year=YEAR)

    assert summary.skipped["rows of other years"] == len(earlier)
    assert school_figure(100004, Measure.SUSPENSION_RATE).value == Decimal("13.64")


def test_a_file_of_another_key_stage_is_refused(dfe_schools):
    with pytest.raises(ImportRefused) as refused:
        performance_import(source=KS4, kind="ks2", year=YEAR)

    assert (
        "This is a key stage 4 (england_ks4final.csv) file (its header has 'ATT8SCR'), but key "
        "stage 2 (england_ks2final.csv) was chosen" in str(refused.value)
    )
    assert not Figure.objects.exists()


def test_a_figure_out_of_range_is_refused_and_nothing_is_written(dfe_schools):
    alpha = b"100001,Alpha Primary School,London,E1 1AA,60,55%,"
    wrong = KS2.read_bytes().replace(alpha + b"70%", alpha + b"170%")

    preview = performance_import(source=wrong, kind="ks2", year=YEAR, apply=False)
    assert [str(error) for error in preview.refused] == [
        "row 2, column 'PTRWM_EXP': 170% is outside the range of KS2 reading, writing and "
        "maths: expected standard (%) (0 to 100)"
    ]
    with pytest.raises(ImportRefused):
        performance_import(source=wrong, kind="ks2", year=YEAR)
    assert not Figure.objects.exists()


def test_a_preview_writes_nothing_and_the_same_file_again_changes_nothing(dfe_schools):
    preview = performance_import(source=KS2, kind="ks2", year=YEAR, apply=False)
    assert preview.created == 70 and not Figure.objects.exists()

    performance_import(source=KS2, kind="ks2", year=YEAR)
    again = performance_import(source=KS2, kind="ks2", year=YEAR)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 70)


def test_two_rows_for_england_neither_of_state_funded_schools_are_refused(dfe_schools):
    twice = KS2.read_bytes().replace(b"England - state-funded schools", b"England - other")

    with pytest.raises(ImportRefused) as refused:
        performance_import(source=twice, kind="ks2", year=YEAR, apply=False)

    assert (
        "The file has several rows for one area ('England - all schools' (row 10), 'England - "
        "other' (row 11)), not one of state-funded schools" in str(refused.value)
    )
