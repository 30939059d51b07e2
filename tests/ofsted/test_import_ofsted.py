import csv
import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from ofsted.mi_import import AREA_COLUMNS, NEW_REQUIRED, OLD_REQUIRED, ofsted_import
from ofsted.models import CardGrade, Concern, Grade, Inspection, InspectionType
from ofsted.outcomes import current_outcome
from tests.factories import SchoolFactory
from thep.csvfiles import ImportRefused

OLD_HEADER = ["URN", "School name", *OLD_REQUIRED[1:]]


def old_row(urn, **values) -> dict:
    row = dict.fromkeys(OLD_HEADER, "")
    row.update({"URN": str(urn), "School name": "A school"}, **values)
    return row


def csv_file(header, rows, encoding="cp1252") -> bytes:
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=header)
    writer.writeheader()
    writer.writerows(rows)
    return text.getvalue().encode(encoding)


def old_file(encoding="cp1252") -> bytes:
    return csv_file(
        OLD_HEADER,
        [
            old_row(
                100001,
                **{
                    "School name": "Bonner Primary Schóol",
                    "Inspection start date": "16/10/2019",
                    "Publication date": "20/11/2019",
                    "Inspection type": "Section 5",
                    "Overall effectiveness": "2",
                    "Quality of education": "2",
                    "Behaviour and attitudes": "1",
                    "Personal development": "2",
                    "Effectiveness of leadership and management": "2",
                    "Safeguarding is effective?": "Yes",
                    "Early years provision (where applicable)": "2",
                    "Sixth form provision (where applicable)": "9",
                    "Previous inspection start date": "03/02/2015",
                    "Previous graded inspection overall effectiveness": "3",
                },
            ),
            old_row(
                100002,
                **{
                    "Inspection start date": "06/11/19",
                    "Publication date": "",
                    "Inspection type": "Section 5",
                    "Overall effectiveness": "4",
                    "Category of concern": "SM",
                    "Safeguarding is effective?": "No",
                },
            ),
            old_row(
                999999,
                **{"Inspection start date": "01/01/2019", "Inspection type": "Section 8"},
            ),
        ],
        encoding,
    )


def new_row(urn, **values) -> dict:
    row = dict.fromkeys(NEW_REQUIRED, "")
    row.update({"URN": str(urn)}, **values)
    return row


def new_file() -> bytes:
    card = {column: "Strong standard" for column in AREA_COLUMNS}
    card.update({f"{column} - date of grade": "03/12/2025" for column in AREA_COLUMNS})
    card["Achievement"] = "Needs attention"
    card["Post-16 (where applicable)"] = ""
    card["Post-16 (where applicable) - date of grade"] = ""
    return csv_file(
        NEW_REQUIRED,
        [
            new_row(
                100001,
                **card,
                **{
                    "Inspection start date": "03/12/2025",
                    "Inspection type": "Report card inspection",
                    "Safeguarding standards": "Met",
                    "Latest OEIF overall effectiveness": "2",
                    "Publication date of latest OEIF graded inspection": "20/11/2019",
                    "Date of latest ungraded inspection": "12/03/2024",
                    "Ungraded inspection overall outcome": "School remains Good",
                },
            ),
            new_row(
                100002,
                **{
                    "Inspection start date": "",
                    "Latest OEIF overall effectiveness": "9",
                    "Publication date of latest OEIF graded inspection": "NULL",
                },
            ),
        ],
        "utf-8",
    )


@pytest.fixture
def schools(db):
    return SchoolFactory(urn=100001, name="Bonner"), SchoolFactory(urn=100002, name="Harbinger")


def test_older_file_records_latest_and_previous_graded_inspections(schools):
    result = ofsted_import(source=old_file())
    assert (result.created, result.updated, result.skipped_rows) == (3, 0, 1)
    bonner = Inspection.objects.get(school=schools[0], start_date=datetime.date(2019, 10, 16))
    assert bonner.inspection_type == InspectionType.GRADED
    assert bonner.publication_date == datetime.date(2019, 11, 20)
    assert bonner.overall_effectiveness == Grade.GOOD
    assert bonner.behaviour_and_attitudes == Grade.OUTSTANDING
    assert bonner.sixth_form_provision is None  # 9 means no grade
    assert bonner.safeguarding_effective is True
    previous = Inspection.objects.get(school=schools[0], start_date=datetime.date(2015, 2, 3))
    assert previous.overall_effectiveness == Grade.REQUIRES_IMPROVEMENT
    harbinger = Inspection.objects.get(school=schools[1])
    assert (harbinger.start_date, harbinger.category_of_concern) == (
        datetime.date(2019, 11, 6),
        Concern.SPECIAL_MEASURES,
    )


def test_older_file_in_utf8_too(schools):
    assert ofsted_import(source=old_file(encoding="utf-8-sig")).created == 3


