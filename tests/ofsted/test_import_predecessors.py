"""An inspection Ofsted's file says was of another URN (a converter academy's predecessor) is
recorded under that school, and the academy is counted by it until inspected itself, as
THEP's own table does ("AC 2017 (Predecessor School 9/7/13)", seed 003)."""

import csv
import datetime
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape

from ofsted import mi_import
from ofsted.figures import outcomes_by_phase
from ofsted.mi_import import LINKED, MOVED, PREDECESSOR_MISSING, ofsted_import
from ofsted.models import Inspection, OfstedStanding, Source
from ofsted.selectors import ofsted_for
from tests.factories import SchoolFactory
from tests.ofsted.conftest import LAYOUT_2015, LAYOUT_2019, LAYOUT_2021, REPORT_CARDS
from thep.csvfiles import ImportRefused
from thep.models import ImportJob


def day(text: str) -> datetime.date:
    return datetime.datetime.strptime(text, "%d/%m/%Y").date()


def history(school) -> list[tuple[str, datetime.date | None]]:
    return list(
        Inspection.objects.filter(school=school)
        .order_by("start_date", "inspection_type")
        .values_list("inspection_type", "start_date")
    )


def with_cells(path: Path, urn: int, cells: dict[str, str]) -> bytes:
    """The fixture with some cells of one school's row set, by column name (columns it lacks
    are added at the end, blank in the other rows)."""
    lines = path.read_bytes().decode("cp1252").splitlines()
    title = [] if lines[0].startswith(("URN", "Web")) else lines[:1]
    rows = list(csv.reader(lines[len(title) :]))
    header = rows[0]
    added = [column for column in cells if column not in header]
    header += added
    for row in rows[1:]:
        row += ["NULL"] * len(added)
        if row[header.index("URN")] == str(urn):
            for column, value in cells.items():
                row[header.index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return ("".join(line + "\r\n" for line in title) + out.getvalue()).encode("cp1252")


def of_predecessor(*inspections: str, urn: str = "100001") -> dict[str, str]:
    """Cells saying these inspections ("latest graded inspection", ...) were of another URN."""
    cells = {}
    for inspection in inspections:
        cells[f"Does the {inspection} relate to the URN of the current school?"] = "No"
        cells[f"URN at time of {inspection}"] = urn
        cells[f"School name at time of {inspection}"] = "Bonner Infants' School"
    return cells


# Bonner became an academy: its two graded inspections were of the school it replaced, its
# ungraded one of the academy.
CONVERTER = [
    (LAYOUT_2021, of_predecessor("latest graded inspection", "previous graded inspection")
     | {"Does the ungraded inspection relate to the URN of the current school?": "Yes",
        "URN at time of the ungraded inspection": "130001"}),
    (LAYOUT_2019, of_predecessor("latest full inspection", "previous full inspection")),
]  # fmt: skip


@pytest.fixture
def predecessor(mi_schools):
    return SchoolFactory(urn=100001, name="Bonner Infants' School", is_open=False)


@pytest.mark.parametrize(("path", "cells"), CONVERTER)
def test_a_converters_inspections_of_its_predecessor_are_recorded_as_the_predecessors(
    mi_schools, predecessor, path, cells
):
    bonner = mi_schools["bonner"]
    summary = ofsted_import(source=with_cells(path, 130001, cells))
    assert summary.also_changed == {LINKED: 1}
    assert f"1 {LINKED}" in str(summary)
    assert history(predecessor) == [("graded", day("03/02/2015")), ("graded", day("07/03/2017"))]
    assert [kind for kind, _ in history(bonner)] == ["ungraded"]
    bonner.refresh_from_db()
    assert bonner.predecessor == predecessor
    # Counted by its predecessor's Good, as the figures of the same file by hand say.
    as_at = datetime.date(2021, 8, 31) if path == LAYOUT_2019 else datetime.date(2025, 8, 31)
    primary = outcomes_by_phase(schools=mi_schools.values(), as_at=as_at)[0]
    assert (primary.outstanding, primary.good) == (1, 1)
    (shown,) = ofsted_for(schools=[bonner], today=as_at)
    assert shown.outcome is not None
    assert (shown.outcome.start_date, shown.uses_predecessor) == (day("07/03/2017"), True)
    assert OfstedStanding.objects.get(school=bonner).uses_predecessor
    again = ofsted_import(source=with_cells(path, 130001, cells))
    assert (again.created, again.updated, again.also_changed) == (0, 0, {})


def test_the_report_card_layout_says_which_school_each_inspection_was_of(mi_schools):
    cayley = mi_schools["cayley"]
    cayley.predecessor = SchoolFactory(urn=100002, name="Cayley Old", is_open=False)
    cayley.save()
    cells = {
        "Does the latest OEIF graded inspection relate to the URN of the current school?": "No",
        "URN at time of latest OEIF graded inspection": "100002",
        "Does the latest full inspection relate to the URN of the current school?": "No",
        "URN at time of latest full inspection": "100002",
    }
    summary = ofsted_import(source=with_cells(REPORT_CARDS, 130002, cells))
    assert summary.also_changed == {}  # Cayley had its predecessor already
    assert history(cayley.predecessor) == [("graded", day("14/01/2025"))]
    assert history(cayley) == []


def test_2015_layout_files_with_the_columns_are_read_the_same_way(mi_schools):
    # A converter's previous full inspection, of the school it replaced.
    harbinger = mi_schools["harbinger"]
    old = SchoolFactory(urn=100003, name="Harbinger School", is_open=False)
    cells = of_predecessor("previous full inspection", urn="100003")
    summary = ofsted_import(source=with_cells(LAYOUT_2015, 130003, cells))
    assert summary.also_changed == {LINKED: 1}
    assert history(old) == [("graded", day("14/10/2013"))]
    assert history(harbinger) == [("graded", day("12/12/2017"))]


def test_a_preview_says_which_schools_it_would_link_and_changes_nothing(mi_schools, predecessor):
    path, cells = CONVERTER[0]
    summary = ofsted_import(source=with_cells(path, 130001, cells), apply=False)
    assert summary.also_changed == {LINKED: 1}
    assert not Inspection.objects.exists()
    mi_schools["bonner"].refresh_from_db()
    assert mi_schools["bonner"].predecessor is None


def test_a_predecessor_not_in_the_register_is_skipped_saying_how_to_add_it(mi_schools):
    path, cells = CONVERTER[0]
    summary = ofsted_import(source=with_cells(path, 130001, cells))
    assert summary.skipped == {"schools not in the register": 1, PREDECESSOR_MISSING: 2}
    assert "GIAS lists closed schools: import its file, then this one again" in str(summary)
    assert [kind for kind, _ in history(mi_schools["bonner"])] == ["ungraded"]
    assert summary.also_changed == {}


def test_a_file_naming_another_predecessor_than_the_registers_refuses_that_row(
    mi_schools, predecessor
):
    bonner = mi_schools["bonner"]
    bonner.predecessor = SchoolFactory(urn=100009, name="Bonner Board School", is_open=False)
    bonner.save()
    path, cells = CONVERTER[0]
    data = with_cells(path, 130001, cells)
    with pytest.raises(ImportRefused) as refused:
        ofsted_import(source=data)
    assert str(refused.value.errors[0]) == (
        "row 2, column 'URN at time of latest graded inspection': Ofsted's file says this "
        "inspection was of Bonner Infants' School (URN 100001), but the register gives Bonner "
        "Board School (URN 100009) as this school's predecessor: correct the predecessor in "
        "the register, or leave this row out"
    )
    assert not Inspection.objects.exists()
    summary = ofsted_import(source=data, leave_out_refused=True)
    assert Inspection.objects.filter(school=mi_schools["cayley"]).exists()
    assert not Inspection.objects.filter(school__urn__in=[130001, 100001, 100009]).exists()
    assert summary.also_changed == {}


def test_an_earlier_predecessor_of_the_registers_is_accepted(mi_schools, predecessor):
    bonner = mi_schools["bonner"]
    bonner.predecessor = SchoolFactory(urn=100009, name="Bonner Academy", predecessor=predecessor)
    bonner.save()
    path, cells = CONVERTER[0]
    summary = ofsted_import(source=with_cells(path, 130001, cells))
    assert not summary.refused and summary.also_changed == {}
    assert len(history(predecessor)) == 2
    bonner.refresh_from_db()
    assert bonner.predecessor.urn == 100009


def test_an_inspection_said_to_be_of_another_school_needs_its_urn(mi_schools, predecessor):
    cells = of_predecessor("latest graded inspection", urn="NULL")
    with pytest.raises(ImportRefused) as refused:
        ofsted_import(source=with_cells(LAYOUT_2021, 130001, cells))
    assert str(refused.value.errors[0]) == (
        "row 2, column 'URN at time of latest graded inspection': no URN is given, yet 'Does "
        "the latest graded inspection relate to the URN of the current school?' says No: the "
        "inspection was of another school"
    )


def test_inspections_written_in_batches_are_one_transaction(mi_schools, monkeypatch):
    monkeypatch.setattr(mi_import, "BATCH_ROWS", 1)
    summary = ofsted_import(source=LAYOUT_2021)
    assert (summary.created, summary.updated) == (Inspection.objects.count(), 0)
    Inspection.objects.all().delete()
    written = []

    def fails_on_the_third_batch(*, found, source):
        written.append(len(found))
        if len(written) == 3:
            raise RuntimeError("the database went away")
        return original(found=found, source=source)

    original = mi_import.inspections_record
    monkeypatch.setattr(mi_import, "inspections_record", fails_on_the_third_batch)
    with pytest.raises(RuntimeError):
        ofsted_import(source=LAYOUT_2021)
    assert len(written) == 3
    assert not Inspection.objects.exists()


def test_the_office_sees_in_the_preview_which_schools_would_be_linked(
    client_for, office_admin, predecessor, eager_tasks, django_capture_on_commit_callbacks
):
    office = client_for(office_admin)
    path, cells = CONVERTER[0]
    upload = SimpleUploadedFile("ofsted.csv", with_cells(path, 130001, cells))
    with django_capture_on_commit_callbacks(execute=True):
        response = office.post("/admin/thep/importjob/upload/ofsted/", {"file": upload})
    assert response.status_code == 302
    job = ImportJob.objects.latest("created_at")
    assert job.state == ImportJob.State.PREVIEWED
    page = office.get(f"/admin/thep/importjob/{job.pk}/change/").content.decode()
    assert f'<th scope="row">Also: {escape(LINKED)}</th><td>1</td>' in page
    assert Inspection.objects.count() == 0


def test_a_predecessors_inspections_an_earlier_import_put_on_the_academy_are_taken_off(
    mi_schools, predecessor
):
    bonner = mi_schools["bonner"]
    path, cells = CONVERTER[0]
    ofsted_import(source=path)  # a file read as if every inspection were the academy's own
    assert [kind for kind, _ in history(bonner)] == ["graded", "graded", "ungraded"]
    by_hand = Inspection.objects.get(school=bonner, start_date=day("03/02/2015"))
    by_hand.source = Source.OFFICE
    by_hand.save()
    summary = ofsted_import(source=with_cells(path, 130001, cells))
    assert summary.also_changed == {LINKED: 1, MOVED: 1}
    assert history(bonner) == [("graded", day("03/02/2015")), ("ungraded", day("12/03/2024"))]
    assert history(predecessor) == [("graded", day("03/02/2015")), ("graded", day("07/03/2017"))]
    again = ofsted_import(source=with_cells(path, 130001, cells))
    assert again.also_changed == {}
