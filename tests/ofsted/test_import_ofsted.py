"""Ofsted's management information files, in each layout published since 2015 (fixtures in
tests/fixtures/ofsted, with their real header rows), and what each row becomes."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from ofsted.figures import inspections_in_year
from ofsted.mi_import import ofsted_import
from ofsted.models import CardGrade, Concern, Grade, Inspection, InspectionType
from ofsted.outcomes import current_outcome
from tests.ofsted.conftest import LAYOUT_2015, LAYOUT_2019, LAYOUT_2021, REPORT_CARDS
from thep.csvfiles import ImportRefused

EVERY_LAYOUT = [LAYOUT_2015, LAYOUT_2019, LAYOUT_2021, REPORT_CARDS]


def day(text: str) -> datetime.date:
    return datetime.datetime.strptime(text, "%d/%m/%Y").date()


def history(school) -> list[tuple[str, datetime.date | None]]:
    return list(
        Inspection.objects.filter(school=school)
        .order_by("start_date", "inspection_type")
        .values_list("inspection_type", "start_date")
    )


def edited(path: Path, old: str, new: str) -> bytes:
    text = path.read_bytes().decode("cp1252")
    assert old in text
    return text.replace(old, new, 1).encode("cp1252")


def snapshot() -> list:
    return list(Inspection.objects.order_by("pk").values())


@pytest.mark.parametrize(
    ("path", "layout"),
    [
        (REPORT_CARDS, "Report-card layout (November 2025 on): the header has "
                       "'Latest OEIF overall effectiveness'"),
        (LAYOUT_2021, "Layout of September 2021 to October 2025 (graded and ungraded "
                      "inspections): the header has 'Ungraded inspection overall outcome'"),
        (LAYOUT_2019, "Layout of September 2019 to August 2021 (full and section 8 "
                      "inspections): the header has 'Section 8 inspection overall outcome'"),
        (LAYOUT_2015, "Layout of September 2015 to August 2019 (common inspection framework): "
                      "the header has 'Quality of teaching, learning and assessment'"),
    ],
)  # fmt: skip
def test_each_layout_is_recognised_and_named_and_other_schools_skipped(mi_schools, path, layout):
    summary = ofsted_import(source=path)
    assert summary.layout == layout
    assert summary.applied and not summary.refused
    assert summary.skipped == {"schools not in the register": 1}
    assert summary.created > 0
    assert not Inspection.objects.exclude(school__in=mi_schools.values()).exists()


def test_report_card_layout_keeps_a_graded_inspection_without_overall_grade(mi_schools):
    ofsted_import(source=REPORT_CARDS)
    graded = Inspection.objects.get(school=mi_schools["cayley"])
    assert graded.inspection_type == InspectionType.GRADED
    assert (graded.start_date, graded.publication_date) == (day("14/01/2025"), day("20/02/2025"))
    assert graded.overall_effectiveness is None
    assert graded.judgements == [
        ("Quality of education", "Requires improvement"),
        ("Behaviour and attitudes", "Good"),
        ("Personal development", "Good"),
        ("Leadership and management", "Requires improvement"),
        ("Early years provision", "Good"),
    ]
    assert graded.safeguarding_effective is True
    (primary,) = inspections_in_year(schools=[mi_schools["cayley"]], year=2024)
    assert primary.inspections == [graded]


def test_rows_with_area_grades_are_report_cards_whatever_their_type(mi_schools):
    ofsted_import(source=REPORT_CARDS)
    card = Inspection.objects.get(school=mi_schools["bonner"], inspection_type="report_card")
    # The file calls it "S5 Inspection".
    assert (card.start_date, card.publication_date) == (day("11/11/2025"), day("10/12/2025"))
    assert card.areas == [
        ("Inclusion", "Strong standard"),
        ("Curriculum and teaching", "Expected standard"),
        ("Achievement", "Needs attention"),
        ("Attendance and behaviour", "Strong standard"),
        ("Personal development and wellbeing", "Expected standard"),
        ("Leadership and governance", "Expected standard"),
        ("Early years", "Strong standard"),
    ]
    assert card.safeguarding_met is True
    assert card.overall_effectiveness is None
    assert history(mi_schools["bonner"]) == [
        ("ungraded", day("12/03/2024")),
        ("report_card", day("11/11/2025")),
    ]


def test_an_area_graded_again_later_stays_on_its_card_with_its_own_date(mi_schools):
    ofsted_import(source=REPORT_CARDS)
    (card,) = Inspection.objects.filter(
        school=mi_schools["harbinger"], inspection_type="report_card"
    )
    assert card.start_date == day("18/11/2025")
    assert card.achievement == CardGrade.NEEDS_ATTENTION
    assert card.grade_dates["achievement"] == "2025-12-10"
    assert card.grade_dates["inclusion"] == "2025-11-18"
    assert card.grade_dates["safeguarding_met"] == "2025-11-18"
    assert card.category_of_concern == Concern.SIGNIFICANT_IMPROVEMENT
    assert card.summary == "Report card, lowest Urgent improvement"
    assert "Requires significant improvement" in card.concerns


def test_an_older_grade_is_never_written_over_a_report_card_or_moved_to_its_date(mi_schools):
    ofsted_import(source=LAYOUT_2021)
    ofsted_import(source=REPORT_CARDS)
    assert history(mi_schools["harbinger"]) == [
        ("graded", day("12/12/2017")),
        ("graded", day("08/03/2023")),
        ("report_card", day("18/11/2025")),
    ]
    graded = Inspection.objects.get(school=mi_schools["harbinger"], start_date=day("08/03/2023"))
    assert graded.overall_effectiveness == Grade.REQUIRES_IMPROVEMENT
    card = Inspection.objects.get(school=mi_schools["harbinger"], inspection_type="report_card")
    assert (card.overall_effectiveness, card.quality_of_education) == (None, None)
    assert current_outcome(school=mi_schools["harbinger"], as_at=day("31/12/2025")) == card
    # Marner's latest full inspection (no report card yet) is the 2017 one it had.
    assert history(mi_schools["marner"]) == [
        ("graded", day("01/07/2008")),
        ("graded", day("24/01/2017")),
        ("ungraded", day("15/05/2025")),
    ]


def test_2021_layout_records_ungraded_inspections_and_every_publication_date(mi_schools):
    ofsted_import(source=LAYOUT_2021)
    ungraded = Inspection.objects.get(school=mi_schools["marner"], inspection_type="ungraded")
    assert (ungraded.start_date, ungraded.publication_date) == (
        day("15/05/2025"),
        day("20/06/2025"),
    )
    assert ungraded.ungraded_outcome == "School remains Outstanding"
    previous = Inspection.objects.get(school=mi_schools["cayley"], start_date=day("06/11/2019"))
    assert (previous.publication_date, previous.overall_effectiveness) == (
        day("13/12/2019"),
        Grade.INADEQUATE,
    )
    assert previous.category_of_concern == Concern.SPECIAL_MEASURES
    assert (previous.quality_of_education, previous.safeguarding_effective) == (4, False)
    assert not Inspection.objects.filter(publication_date=None).exists()
    (primary,) = inspections_in_year(schools=mi_schools.values(), year=2024)
    assert sorted((i.school.name, i.inspection_type) for i in primary.inspections) == [
        ("Cayley", "graded"),
        ("Marner", "ungraded"),
    ]


def test_2019_layout_under_its_title_line_with_section_8_inspections(mi_schools):
    ofsted_import(source=LAYOUT_2019)
    cayley = Inspection.objects.get(school=mi_schools["cayley"], start_date=day("06/11/2019"))
    assert (cayley.overall_effectiveness, cayley.category_of_concern) == (4, "special_measures")
    assert (cayley.behaviour_and_attitudes, cayley.early_years_provision) == (3, 3)
    section_8 = Inspection.objects.get(school=mi_schools["harbinger"], inspection_type="ungraded")
    assert (section_8.start_date, section_8.publication_date, section_8.ungraded_outcome) == (
        day("05/02/2020"),
        day("10/03/2020"),
        "School remains Good",
    )
    assert history(mi_schools["bonner"]) == [
        ("graded", day("03/02/2015")),
        ("graded", day("07/03/2017")),
        ("ungraded", day("16/10/2019")),
    ]


def test_2015_layout_keeps_the_common_inspection_frameworks_judgements(mi_schools):
    ofsted_import(source=LAYOUT_2015)
    bonner = Inspection.objects.get(school=mi_schools["bonner"], start_date=day("07/03/2017"))
    assert bonner.overall_effectiveness == Grade.GOOD
    assert bonner.judgements == [
        ("Outcomes for pupils", "Good"),
        ("Quality of teaching, learning and assessment", "Good"),
        ("Personal development, behaviour and welfare", "Outstanding"),
        ("Leadership and management", "Good"),
        ("Early years provision", "Good"),
    ]
    harbinger = Inspection.objects.get(school=mi_schools["harbinger"], start_date=day("12/12/2017"))
    assert harbinger.sixth_form_provision == Grade.GOOD  # 16 to 19 study programmes
    previous = Inspection.objects.get(school=mi_schools["cayley"], start_date=day("11/05/2013"))
    assert previous.overall_effectiveness == Grade.GOOD


def test_files_of_every_layout_in_any_order_twice_change_nothing_the_second_time(mi_schools):
    for path in EVERY_LAYOUT:
        ofsted_import(source=path)
    before = snapshot()
    for path in reversed(EVERY_LAYOUT):
        summary = ofsted_import(source=path)
        assert (summary.created, summary.updated) == (0, 0), path.name
    assert snapshot() == before
    assert history(mi_schools["cayley"]) == [
        ("graded", day("11/05/2013")),
        ("graded", day("20/09/2016")),
        ("graded", day("06/11/2019")),
        ("graded", day("14/01/2025")),
    ]


def test_a_preview_counts_what_would_change_and_writes_nothing(mi_schools):
    preview = ofsted_import(source=LAYOUT_2021, apply=False)
    assert not preview.applied
    assert not Inspection.objects.exists()
    applied = ofsted_import(source=LAYOUT_2021)
    assert (preview.created, preview.updated) == (applied.created, applied.updated)
    assert "(preview: nothing written)" in str(preview)


def test_an_unknown_category_of_concern_refuses_that_row_with_its_reason(mi_schools):
    data = edited(REPORT_CARDS, ",RSI,", ",XYZ,")
    preview = ofsted_import(source=data, apply=False)
    (error,) = preview.refused
    assert str(error) == (
        "row 4, column 'Category of concern': 'XYZ' is not a category of concern this import "
        "knows (SM, SWK or RSI)"
    )
    with pytest.raises(ImportRefused, match="nothing has changed"):
        ofsted_import(source=data)
    assert not Inspection.objects.exists()
    summary = ofsted_import(source=data, leave_out_refused=True)
    assert summary.applied and len(summary.refused) == 1
    assert not Inspection.objects.filter(school=mi_schools["harbinger"]).exists()
    assert Inspection.objects.filter(school=mi_schools["bonner"]).exists()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (",4,SM,", ",Poor,SM,", "row 4, column 'Overall effectiveness': 'Poor' is not a grade"),
        (",06/11/2019,07/11/2019,", ",2019/31/12,07/11/2019,",
         "row 4, column 'Inspection start date': '2019/31/12' is not a date"),
        (",06/11/2019,07/11/2019,", ",31/12/9999,07/11/2019,",
         "row 4, column 'Inspection start date': '31/12/9999' is not a date from 1990"),
        ("\r\nNULL,130002,", "\r\nNULL,10000X,", "row 4, column 'URN': '10000X' is not a URN"),
        ("\r\nNULL,130002,", "\r\nNULL,99999999999,",
         "row 4, column 'URN': '99999999999' is not a URN"),
        ("\r\nNULL,130002,", "\r\nNULL,130001,",
         "row 4, column 'URN': URN 130001 appears twice in the file (rows 3 and 4)"),
        (",No,School remains Good", ",Perhaps,School remains Good",
         "row 3, column 'Did the latest section 8 inspection convert to a full inspection?': "
         "'Perhaps' should be 'Yes' or 'no'"),
    ],
)  # fmt: skip
def test_a_bad_value_refuses_its_row_naming_row_and_column(mi_schools, old, new, message):
    ofsted_import(source=LAYOUT_2015)
    before = snapshot()
    data = edited(LAYOUT_2019, old, new)
    with pytest.raises(ImportRefused) as refused:
        ofsted_import(source=data)
    assert str(refused.value.errors[0]).startswith(message)
    assert snapshot() == before


def test_a_header_of_no_known_layout_is_refused_saying_what_was_looked_for(mi_schools):
    data = edited(LAYOUT_2021, "Ungraded inspection overall outcome", "Outcome")
    with pytest.raises(ImportRefused) as refused:
        ofsted_import(source=data)
    message = str(refused.value.errors[0])
    assert message.startswith("row 1: the header matches no Ofsted layout this portal knows")
    assert "'Latest OEIF overall effectiveness' (Report-card layout (November 2025 on))" in message
    assert "'Quality of teaching, learning and assessment'" in message
    assert not Inspection.objects.exists()


def test_a_file_missing_a_column_of_its_layout_is_refused(mi_schools):
    data = edited(LAYOUT_2019, "Previous inspection start date", "Previous start")
    with pytest.raises(ImportRefused) as refused:
        ofsted_import(source=data)
    assert [str(error) for error in refused.value.errors] == [
        "row 2, column 'Previous inspection start date': this column is missing from the header row"
    ]


def test_a_file_without_a_urn_column_is_refused(mi_schools):
    with pytest.raises(ImportRefused, match="has a cell 'URN', which the header row has"):
        ofsted_import(source=b"Name,Grade\r\nBonner,2\r\n")


def test_command_previews_reports_and_refuses(mi_schools, tmp_path):
    out = io.StringIO()
    call_command("import_ofsted", str(LAYOUT_2021), "--preview", stdout=out)
    assert "(preview: nothing written)" in out.getvalue()
    assert not Inspection.objects.exists()
    out = io.StringIO()
    call_command("import_ofsted", str(LAYOUT_2021), stdout=out)
    assert "Layout of September 2021 to October 2025" in out.getvalue()
    assert "1 skipped: schools not in the register" in out.getvalue()
    bad = tmp_path / "bad.csv"
    bad.write_bytes(edited(REPORT_CARDS, ",RSI,", ",XYZ,"))
    with pytest.raises(CommandError, match="nothing has changed"):
        call_command("import_ofsted", str(bad))
    with pytest.raises(CommandError, match="1 problems in refused rows; nothing was written"):
        call_command("import_ofsted", str(bad), "--preview", stdout=io.StringIO())
    out = io.StringIO()
    call_command("import_ofsted", str(bad), "--leave-out-refused", stdout=out)
    assert "'XYZ' is not a category of concern" in out.getvalue()
    assert Inspection.objects.filter(school=mi_schools["bonner"], inspection_type="report_card")
