"""Pupils on roll for a membership year, from the school census: what the year's fees are on.

Two layouts, recognised by their header:

- the DfE's school-level file of "Schools, pupils and their characteristics" (explore education
  statistics, `spc_school_level_underlying_data*.csv`): columns `urn`, `old_la_code`,
  `headcount of pupils` and many more. It covers every school in England; rows of local
  authorities with no school in the register are skipped, and a URN of one that has schools
  but is not in the register is refused (the register is out of date: import GIAS first).
- the office's own sheet: columns `URN` and `pupils`; every URN must be in the register.

Unknown URNs are listed, row by row, and nothing changes (thep.importing)."""

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import BinaryIO

from membership.models import PupilCount, School
from thep import ranges, years
from thep.csvfiles import ImportRefused, RowError, read_rows
from thep.importing import ImportSummary, Progress, writing

DFE_HEADCOUNT = "headcount of pupils"
# Cells the DfE writes where a figure is withheld or does not apply.
DFE_NO_FIGURE = {"c": "withheld (c)", "x": "not available (x)", "z": "not applicable (z)"}


class _Layout:
    """Which columns hold the URN and the pupils, once the header has been read."""

    def __init__(self) -> None:
        self.urn = self.pupils = self.la = ""
        self.description = ""

    def recognise(self, header: list[str], row: int) -> None:
        if "urn" in header and DFE_HEADCOUNT in header:
            self.urn, self.pupils = "urn", DFE_HEADCOUNT
            self.la = "old_la_code" if "old_la_code" in header else ""
            self.description = (
                "DfE school census, school level (urn, headcount of pupils): schools of "
                "local authorities with none in the register are skipped"
            )
        elif "URN" in header and "pupils" in header:
            self.urn, self.pupils = "URN", "pupils"
            self.description = "URN, pupils"
        else:
            raise ImportRefused(
                [
                    RowError(
                        row,
                        "",
                        "This is not a census file: the header needs 'urn' and 'headcount of "
                        "pupils' (the DfE's school-level file) or 'URN' and 'pupils'.",
                    )
                ]
            )


def _pupils(text: str) -> int:
    """A headcount: a whole number (the DfE writes some as 312.0). ValueError in words."""
    if text.lower() in DFE_NO_FIGURE:
        raise ValueError(f"no headcount for this school: {DFE_NO_FIGURE[text.lower()]}.")
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise ValueError(f"'{text[:20]}' is not a number of pupils.") from None
    low, high = ranges.PUPILS
    if number != number.to_integral_value() or not low <= number <= high:
        raise ValueError(f"'{text[:20]}' is not a whole number of pupils from {low} to {high}.")
    return int(number)


def census_import(
    *,
    source: str | Path | bytes | BinaryIO,
    year: int,
    apply: bool = True,
    leave_out_refused: bool = False,
    progress: Progress | None = None,
) -> ImportSummary:
    """Record each school's pupils for `year`, all together or not at all."""
    layout = _Layout()
    schools = dict(School.objects.values_list("urn", "pk"))
    register_las = {str(code) for code in School.objects.values_list("la_code", flat=True)}
    summary = ImportSummary(what=f"Pupils on roll for {years.label(year)}")
    counts: dict[int, tuple[int, int]] = {}  # school pk -> (row, pupils)
    rows = read_rows(source, required=(), progress=progress, on_header=layout.recognise)
    for number, row in rows:
        urn_text = row.get(layout.urn, "")
        if layout.la and row.get(layout.la, "") not in register_las:
            summary.skip("a school of a local authority with none in the register")
            continue
        low, high = ranges.URN
        if not (urn_text.isascii() and urn_text.isdigit() and low <= int(urn_text) <= high):
            summary.refused.append(
                RowError(number, layout.urn, f"'{urn_text[:20]}' is not a URN (6 digits).")
            )
            continue
        school = schools.get(int(urn_text))
        if school is None:
            summary.refused.append(
                RowError(
                    number,
                    layout.urn,
                    f"No school with URN {urn_text} in the register (import the GIAS file "
                    "first if it has opened since).",
                )
            )
            continue
        try:
            pupils = _pupils(row.get(layout.pupils, ""))
        except ValueError as wrong:
            summary.refused.append(RowError(number, layout.pupils, str(wrong)))
            continue
        if school in counts:
            summary.refused.append(
                RowError(number, layout.urn, f"URN {urn_text} is on row {counts[school][0]} too.")
            )
            continue
        counts[school] = (number, pupils)
    summary.layout = layout.description
    existing = dict(
        PupilCount.objects.filter(year=year, school_id__in=counts).values_list(
            "school_id", "pupils"
        )
    )
    with writing(summary, apply=apply, leave_out_refused=leave_out_refused):
        for school, (_, pupils) in counts.items():
            if existing.get(school) == pupils:
                summary.unchanged += 1
                continue
            PupilCount.objects.update_or_create(
                school_id=school, year=year, defaults={"pupils": pupils}
            )
            if school in existing:
                summary.updated += 1
            else:
                summary.created += 1
    return summary
