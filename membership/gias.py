"""Import of the DfE register of schools (GIAS `edubasealldata*.csv`).

GIAS gives each establishment's type and phase both as a code and as a name. The codes are read
where the file has them: the names have changed over the years ("Free Schools - 16-19" is now
"Free schools 16 to 19"). Files without the code columns are read by the names, compared
without regard to case, spacing or punctuation. A type GIAS has never published refuses its
row: a school is never filed as LA maintained because its type was not recognised.

The file is read row by row and only the rows kept (the schools of the chosen local
authorities, and those already in the register) are held, so that the national file (about
52,000 rows) imports in the memory of a small server."""

import datetime
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import BinaryIO

from django.db import connection

from membership import standings
from membership.models import TOWER_HAMLETS, Phase, School, SchoolType
from thep import ranges
from thep.csvfiles import RowError, read_rows
from thep.importing import ImportSummary, Progress, writing

TYPE_CODE = "TypeOfEstablishment (code)"
TYPE_NAME = "TypeOfEstablishment (name)"
PHASE_CODE = "PhaseOfEducation (code)"
PHASE_NAME = "PhaseOfEducation (name)"

REQUIRED = (
    "URN",
    "LA (code)",
    "EstablishmentNumber",
    "EstablishmentName",
    TYPE_NAME,
    PHASE_NAME,
    "EstablishmentStatus (name)",
    "NumberOfPupils",
    "HeadFirstName",
    "HeadLastName",
)

OTHER_LAS = "other local authorities"
NOT_STATE_FUNDED = "not state-funded schools"


@dataclass(frozen=True)
class Kind:
    """A GIAS type of establishment, and what it makes a school in the register."""

    name: str
    # None: not a state-funded school (independent schools, colleges, universities,
    # children's centres...), which THEP does not serve.
    school_type: str | None
    # The phase the type decides whatever GIAS says the phase of education is.
    phase: str | None = None


_LA = SchoolType.LA_MAINTAINED
_ACADEMY = SchoolType.ACADEMY
_FREE = SchoolType.FREE_SCHOOL

# Every type of establishment GIAS has published, by its code, with its current name (the
# types in the edubasealldata files of 2023 to 2025, and the children's centres of older ones).
TYPES: dict[int, Kind] = {
    1: Kind("Community school", _LA),
    2: Kind("Voluntary aided school", _LA),
    3: Kind("Voluntary controlled school", _LA),
    5: Kind("Foundation school", _LA),
    6: Kind("City technology college", None),
    7: Kind("Community special school", _LA, Phase.SPECIAL),
    8: Kind("Non-maintained special school", None),
    10: Kind("Other independent special school", None),
    11: Kind("Other independent school", None),
    12: Kind("Foundation special school", _LA, Phase.SPECIAL),
    14: Kind("Pupil referral unit", _LA, Phase.ALTERNATIVE),
    15: Kind("Local authority nursery school", _LA),
    18: Kind("Further education", None),
    24: Kind("Secure units", None),
    25: Kind("Offshore schools", None),
    26: Kind("Service children's education", None),
    27: Kind("Miscellaneous", None),
    28: Kind("Academy sponsor led", _ACADEMY),
    29: Kind("Higher education institutions", None),
    30: Kind("Welsh establishment", None),
    31: Kind("Sixth form centres", None),
    32: Kind("Special post 16 institution", None),
    33: Kind("Academy special sponsor led", _ACADEMY, Phase.SPECIAL),
    34: Kind("Academy converter", _ACADEMY),
    35: Kind("Free schools", _FREE),
    36: Kind("Free schools special", _FREE, Phase.SPECIAL),
    37: Kind("British schools overseas", None),
    38: Kind("Free schools alternative provision", _FREE, Phase.ALTERNATIVE),
    39: Kind("Free schools 16 to 19", _FREE),
    40: Kind("University technical college", _FREE),
    41: Kind("Studio schools", _FREE),
    42: Kind("Academy alternative provision converter", _ACADEMY, Phase.ALTERNATIVE),
    43: Kind("Academy alternative provision sponsor led", _ACADEMY, Phase.ALTERNATIVE),
    44: Kind("Academy special converter", _ACADEMY, Phase.SPECIAL),
    45: Kind("Academy 16-19 converter", _ACADEMY),
    46: Kind("Academy 16 to 19 sponsor led", _ACADEMY),
    47: Kind("Children's centre", None),
    48: Kind("Children's centre linked site", None),
    49: Kind("Online provider", None),
    56: Kind("Institution funded by other government department", None),
    57: Kind("Academy secure 16 to 19", _ACADEMY),
}

