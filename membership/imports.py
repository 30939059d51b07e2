"""Loading memberships from a spreadsheet: columns URN, year (like 2017-18), category (full or
associate), and optional name (for members with no URN) and package.

The management command and the admin's import jobs run `memberships_import`."""

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.db.models import Q

from membership.models import Category, Member, Membership, Price, Product, ProductKind, School
from membership.services import purchase_record
from thep import ranges, years
from thep.csvfiles import ImportRefused, RowError, read_rows
from thep.importing import ImportSummary, Progress, writing

COLUMNS = ("URN", "year", "category")
NAME_LENGTH = Member._meta.get_field("name").max_length or 0


@dataclass(frozen=True)
class MembershipRow:
    school: School | None
    name: str
    year: int
    category: str
    package: Product | None


def parse_row(number: int, row: dict[str, str]) -> tuple[MembershipRow | None, list[RowError]]:
    """Check one row against the register and prices; a row with errors gives no MembershipRow."""
    errors: list[RowError] = []
    urn_text, name = row.get("URN", ""), row.get("name", "")
    school = None
    if urn_text:
        low, high = ranges.URN
        if not (urn_text.isascii() and urn_text.isdigit() and low <= int(urn_text) <= high):
            errors.append(RowError(number, "URN", f"'{urn_text[:20]}' is not a URN (6 digits)."))
        else:
            school = School.objects.filter(urn=int(urn_text)).first()
            if school is None:
                errors.append(RowError(number, "URN", f"No school with URN {urn_text}."))
    elif not name:
        errors.append(RowError(number, "name", "Give a URN, or a name for a member with none."))
    if len(name) > NAME_LENGTH:
        errors.append(RowError(number, "name", f"Longer than {NAME_LENGTH} characters."))
    year = None
    try:
        year = years.parse(row.get("year", ""))
    except ValueError as wrong:
        errors.append(RowError(number, "year", str(wrong)))
    category = row.get("category", "").lower()
    if category not in Category.values:
        errors.append(
            RowError(number, "category", f"'{row.get('category', '')}' is not full or associate.")
        )
    package = None
    package_name = row.get("package", "")
    if package_name:
        package = Product.objects.filter(
            Q(name__iexact=package_name) | Q(code__iexact=package_name), kind=ProductKind.PACKAGE
        ).first()
        if package is None:
            errors.append(RowError(number, "package", f"No package called '{package_name}'."))
        elif not urn_text:
            errors.append(RowError(number, "package", "Only schools (with a URN) buy packages."))
        elif year is not None and not Price.objects.filter(product=package, year=year).exists():
            errors.append(
                RowError(number, "package", f"{package} has no price for {years.label(year)}.")
            )
    if errors:
        return None, errors
    if year is None:  # a year that did not parse is one of the errors
        raise ValueError(f"Row {number}: no year, yet no error recorded.")
    return MembershipRow(school, name, year, category, package), []


def _existing(parsed: MembershipRow) -> bool:
    if parsed.school is not None:
        return Membership.objects.filter(member__school=parsed.school, year=parsed.year).exists()
    return Membership.objects.filter(
        member__school__isnull=True, member__name__iexact=parsed.name, year=parsed.year
    ).exists()


def apply_row(parsed: MembershipRow) -> Membership:
    """Record a checked row. Refuses (ValidationError) a second membership for a member and year."""
    if _existing(parsed):
        who = parsed.school or parsed.name
        raise ValidationError(f"{who} already has a membership for {years.label(parsed.year)}.")
    if parsed.school is not None:
        member, _ = Member.objects.get_or_create(school=parsed.school)
    else:
        known = Member.objects.filter(school__isnull=True, name__iexact=parsed.name).first()
        member = known or Member.objects.create(name=parsed.name)
    membership = Membership.objects.create(
        member=member,
        year=parsed.year,
        category=parsed.category,
        starts_on=years.first_day(parsed.year),
        ends_on=min(member.leaves_on or years.last_day(parsed.year), years.last_day(parsed.year)),
    )
    if parsed.package is not None:
        if parsed.school is None:  # parse_row gives a package only to a school
            raise ValueError("A package for a member that is not a school.")
        purchase_record(
            school=parsed.school,
            year=parsed.year,
            product=parsed.package,
            bought_on=years.first_day(parsed.year),
        )
    return membership


def memberships_import(
    *,
    source: str | Path | bytes | BinaryIO,
    apply: bool = True,
    leave_out_refused: bool = False,
    progress: Progress | None = None,
) -> ImportSummary:
    """Check every row, then record the memberships all together or not at all
    (thep.importing). A member's second membership of a year is a refused row."""
    summary = ImportSummary(what="Memberships", layout="URN, year, category (name and package)")
    parsed_rows: list[tuple[int, MembershipRow]] = []
    seen: dict[tuple, int] = {}
    for number, row in read_rows(source, required=COLUMNS, progress=progress):
        parsed, row_errors = parse_row(number, row)
        summary.refused.extend(row_errors)
        if parsed is None:
            continue
        key = (parsed.school.pk if parsed.school else parsed.name.lower(), parsed.year)
        if key in seen:
            summary.refused.append(
                RowError(number, "year", f"The same member and year is already on row {seen[key]}.")
            )
            continue
        seen[key] = number
        if _existing(parsed):
            who = parsed.school or parsed.name
            summary.refused.append(
                RowError(
                    number,
                    "year",
                    f"{who} already has a membership for {years.label(parsed.year)}.",
                )
            )
            continue
        parsed_rows.append((number, parsed))
    with writing(summary, apply=apply, leave_out_refused=leave_out_refused):
        for number, parsed in parsed_rows:
            try:
                apply_row(parsed)
            except ValidationError as refused:  # written meanwhile by someone else
                raise ImportRefused([RowError(number, "", m) for m in refused.messages]) from None
            summary.created += 1
    return summary
