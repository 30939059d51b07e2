"""Import of the DfE's school-level performance files: key stage 2, 4 and 5 results and absence
from "Compare school and college performance" (england_ks2final.csv, england_ks4final.csv,
england_ks5final.csv, england_abs.csv), and suspensions and permanent exclusions from Explore
Education Statistics (its school-level file). tests/fixtures/dfe/ holds their header rows and
says where each came from.

The office chooses the kind of file and the academic year; a header of another kind is refused,
and so is a file whose year column has no row of that year (rows of other years are left out).
The file's figures for that year replace those an earlier import of the same kind gave. Rows of
schools in the register give their figures, with their national percentile and quintile among
every school in the file; rows of other schools count only in those; the rows of a local
authority with schools in the register, of London and of England give the area figures as the
DfE published them. A cell the DfE withheld ("SUPP", "NE", "x", "c", ...) is kept as not
published with its reason, never as zero; a figure outside its measure's range is refused.

The DfE's provisional releases have the same layouts: the office marks such an import
provisional. Its figures are held marked so until a final import of the year replaces them;
a provisional import never replaces a final figure (final always wins)."""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from itertools import islice
from pathlib import Path
from typing import BinaryIO

from membership.models import School
from outcomes.models import RANGES, Area, Figure, Group, Measure, standing
from outcomes.selectors import MEDIANS
from thep import ranges, shared, years
from thep.csvfiles import ImportRefused, RowError, read_rows
from thep.importing import ImportSummary, Progress, writing

# What the DfE writes where a figure is withheld (performance tables' codes, then Explore
# Education Statistics' symbols), and why, as the office and heads read it.
NOT_PUBLISHED = {
    "supp": "suppressed: too few pupils to publish",
    "ne": "no pupils were entered",
    "np": "not published",
    "na": "not applicable",
    "lowcov": "too few pupils covered by the measure",
    "dns": "the school did not submit data",
    "x": "not available",
    "c": "withheld to protect confidentiality",
    "z": "not applicable",
    "low": "rounds to zero",
    "u": "low reliability",
    ":": "not available",
}
HUNDREDTH = Decimal("0.01")
OTHER_LAS = (
    "schools of local authorities with none in the register (counted in the national "
    "percentiles only)"
)
BATCH = 2000  # figures written at once


@dataclass(frozen=True)
class Layout:
    name: str  # "key stage 2"
    mark: str  # a column only this kind of file has
    columns: dict[tuple[str, str], str]  # (measure, group) -> column
    urn: str = "URN"
    la: tuple[str, ...] = ("LEA", "LA")  # the LA code's column (first found)
    school_name: str = "SCHNAME"
    # Explore Education Statistics' tidy files say each row's level and period in columns.
    level: str = ""
    period: str = ""
    region: str = ""
    total: tuple[str, ...] = ()  # columns whose "Total" rows are the area figures
    # The grade the DfE gives beside an average point score (B-), by the score's (measure, group).
    grades: dict[tuple[str, str], str] = field(default_factory=dict)

    def present(self, header: list[str]) -> dict[tuple[str, str], str]:
        return {key: column for key, column in self.columns.items() if column in header}


def _both(measure: str, column: str, disadvantaged: str = "") -> dict[tuple[str, str], str]:
    """A measure for all pupils and, under the DfE's usual suffix, for disadvantaged ones."""
    return {
        (measure, Group.ALL): column,
        (measure, Group.DISADVANTAGED): disadvantaged or f"{column}_FSM6CLA1A",
    }


