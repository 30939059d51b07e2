"""Figures the KPI reports call. Each takes the schools to count (the reports pass the member
schools of the year), so this app needs no knowledge of memberships."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from membership.models import Phase, School
from membership.phases import kpi_group
from ofsted.models import Grade, Inspection, InspectionType
from ofsted.models import NationalFigures as NationalRow
from ofsted.outcomes import current_outcomes, histories, outcome_from
from thep import years

PHASE_ORDER = [value for value, _ in Phase.choices]

SHORT = {
    Grade.OUTSTANDING: "O/S",
    Grade.GOOD: "Good",
    Grade.REQUIRES_IMPROVEMENT: "RI",
    Grade.INADEQUATE: "Inadequate",
}


def percent(part: int, whole: int) -> int | None:
    """A whole-number percentage, halves rounded up; None when there is nothing to divide by."""
    if not whole:
        return None
    exact = Decimal(part) * 100 / Decimal(whole)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _ordered(phases: Iterable[str]) -> list[str]:
    return sorted(phases, key=PHASE_ORDER.index)


@dataclass
class PhaseOutcomes:
    phase: str
    schools: int = 0
    outstanding: int = 0
    good: int = 0
    requires_improvement: int = 0
    inadequate: int = 0
    not_graded: int = 0
    report_card: int = 0
    national: NationalRow | None = None

    @property
    def label(self) -> str:
        return Phase(self.phase).label

    @property
    def graded(self) -> int:
        return self.outstanding + self.good + self.requires_improvement + self.inadequate

    @property
    def good_or_better(self) -> int:
        return self.outstanding + self.good

    @property
    def outstanding_pct(self) -> int | None:
        return percent(self.outstanding, self.graded)

    @property
    def good_pct(self) -> int | None:
        return percent(self.good, self.graded)

    @property
    def requires_improvement_pct(self) -> int | None:
        return percent(self.requires_improvement, self.graded)

    @property
    def inadequate_pct(self) -> int | None:
        return percent(self.inadequate, self.graded)

    @property
    def good_or_better_pct(self) -> int | None:
        return percent(self.good_or_better, self.graded)

    def add(self, outcome: Inspection | None) -> None:
        self.schools += 1
        if outcome is not None and outcome.inspection_type == InspectionType.REPORT_CARD:
            self.report_card += 1
            return
        grade = outcome.overall_effectiveness if outcome is not None else None
        names: dict[int | None, str] = {
            Grade.OUTSTANDING: "outstanding",
            Grade.GOOD: "good",
            Grade.REQUIRES_IMPROVEMENT: "requires_improvement",
            Grade.INADEQUATE: "inadequate",
        }
        name = names.get(grade, "not_graded")
        setattr(self, name, getattr(self, name) + 1)


def outcomes_by_phase(
    *,
    schools: Iterable[School],
    as_at: datetime.date,
    national_year: int | None = None,
    by_school: dict | None = None,
) -> list[PhaseOutcomes]:
    """Counts of each legacy grade by phase as at a day; percentages are of the schools with a
    grade. Schools whose latest outcome is a report card are counted apart (`report_card`).
    `by_school` are the schools' `histories` if already loaded."""
    schools = list(schools)
    outcomes = current_outcomes(schools=schools, as_at=as_at, by_school=by_school)
    rows: dict[str, PhaseOutcomes] = {}
    for school in schools:
        phase = kpi_group(school.phase)
        rows.setdefault(phase, PhaseOutcomes(phase=phase)).add(outcomes[school.pk])
    if national_year is not None:
        for national in NationalRow.objects.filter(year=national_year, phase__in=rows):
            rows[national.phase].national = national
    return [rows[phase] for phase in _ordered(rows)]


@dataclass(frozen=True)
class OutcomeChange:
    school: School
    phase: str
    before: Inspection
    after: Inspection

    @property
    def label(self) -> str:
        before, after = self.before.overall_effectiveness, self.after.overall_effectiveness
        return f"{SHORT[before]} to {SHORT[after]}"

    @property
    def improved(self) -> bool:
        return self.after.overall_effectiveness < self.before.overall_effectiveness


def outcome_changes(
    *,
    schools: Iterable[School],
    start: datetime.date,
    end: datetime.date,
    by_school: dict | None = None,
) -> list[OutcomeChange]:
    """Schools whose overall grade on `end` differs from their grade on `start`, ordered by
    the change, then phase, then name. `by_school` are the schools' `histories` if already
    loaded."""
    schools = list(schools)
    if by_school is None:
        by_school = histories(schools=schools, as_at=end)
    changes = []
    for school in schools:
        after = outcome_from(school, by_school, end)
        if after is None or after.overall_effectiveness is None or after.on <= start:
            continue
        before = outcome_from(school, by_school, start)
        if before is None or before.overall_effectiveness is None:
            continue
        if before.overall_effectiveness != after.overall_effectiveness:
            changes.append(OutcomeChange(school, kpi_group(school.phase), before, after))
    changes.sort(
        key=lambda change: (
            change.before.overall_effectiveness,
            change.after.overall_effectiveness,
            PHASE_ORDER.index(change.phase),
            change.school.name,
        ),
    )
    return changes


@dataclass
class PhaseInspections:
    phase: str
    inspections: list[Inspection] = field(default_factory=list)

    @property
    def label(self) -> str:
        return Phase(self.phase).label

    @property
    def schools(self) -> int:
        return len({inspection.school_id for inspection in self.inspections})


def inspections_in_year(*, schools: Iterable[School], year: int) -> list[PhaseInspections]:
    """Inspections (of any type) that started in a membership year (2017 is 2017-18), by phase
    with alternative provision apart, as seed 000 counts them; `schools` on each row counts the
    schools inspected."""
    found = (
        Inspection.objects.filter(
            school_id__in=[school.pk for school in schools],
            start_date__range=(years.first_day(year), years.last_day(year)),
        )
        .select_related("school")
        .order_by("start_date", "school__name")
    )
    rows: dict[str, PhaseInspections] = {}
    for inspection in found:
        phase = kpi_group(inspection.school.phase, alternative_apart=True)
        rows.setdefault(phase, PhaseInspections(phase=phase)).inspections.append(inspection)
    return [rows[phase] for phase in _ordered(rows)]
