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
# Schools last inspected before the pause: "the gap may be up to six terms (two school years)
# longer than it would have been", within the July 2025 commitment above.
PANDEMIC_EXTRA_YEARS = 2
# A new school (a new URN: a free school, an academy converter, an amalgamation) is first
# inspected in its third school year (Ofsted's statement of October 2015, and its guidance on
# selecting new schools); a converter whose predecessor was exempt inherits the exemption.
NEW_SCHOOL_YEAR = 3
# The third-year rule covers schools opened since September 2014; an older school with no
# inspection on record is missing its history, not waiting for its first inspection.
NEW_SCHOOL_RULE_FROM = datetime.date(2014, 9, 1)
# The renewed framework: from 10 November 2025 every routine inspection is a full inspection
# that gives a report card; the graded and ungraded kinds end.
RENEWED_FRAMEWORK = datetime.date(2025, 11, 10)
REPORT_CARD = "report card"


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
    opened = school.opened_on
    if (
        opened is not None
        and opened >= NEW_SCHOOL_RULE_FROM
        and (not inspections or inspections[0].on < opened)
    ):
        return _for_report_cards(_new_school(school, inspections, opened))
    if not inspections:
        return Window(
            None,
            "graded",
            [
                "No inspection on record for this school or a predecessor.",
                "A new school is first inspected in its third school year; the register does "
                "not hold its opening date."
                if opened is None
                else f"It opened on {_long(opened)}, so its inspections are missing from the "
                "register: import Ofsted's file.",
            ],
        )
    return _for_report_cards(_from_history(school, inspections))


def _new_school(school: School, inspections: list[Inspection], opened: datetime.date) -> Window:
    """A school with no inspection since it opened (as a new URN). Inspections before the
    opening are its predecessor's: they matter only if it inherited the exemption."""
    if inspections and opened < EXEMPTION_ENDED:
        inherited = _exemption(school, inspections)
        if inherited is not None:
            inherited.reasons.insert(
                0,
                f"Opened on {_long(opened)} as the successor of an outstanding school, while "
                "outstanding schools were exempt: it inherited the exemption.",
            )
            return inherited
    third = years.year_of(opened) + NEW_SCHOOL_YEAR - 1
    reasons = [
        f"Opened on {_long(opened)}: a new school (a free school, an academy converter or an "
        f"amalgamated school) is first inspected in its third school year, {years.label(third)}."
    ]
    if inspections:
        reasons.append(
            f"The predecessor's {inspections[0].get_inspection_type_display().lower()} "
            f"inspection of {_long(inspections[0].on)} does not set the date."
        )
    return Window(years.last_day(third), "graded", reasons)


def _exemption(school: School, inspections: list[Inspection]) -> Window | None:
    """The window of a school that was exempt as outstanding, if it was."""
    latest = inspections[0]
    if not (
        latest.sets_outcome
        and latest.overall_effectiveness == Grade.OUTSTANDING
        and latest.on < EXEMPTION_ENDED
        and school.phase in EXEMPT_PHASES
    ):
        return None
    kind = "graded" if latest.on < GRADED_IF_BEFORE else "ungraded"
    reasons = [
        f"Latest inspection: {latest.get_inspection_type_display().lower()}, {_long(latest.on)}.",
        "Outstanding when outstanding schools were exempt from routine inspection; since the "
        f"exemption ended they are all to be inspected by {_long(PANDEMIC_CATCH_UP_BY)}.",
        "Last inspected before September 2015, so the inspection will be graded."
        if kind == "graded"
        else "Last inspected since September 2015, so the inspection will be ungraded.",
    ]
    return Window(PANDEMIC_CATCH_UP_BY, kind, reasons)


def _from_history(school: School, inspections: list[Inspection]) -> Window:
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
                f"The next full inspection is usually within {MONTHS_AFTER_CONCERN} months."
            )
        due = years.add_months(outcome.on, MONTHS_AFTER_CONCERN)
        if outcome.on < PANDEMIC_PAUSE:
            due = years.add_months(due, PANDEMIC_MONTHS)
            reasons.append(
                f"Inspected before the pandemic pause, so {PANDEMIC_MONTHS} months are added."
            )
        return Window(due, "monitoring" if serious else "graded", reasons)
    if (exempt := _exemption(school, inspections)) is not None:
        return exempt
    routine = years.last_day(years.year_of(latest.on) + ROUTINE_YEARS)
    if latest.on < PANDEMIC_PAUSE:
        extended = years.last_day(years.year_of(latest.on) + ROUTINE_YEARS + PANDEMIC_EXTRA_YEARS)
        reasons.append(
            f"Last inspected before the pandemic pause: the {ROUTINE_YEARS}-year gap may be up "
            f"to six terms longer (to {_long(extended)}), and Ofsted undertook to inspect every "
            f"such school by {_long(PANDEMIC_CATCH_UP_BY)}."
        )
        return Window(min(extended, PANDEMIC_CATCH_UP_BY), "", reasons)
    reasons.append(
        f"Schools without a concern are inspected about every {ROUTINE_YEARS} years: by the end "
        f"of the {ROUTINE_YEARS}th school year after the last inspection."
    )
    return Window(routine, "", reasons)


def _for_report_cards(window: Window) -> Window:
    """From 10 November 2025 a routine inspection gives a report card, whatever the old
    framework would have made it."""
    due = window.due_by
    if due is not None and due >= RENEWED_FRAMEWORK and window.kind != "monitoring":
        window.kind = REPORT_CARD
        window.reasons.append(
            f"Inspections from {_long(RENEWED_FRAMEWORK)} give a report card (the renewed "
            "framework), not a graded or ungraded outcome."
        )
    return window


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