# Names older files gave types that are more than a change of case or spacing.
_OLD_TYPE_NAMES = {
    "LA nursery school": 15,
    "Higher education institution": 29,
    "British overseas schools": 37,
}

# GIAS phases of education by code (0 is "Not applicable"), and their names.
PHASES: dict[int, tuple[str, str | None]] = {
    0: ("Not applicable", None),
    1: ("Nursery", Phase.NURSERY),
    2: ("Primary", Phase.PRIMARY),
    3: ("Middle deemed primary", Phase.PRIMARY),
    4: ("Secondary", Phase.SECONDARY),
    5: ("Middle deemed secondary", Phase.SECONDARY),
    6: ("16 plus", Phase.SECONDARY),
    7: ("All-through", Phase.ALL_THROUGH),
}


def _key(name: str) -> str:
    """A name without case, spacing or punctuation: "Academy 16-19 sponsor led" and
    "Academy 16 to 19 Sponsor Led" are the same type."""
    name = re.sub(r"(\d)\s*to\s*(\d)", r"\1\2", name.lower())
    return re.sub(r"[^a-z0-9]", "", name)


_TYPES_BY_NAME = {_key(kind.name): code for code, kind in TYPES.items()} | {
    _key(name): code for name, code in _OLD_TYPE_NAMES.items()
}
_PHASES_BY_NAME = {_key(name): phase for name, phase in PHASES.values()}


def _whole_number(
    value: str, *, row: int, column: str, errors: list[RowError], limits: tuple[int, int]
) -> int | None:
    digits = value.removeprefix("-")
    if not (digits.isascii() and digits.isdigit()):
        errors.append(RowError(row, column, f"'{value[:20]}' is not a whole number"))
        return None
    number = int(value)
    low, high = limits
    if number < 0:
        errors.append(RowError(row, column, f"{number} is below zero"))
    elif not low <= number <= high:
        errors.append(RowError(row, column, f"{number} is not from {low} to {high}"))
    else:
        return number
    return None


def _date(value: str, *, row: int, column: str, errors: list[RowError]) -> datetime.date | None:
    """A GIAS date (dd-mm-yyyy), or None when the cell is blank."""
    if not value:
        return None
    try:
        return datetime.datetime.strptime(value, "%d-%m-%Y").date()
    except ValueError:
        errors.append(
            RowError(row, column, f"'{value[:20]}' is not a date written as GIAS writes them, "
                     "day-month-year such as 01-09-2017")
        )  # fmt: skip
        return None


# The longest text each column may hold, from the School fields they fill.
LENGTHS = {
    "EstablishmentName": School._meta.get_field("name").max_length,
    TYPE_NAME: School._meta.get_field("establishment_type").max_length,
    "LA (name)": School._meta.get_field("la_name").max_length,
    "Street": School._meta.get_field("street").max_length,
    "Town": School._meta.get_field("town").max_length,
    "Postcode": School._meta.get_field("postcode").max_length,
}


@dataclass(frozen=True)
class Layout:
    by_codes: bool  # type and phase by their codes, rather than their names
    dates: bool  # the file has OpenDate and CloseDate

    @classmethod
    def of(cls, row: dict[str, str]) -> "Layout":
        return cls(
            by_codes=TYPE_CODE in row and PHASE_CODE in row,
            dates="OpenDate" in row and "CloseDate" in row,
        )

    def __str__(self) -> str:
        read = (
            f"types and phases by their codes ({TYPE_CODE}, {PHASE_CODE})"
            if self.by_codes
            else f"types and phases by their names ({TYPE_NAME}, {PHASE_NAME})"
        )
        if self.dates:
            read += "; opening and closing dates (OpenDate, CloseDate)"
        return f"GIAS edubasealldata: {read}"


def _is_la_code(text: str) -> bool:
    low, high = ranges.LA_CODE
    return text.isascii() and text.isdigit() and low <= int(text) <= high


