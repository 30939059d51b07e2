"""Import of the DfE register of schools (GIAS `edubasealldata*.csv`)."""

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.db import transaction

from membership import standings
from membership.models import TOWER_HAMLETS, Phase, School, SchoolType
from thep import ranges
from thep.csvfiles import ImportRefused, RowError, read_rows

REQUIRED = (
    "URN",
    "LA (code)",
    "EstablishmentNumber",
    "EstablishmentName",
    "TypeOfEstablishment (name)",
    "PhaseOfEducation (name)",
    "EstablishmentStatus (name)",
    "NumberOfPupils",
    "HeadFirstName",
    "HeadLastName",
)

# GIAS establishment types of state-funded schools; others (independent schools, colleges,
# universities, children's centres) are not schools THEP serves and are skipped.
TYPES = {
    "Community school": SchoolType.LA_MAINTAINED,
    "Voluntary aided school": SchoolType.LA_MAINTAINED,
    "Voluntary controlled school": SchoolType.LA_MAINTAINED,
    "Foundation school": SchoolType.LA_MAINTAINED,
    "Community special school": SchoolType.LA_MAINTAINED,
    "Foundation special school": SchoolType.LA_MAINTAINED,
    "Local authority nursery school": SchoolType.LA_MAINTAINED,
    "Pupil referral unit": SchoolType.LA_MAINTAINED,
    "Academy converter": SchoolType.ACADEMY,
    "Academy sponsor led": SchoolType.ACADEMY,
    "Academy special converter": SchoolType.ACADEMY,
    "Academy special sponsor led": SchoolType.ACADEMY,
    "Academy alternative provision converter": SchoolType.ACADEMY,
    "Academy alternative provision sponsor led": SchoolType.ACADEMY,
    "Academy 16-19 converter": SchoolType.ACADEMY,
    "Academy 16-19 sponsor led": SchoolType.ACADEMY,
    "Free schools": SchoolType.FREE_SCHOOL,
    "Free schools special": SchoolType.FREE_SCHOOL,
    "Free schools alternative provision": SchoolType.FREE_SCHOOL,
    "Free schools 16 to 19": SchoolType.FREE_SCHOOL,
    "University technical college": SchoolType.FREE_SCHOOL,
    "Studio schools": SchoolType.FREE_SCHOOL,
}

PHASES = {
    "Nursery": Phase.NURSERY,
    "Primary": Phase.PRIMARY,
    "Middle deemed primary": Phase.PRIMARY,
    "Secondary": Phase.SECONDARY,
    "Middle deemed secondary": Phase.SECONDARY,
    "16 plus": Phase.SECONDARY,
    "All-through": Phase.ALL_THROUGH,
}

ALTERNATIVE_TYPES = {
    "Pupil referral unit",
    "Academy alternative provision converter",
    "Academy alternative provision sponsor led",
    "Free schools alternative provision",
}

FIELDS = (
    "laestab",
    "name",
    "phase",
    "school_type",
    "establishment_type",
    "la_code",
    "la_name",
    "is_open",
    "pupils",
    "pupils_are_demo",
    "head_name",
    "street",
    "town",
    "postcode",
    "website",
)


@dataclass(frozen=True)
class GiasImportResult:
    created: int
    updated: int
    unchanged: int
    skipped: int

    def __str__(self) -> str:
        return (
            f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.skipped} skipped (other local authorities or not state-funded schools)"
        )


def derive_phase(*, gias_phase: str, establishment_type: str) -> str | None:
    if establishment_type in ALTERNATIVE_TYPES:
        return Phase.ALTERNATIVE
    if "special" in establishment_type.lower():
        return Phase.SPECIAL
    return PHASES.get(gias_phase)


def _whole_number(
    value: str,
    *,
    row: int,
    column: str,
    errors: list[RowError],
    blank_ok: bool,
    limits: tuple[int, int],
) -> int | None:
    if value == "" and blank_ok:
        return None
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


# The longest text each column may hold, from the School fields they fill.
LENGTHS = {
    "EstablishmentName": School._meta.get_field("name").max_length,
    "TypeOfEstablishment (name)": School._meta.get_field("establishment_type").max_length,
    "LA (name)": School._meta.get_field("la_name").max_length,
    "Street": School._meta.get_field("street").max_length,
    "Town": School._meta.get_field("town").max_length,
    "Postcode": School._meta.get_field("postcode").max_length,
}