LAYOUTS = {
    "ks2": Layout(
        name="key stage 2 (england_ks2final.csv)",
        mark="PTRWM_EXP",
        columns={
            **_both(Measure.KS2_RWM_EXPECTED, "PTRWM_EXP"),
            **_both(Measure.KS2_RWM_HIGHER, "PTRWM_HIGH"),
            **_both(Measure.KS2_READING_SCORE, "READ_AVERAGE"),
            **_both(Measure.KS2_MATHS_SCORE, "MAT_AVERAGE"),
            **_both(Measure.KS2_PROGRESS_READING, "READPROG"),
            **_both(Measure.KS2_PROGRESS_WRITING, "WRITPROG"),
            **_both(Measure.KS2_PROGRESS_MATHS, "MATPROG"),
        },
    ),
    "ks4": Layout(
        name="key stage 4 (england_ks4final.csv)",
        mark="ATT8SCR",
        columns={
            **_both(Measure.KS4_ATTAINMENT8, "ATT8SCR"),
            **_both(Measure.KS4_PROGRESS8, "P8MEA"),
            # The disadvantaged pupils' grade 5+ column is named apart from the rest.
            **_both(Measure.KS4_BASICS_GRADE5, "PTL2BASICS_95", "PTFSM6CLA1ABASICS_95"),
            **_both(Measure.KS4_EBACC_APS, "EBACCAPS"),
        },
    ),
    # Key stage 5 where a school has a sixth form: A level results of students aged 16 to 18
    # (the file gives no figures of disadvantaged students to read).
    "ks5": Layout(
        name="key stage 5 (england_ks5final.csv)",
        mark="TALLPPE_ALEV_1618",
        columns={
            (Measure.KS5_ALEVEL_APS, Group.ALL): "TALLPPE_ALEV_1618",
            (Measure.KS5_BEST3_APS, Group.ALL): "TB3PTSE",
            (Measure.KS5_AAB, Group.ALL): "PTAAB_2FAC",
        },
        grades={
            (Measure.KS5_ALEVEL_APS, Group.ALL): "TALLPPEGRD_ALEV_1618",
            (Measure.KS5_BEST3_APS, Group.ALL): "TB3PTSE_GRD",
        },
    ),
    "absence": Layout(
        name="absence (england_abs.csv)",
        mark="PERCTOT",
        columns={
            (Measure.ABSENCE_OVERALL, Group.ALL): "PERCTOT",
            (Measure.ABSENCE_PERSISTENT, Group.ALL): "PPERSABS10",
        },
    ),
    "exclusions": Layout(
        name="suspensions and permanent exclusions (Explore Education Statistics, school level)",
        mark="susp_rate",
        columns={
            (Measure.SUSPENSION_RATE, Group.ALL): "susp_rate",
            (Measure.EXCLUSION_RATE, Group.ALL): "perm_excl_rate",
        },
        urn="school_urn",
        la=("old_la_code",),
        school_name="school_name",
        level="geographic_level",
        period="time_period",
        region="region_name",
        total=("education_phase", "school_type"),
    ),
}
KINDS = [(kind, layout.name[0].upper() + layout.name[1:]) for kind, layout in LAYOUTS.items()]


def _recognise(kind: str, header: list[str], line: int) -> Layout:
    chosen = LAYOUTS[kind]
    found = next((layout for layout in LAYOUTS.values() if layout.mark in header), None)
    if found is chosen:
        return chosen
    if found is None:
        what = "none of the DfE's files this portal reads: its header has none of " + ", ".join(
            f"'{layout.mark}'" for layout in LAYOUTS.values()
        )
    else:
        what = f"a {found.name} file (its header has '{found.mark}')"
    message = f"This is {what}, but {chosen.name} was chosen"
    raise ImportRefused(
        [RowError(line, "", f"{message}: choose the kind again, or upload the right file.")]
    )


def _year_of_period(text: str) -> int | None:
    """Explore Education Statistics' academic years: 202223 is 2022-23."""
    if len(text) == 6 and text.isdigit() and (int(text[:4]) + 1) % 100 == int(text[4:]):
        return int(text[:4])
    return None


# A row's figures: (measure, group) -> (value, reason it is not published, grade).
Read = dict[tuple[str, str], tuple[Decimal | None, str, str]]
# An A level grade as the DfE gives an average: A*, then A to E, each possibly + or -.
GRADE = re.compile(r"(A\*|[A-E])[+-]?")


@dataclass
class _Found:
    """What the file gives, read whole before anything is written."""

    schools: dict[int, Read] = field(default_factory=dict)  # by school id
    areas: dict[tuple[str, int | None], Read] = field(default_factory=dict)  # (area, LA code)
    spread: dict[tuple[str, str], list[Decimal]] = field(default_factory=lambda: defaultdict(list))


def _value(
    text: str, measure: str, column: str, number: int, errors: list[RowError]
) -> tuple[Decimal | None, str] | None:
    """(value, reason it is not published) of a cell; None for a blank one."""
    if not text:
        return None
    reason = NOT_PUBLISHED.get(text.lower())
    if reason:
        return None, f"{reason} ({text})"
    try:
        value = Decimal(text.removesuffix("%").replace(",", ""))
    except InvalidOperation:
        message = (
            f"'{text[:20]}' is not a number, nor a code the DfE uses for a figure it withholds"
        )
        errors.append(RowError(number, column, f"{message} (SUPP, NE, x, c, ...)"))
        return None
    low, high = RANGES[measure]
    if not value.is_finite() or not low <= value <= high:
        message = f"{text[:20]} is outside the range of {Measure(measure).label}"
        errors.append(RowError(number, column, f"{message} ({low} to {high})"))
        return None
    return value.quantize(HUNDREDTH, rounding=ROUND_HALF_UP), ""


