"""Pupils on roll from the census file (the DfE's school-level file, or URN and pupils): all or
nothing, unknown URNs listed by row."""

from pathlib import Path

import pytest

from membership.census import census_import
from membership.models import PupilCount
from tests.factories import SchoolFactory
from tests.membership.factories import PupilCountFactory
from thep.csvfiles import ImportRefused
from thep.importing import IMPORTERS

FIXTURE = Path(__file__).parents[1] / "fixtures" / "census"
DFE_FILE = FIXTURE / "spc_school_level_underlying_data_2025-sample.csv"


@pytest.fixture
def morpeth(db):
    return SchoolFactory(name="Morpeth School", urn=100003, phase="secondary")


def counts(year: int = 2027) -> dict[str, int]:
    return {
        count.school.name: count.pupils
        for count in PupilCount.objects.filter(year=year).select_related("school")
    }


def test_the_dfe_school_level_file_gives_each_school_its_headcount(school_a, school_b, morpeth):
    summary = census_import(source=DFE_FILE, year=2027)
    assert counts() == {
        "Bonner Primary School": 452,
        "Cayley Primary School": 418,
        "Morpeth School": 1321,
    }
    assert summary.created == 3 and summary.layout.startswith("DfE school census")
    # Camden's primary: no school of Camden is in the register.
    assert summary.skipped == {"a school of a local authority with none in the register": 1}


def test_importing_again_changes_what_differs_and_counts_the_rest_unchanged(
    school_a, school_b, morpeth
):
    PupilCountFactory(school=school_a, year=2027, pupils=400)
    PupilCountFactory(school=school_b, year=2027, pupils=418)
    summary = census_import(source=DFE_FILE, year=2027)
    assert (summary.created, summary.updated, summary.unchanged) == (1, 1, 1)
    assert counts()["Bonner Primary School"] == 452


def test_the_preview_writes_nothing(school_a, school_b, morpeth):
    summary = census_import(source=DFE_FILE, year=2027, apply=False)
    assert summary.created == 3 and not PupilCount.objects.exists()


def test_a_tower_hamlets_urn_the_register_lacks_is_listed_and_nothing_changes(school_a, school_b):
    # Morpeth (100003) is not in this register, though Tower Hamlets is.
    with pytest.raises(ImportRefused) as refused:
        census_import(source=DFE_FILE, year=2027)
    assert [str(error) for error in refused.value.errors] == [
        "row 4, column 'urn': No school with URN 100003 in the register (import the GIAS file "
        "first if it has opened since)."
    ]
    assert not PupilCount.objects.exists()


def test_the_office_sheet_refuses_unknown_urns_and_bad_numbers_by_row(school_a, school_b):
    sheet = b"URN,pupils\n100001,452\n999998,300\n100002,z\n100001,12\nabc,1\n100002,312.5\n"
    with pytest.raises(ImportRefused) as refused:
        census_import(source=sheet, year=2027)
    assert [str(error) for error in refused.value.errors] == [
        "row 3, column 'URN': No school with URN 999998 in the register (import the GIAS file "
        "first if it has opened since).",
        "row 4, column 'pupils': no headcount for this school: not applicable (z).",
        "row 5, column 'URN': URN 100001 is on row 2 too.",
        "row 6, column 'URN': 'abc' is not a URN (6 digits).",
        "row 7, column 'pupils': '312.5' is not a whole number of pupils from 0 to 10000.",
    ]
    assert not PupilCount.objects.exists()


def test_a_file_that_is_not_a_census_is_refused_at_once(school_a):
    with pytest.raises(ImportRefused, match="This is not a census file"):
        census_import(source=b"URN,year,category\n100001,2017-18,full\n", year=2027)


def test_the_census_is_one_of_the_offices_imports():
    assert IMPORTERS["census"].function == "membership.census.census_import"
