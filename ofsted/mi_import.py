"""Import of Ofsted's monthly management information, "State-funded schools: latest
inspections and outcomes", in each layout Ofsted has published since 2015 (the fixtures in
tests/fixtures/ofsted/ hold their header rows and say where each came from).

The layout is recognised by a column only it has, and the summary says which was read; a
header that matches none is refused, never guessed at. Each row describes a school's latest
inspections of each kind. Inspections new to the register are added, blanks in known ones are
filled in, and nothing is deleted, so files can be imported in any order and the same file
twice changes nothing. A row with a value this import cannot read is refused with its reason;
the other rows are written only if the office chooses to leave the refused ones out."""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.db.models import Q

from membership import standings
from membership.models import School
from ofsted.models import CardGrade, Concern, Inspection, InspectionType, Source
from ofsted.services import inspections_record
from thep import ranges, years
from thep.csvfiles import ImportRefused, RowError, read_rows
from thep.importing import ImportSummary, Progress, writing

Column = str | tuple[str, ...]  # a column's name, or the names it has had (first found is read)

NO_VALUE = {"", "9", "null", "n/a", "na", "not applicable", "not judged", "none"}
CARD_GRADES = {grade.label.lower(): grade.value for grade in CardGrade}
CONCERNS = {
    "sm": Concern.SPECIAL_MEASURES,
    "special measures": Concern.SPECIAL_MEASURES,
    "swk": Concern.SERIOUS_WEAKNESSES,
    "sw": Concern.SERIOUS_WEAKNESSES,
    "serious weaknesses": Concern.SERIOUS_WEAKNESSES,
    "rsi": Concern.SIGNIFICANT_IMPROVEMENT,
    "requires significant improvement": Concern.SIGNIFICANT_IMPROVEMENT,
}
DATE_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")
OUTCOME_LENGTH = Inspection._meta.get_field("ungraded_outcome").max_length or 0


class _Row:
    """Reads the values of one row, collecting every problem rather than stopping at the first."""

    def __init__(self, number: int, row: dict[str, str]) -> None:
        self.number, self.row = number, row
        self.errors: list[RowError] = []

    def fail(self, column: Column, message: str) -> None:
        self.errors.append(RowError(self.number, self.name(column), message))

    def name(self, column: Column) -> str:
        if isinstance(column, str):
            return column
        return next((name for name in column if name in self.row), column[0])

    def text(self, column: Column) -> str:
        value = self.row.get(self.name(column), "")
        return "" if value.lower() in NO_VALUE else value

    def date(self, column: Column) -> datetime.date | None:
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
            self.fail(column, f"'{value}' is not a date from {years.FIRST} to {years.LAST}")
            return None
        self.fail(column, f"'{value[:20]}' is not a date; Ofsted's dates are day first, 24/09/2019")
        return None

    def grade(self, column: Column) -> int | None:
        value = self.text(column)
        if not value:
            return None
        if value in ("1", "2", "3", "4"):
            return int(value)
        self.fail(column, f"'{value[:20]}' is not a grade: 1 to 4, or 9 or blank for none")
        return None

    def card_grade(self, column: Column) -> int | None:
        value = self.text(column)
        if not value:
            return None
        if value.lower() in CARD_GRADES:
            return CARD_GRADES[value.lower()]
        self.fail(column, f"'{value[:30]}' is not a report card grade such as 'Strong standard'")
        return None

    def yes_no(self, column: Column, yes: str = "yes", no: str = "no") -> bool | None:
        value = self.text(column).lower()
        if not value:
            return None
        if value in (yes, "yes"):
            return True
        if value in (no, "no"):
            return False
        self.fail(column, f"'{self.text(column)[:20]}' should be '{yes.capitalize()}' or '{no}'")
        return None

    def concern(self, column: Column) -> str:
        value = self.text(column).lower()
        if not value:
            return ""
        if value in CONCERNS:
            return CONCERNS[value]
        self.fail(
            column,
            f"'{self.text(column)[:30]}' is not a category of concern this import knows "
            "(SM, SWK or RSI)",
        )
        return ""

    def inspection_type(self, column: Column) -> str | None:
        value = self.text(column)
        if not value:
            self.fail(column, "the inspection has a start date but no type")
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
        self.fail(column, f"'{value[:40]}' is not an inspection type this import knows")
        return None

    def outcome(self, column: Column) -> str:
        value = self.text(column)
        if len(value) > OUTCOME_LENGTH:
            self.fail(column, f"longer than {OUTCOME_LENGTH} characters")
            return ""
        return value