def test_report_card_file_adds_the_card_and_keeps_history(schools):
    ofsted_import(source=old_file())
    result = ofsted_import(source=new_file())
    # The report card and the ungraded inspection are new; the OEIF inspection is known.
    assert (result.created, result.file_format) == (2, "Report card")
    history = list(
        Inspection.objects.filter(school=schools[0])
        .order_by("start_date")
        .values_list("inspection_type", "start_date")
    )
    assert history == [
        ("graded", datetime.date(2015, 2, 3)),
        ("graded", datetime.date(2019, 10, 16)),
        ("ungraded", datetime.date(2024, 3, 12)),
        ("report_card", datetime.date(2025, 12, 3)),
    ]
    card = Inspection.objects.get(school=schools[0], inspection_type="report_card")
    assert card.achievement == CardGrade.NEEDS_ATTENTION
    assert card.inclusion == CardGrade.STRONG
    assert card.post_16 is None
    assert card.safeguarding_met is True
    graded = Inspection.objects.get(school=schools[0], start_date=datetime.date(2019, 10, 16))
    assert graded.quality_of_education == Grade.GOOD  # not lost to the thinner new file
    assert current_outcome(school=schools[0], as_at=datetime.date(2026, 1, 1)) == card


def test_report_card_file_alone_records_an_oeif_grade_by_its_publication(schools):
    ofsted_import(source=new_file())
    graded = Inspection.objects.get(school=schools[0], inspection_type="graded")
    assert (graded.start_date, graded.publication_date, graded.overall_effectiveness) == (
        None,
        datetime.date(2019, 11, 20),
        Grade.GOOD,
    )


def test_importing_the_same_files_again_changes_nothing(schools):
    ofsted_import(source=old_file())
    ofsted_import(source=new_file())
    before = list(Inspection.objects.order_by("pk").values())
    again_old = ofsted_import(source=old_file())
    again_new = ofsted_import(source=new_file())
    assert (again_old.created, again_old.updated) == (0, 0)
    assert (again_new.created, again_new.updated) == (0, 0)
    assert list(Inspection.objects.order_by("pk").values()) == before


def _bad(rows_changes: dict) -> bytes:
    rows = [
        old_row(100001, **{"Inspection start date": "16/10/2019", "Inspection type": "Section 5",
                           "Overall effectiveness": "2"}),
        old_row(100002, **{"Inspection start date": "06/11/2019", "Inspection type": "Section 5",
                           "Overall effectiveness": "3"}),
    ]  # fmt: skip
    rows[1].update(rows_changes)
    return csv_file(OLD_HEADER, rows)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"Overall effectiveness": "Good"}, "'Overall effectiveness': 'Good' is not a grade"),
        ({"Inspection start date": "2019/31/12"}, "'Inspection start date': '2019/31/12' is not"),
        ({"Inspection type": "Deep dive"}, "'Inspection type': 'Deep dive' is not an inspection"),
        ({"URN": "10000X"}, "'URN': '10000X' is not a URN"),
        ({"URN": "99999999999"}, "'URN': '99999999999' is not a URN"),
        ({"Inspection start date": "31/12/9999"}, "'Inspection start date': '31/12/9999' is not"),
        ({"Publication date": "01/01/0001"}, "'Publication date': '01/01/0001' is not"),
    ],
)
def test_a_bad_value_refuses_the_whole_file_naming_row_and_column(schools, change, message):
    ofsted_import(source=old_file())
    before = list(Inspection.objects.order_by("pk").values())
    with pytest.raises(ImportRefused) as refused:
        ofsted_import(source=_bad(change))
    assert str(refused.value.errors[0]).startswith(f"row 3, column {message}")
    assert list(Inspection.objects.order_by("pk").values()) == before


def test_a_file_missing_a_column_is_refused(schools):
    header = [name for name in OLD_HEADER if name != "Publication date"]
    data = csv_file(header, [{name: "" for name in header} | {"URN": "100001"}])
    with pytest.raises(ImportRefused) as refused:
        ofsted_import(source=data)
    assert str(refused.value.errors[0]) == (
        "row 1, column 'Publication date': this column is missing from the header row"
    )
    assert not Inspection.objects.exists()


def test_command_reports_counts_and_refusals(schools, tmp_path):
    good = tmp_path / "latest.csv"
    good.write_bytes(old_file())
    out = io.StringIO()
    call_command("import_ofsted", str(good), stdout=out)
    assert "3 inspections added" in out.getvalue()
    assert "1 rows skipped" in out.getvalue()
    bad = tmp_path / "bad.csv"
    bad.write_bytes(_bad({"Overall effectiveness": "7"}))
    with pytest.raises(CommandError, match="nothing has changed"):
        call_command("import_ofsted", str(bad))