class _Reader:
    """Reads the rows of a GIAS file into the field values of the schools to keep."""

    def __init__(self, *, summary: ImportSummary, la_codes: Iterable[int], known: set[int]):
        self.summary = summary
        # Compared as text, so that the rows of other authorities are passed over unparsed.
        self.la_codes = {str(code) for code in la_codes}
        self.known = {str(urn) for urn in known}
        self.layout: Layout | None = None
        self.kept: dict[int, dict] = {}

    def read(self, rows: Iterable[tuple[int, dict[str, str]]]) -> None:
        for number, row in rows:
            if self.layout is None:
                self.layout = Layout.of(row)
                self.summary.layout = str(self.layout)
            known = row.get("URN", "") in self.known
            la_code = row.get("LA (code)", "")
            if not known and la_code not in self.la_codes and _is_la_code(la_code):
                self.summary.skip(OTHER_LAS)
                continue
            errors: list[RowError] = []
            values = self._values(number, row, known=known, errors=errors)
            if errors:
                self.summary.refused += errors
            elif values is not None:
                urn = values.pop("urn")
                self.kept[urn] = values

    def _kind(self, number: int, row: dict[str, str], errors: list[RowError]) -> Kind | None:
        if self.layout is None:  # rows are read after the header
            raise ValueError("A row before the header.")
        name = row.get(TYPE_NAME, "")
        if self.layout.by_codes:
            value = row.get(TYPE_CODE, "")
            code = int(value) if value.isascii() and value.isdigit() else None
            if code not in TYPES:
                errors.append(
                    RowError(number, TYPE_CODE, f"'{value[:20]}' ('{name[:60]}') is not a type "
                             "of establishment GIAS publishes")
                )  # fmt: skip
                return None
            return TYPES[code]
        code = _TYPES_BY_NAME.get(_key(name))
        if code is None:
            errors.append(
                RowError(number, TYPE_NAME, f"'{name[:60]}' is not a type of establishment "
                         "GIAS publishes")
            )  # fmt: skip
            return None
        return TYPES[code]

    def _phase(self, number: int, row: dict[str, str], kind: Kind, errors: list[RowError]):
        """The register's phase, or None (with the reason in `errors`) when it cannot tell."""
        if kind.phase:
            return kind.phase
        if self.layout is None:  # rows are read after the header
            raise ValueError("A row before the header.")
        if self.layout.by_codes:
            column, value = PHASE_CODE, row.get(PHASE_CODE, "")
            code = int(value) if value.isascii() and value.isdigit() else None
            found = PHASES.get(code) if code is not None else None
            if found is None:
                errors.append(
                    RowError(number, column, f"'{value[:20]}' is not a phase of education GIAS "
                             "publishes")
                )  # fmt: skip
                return None
            phase = found[1]
        else:
            column, value = PHASE_NAME, row.get(PHASE_NAME, "")
            if _key(value) not in _PHASES_BY_NAME:
                errors.append(
                    RowError(number, column, f"'{value[:40]}' is not a phase of education GIAS "
                             "publishes")
                )  # fmt: skip
                return None
            phase = _PHASES_BY_NAME[_key(value)]
        if phase is None:
            errors.append(
                RowError(number, column, f"cannot tell the phase of a '{kind.name}' with phase "
                         f"'{row.get(PHASE_NAME, value)[:40]}'")
            )  # fmt: skip
        return phase

    def _values(
        self, number: int, row: dict[str, str], *, known: bool, errors: list[RowError]
    ) -> dict | None:
        missing = [column for column in REQUIRED if column not in row]
        if missing:
            errors += [
                RowError(number, column, "this cell is missing (the row is too short)")
                for column in missing
            ]
            return None
        kind = self._kind(number, row, errors)
        if kind is None:
            return None
        if kind.school_type is None and not known:
            self.summary.skip(NOT_STATE_FUNDED)
            return None
        for column, length in LENGTHS.items():
            if len(row.get(column, "")) > (length or 0):
                errors.append(RowError(number, column, f"longer than {length} characters"))
        head_name = " ".join(part for part in (row["HeadFirstName"], row["HeadLastName"]) if part)
        if len(head_name) > (School._meta.get_field("head_name").max_length or 0):
            errors.append(RowError(number, "HeadLastName", "the head's name is too long"))
        urn = _whole_number(row["URN"], row=number, column="URN", errors=errors, limits=ranges.URN)
        la_code = _whole_number(
            row["LA (code)"], row=number, column="LA (code)", errors=errors, limits=ranges.LA_CODE
        )
        pupils = None
        if row["NumberOfPupils"]:
            pupils = _whole_number(
                row["NumberOfPupils"],
                row=number,
                column="NumberOfPupils",
                errors=errors,
                limits=ranges.PUPILS,
            )
        establishment = row["EstablishmentNumber"]
        if establishment and not (
            establishment.isascii() and establishment.isdigit() and len(establishment) == 4
        ):
            errors.append(
                RowError(
                    number, "EstablishmentNumber", f"'{establishment[:20]}' is not a 4-digit number"
                )
            )
        if not row["EstablishmentName"]:
            errors.append(RowError(number, "EstablishmentName", "the school has no name"))
        if urn in self.kept:
            errors.append(RowError(number, "URN", f"URN {urn} appears twice in the file"))
        website = row.get("SchoolWebsite", "")
        if website and not website.startswith(("http://", "https://")):
            website = f"https://{website}"
        values: dict = {
            "urn": urn,
            "laestab": f"{la_code}{establishment}" if establishment else "",
            "name": row["EstablishmentName"],
            "establishment_type": row[TYPE_NAME] or kind.name,
            "la_code": la_code,
            "la_name": row.get("LA (name)", ""),
            "is_open": row["EstablishmentStatus (name)"].startswith("Open"),
            "pupils": pupils,
            "pupils_are_demo": False,
            "head_name": head_name,
            "street": row.get("Street", ""),
            "town": row.get("Town", ""),
            "postcode": row.get("Postcode", ""),
            "website": website[:200],
        }
        if self.layout is None:  # rows are read after the header
            raise ValueError("A row before the header.")
        if self.layout.dates:
            values["opened_on"] = _date(
                row["OpenDate"], row=number, column="OpenDate", errors=errors
            )
            values["closed_on"] = _date(
                row["CloseDate"], row=number, column="CloseDate", errors=errors
            )
        if kind.school_type is None:
            # A school already in the register that is not state-funded (an associate member,
            # say) keeps the type and phase it has: the register has no word for its type.
            phase = kind.phase or _PHASES_BY_NAME.get(_key(row[PHASE_NAME]))
            if phase:
                values["phase"] = phase
        else:
            values["school_type"] = kind.school_type
            values["phase"] = self._phase(number, row, kind, errors)
        return values