@dataclass(frozen=True)
class At:
    """Where a layout says which school an inspection was of. A converter academy's latest
    inspection can be its predecessor's, under the URN and name the school had then."""

    relates: str  # "Does the latest full inspection relate to the URN of the current school?"
    urn: str
    name: str

    def columns(self) -> list[str]:
        return [self.relates, self.urn, self.name]


@dataclass(frozen=True)
class Of:
    """The school an inspection was of, when Ofsted's file says it was not the current one."""

    urn: int
    name: str
    column: str  # the column that gave the URN, for a message about the row


OF = "of"  # the key of an inspection's values that holds its Of, when it has one


@dataclass(frozen=True)
class Graded:
    """Where a layout gives one graded inspection (the latest, or the one before)."""

    start: Column
    overall: Column
    judgements: dict[str, Column]  # field -> column
    publication: Column | None = None
    concern: Column | None = None
    safeguarding: Column | None = None
    at: At | None = None

    def columns(self) -> list[Column]:
        optional = (self.publication, self.concern, self.safeguarding)
        given = [column for column in optional if column is not None]
        at = self.at.columns() if self.at else []
        return [self.start, self.overall, *self.judgements.values(), *given, *at]


@dataclass(frozen=True)
class Ungraded:
    """Where a layout gives the latest ungraded (section 8, short) inspection."""

    start: Column
    publication: Column
    outcome: Column
    converted: Column | None = None  # "Yes" when it became a graded inspection
    at: At | None = None

    def columns(self) -> list[Column]:
        columns = [self.start, self.publication, self.outcome]
        if self.converted is not None:
            columns.append(self.converted)
        return columns + (self.at.columns() if self.at else [])


def _urn_in(value: str) -> int | None:
    low, high = ranges.URN
    if value.isascii() and value.isdigit() and low <= int(value) <= high:
        return int(value)
    return None


def _of(reader: _Row, at: At | None) -> dict:
    """{OF: the school inspected} when the file says the inspection was not of this URN."""
    if at is None or reader.yes_no(at.relates) is not False:
        return {}
    value = reader.text(at.urn)
    urn = _urn_in(value)
    if urn is None:
        given = f"'{value[:20]}' is not a URN (6 digits)" if value else "no URN is given"
        reader.fail(at.urn, f"{given}, yet '{at.relates}' says No: the inspection was of "
                    "another school")  # fmt: skip
        return {}
    return {OF: Of(urn, reader.text(at.name), at.urn)}


def _graded(reader: _Row, where: Graded) -> list[dict]:
    values = {
        "inspection_type": InspectionType.GRADED,
        "start_date": reader.date(where.start),
        "publication_date": reader.date(where.publication) if where.publication else None,
        "overall_effectiveness": reader.grade(where.overall),
        "category_of_concern": reader.concern(where.concern) if where.concern else "",
        "safeguarding_effective": reader.yes_no(where.safeguarding) if where.safeguarding else None,
        **{name: reader.grade(column) for name, column in where.judgements.items()},
    }
    if values["start_date"] or values["publication_date"]:
        return [values | _of(reader, where.at)]
    if any(value not in (None, "") for name, value in values.items() if name != "inspection_type"):
        reader.fail(where.start, "the inspection has grades but no date")
    return []


