"""Import of Ofsted's monthly management information ("state-funded schools - latest
inspections"), in the column set used up to 2025 and the one used with report cards.

Each row describes a school's latest inspections. Inspections new to the register are added,
blanks in known ones are filled in, and nothing is ever deleted, so files can be imported in
any order, and the same file twice changes nothing. A file with any bad value is refused whole."""

import csv
import datetime
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.db import transaction

from membership import standings
from membership.models import School
from ofsted.models import CardGrade, Concern, Inspection, InspectionType, Source
from ofsted.services import inspection_record
from thep import ranges, years
from thep.csvfiles import ImportRefused, RowError, decode, read_rows

OLD_COLUMNS = {
    "Overall effectiveness": "overall_effectiveness",
    "Quality of education": "quality_of_education",
    "Behaviour and attitudes": "behaviour_and_attitudes",
    "Personal development": "personal_development",
    "Effectiveness of leadership and management": "leadership_and_management",
    "Early years provision (where applicable)": "early_years_provision",
    "Sixth form provision (where applicable)": "sixth_form_provision",
}
OLD_REQUIRED = (
    "URN",
    "Inspection start date",
    "Publication date",
    "Inspection type",
    "Category of concern",
    *OLD_COLUMNS,
    "Safeguarding is effective?",
    "Previous inspection start date",
    "Previous graded inspection overall effectiveness",
)
AREA_COLUMNS = {
    "Inclusion": "inclusion",
    "Curriculum and teaching": "curriculum_and_teaching",
    "Achievement": "achievement",
    "Attendance and behaviour": "attendance_and_behaviour",
    "Personal development and wellbeing": "personal_development_and_wellbeing",
    "Leadership and governance": "leadership_and_governance",
    "Early years (where applicable)": "early_years",
    "Post-16 (where applicable)": "post_16",
}
NEW_REQUIRED = (
    "URN",
    "Inspection start date",
    "Inspection type",
    "Category of concern",
    "Safeguarding standards",
    *AREA_COLUMNS,
    *(f"{column} - date of grade" for column in AREA_COLUMNS),
    "Latest OEIF overall effectiveness",
    "Publication date of latest OEIF graded inspection",
    "Date of latest ungraded inspection",
    "Ungraded inspection overall outcome",
)
NO_VALUE = {"", "9", "null", "n/a", "na", "not applicable", "not judged", "none"}
CARD_GRADES = {grade.label.lower(): grade.value for grade in CardGrade}
CONCERNS = {
    "sm": Concern.SPECIAL_MEASURES,
    "special measures": Concern.SPECIAL_MEASURES,
    "swk": Concern.SERIOUS_WEAKNESSES,
    "sw": Concern.SERIOUS_WEAKNESSES,
    "serious weaknesses": Concern.SERIOUS_WEAKNESSES,
}
DATE_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")
OUTCOME_LENGTH = Inspection._meta.get_field("ungraded_outcome").max_length or 0


@dataclass(frozen=True)
class OfstedImportResult:
    file_format: str
    created: int
    updated: int
    unchanged: int
    skipped_rows: int

    def __str__(self) -> str:
        return (
            f"{self.file_format} file: {self.created} inspections added, {self.updated} "
            f"updated, {self.unchanged} already known; {self.skipped_rows} rows skipped "
            "(schools not in the register)"
        )