def _row_errors(number: int, row: dict[str, str]) -> list[RowError]:
    """Cells missing from a short row, and text too long for the register."""
    errors = [
        RowError(number, column, "this cell is missing (the row is too short)")
        for column in REQUIRED
        if column not in row
    ]
    errors += [
        RowError(number, column, f"longer than {length} characters")
        for column, length in LENGTHS.items()
        if len(row.get(column, "")) > (length or 0)
    ]
    head_name = f"{row.get('HeadFirstName', '')} {row.get('HeadLastName', '')}"
    if len(head_name) > (School._meta.get_field("head_name").max_length or 0):
        errors.append(RowError(number, "HeadLastName", "the head's name is too long"))
    return errors


def _parse(rows: Iterable[tuple[int, dict[str, str]]], *, la_codes: set[int], known: set[int]):
    """Check every row; return the field values of the rows to keep, keyed by URN."""
    errors: list[RowError] = []
    kept: dict[int, dict] = {}
    skipped = 0
    for number, row in rows:
        row_errors = _row_errors(number, row)
        if row_errors:
            errors += row_errors
            continue
        urn = _whole_number(
            row["URN"], row=number, column="URN", errors=errors, blank_ok=False, limits=ranges.URN
        )
        la_code = _whole_number(
            row["LA (code)"],
            row=number,
            column="LA (code)",
            errors=errors,
            blank_ok=False,
            limits=ranges.LA_CODE,
        )
        if urn is None or la_code is None:
            continue
        kind = row["TypeOfEstablishment (name)"]
        if urn not in known and (la_code not in la_codes or kind not in TYPES):
            skipped += 1
            continue
        phase = derive_phase(gias_phase=row["PhaseOfEducation (name)"], establishment_type=kind)
        if phase is None:
            errors.append(
                RowError(
                    number,
                    "PhaseOfEducation (name)",
                    f"cannot tell the phase of a '{kind}' with phase "
                    f"'{row['PhaseOfEducation (name)']}'",
                )
            )
        pupils = _whole_number(
            row["NumberOfPupils"],
            row=number,
            column="NumberOfPupils",
            errors=errors,
            blank_ok=True,
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
        if urn in kept:
            errors.append(RowError(number, "URN", f"URN {urn} appears twice in the file"))
        website = row.get("SchoolWebsite", "")
        if website and not website.startswith(("http://", "https://")):
            website = f"https://{website}"
        kept[urn] = {
            "laestab": f"{la_code}{establishment}" if establishment else "",
            "name": row["EstablishmentName"],
            "phase": phase,
            "school_type": TYPES.get(kind, SchoolType.LA_MAINTAINED),
            "establishment_type": kind,
            "la_code": la_code,
            "la_name": row.get("LA (name)", ""),
            "is_open": row["EstablishmentStatus (name)"].startswith("Open"),
            "pupils": pupils,
            "pupils_are_demo": False,
            "head_name": " ".join(
                part for part in (row["HeadFirstName"], row["HeadLastName"]) if part
            ),
            "street": row.get("Street", ""),
            "town": row.get("Town", ""),
            "postcode": row.get("Postcode", ""),
            "website": website[:200],
        }
    if errors:
        raise ImportRefused(errors)
    return kept, skipped


def gias_import(
    *, source: str | Path | bytes | BinaryIO, la_codes: Iterable[int] = (TOWER_HAMLETS,)
) -> GiasImportResult:
    """Upsert the schools of the given local authorities, and any already in the register.

    All or nothing: a file with any bad row raises ImportRefused and changes nothing."""
    known = set(School.objects.values_list("urn", flat=True))
    kept, skipped = _parse(
        read_rows(source, required=REQUIRED), la_codes=set(la_codes), known=known
    )
    with transaction.atomic():
        existing = {school.urn: school for school in School.objects.filter(urn__in=kept)}
        created, changed = [], []
        for urn, values in kept.items():
            school = existing.get(urn)
            if school is None:
                created.append(School(urn=urn, **values))
                continue
            if any(getattr(school, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(school, name, value)
                changed.append(school)
        School.objects.bulk_create(created, batch_size=1000)
        School.objects.bulk_update(changed, FIELDS, batch_size=1000)
        # Bulk writes send no signals.
        standings.changed(school_ids=[school.pk for school in created + changed])
    return GiasImportResult(
        created=len(created),
        updated=len(changed),
        unchanged=len(kept) - len(created) - len(changed),
        skipped=skipped,
    )