def _ungraded(reader: _Row, where: Ungraded) -> list[dict]:
    start = reader.date(where.start)
    published = reader.date(where.publication)
    outcome = reader.outcome(where.outcome)
    if start is None:
        if outcome:
            reader.fail(where.start, "the ungraded outcome has no date")
        return []
    if where.converted and reader.yes_no(where.converted):
        return []  # it became the graded inspection the row gives
    return [
        {
            "inspection_type": InspectionType.UNGRADED,
            "start_date": start,
            "publication_date": published,
            "ungraded_outcome": outcome,
            **_of(reader, where.at),
        }
    ]


# Report-card layout (November 2025 on): the latest full inspection, with the report card's
# areas each dated, then the latest graded inspection under the previous framework ("OEIF"),
# then the latest ungraded one.
AREAS = {
    "inclusion": ("Inclusion", "Inclusion - date of grade"),
    "curriculum_and_teaching": (
        "Curriculum and teaching",
        "Curriculum and teaching - date of grade",
    ),
    "achievement": ("Achievement", "Achievement - date of grade"),
    "attendance_and_behaviour": (
        "Attendance and behaviour",
        "Attendance and behaviour - date of grade",
    ),
    "personal_development_and_wellbeing": (
        "Personal development and wellbeing",
        "Personal development and wellbeing - date of grade",
    ),
    "early_years": ("Early years (where applicable)", "Early years - date of grade"),
    "post_16": ("Post-16 provision (where applicable)", "Post-16 provision - date of grade"),
    "leadership_and_governance": (
        "Leadership and governance",
        "Leadership and governance - date of grade",
    ),
}
SAFEGUARDING = ("Safeguarding standards", "Safeguarding standards - date of grade")
LATEST_FULL_AT = At(
    relates="Does the latest full inspection relate to the URN of the current school?",
    urn="URN at time of latest full inspection",
    name="School name at time of latest full inspection",
)
UNGRADED_AT = At(
    relates="Does the ungraded inspection relate to the URN of the current school?",
    urn="URN at time of the ungraded inspection",
    name="School name at time of the ungraded inspection",
)
OEIF = Graded(
    start="Inspection start date of latest OEIF graded inspection",
    publication="Publication date of latest OEIF graded inspection",
    overall="Latest OEIF overall effectiveness",
    concern="Latest OEIF category of concern",
    safeguarding="Latest OEIF  safeguarding is effective?",  # two spaces, as published
    at=At(
        relates="Does the latest OEIF graded inspection relate to the URN of the current school?",
        urn="URN at time of latest OEIF graded inspection",
        name="School name at time of latest OEIF graded inspection",
    ),
    judgements={
        "quality_of_education": "Latest OEIF quality of education",
        "behaviour_and_attitudes": "Latest OEIF behaviour and attitudes",
        "personal_development": "Latest OEIF personal development",
        "leadership_and_management": "Latest OEIF effectiveness of leadership and management",
        "early_years_provision": "Latest OEIF early years provision (where applicable)",
        "sixth_form_provision": "Latest OEIF sixth form provision (where applicable)",
    },
)
UNGRADED = Ungraded(
    start="Date of latest ungraded inspection",
    publication="Ungraded inspection publication date",
    outcome="Ungraded inspection overall outcome",
    at=UNGRADED_AT,
)