class _Row:
    """Reads the values of one row, collecting every problem rather than stopping at the first."""

    def __init__(self, number: int, row: dict[str, str], errors: list[RowError]) -> None:
        self.number, self.row, self.errors = number, row, errors

    def _fail(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.number, column, message))

    def text(self, column: str) -> str:
        value = self.row.get(column, "")
        return "" if value.lower() in NO_VALUE else value

    def date(self, column: str) -> datetime.date | None:
        value = self.text(column)
        if not value:
            return None
        for pattern in DATE_FORMATS:
            try:
                day = datetime.datetime.strptime(value, pattern).date()
            except ValueError:
                continue
            if years.FIRST <= day.year <= years.LAST:
                return day
            self._fail(column, f"'{value}' is not a date from {years.FIRST} to {years.LAST}")
            return None
        self._fail(
            column, f"'{value[:20]}' is not a date; Ofsted's dates are day first, 24/09/2019"
        )
        return None

    def grade(self, column: str) -> int | None:
        value = self.text(column)
        if not value:
            return None
        if value in ("1", "2", "3", "4"):
            return int(value)
        self._fail(column, f"'{value}' is not a grade: 1 to 4, or 9 or blank for none")
        return None

    def card_grade(self, column: str) -> int | None:
        value = self.text(column)
        if not value:
            return None
        if value.lower() in CARD_GRADES:
            return CARD_GRADES[value.lower()]
        self._fail(column, f"'{value}' is not a report card grade such as 'Strong standard'")
        return None

    def yes_no(self, column: str, yes: str, no: str) -> bool | None:
        value = self.text(column).lower()
        if not value:
            return None
        if value in (yes, "yes"):
            return True
        if value in (no, "no"):
            return False
        self._fail(column, f"'{self.text(column)}' should be '{yes.capitalize()}' or '{no}'")
        return None

    def concern(self, column: str) -> str:
        value = self.text(column).lower()
        if not value:
            return ""
        if value in CONCERNS:
            return CONCERNS[value]
        self._fail(column, f"'{self.text(column)}' is not a category of concern")
        return ""

    def inspection_type(self, column: str, *, needed: bool) -> str | None:
        value = self.text(column)
        if not value:
            if needed:
                self._fail(column, "the inspection has a start date but no type")
            return None
        words = re.sub(r"[^a-z0-9]+", " ", value.lower())
        if "monitoring" in words:
            return InspectionType.MONITORING
        if "report card" in words or "renewed" in words:
            return InspectionType.REPORT_CARD
        if "ungraded" in words or re.search(r"\b(s|section )8\b", words) or "short" in words:
            return InspectionType.UNGRADED
        if "graded" in words or re.search(r"\b(s|section )5\b", words) or "full" in words:
            return InspectionType.GRADED
        self._fail(column, f"'{value}' is not an inspection type this import knows")
        return None


def _urn(reader: _Row) -> int | None:
    value = reader.row.get("URN", "")
    low, high = ranges.URN
    if not (value.isascii() and value.isdigit() and low <= int(value) <= high):
        reader._fail("URN", f"'{value[:20]}' is not a URN (6 digits)")
        return None
    return int(value)


def _old_format(reader: _Row) -> list[dict]:
    """The latest inspection, and the previous graded one when the file names it."""
    found = []
    start = reader.date("Inspection start date")
    kind = reader.inspection_type("Inspection type", needed=start is not None)
    values = {
        "inspection_type": kind,
        "start_date": start,
        "publication_date": reader.date("Publication date"),
        "category_of_concern": reader.concern("Category of concern"),
        "safeguarding_effective": reader.yes_no("Safeguarding is effective?", "yes", "no"),
        **{field: reader.grade(column) for column, field in OLD_COLUMNS.items()},
    }
    if start is not None:
        found.append(values)
    elif any(value not in (None, "") for value in values.values()):
        reader._fail("Inspection start date", "the inspection has grades but no start date")
    previous = reader.date("Previous inspection start date")
    previous_grade = reader.grade("Previous graded inspection overall effectiveness")
    if previous is not None and previous_grade is not None:
        found.append(
            {
                "inspection_type": InspectionType.GRADED,
                "start_date": previous,
                "overall_effectiveness": previous_grade,
            }
        )
    return found


