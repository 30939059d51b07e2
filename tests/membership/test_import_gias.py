import csv
import datetime
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from membership.gias import gias_import
from membership.models import Phase, School, SchoolType
from membership.sample_files import GIAS_HEADER
from tests.factories import SchoolFactory
from thep.csvfiles import ImportRefused

# The real edubasealldata header with made-up rows (see the README beside it).
FIXTURE = Path(__file__).parents[1] / "fixtures" / "gias" / "edubasealldata20240717-sample.csv"

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


def fixture_rows() -> list[dict[str, str]]:
    with FIXTURE.open(encoding="cp1252", newline="") as file:
        return list(csv.DictReader(file))


def real_file(rows: list[dict[str, str]], columns=GIAS_HEADER) -> bytes:
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=columns, extrasaction="ignore", quoting=csv.QUOTE_ALL)
    writer.writeheader()
    writer.writerows(rows)
    return text.getvalue().encode("cp1252")


def by_urn(rows: list[dict[str, str]], urn: str) -> dict[str, str]:
    return next(row for row in rows if row["URN"] == urn)


def test_the_fixture_has_the_real_gias_header():
    with FIXTURE.open(encoding="cp1252", newline="") as file:
        header = next(csv.reader(file))
    assert tuple(header) == GIAS_HEADER
    assert len(header) == 139


@pytest.mark.django_db
def test_a_real_gias_file_files_each_school_by_its_type_and_phase_codes():
    summary = gias_import(source=FIXTURE)

    assert summary.layout == (
        "GIAS edubasealldata: types and phases by their codes (TypeOfEstablishment (code), "
        "PhaseOfEducation (code)); opening and closing dates (OpenDate, CloseDate)"
    )
    assert (summary.created, summary.updated, summary.unchanged) == (12, 0, 0)
    assert summary.skipped == {"not state-funded schools": 1, "other local authorities": 1}
    assert summary.refused == []
    schools = {school.name: (school.school_type, school.phase) for school in School.objects.all()}
    assert schools == {
        "Bonner Primary School": (SchoolType.LA_MAINTAINED, Phase.PRIMARY),
        "Phoenix School": (SchoolType.LA_MAINTAINED, Phase.SPECIAL),
        "London East Alternative Provision": (SchoolType.LA_MAINTAINED, Phase.ALTERNATIVE),
        "St Paul's Way Trust School": (SchoolType.LA_MAINTAINED, Phase.ALL_THROUGH),
        "Cafés Primary Academy": (SchoolType.ACADEMY, Phase.PRIMARY),
        "Old Ford Primary School": (SchoolType.LA_MAINTAINED, Phase.PRIMARY),
        "Mulberry Alternative Free School": (SchoolType.FREE_SCHOOL, Phase.ALTERNATIVE),
        "East London Sixth Form Academy": (SchoolType.ACADEMY, Phase.SECONDARY),
        "Canary Wharf Free School": (SchoolType.FREE_SCHOOL, Phase.SECONDARY),
        "Columbia Market Nursery School": (SchoolType.LA_MAINTAINED, Phase.NURSERY),
        "Stephen Hawking Academy Special": (SchoolType.ACADEMY, Phase.SPECIAL),
        "Mulberry UTC": (SchoolType.FREE_SCHOOL, Phase.SECONDARY),
    }
    sixth_form = School.objects.get(urn=100209)
    assert sixth_form.establishment_type == "Academy 16 to 19 sponsor led"


@pytest.mark.django_db
def test_opening_and_closing_dates_are_kept():
    gias_import(source=FIXTURE)

    old_ford = School.objects.get(name="Old Ford Primary School")
    assert (old_ford.opened_on, old_ford.closed_on, old_ford.is_open) == (
        None,
        datetime.date(2017, 8, 31),
        False,
    )
    academy = School.objects.get(name="Cafés Primary Academy")
    assert (academy.opened_on, academy.closed_on, academy.is_open) == (
        datetime.date(2017, 9, 1),
        None,
        True,
    )


@pytest.mark.django_db
def test_the_type_code_decides_whatever_the_name_says():
    rows = fixture_rows()
    by_urn(rows, "100210")["TypeOfEstablishment (name)"] = "Free school (mainstream)"
    gias_import(source=real_file(rows))
    school = School.objects.get(urn=100210)
    assert school.school_type == SchoolType.FREE_SCHOOL
    assert school.establishment_type == "Free school (mainstream)"


NAME_COLUMNS = [
    column for column in GIAS_HEADER if column not in {"TypeOfEstablishment (code)",
                                                       "PhaseOfEducation (code)"}
]  # fmt: skip