def _report_card_layout(reader: _Row) -> list[dict]:
    found = _graded(reader, OEIF) + _ungraded(reader, UNGRADED)
    start = reader.date("Inspection start date")
    grades = {name: reader.card_grade(grade) for name, (grade, _) in AREAS.items()}
    safeguarding = reader.yes_no(SAFEGUARDING[0], "met", "not met")
    dates = {name: reader.date(day) for name, (_, day) in AREAS.items() if grades[name]}
    if safeguarding is not None:
        dates["safeguarding_met"] = reader.date(SAFEGUARDING[1])
    concern = reader.concern("Category of concern")
    if start is None:
        if dates:
            reader.fail("Inspection start date", "the report card has grades but no start date")
        return found
    # Areas graded make the latest full inspection a report card, whatever its type says
    # ("S5 Inspection" too); an area graded again later stays on this card, with its date.
    if dates:
        found.append(
            {
                "inspection_type": InspectionType.REPORT_CARD,
                "start_date": start,
                "publication_date": reader.date("Publication date"),
                "category_of_concern": concern,
                "safeguarding_met": safeguarding,
                "grade_dates": {name: day.isoformat() for name, day in dates.items() if day},
                **grades,
                **_of(reader, LATEST_FULL_AT),
            }
        )
        return found
    kind = reader.inspection_type("Inspection type")
    if kind is None or any(values.get("start_date") == start for values in found):
        return found  # the latest full inspection is the OEIF graded (or ungraded) one above
    found.append(
        {
            "inspection_type": kind,
            "start_date": start,
            "publication_date": reader.date("Publication date"),
            "category_of_concern": concern,
            **_of(reader, LATEST_FULL_AT),
        }
    )
    return found


@dataclass(frozen=True)
class Layout:
    name: str
    mark: str  # a column no other layout has (checked in the order of LAYOUTS)
    latest: Graded
    previous: Graded | None = None
    ungraded: Ungraded | None = None
    # Columns of the layout the import reads when the file has them: the 2015-19 layout is
    # known from public parsers only in part.
    optional: tuple[Column, ...] = ()
    parse: Callable[[_Row], list[dict]] | None = None
    extra: tuple[str, ...] = ()  # further columns the parse reads

    @property
    def required(self) -> list[Column]:
        columns: list[Column] = ["URN", self.mark, *self.extra, *self.latest.columns()]
        for part in (self.previous, self.ungraded):
            if part is not None:
                columns += part.columns()
        return list(dict.fromkeys(columns))

    def read(self, reader: _Row) -> list[dict]:
        if self.parse is not None:
            return self.parse(reader)
        found = _graded(reader, self.latest)
        if self.previous is not None:
            found += _graded(reader, self.previous)
        if self.ungraded is not None:
            found += _ungraded(reader, self.ungraded)
        return found


def _eif(*, previous: bool, overall: str, at: At) -> Graded:
    """The education inspection framework's judgements (September 2019 to August 2024), of
    the latest graded inspection or of the one before ("Previous quality of education")."""

    def named(name: str) -> str:
        return f"Previous {name[0].lower()}{name[1:]}" if previous else name

    return Graded(
        start=named("Inspection start date"),
        publication=named("Publication date"),
        overall=overall,
        concern=named("Category of concern"),
        safeguarding=named("Safeguarding is effective?"),
        judgements={
            "quality_of_education": named("Quality of education"),
            "behaviour_and_attitudes": named("Behaviour and attitudes"),
            "personal_development": named("Personal development"),
            "leadership_and_management": named("Effectiveness of leadership and management"),
            "early_years_provision": named("Early years provision (where applicable)"),
            "sixth_form_provision": named("Sixth form provision (where applicable)"),
        },
        at=at,
    )


def _at(inspection: str) -> At:
    """Where the 2019 and 2021 layouts say which school their "latest full inspection",
    "previous graded inspection" (and the like) was of."""
    return At(
        relates=f"Does the {inspection} relate to the URN of the current school?",
        urn=f"URN at time of {inspection}",
        name=f"School name at time of {inspection}",
    )


