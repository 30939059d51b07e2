"""When a school's next inspection is due, from Ofsted's rules as the partnership applies them,
with the reasoning written out so a reader can check it, and a director's override on top."""

import datetime
from dataclasses import dataclass, field

from membership.models import Phase, School
from ofsted.models import CardGrade, Grade, Inspection, WindowOverride
from thep import years

# Routine inspections stopped on 17 March 2020 and restarted in September 2021; Ofsted said
# every school last inspected before the pandemic would be inspected by the end of July 2025.
PANDEMIC_PAUSE = datetime.date(2020, 3, 17)
PANDEMIC_CATCH_UP_BY = datetime.date(2025, 7, 31)
PANDEMIC_MONTHS = 18
# Outstanding schools were exempt from routine inspection until the exemption ended in 2020;
# those last inspected before September 2015 get a graded inspection, the others ungraded.
EXEMPTION_ENDED = datetime.date(2020, 5, 1)
GRADED_IF_BEFORE = datetime.date(2015, 9, 1)
EXEMPT_PHASES = (Phase.PRIMARY, Phase.SECONDARY, Phase.ALL_THROUGH)
MONTHS_AFTER_CONCERN = 30
ROUTINE_YEARS = 4


def _long(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


@dataclass
class Window:
    due_by: datetime.date | None
    kind: str
    reasons: list[str] = field(default_factory=list)
    override: WindowOverride | None = None

    @property
    def label(self) -> str:
        if self.due_by is None:
            return "Not known"
        if self.due_by == years.month_end(self.due_by):
            next_month = years.add_months(self.due_by.replace(day=1), 1)
            text = f"Before {next_month:%b %Y}"
        else:
            text = f"By {self.due_by.day} {self.due_by:%b %Y}"
        return text + (f" ({self.kind})" if self.kind else "")

    def is_overdue(self, today: datetime.date) -> bool:
        return self.due_by is not None and self.due_by < today


def computed_window(*, school: School, inspections: list[Inspection]) -> Window:
    """`inspections` are the school's (or, with none, its predecessor's), newest first."""
    if not inspections:
        return Window(
            None,
            "graded",
            [
                "No inspection on record for this school or a predecessor.",
                "A new school is normally first inspected in its third year after opening; "
                "the register does not hold the opening date.",
            ],
        )
    latest = inspections[0]
    outcome = next((inspection for inspection in inspections if inspection.sets_outcome), None)
    reasons = [
        f"Latest inspection: {latest.get_inspection_type_display().lower()}, {_long(latest.on)}."
    ]
    if outcome is not None and outcome.concerns:
        serious = (
            outcome.category_of_concern
            or outcome.overall_effectiveness == Grade.INADEQUATE
            or outcome.worst_card_grade == CardGrade.URGENT_IMPROVEMENT
            or outcome.safeguarding_met is False
        )
        reasons.append(f"Outcome on {_long(outcome.on)}: {'; '.join(outcome.concerns)}.")
        if serious:
            reasons.append(
                "Ofsted monitors the school, and a full re-inspection usually follows within "
                f"{MONTHS_AFTER_CONCERN} months."
            )
        else:
            reasons.append(
                f"The next graded inspection is usually within {MONTHS_AFTER_CONCERN} months."
            )
        due = years.add_months(outcome.on, MONTHS_AFTER_CONCERN)
        if outcome.on < PANDEMIC_PAUSE:
            due = years.add_months(due, PANDEMIC_MONTHS)
            reasons.append(
                f"Inspected before the pandemic pause, so {PANDEMIC_MONTHS} months are added."
            )
        return Window(due, "monitoring" if serious else "graded", reasons)
    if (
        outcome is latest
        and outcome.overall_effectiveness == Grade.OUTSTANDING
        and outcome.on < EXEMPTION_ENDED
        and school.phase in EXEMPT_PHASES
    ):
        kind = "graded" if outcome.on < GRADED_IF_BEFORE else "ungraded"
        reasons.append(
            "Outstanding when outstanding schools were exempt from routine inspection; since the "
            f"exemption ended they are all to be inspected by {_long(PANDEMIC_CATCH_UP_BY)}."
        )
        reasons.append(
            "Last inspected before September 2015, so the inspection will be graded."
            if kind == "graded"
            else "Last inspected since September 2015, so the inspection will be ungraded."
        )
        return Window(PANDEMIC_CATCH_UP_BY, kind, reasons)
    if latest.on < PANDEMIC_PAUSE:
        reasons.append(
            "Last inspected before the pandemic pause: Ofsted undertook to inspect every such "
            f"school by {_long(PANDEMIC_CATCH_UP_BY)}."
        )
        return Window(PANDEMIC_CATCH_UP_BY, "", reasons)
    due = years.last_day(years.year_of(latest.on) + ROUTINE_YEARS)
    reasons.append(
        f"Schools without a concern are inspected about every {ROUTINE_YEARS} years: by the end "
        f"of the {ROUTINE_YEARS}th school year after the last inspection."
    )
    return Window(due, "", reasons)


def window_for(
    *, school: School, inspections: list[Inspection], override: WindowOverride | None
) -> Window:
    window = computed_window(school=school, inspections=inspections)
    if override is not None:
        computed = window.label
        window.due_by, window.kind, window.override = override.due_by, "", override
        window.reasons.append(
            f"Computed window: {computed}. Overridden by {override.set_by or 'the office'}: "
            f"{override.note}"
        )
    return window