def _grade(text: str, column: str, number: int, errors: list[RowError]) -> str:
    """The grade of a cell beside an average point score; "" for a blank or withheld one."""
    if not text or text.lower() in NOT_PUBLISHED:
        return ""
    if not GRADE.fullmatch(text):
        errors.append(RowError(number, column, f"'{text[:20]}' is not a grade such as B- or A*"))
        return ""
    return text


def performance_import(
    *,
    source: str | Path | bytes | BinaryIO,
    kind: str,
    year: int,
    apply: bool = True,
    leave_out_refused: bool = False,
    progress: Progress | None = None,
    provisional: bool = False,
) -> ImportSummary:
    """Read a DfE file whole, then replace the year's figures it gives, all together or not at
    all (thep.importing says how a preview and refused rows work)."""
    summary = ImportSummary(
        what=f"{'Provisional s' if provisional else 'S'}chool performance data for "
        f"{years.label(year)}"
    )
    chosen: list[Layout] = []
    present: dict[tuple[str, str], str] = {}

    def choose(header: list[str], line: int) -> None:
        layout = _recognise(kind, header, line)
        chosen.append(layout)
        present.update(layout.present(header))
        summary.layout = f"{layout.name}: the header has '{layout.mark}'"

    register = dict(School.objects.values_list("urn", "pk"))
    register_las = set(School.objects.values_list("la_code", flat=True))
    found = _Found()
    # Each area's rows, (row, name, figures): a file may give an area twice (all schools, and
    # state-funded schools).
    area_rows: dict[tuple[str, int | None], list[tuple[int, str, Read]]] = defaultdict(list)
    seen: dict[int, int] = {}  # URN -> row
    other_years: set[int] = set()
    for number, row in read_rows(source, required=(), on_header=choose, progress=progress):
        layout = chosen[0]
        errors: list[RowError] = []
        if layout.period:
            period = row.get(layout.period, "")
            of = _year_of_period(period)
            if of is None:
                message = f"'{period[:20]}' is not an academic year such as 202324"
                summary.refused.append(RowError(number, layout.period, message))
                continue
            if of != year:
                other_years.add(of)
                summary.skip("rows of other years")
                continue
        figures: Read = {}
        for (measure, group), column in present.items():
            read = _value(row.get(column, ""), measure, column, number, errors)
            if read is not None:
                figures[(measure, group)] = (*read, "")
        for key, column in layout.grades.items():
            grade = _grade(row.get(column, ""), column, number, errors)
            if grade and key in figures and figures[key][0] is not None:
                figures[key] = (*figures[key][:2], grade)
        where = _where(layout, row)
        la = next((int(row[name]) for name in layout.la if row.get(name, "").isdigit()), None)
        urn = _urn(row.get(layout.urn, ""), number, layout.urn, seen, errors)
        if where is Area.SCHOOL and not row.get(layout.urn):
            errors.append(RowError(number, layout.urn, "a school's row has no URN"))
        if errors:
            summary.refused.extend(errors)
        elif where is Area.SCHOOL and urn is not None:
            seen[urn] = number
            for key, (value, *_) in figures.items():
                if value is not None:
                    found.spread[key].append(value)
            if urn in register:
                found.schools[register[urn]] = figures
            elif la in register_las:
                named = f"URN {urn} ({row.get(layout.school_name, '')[:60]}, row {number})"
                summary.skip(f"{named} is not in the register: import GIAS first if it has opened")
            else:
                summary.skip(OTHER_LAS)
        elif where is Area.LA and la in register_las:
            area_rows[(Area.LA, la)].append((number, row.get(layout.school_name, ""), figures))
        elif where in (Area.LONDON, Area.ENGLAND):
            area_rows[(where, None)].append((number, row.get(layout.school_name, ""), figures))
        else:
            summary.skip("rows of other local authorities and regions, or of one phase")
    if chosen[0].period and not seen and not area_rows and other_years:
        held = ", ".join(years.label(each) for each in sorted(other_years))
        message = f"The file has no rows of {years.label(year)}, the year chosen, only of {held}"
        raise ImportRefused([RowError(0, "", f"{message}: choose the year the file is of.")])
    found.areas = {area: _state_funded(given) for area, given in area_rows.items()}
    with writing(summary, apply=apply, leave_out_refused=leave_out_refused):
        _record(found, year=year, keys=set(present), summary=summary, provisional=provisional)
    return summary