LAYOUTS = (
    Layout(
        name="Report-card layout (November 2025 on)",
        mark="Latest OEIF overall effectiveness",
        latest=OEIF,
        ungraded=UNGRADED,
        parse=_report_card_layout,
        extra=(
            "Inspection start date",
            "Inspection type",
            "Publication date",
            "Category of concern",
            *SAFEGUARDING,
            *LATEST_FULL_AT.columns(),
            *(column for pair in AREAS.values() for column in pair),
        ),
    ),
    Layout(
        name="Layout of September 2021 to October 2025 (graded and ungraded inspections)",
        mark="Ungraded inspection overall outcome",
        latest=_eif(
            previous=False,
            overall="Overall effectiveness",
            at=_at("latest graded inspection"),
        ),
        previous=_eif(
            previous=True,
            overall="Previous graded inspection overall effectiveness",
            at=_at("previous graded inspection"),
        ),
        ungraded=Ungraded(
            start="Date of latest ungraded inspection",
            publication="Ungraded inspection publication date",
            outcome="Ungraded inspection overall outcome",
            converted="Did the latest ungraded inspection convert to a graded inspection?",
            at=UNGRADED_AT,
        ),
    ),
    Layout(
        name="Layout of September 2019 to August 2021 (full and section 8 inspections)",
        mark="Section 8 inspection overall outcome",
        latest=_eif(
            previous=False, overall="Overall effectiveness", at=_at("latest full inspection")
        ),
        previous=_eif(
            previous=True,
            overall="Previous full inspection overall effectiveness",
            at=_at("previous full inspection"),
        ),
        ungraded=Ungraded(
            start="Date of latest section 8 inspection",
            publication="Section 8 inspection publication date",
            outcome="Section 8 inspection overall outcome",
            converted="Did the latest section 8 inspection convert to a full inspection?",
            at=At(
                relates="Does the section 8 inspection relate to the URN of the current school?",
                urn="URN at time of the section 8 inspection",
                name="School name at time of the latest section 8 inspection",
            ),
        ),
    ),
    Layout(
        name="Layout of September 2015 to August 2019 (common inspection framework)",
        mark="Quality of teaching, learning and assessment",
        latest=Graded(
            start=("Inspection start date", "Inspection date"),
            publication="Publication date",
            overall="Overall effectiveness",
            concern="Category of concern",
            safeguarding="Is safeguarding effective?",
            judgements={
                "outcomes_for_pupils": (
                    "Outcomes for pupils",
                    "Outcomes for children and learners",
                ),
                "teaching_learning_and_assessment": "Quality of teaching, learning and assessment",
                "personal_development_behaviour_and_welfare": (
                    "Personal development, behaviour and welfare"
                ),
                "leadership_and_management": "Effectiveness of leadership and management",
                "early_years_provision": "Early years provision (where applicable)",
                "sixth_form_provision": (
                    "16 to 19 study programmes",
                    "16-19 study programmes",
                    "16 - 19 study programmes",
                ),
            },
            at=_at("latest full inspection"),
        ),
        previous=Graded(
            start=("Previous inspection start date", "Previous full inspection date"),
            publication="Previous publication date",
            overall="Previous full inspection overall effectiveness",
            judgements={},
            at=_at("previous full inspection"),
        ),
        ungraded=Ungraded(
            start="Date of latest short inspection",
            publication="Short inspection publication date",
            outcome="Short inspection overall outcome",
            converted="Did the latest short inspection convert to a full inspection?",
        ),
        optional=(
            *_at("latest full inspection").columns(),
            *_at("previous full inspection").columns(),
            "Publication date",
            "Category of concern",
            "Is safeguarding effective?",
            "Previous publication date",
            "Short inspection publication date",
            "Short inspection overall outcome",
        ),
    ),
)


def _columns_missing(layout: Layout, header: list[str]) -> list[str]:
    missing = []
    for column in layout.required:
        if column in layout.optional:
            continue
        names = (column,) if isinstance(column, str) else column
        if not any(name in header for name in names):
            missing.append(names[0])
    return missing


def _layout(header: list[str], line: int) -> Layout:
    for layout in LAYOUTS:
        if layout.mark in header:
            return layout
    looked_for = "; ".join(f"'{layout.mark}' ({layout.name})" for layout in LAYOUTS)
    raise ImportRefused(
        [RowError(line, "", f"the header matches no Ofsted layout this portal knows: "
                  f"it has none of {looked_for}")]
    )  # fmt: skip