@pytest.mark.django_db
def test_without_code_columns_names_are_compared_without_regard_to_case_or_spacing():
    rows = fixture_rows()
    for urn, name in [
        ("100209", "Academy 16-19 Sponsor Led"),  # the name before "16 to 19"
        ("100208", "Free Schools - Alternative Provision"),  # a 2015 file's name
        ("100210", "FREE SCHOOLS"),
        ("100213", "University  Technical College"),
        ("100211", "LA Nursery School"),
    ]:
        by_urn(rows, urn)["TypeOfEstablishment (name)"] = name
    by_urn(rows, "100203")["PhaseOfEducation (name)"] = "All through"

    summary = gias_import(source=real_file(rows, NAME_COLUMNS))

    assert summary.layout.startswith(
        "GIAS edubasealldata: types and phases by their names (TypeOfEstablishment (name), "
        "PhaseOfEducation (name))"
    )
    assert summary.created == 12
    types = dict(School.objects.values_list("urn", "school_type"))
    assert types[100209] == SchoolType.ACADEMY
    assert types[100208] == SchoolType.FREE_SCHOOL
    assert types[100210] == SchoolType.FREE_SCHOOL
    assert types[100213] == SchoolType.FREE_SCHOOL
    assert types[100211] == SchoolType.LA_MAINTAINED
    assert School.objects.get(urn=100208).phase == Phase.ALTERNATIVE
    assert School.objects.get(urn=100203).phase == Phase.ALL_THROUGH


@pytest.mark.django_db
def test_an_unknown_type_refuses_its_row_naming_the_type_and_is_never_filed_la_maintained():
    rows = fixture_rows()
    by_urn(rows, "100210").update(
        {"TypeOfEstablishment (code)": "99", "TypeOfEstablishment (name)": "Academy of the future"}
    )
    with pytest.raises(ImportRefused) as refused:
        gias_import(source=real_file(rows))
    assert [str(error) for error in refused.value.errors] == [
        "row 12, column 'TypeOfEstablishment (code)': '99' ('Academy of the future') is not a "
        "type of establishment GIAS publishes"
    ]
    assert not School.objects.exists()

    summary = gias_import(source=real_file(rows), leave_out_refused=True)
    assert (summary.created, len(summary.refused)) == (11, 1)
    assert not School.objects.filter(urn=100210).exists()

    by_name = [row for row in fixture_rows() if row["URN"] != "100210"]
    by_urn(by_name, "100208")["TypeOfEstablishment (name)"] = "Children's hub"
    with pytest.raises(ImportRefused, match="'Children's hub' is not a type of establishment"):
        gias_import(source=real_file(by_name, NAME_COLUMNS))


@pytest.mark.django_db
def test_the_summary_says_what_was_skipped_and_refused_apart():
    rows = fixture_rows()
    by_urn(rows, "100200")["NumberOfPupils"] = "99999999999"
    by_urn(rows, "100201")["OpenDate"] = "2017-09-01"

    summary = gias_import(source=real_file(rows), apply=False)

    assert not School.objects.exists()
    assert (summary.created, summary.applied) == (10, False)
    assert [str(error) for error in summary.refused] == [
        "row 2, column 'NumberOfPupils': 99999999999 is not from 0 to 10000",
        "row 3, column 'OpenDate': '2017-09-01' is not a date written as GIAS writes them, "
        "day-month-year such as 01-09-2017",
    ]
    text = str(summary)
    assert "1 skipped: other local authorities" in text
    assert "1 skipped: not state-funded schools" in text
    assert "2 problems in refused rows:" in text


@pytest.mark.django_db
def test_a_urn_that_would_wrap_onto_another_school_is_refused():
    SchoolFactory(urn=100200, name="Bonner before the import")
    rows = fixture_rows()
    by_urn(rows, "100201")["URN"] = str(2**32 + 100200)
    with pytest.raises(ImportRefused, match="row 3, column 'URN': 4295067496 is not from"):
        gias_import(source=real_file(rows))
    assert School.objects.get(urn=100200).name == "Bonner before the import"
    assert School.objects.count() == 1


@pytest.mark.django_db
def test_a_known_school_of_a_type_thep_does_not_serve_keeps_its_type_and_phase():
    SchoolFactory(
        urn=100205, name="Old name", school_type=SchoolType.ACADEMY, phase=Phase.SECONDARY
    )
    summary = gias_import(source=FIXTURE)
    school = School.objects.get(urn=100205)
    assert (school.name, school.school_type, school.phase) == (
        "An Independent School",
        SchoolType.ACADEMY,
        Phase.SECONDARY,
    )
    assert school.establishment_type == "Other independent school"
    assert (summary.updated, summary.skipped) == (1, {"other local authorities": 1})


@pytest.mark.django_db
def test_command_previews_and_leaves_out_refused_rows_on_request(tmp_path, capsys):
    rows = fixture_rows()
    by_urn(rows, "100200")["PhaseOfEducation (code)"] = "0"
    path = tmp_path / "edubasealldata20240717.csv"
    path.write_bytes(real_file(rows))

    call_command("import_gias", str(path), "--preview")
    out = capsys.readouterr().out
    assert "11 created, 0 updated, 0 unchanged (preview: nothing written)" in out
    assert "row 2, column 'PhaseOfEducation (code)': cannot tell the phase of a " in out
    assert not School.objects.exists()

    with pytest.raises(CommandError, match="nothing has changed"):
        call_command("import_gias", str(path))
    assert not School.objects.exists()

    call_command("import_gias", str(path), "--leave-out-refused")
    assert "11 created, 0 updated, 0 unchanged" in capsys.readouterr().out
    assert School.objects.count() == 11
