"""Key stage 5 (england_ks5final.csv), for schools with a sixth form: the A level headline
columns read by name, withheld cells kept with the DfE's reason, and the national standing."""

from decimal import Decimal

import pytest

from outcomes.imports import performance_import
from outcomes.models import Area, Figure, Group, Measure
from tests.outcomes.conftest import DFE, KS4, YEAR
from thep.csvfiles import ImportRefused

pytestmark = pytest.mark.django_db
KS5 = DFE / "england_ks5final_2023-24.csv"


def figure(measure: str, urn: int | None = None, area: str = Area.SCHOOL) -> Figure:
    where = (
        {"school__urn": urn} if urn else {"area": area, "la_code": 211 if area == Area.LA else None}
    )
    return Figure.objects.get(year=YEAR, measure=measure, group=Group.ALL, **where)


def test_the_ks5_files_headlines_are_read_with_the_national_standing(dfe_schools):
    summary = performance_import(source=KS5, kind="ks5", year=YEAR)

    assert (
        summary.layout == "key stage 5 (england_ks5final.csv): the header has 'TALLPPE_ALEV_1618'"
    )
    omega = figure(Measure.KS5_ALEVEL_APS, 100004)
    # Of the file's three schools (30.10, 34.52, 38.00), one did worse: 33rd percentile, and
    # one did better: the second fifth.
    assert (omega.value, omega.percentile, omega.quintile) == (Decimal("34.52"), 33, 2)
    assert omega.grade == "B-"
    assert figure(Measure.KS5_BEST3_APS, 100004).value == Decimal("35.10")
    assert figure(Measure.KS5_AAB, 100004).value == 18
    withheld = figure(Measure.KS5_AAB, 100005)
    assert withheld.not_published == "suppressed: too few pupils to publish (SUPP)"
    # Tower Hamlets' row, and England's state-funded schools and colleges, not all of them.
    assert figure(Measure.KS5_ALEVEL_APS, area=Area.LA).value == Decimal("33.90")
    assert figure(Measure.KS5_ALEVEL_APS, area=Area.ENGLAND).value == Decimal("34.60")
    assert not Figure.objects.filter(group=Group.DISADVANTAGED).exists()


def test_a_key_stage_4_file_chosen_as_key_stage_5_is_refused(dfe_schools):
    with pytest.raises(ImportRefused) as refused:
        performance_import(source=KS4, kind="ks5", year=YEAR)

    assert "This is a key stage 4 (england_ks4final.csv) file (its header has 'ATT8SCR')" in str(
        refused.value.errors[0]
    )
    assert not Figure.objects.exists()


def test_a_grade_that_is_no_grade_is_refused_with_its_row_and_column(dfe_schools, tmp_path):
    broken = tmp_path / "england_ks5final.csv"
    broken.write_text(KS5.read_text().replace(",34.52,B-,", ",34.52,B minus,"))

    with pytest.raises(ImportRefused) as refused:
        performance_import(source=broken, kind="ks5", year=YEAR)

    error = refused.value.errors[0]
    assert (error.row, error.column) == (2, "TALLPPEGRD_ALEV_1618")
    assert "'B minus' is not a grade such as B- or A*" in str(error)
    assert not Figure.objects.exists()


def test_the_school_page_shows_the_grade_beside_the_points(dfe_schools, client_for, director):
    performance_import(source=KS5, kind="ks5", year=YEAR)

    page = client_for(director).get("/schools/100004/").content.decode()

    assert "KS5 A level average point score per entry" in page and "34.52 (B-)" in page