def _urn(reader: _Row) -> int | None:
    value = reader.row.get("URN", "")
    urn = _urn_in(value)
    if urn is None:
        reader.fail("URN", f"'{value[:20]}' is not a URN (6 digits)")
    return urn


# Inspections are written this many rows at a time (with the standings they change), so that
# an import of every school in England holds one batch of model rows, not the whole file's.
BATCH_ROWS = 1000
PREDECESSOR_MISSING = (
    "inspections of a predecessor school that is not in the register (GIAS lists closed "
    "schools: import its file, then this one again)"
)
LINKED = "schools linked to the predecessor school whose inspection Ofsted's file gives"
MOVED = (
    "inspections of a predecessor school taken off its successor, where an earlier import had "
    "put them"
)


@dataclass(frozen=True)
class _Listed:
    """A school of the register, as the import needs it."""

    pk: int
    predecessor_id: int | None


class _Register:
    """The register's schools by URN, and the predecessors this file gives them."""

    def __init__(self) -> None:
        self.by_urn = {
            urn: _Listed(pk, predecessor_id)
            for urn, pk, predecessor_id in School.objects.values_list("urn", "pk", "predecessor_id")
        }
        self.links: dict[int, int] = {}  # school id -> the predecessor's id, to be written

    def predecessor_id(self, school: _Listed) -> int | None:
        return school.predecessor_id or self.links.get(school.pk)

    def earlier(self, school_id: int | None) -> list[int]:
        """The ids of a school's predecessors, theirs in turn, and so on."""
        found: list[int] = []
        while school_id is not None and school_id not in found:
            found.append(school_id)
            school_id = self.links.get(school_id) or (
                School.objects.filter(pk=school_id).values_list("predecessor_id", flat=True).get()
            )
        return found

    def school_of(self, reader: _Row, school: _Listed, of: Of | None) -> int | None:
        """The id of the school an inspection was of: `school`, or a predecessor of it (linked
        to it if it had none). None if that is not in the register, or (with a reason for the
        row) if the register gives `school` another predecessor."""
        inspected = school if of is None else self.by_urn.get(of.urn)
        if of is None or inspected is None or inspected.pk == school.pk:
            return inspected.pk if inspected else None
        known = self.predecessor_id(school)
        if known is None:
            self.links[school.pk] = inspected.pk
        elif inspected.pk not in self.earlier(known):
            other = School.objects.only("name", "urn").get(pk=known)
            named = f"{of.name} (URN {of.urn})" if of.name else f"URN {of.urn}"
            reader.fail(
                of.column,
                f"Ofsted's file says this inspection was of {named}, but the register gives "
                f"{other.name} (URN {other.urn}) as this school's predecessor: correct the "
                "predecessor in the register, or leave this row out",
            )
            return None
        return inspected.pk


def _kept(values: dict) -> dict:
    """An inspection's values without the blanks (which never overwrite what is held), so
    that the file's inspections take less memory until they are written."""
    return {name: value for name, value in values.items() if value not in (None, "", {})}