def _urn(
    text: str, number: int, column: str, seen: dict[int, int], errors: list[RowError]
) -> int | None:
    """The URN of a school's row, or None (with the reason in `errors`, if there is one)."""
    if not text:
        return None
    low, high = ranges.URN
    if not (text.isdigit() and low <= int(text) <= high):
        errors.append(RowError(number, column, f"'{text[:20]}' is not a URN (6 digits)"))
        return None
    if int(text) in seen:
        errors.append(RowError(number, column, f"URN {text} is on row {seen[int(text)]} too"))
        return None
    return int(text)


def _where(layout: Layout, row: dict[str, str]) -> str | None:
    """Whose figures a row gives: a school's, an area's, or (None) none this import keeps."""
    if layout.level:
        level = row.get(layout.level, "").lower()
        if level == "school":
            return Area.SCHOOL
        if any(row.get(column, "Total").lower() != "total" for column in layout.total):
            return None
        if level == "local authority":
            return Area.LA
        if level == "regional":
            return Area.LONDON if row.get(layout.region, "").lower() == "london" else None
        return Area.ENGLAND if level == "national" else None
    # Performance tables: a school's row has its URN; an LA's total has only the LA's code,
    # England's neither (RECTYPE numbers them too, differently from year to year).
    if row.get(layout.urn):
        return Area.SCHOOL
    return Area.LA if any(row.get(name) for name in layout.la) else Area.ENGLAND


def _state_funded(given: list[tuple[int, str, Read]]) -> Read:
    """An area's figures: its only row, or of several (all schools, state-funded schools) the
    state-funded schools' one, which THEP's schools are compared with."""
    if len(given) == 1:
        return given[0][2]
    state = [figures for _, name, figures in given if "state" in name.lower()]
    if len(state) == 1:
        return state[0]
    names = ", ".join(f"'{name}' (row {number})" for number, name, _ in given)
    message = f"The file has several rows for one area ({names}), not one of state-funded schools"
    raise ImportRefused([RowError(0, "", f"{message}: is this the DfE's file as published?")])


def _record(
    found: _Found,
    *,
    year: int,
    keys: set[tuple[str, str]],
    summary: ImportSummary,
    provisional: bool,
) -> None:
    spreads = {key: sorted(values) for key, values in found.spread.items()}
    after: dict[tuple, tuple] = {}  # (area, school id, LA code, measure, group) -> what is held
    for school_id, figures in found.schools.items():
        for (measure, group), (value, reason, grade) in figures.items():
            ranked: tuple[int | None, int | None] = (None, None)
            if value is not None:
                ranked = standing(spreads[(measure, group)], value, measure)
            after[(Area.SCHOOL.value, school_id, None, measure, group)] = (
                value,
                reason,
                *ranked,
                provisional,
                grade,
            )
    for (area, la_code), figures in found.areas.items():
        for (measure, group), (value, reason, grade) in figures.items():
            after[(str(area), None, la_code, measure, group)] = (
                value,
                reason,
                None,
                None,
                provisional,
                grade,
            )
    held = Figure.objects.filter(year=year, measure__in={measure for measure, _ in keys})
    if provisional:
        final = held.filter(provisional=False)
        for key in final.values_list("area", "school_id", "la_code", "measure", "group"):
            if after.pop(key, None) is not None:
                summary.skip("figures the DfE's final file already gave, kept (final wins)")
        held = held.filter(provisional=True)
    fields = ("value", "not_published", "percentile", "quintile", "provisional", "grade")
    before = {
        tuple(row[:5]): tuple(row[5:])
        for row in held.values_list("area", "school_id", "la_code", "measure", "group", *fields)
    }
    for key, kept in after.items():
        if key not in before:
            summary.created += 1
        elif before[key] != kept:
            summary.updated += 1
        else:
            summary.unchanged += 1
    gone = len(before.keys() - after.keys())
    if gone:
        summary.also_changed["figures of the year no longer in the file, removed"] = gone
    held.delete()
    shared.forget(MEDIANS)
    # Written a batch at a time: bulk_create would hold every row of a national file at once.
    rows = iter(after.items())
    while batch := list(islice(rows, BATCH)):
        Figure.objects.bulk_create(
            Figure(
                area=area,
                school_id=school_id,
                la_code=la_code,
                year=year,
                measure=measure,
                group=group,
                **dict(zip(fields, kept, strict=True)),
            )
            for (area, school_id, la_code, measure, group), kept in batch
        )