def _batches(items: Iterable[tuple[int, dict]], size: int) -> Iterator[list[tuple[int, dict]]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def gias_import(
    *,
    source: str | Path | bytes | BinaryIO,
    la_codes: Iterable[int] = (TOWER_HAMLETS,),
    apply: bool = True,
    leave_out_refused: bool = False,
    progress: Progress | None = None,
) -> ImportSummary:
    """Create or update the schools of the given local authorities, and any already in the
    register. A file with refused rows changes nothing unless `leave_out_refused`."""
    summary = ImportSummary(what="GIAS schools")
    reader = _Reader(
        summary=summary,
        la_codes=la_codes,
        known=set(School.objects.values_list("urn", flat=True)),
    )
    reader.read(read_rows(source, required=REQUIRED, progress=progress))
    with writing(summary, apply=apply, leave_out_refused=leave_out_refused):
        # New schools, and those whose changes are inputs of their standings (their phase).
        inputs_changed: list[int] = []
        for batch in _batches(reader.kept.items(), 2000):
            existing = School.objects.in_bulk([urn for urn, _ in batch], field_name="urn")
            created, changed = [], []
            fields: set[str] = set()
            for urn, values in batch:
                school = existing.get(urn)
                if school is None:
                    created.append(School(urn=urn, **values))
                    continue
                differing = {
                    name for name, value in values.items() if getattr(school, name) != value
                }
                if differing:
                    for name in differing:
                        setattr(school, name, values[name])
                    changed.append(school)
                    fields |= differing
                    if differing & standings.SCHOOL_INPUTS:
                        inputs_changed.append(school.pk)
            School.objects.bulk_create(created, batch_size=1000)
            if changed:
                School.objects.bulk_update(changed, sorted(fields), batch_size=1000)
            summary.created += len(created)
            summary.updated += len(changed)
            summary.unchanged += len(batch) - len(created) - len(changed)
            inputs_changed += [school.pk for school in created]
        if summary.created > 1000:
            # The planner would take the register for as small as it was before, and choose
            # plans for the standings' queries that take minutes instead of a second.
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {School._meta.db_table}")
        # Bulk writes send no signals.
        standings.changed(school_ids=inputs_changed)
    return summary