def ofsted_import(
    *,
    source: str | Path | bytes | BinaryIO,
    apply: bool = True,
    leave_out_refused: bool = False,
    progress: Progress | None = None,
) -> ImportSummary:
    """Read an Ofsted MI file whole, then record its inspections (thep.importing says how a
    preview, refused rows and leaving them out work).

    An inspection the file says was of another URN (a converter academy's predecessor, say)
    is recorded under that school, which the current one is linked to if it had no
    predecessor: the portal then counts the academy by its predecessor's outcome until it is
    inspected itself, as Ofsted and THEP's own tables do, marked as the predecessor's."""
    summary = ImportSummary(what="Ofsted inspections")
    chosen: list[Layout] = []

    def choose(header: list[str], line: int) -> None:
        layout = _layout(header, line)
        missing = _columns_missing(layout, header)
        if missing:
            raise ImportRefused(
                [RowError(line, name, "this column is missing from the header row")
                 for name in missing]
            )  # fmt: skip
        summary.layout = f"{layout.name}: the header has '{layout.mark}'"
        chosen.append(layout)

    rows = read_rows(
        source, required=["URN"], header_has="URN", on_header=choose, progress=progress
    )
    register = _Register()
    # Each row's school id, and its inspections: (id of the school inspected, values).
    found: list[tuple[int, list[tuple[int, dict]]]] = []
    seen: dict[int, int] = {}
    for number, row in rows:
        reader = _Row(number, row)
        if not row.get("URN"):
            summary.skip("rows with no URN (notes below the table)")
            continue
        urn = _urn(reader)
        if urn is not None and urn in seen:
            reader.fail("URN", f"URN {urn} appears twice in the file (rows {seen[urn]} and "
                        f"{reader.number})")  # fmt: skip
        inspections = chosen[0].read(reader)
        if reader.errors:
            summary.refused.extend(reader.errors)
            continue
        if urn is None:  # a bad URN is one of the errors
            raise ValueError(f"Row {reader.number}: no URN, yet no error recorded.")
        seen[urn] = reader.number
        school = register.by_urn.get(urn)
        if school is None:
            summary.skip("schools not in the register")
            continue
        kept = [(register.school_of(reader, school, values.pop(OF, None)), _kept(values))
                for values in inspections]  # fmt: skip
        if reader.errors:
            register.links.pop(school.pk, None)
            summary.refused.extend(reader.errors)
            continue
        for _ in range(sum(school_id is None for school_id, _ in kept)):
            summary.skip(PREDECESSOR_MISSING)
        found.append((school.pk, [(school_id, values) for school_id, values in kept if school_id]))
    with writing(summary, apply=apply, leave_out_refused=leave_out_refused):
        _link(register.links, summary)
        for start in range(0, len(found), BATCH_ROWS):
            _record(found[start : start + BATCH_ROWS], summary)
    return summary


def _link(links: dict[int, int], summary: ImportSummary) -> None:
    with standings.batched():
        for school in School.objects.filter(pk__in=links):
            school.predecessor_id = links[school.pk]
            school.save(update_fields=["predecessor"])
            summary.also(LINKED)


def _record(rows: list[tuple[int, list[tuple[int, dict]]]], summary: ImportSummary) -> None:
    inspections = [inspection for _, row in rows for inspection in row]
    schools = School.objects.only("urn", "name", "predecessor_id").in_bulk(
        {school_id for school_id, _ in inspections}
    )
    counts = inspections_record(
        found=[(schools[school_id], values) for school_id, values in inspections],
        source=Source.IMPORT,
    )
    summary.created += counts["created"]
    summary.updated += counts["updated"]
    summary.unchanged += counts["unchanged"]
    _take_off_successors(rows, summary)


def _take_off_successors(
    rows: list[tuple[int, list[tuple[int, dict]]]], summary: ImportSummary
) -> None:
    """Files read before the portal knew which school an inspection was of put a predecessor's
    inspection under the academy too: an imported copy there is removed, so the academy is not
    counted as inspected itself. What the office entered by hand stays, and so does a copy a
    strategy meeting was proposed on, which is for the directors to correct."""
    copies = Q()
    for row_school_id, inspections in rows:
        for school_id, values in inspections:
            if school_id != row_school_id and values.get("start_date"):
                copies |= Q(
                    school_id=row_school_id,
                    inspection_type=values["inspection_type"],
                    start_date=values["start_date"],
                )
    if not copies:
        return
    with standings.batched():
        for inspection in Inspection.objects.filter(
            copies, source=Source.IMPORT, strategy_meeting__isnull=True
        ):
            inspection.delete()
            summary.also(MOVED)
