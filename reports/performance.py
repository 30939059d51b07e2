"""The Council and KPI reports' sections on attainment, attendance and exclusions: the
borough's full members' median of each published measure against Tower Hamlets', London's and
England's rows in the DfE's files. Published data only: nothing from any LC's visit or report.

A report of a year shows that year's results, or the year before's where the DfE has not yet
published the year's (key stage results come out in the winter after the tests, absence and
exclusions later still)."""

from decimal import Decimal

from outcomes.models import Group, Measure
from outcomes.selectors import BoroughFigure, borough_figures
from thep import years

SECTIONS: dict[str, list[Measure]] = {
    "attainment": [
        Measure.KS2_RWM_EXPECTED,
        Measure.KS2_RWM_HIGHER,
        Measure.KS2_READING_SCORE,
        Measure.KS2_MATHS_SCORE,
        Measure.KS2_PROGRESS_READING,
        Measure.KS2_PROGRESS_WRITING,
        Measure.KS2_PROGRESS_MATHS,
        Measure.KS4_ATTAINMENT8,
        Measure.KS4_PROGRESS8,
        Measure.KS4_BASICS_GRADE5,
        Measure.KS4_EBACC_APS,
        Measure.KS5_ALEVEL_APS,
        Measure.KS5_BEST3_APS,
        Measure.KS5_AAB,
    ],
    "attendance": [Measure.ABSENCE_OVERALL, Measure.ABSENCE_PERSISTENT],
    "exclusions": [Measure.SUSPENSION_RATE, Measure.EXCLUSION_RATE],
}


def _number(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _row(figure: BoroughFigure) -> dict:
    return {
        "measure": Measure(figure.measure).label,
        "group": Group(figure.group).label,
        "year": years.label(figure.year),
        "members": _number(figure.members),
        "members_schools": figure.members_count,
        "la": _number(figure.la),
        "london": _number(figure.london),
        "england": _number(figure.england),
        "provisional": figure.provisional,
    }


def performance_figures(*, year: int) -> dict[str, dict[str, dict]]:
    """Each section's rows, keyed `<measure>_<group>` (so a spreadsheet of the CSV keeps its
    names from year to year), in the order of the measures, all pupils first. Two queries."""
    held = borough_figures(years=[year - 1, year])
    found: dict[str, dict[str, dict]] = {}
    for section, measures in SECTIONS.items():
        rows = found.setdefault(section, {})
        for measure in measures:
            # Both groups of a measure are of the same year.
            published = any((year, measure, group) in held for group in Group.values)
            shown = year if published else year - 1
            for group in Group.values:
                if (shown, measure, group) in held:
                    rows[f"{measure}_{group}"] = _row(held[(shown, measure, group)])
    return found
