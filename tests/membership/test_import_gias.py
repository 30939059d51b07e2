import csv
import io

import pytest
from django.core.management import CommandError, call_command

from membership.gias import gias_import
from membership.models import Phase, School, SchoolType
from tests.factories import SchoolFactory
from thep.csvfiles import ImportRefused

HEADER = [
    "URN", "LA (code)", "LA (name)", "EstablishmentNumber", "EstablishmentName",
    "TypeOfEstablishment (name)", "PhaseOfEducation (name)", "EstablishmentStatus (name)",
    "NumberOfPupils", "HeadFirstName", "HeadLastName", "Street", "Town", "Postcode",
    "SchoolWebsite",
]  # fmt: skip

ROWS = [
    ["100200", "211", "Tower Hamlets", "2001", "Bonner Primary School", "Community school",
     "Primary", "Open", "463", "Helen", "Marsh", "Stainsbury Street", "London", "E2 0NF",
     "www.bonner.example"],
    ["100201", "211", "Tower Hamlets", "7001", "Phoenix School", "Community special school",
     "Not applicable", "Open", "180", "Ann", "Lee", "", "London", "", ""],
    ["100202", "211", "Tower Hamlets", "1100", "London East Alternative Provision",
     "Pupil referral unit", "Not applicable", "Open", "90", "", "", "", "", "", ""],
    ["100203", "211", "Tower Hamlets", "4001", "St Paul's Way Trust School", "Foundation school",
     "All-through", "Open", "1800", "", "", "", "", "", ""],
    ["100204", "211", "Tower Hamlets", "2002", "Cafés Primary Academy", "Academy converter",
     "Primary", "Open, but proposed to close", "", "", "", "", "", "", ""],
    ["100205", "211", "Tower Hamlets", "6000", "An Independent School", "Other independent school",
     "Not applicable", "Open", "300", "", "", "", "", "", ""],
    ["100206", "202", "Camden", "2003", "A Camden Primary", "Community school", "Primary",
     "Open", "200", "", "", "", "", "", ""],
]  # fmt: skip


def gias_file(rows=ROWS, header=HEADER, encoding="cp1252") -> bytes:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(header)
    writer.writerows(rows)
    return text.getvalue().encode(encoding)


@pytest.mark.django_db
def test_import_keeps_tower_hamlets_state_schools_and_derives_phase():
    result = gias_import(source=gias_file())

    assert (result.created, result.updated, result.unchanged) == (5, 0, 0)
    phases = dict(School.objects.values_list("name", "phase"))
    assert phases == {
        "Bonner Primary School": Phase.PRIMARY,
        "Phoenix School": Phase.SPECIAL,
        "London East Alternative Provision": Phase.ALTERNATIVE,
        "St Paul's Way Trust School": Phase.ALL_THROUGH,
        "Cafés Primary Academy": Phase.PRIMARY,
    }
    bonner = School.objects.get(urn=100200)
    assert bonner.laestab == "2112001"
    assert bonner.pupils == 463
    assert bonner.head_name == "Helen Marsh"
    assert bonner.website == "https://www.bonner.example"
    academy = School.objects.get(urn=100204)
    assert academy.school_type == SchoolType.ACADEMY
    assert academy.pupils is None
    assert academy.is_open


@pytest.mark.django_db
def test_second_import_of_the_same_file_changes_nothing():
    gias_import(source=gias_file())
    result = gias_import(source=gias_file())
    assert (result.created, result.updated, result.unchanged) == (0, 0, 5)


@pytest.mark.django_db
def test_import_updates_changed_schools_and_keeps_known_out_of_borough_ones():
    SchoolFactory(urn=100206, name="Old name", la_code=202)
    rows = [list(row) for row in ROWS]
    rows[0][8] = "470"
    result = gias_import(source=gias_file(rows))
    assert result.updated == 1  # the Camden school already in the register
    assert result.created == 5
    gias_import(source=gias_file())
    rows[0][7] = "Closed"
    result = gias_import(source=gias_file(rows))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 5)
    bonner = School.objects.get(urn=100200)
    assert (bonner.pupils, bonner.is_open) == (470, False)
    assert School.objects.get(urn=100206).name == "A Camden Primary"


@pytest.mark.django_db
def test_import_reads_utf8_too():
    gias_import(source=gias_file(encoding="utf-8-sig"))
    assert School.objects.filter(name="Cafés Primary Academy").exists()


@pytest.mark.django_db
def test_other_local_authorities_on_request():
    result = gias_import(source=gias_file(), la_codes=[211, 202])
    assert result.created == 6


def _refused(data: bytes) -> list[str]:
    SchoolFactory(urn=100200, name="Bonner before the import", pupils=1)
    with pytest.raises(ImportRefused) as refused:
        gias_import(source=data)
    assert School.objects.count() == 1
    assert School.objects.get(urn=100200).name == "Bonner before the import"
    return [str(error) for error in refused.value.errors]


@pytest.mark.django_db
def test_missing_column_is_refused_and_changes_nothing():
    header = [name for name in HEADER if name != "NumberOfPupils"]
    rows = [row[:8] + row[9:] for row in ROWS]
    assert _refused(gias_file(rows, header)) == [
        "row 1, column 'NumberOfPupils': this column is missing from the header row"
    ]


@pytest.mark.django_db
def test_bad_urn_is_refused_with_row_and_column():
    rows = [list(row) for row in ROWS]
    rows[3][0] = "10O203"
    assert _refused(gias_file(rows)) == ["row 5, column 'URN': '10O203' is not a whole number"]


@pytest.mark.django_db
def test_bad_pupil_number_is_refused_with_row_and_column():
    rows = [list(row) for row in ROWS]
    rows[1][8] = "about 180"
    rows[2][8] = "-4"
    assert _refused(gias_file(rows)) == [
        "row 3, column 'NumberOfPupils': 'about 180' is not a whole number",
        "row 4, column 'NumberOfPupils': -4 is below zero",
    ]


@pytest.mark.django_db
def test_command_prints_counts_and_refuses_bad_files(tmp_path, capsys):
    good = tmp_path / "edubasealldata20261122.csv"
    good.write_bytes(gias_file())
    call_command("import_gias", str(good))
    assert "5 created, 0 updated, 0 unchanged" in capsys.readouterr().out

    bad = tmp_path / "bad.csv"
    bad.write_bytes(gias_file([["x", *ROWS[0][1:]]]))
    with pytest.raises(CommandError, match="row 2, column 'URN'"):
        call_command("import_gias", str(bad))
    with pytest.raises(CommandError, match="There is no file"):
        call_command("import_gias", str(tmp_path / "missing.csv"))