def _new_format(reader: _Row) -> list[dict]:
    found: list[dict] = []
    start = reader.date("Inspection start date")
    kind = reader.inspection_type("Inspection type", needed=start is not None)
    # Each area's grade carries the date it was given: grades given on the same day are one
    # report card, and the one given on the latest inspection's start day is that inspection.
    cards: dict[datetime.date, dict] = {}
    for column, field in AREA_COLUMNS.items():
        grade = reader.card_grade(column)
        graded_on = reader.date(f"{column} - date of grade")
        if grade is None:
            continue
        if graded_on is None:
            graded_on = start
            if graded_on is None:
                reader._fail(f"{column} - date of grade", "the grade has no date")
                continue
        cards.setdefault(graded_on, {})[field] = grade
    safeguarding = reader.yes_no("Safeguarding standards", "met", "not met")
    concern = reader.concern("Category of concern")
    for graded_on, grades in cards.items():
        card = {"inspection_type": InspectionType.REPORT_CARD, "start_date": graded_on, **grades}
        if graded_on == start:
            card.update(safeguarding_met=safeguarding, category_of_concern=concern)
        found.append(card)
    if (
        start is not None
        and kind is not None
        and not (kind == InspectionType.REPORT_CARD and start in cards)
    ):
        latest = {"inspection_type": kind, "start_date": start, "category_of_concern": concern}
        if kind == InspectionType.REPORT_CARD:
            latest["safeguarding_met"] = safeguarding
        found.append(latest)
    oeif = reader.grade("Latest OEIF overall effectiveness")
    published = reader.date("Publication date of latest OEIF graded inspection")
    if oeif is not None or published is not None:
        graded = {
            "inspection_type": InspectionType.GRADED,
            "publication_date": published,
            "overall_effectiveness": oeif,
        }
        if kind == InspectionType.GRADED and start is not None:
            # The latest inspection was itself the graded one.
            found = [item for item in found if item.get("start_date") != start]
            graded["start_date"] = start
        elif published is None:
            reader._fail(
                "Publication date of latest OEIF graded inspection",
                "the overall grade has no publication date",
            )
            graded = {}
        if graded:
            found.append(graded)
    ungraded_on = reader.date("Date of latest ungraded inspection")
    ungraded_outcome = reader.text("Ungraded inspection overall outcome")
    if len(ungraded_outcome) > OUTCOME_LENGTH:
        reader._fail(
            "Ungraded inspection overall outcome", f"longer than {OUTCOME_LENGTH} characters"
        )
    if ungraded_on is not None:
        found = [
            item
            for item in found
            if not (
                item["inspection_type"] == InspectionType.UNGRADED
                and item.get("start_date") == ungraded_on
            )
        ]
        found.append(
            {
                "inspection_type": InspectionType.UNGRADED,
                "start_date": ungraded_on,
                "ungraded_outcome": ungraded_outcome,
            }
        )
    elif ungraded_outcome:
        reader._fail("Date of latest ungraded inspection", "the ungraded outcome has no date")
    return found


def _header(data: bytes) -> list[str]:
    first = next(csv.reader(io.StringIO(decode(data), newline="")), [])
    return [name.strip() for name in first]


def ofsted_import(*, source: str | Path | bytes | BinaryIO) -> OfstedImportResult:
    """Add the inspections in an Ofsted MI file. All or nothing: any bad value raises
    ImportRefused naming its row and column, and nothing changes."""
    if isinstance(source, (str, Path)):
        data = Path(source).read_bytes()
    elif isinstance(source, bytes):
        data = source
    else:
        data = source.read()
    header = _header(data)
    if "Latest OEIF overall effectiveness" in header:
        file_format, required, parse = "Report card", NEW_REQUIRED, _new_format
    else:
        file_format, required, parse = "Older", OLD_REQUIRED, _old_format
    schools = {school.urn: school for school in School.objects.all()}
    errors: list[RowError] = []
    found: list[tuple[School, dict]] = []
    skipped = 0
    seen: dict[int, int] = {}
    for number, row in read_rows(data, required=required):
        reader = _Row(number, row, errors)
        urn = _urn(reader)
        if urn is None:
            continue
        if urn in seen:
            reader._fail(
                "URN", f"URN {urn} appears twice in the file (rows {seen[urn]} and {number})"
            )
        seen[urn] = number
        inspections = parse(reader)
        if urn not in schools:
            skipped += 1
            continue
        found.extend((schools[urn], values) for values in inspections)
    if errors:
        raise ImportRefused(errors)
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    with transaction.atomic(), standings.batched():
        for school, values in found:
            _inspection, outcome = inspection_record(
                school=school, values=values, source=Source.IMPORT
            )
            counts[outcome] += 1
    return OfstedImportResult(file_format=file_format, skipped_rows=skipped, **counts)
