"""Ofsted inspections kept as history, under the legacy framework and the report cards of
November 2025, with the records the office adds: national figures, window overrides and the
strategy meetings proposed after a worrying outcome."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property

from membership.models import Phase, School
from thep import ranges


class InspectionType(models.TextChoices):
    GRADED = "graded", "Graded"
    UNGRADED = "ungraded", "Ungraded"
    REPORT_CARD = "report_card", "Report card"
    MONITORING = "monitoring", "Monitoring"


class Grade(models.IntegerChoices):
    """Legacy grades: overall effectiveness and its sub-judgements."""

    OUTSTANDING = 1, "Outstanding"
    GOOD = 2, "Good"
    REQUIRES_IMPROVEMENT = 3, "Requires improvement"
    INADEQUATE = 4, "Inadequate"


class CardGrade(models.IntegerChoices):
    """Report card grades, best first."""

    EXCEPTIONAL = 1, "Exceptional"
    STRONG = 2, "Strong standard"
    EXPECTED = 3, "Expected standard"
    NEEDS_ATTENTION = 4, "Needs attention"
    URGENT_IMPROVEMENT = 5, "Urgent improvement"


class Concern(models.TextChoices):
    SPECIAL_MEASURES = "special_measures", "Special measures"
    SERIOUS_WEAKNESSES = "serious_weaknesses", "Serious weaknesses"
    # The report cards' category (November 2025 on), Ofsted's code RSI.
    SIGNIFICANT_IMPROVEMENT = "significant_improvement", "Requires significant improvement"


class Source(models.TextChoices):
    IMPORT = "import", "Ofsted management information"
    OFFICE = "office", "Entered by the office"
    DEMO = "demo", "Demo data"


LEGACY_JUDGEMENTS = (
    ("quality_of_education", "Quality of education"),
    ("behaviour_and_attitudes", "Behaviour and attitudes"),
    ("personal_development", "Personal development"),
    ("leadership_and_management", "Leadership and management"),
    ("early_years_provision", "Early years provision"),
    ("sixth_form_provision", "Sixth form provision"),
)

# The common inspection framework (September 2015 to August 2019); its leadership and
# management, early years and 16 to 19 (sixth form) judgements are kept in the fields above.
CIF_JUDGEMENTS = (
    ("outcomes_for_pupils", "Outcomes for pupils"),
    ("teaching_learning_and_assessment", "Quality of teaching, learning and assessment"),
    ("personal_development_behaviour_and_welfare", "Personal development, behaviour and welfare"),
)

REPORT_CARD_AREAS = (
    ("inclusion", "Inclusion"),
    ("curriculum_and_teaching", "Curriculum and teaching"),
    ("achievement", "Achievement"),
    ("attendance_and_behaviour", "Attendance and behaviour"),
    ("personal_development_and_wellbeing", "Personal development and wellbeing"),
    ("leadership_and_governance", "Leadership and governance"),
    ("early_years", "Early years"),
    ("post_16", "Post-16"),
)

# Inspections that set a school's outcome; ungraded and monitoring inspections leave it as it was.
OUTCOME_TYPES = (InspectionType.GRADED, InspectionType.REPORT_CARD)


def _grade_field(label: str, choices) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(label, choices=choices, null=True, blank=True)


def _grade_check(name: str, highest: int) -> models.CheckConstraint:
    return models.CheckConstraint(
        name=f"inspection_{name}_in_range",
        condition=Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__range": (1, highest)}),
    )


class Inspection(models.Model):
    """One inspection of one school. Imports add inspections and fill in blanks; none is lost."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="inspections")
    inspection_type = models.CharField("type", max_length=20, choices=InspectionType.choices)
    start_date = models.DateField(
        null=True, blank=True, help_text="Blank only when Ofsted's file gives just publication."
    )
    publication_date = models.DateField(null=True, blank=True)
    # Legacy framework (to August 2024 with an overall grade; to November 2025 without).
    overall_effectiveness = _grade_field("overall effectiveness", Grade.choices)
    quality_of_education = _grade_field("quality of education", Grade.choices)
    behaviour_and_attitudes = _grade_field("behaviour and attitudes", Grade.choices)
    personal_development = _grade_field("personal development", Grade.choices)
    leadership_and_management = _grade_field("leadership and management", Grade.choices)
    early_years_provision = _grade_field("early years provision", Grade.choices)
    sixth_form_provision = _grade_field("sixth form provision", Grade.choices)
    outcomes_for_pupils = _grade_field("outcomes for pupils", Grade.choices)
    teaching_learning_and_assessment = _grade_field(
        "quality of teaching, learning and assessment", Grade.choices
    )
    personal_development_behaviour_and_welfare = _grade_field(
        "personal development, behaviour and welfare", Grade.choices
    )
    safeguarding_effective = models.BooleanField("safeguarding is effective", null=True, blank=True)
    category_of_concern = models.CharField(max_length=30, choices=Concern.choices, blank=True)
    ungraded_outcome = models.CharField(
        max_length=200, blank=True, help_text="The outcome of an ungraded inspection, as worded."
    )
    # Report cards (from November 2025).
    inclusion = _grade_field("inclusion", CardGrade.choices)
    curriculum_and_teaching = _grade_field("curriculum and teaching", CardGrade.choices)
    achievement = _grade_field("achievement", CardGrade.choices)
    attendance_and_behaviour = _grade_field("attendance and behaviour", CardGrade.choices)
    personal_development_and_wellbeing = _grade_field(
        "personal development and wellbeing", CardGrade.choices
    )
    leadership_and_governance = _grade_field("leadership and governance", CardGrade.choices)
    early_years = _grade_field("early years", CardGrade.choices)
    post_16 = _grade_field("post-16", CardGrade.choices)
    safeguarding_met = models.BooleanField("safeguarding standards met", null=True, blank=True)
    # An area can be graded again after the report card (a later visit); the card keeps the day
    # each of its areas (and safeguarding) was last graded, by field name, as Ofsted's file says.
    grade_dates = models.JSONField(
        "dates of grades", default=dict, blank=True, help_text="Area: the day it was graded."
    )
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.OFFICE)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["school__name", "-start_date"]
        constraints = [
            models.CheckConstraint(
                name="inspection_has_a_date",
                condition=Q(start_date__isnull=False) | Q(publication_date__isnull=False),
                violation_error_message="An inspection needs a start or a publication date.",
            ),
            models.UniqueConstraint(
                fields=["school", "inspection_type", "start_date"],
                condition=Q(start_date__isnull=False),
                name="one_inspection_per_school_type_and_start",
            ),
            models.UniqueConstraint(
                fields=["school", "inspection_type", "publication_date"],
                condition=Q(start_date__isnull=True),
                name="one_undated_inspection_per_school_type_and_publication",
            ),
            _grade_check("overall_effectiveness", 4),
            *(_grade_check(name, 4) for name, _ in LEGACY_JUDGEMENTS + CIF_JUDGEMENTS),
            *(_grade_check(name, 5) for name, _ in REPORT_CARD_AREAS),
        ]
        indexes = [models.Index(fields=["school", "start_date"])]

    def __str__(self) -> str:
        # Not self.on: an unsaved row may have neither date.
        on = self.start_date or self.publication_date
        return f"{self.get_inspection_type_display()} inspection of {self.school} on {on}"

    @property
    def on(self) -> datetime.date:
        """The day the inspection counts from: its start, or its publication if that is all
        Ofsted's file gave."""
        on = self.start_date or self.publication_date
        if on is None:
            # The inspection_has_a_date constraint keeps this from any saved row.
            raise ValueError("An inspection needs a start or a publication date.")
        return on

    @property
    def sets_outcome(self) -> bool:
        return self.inspection_type in OUTCOME_TYPES

    @property
    def judgements(self) -> list[tuple[str, str]]:
        return [
            (label, getattr(self, f"get_{name}_display")())
            for name, label in CIF_JUDGEMENTS + LEGACY_JUDGEMENTS
            if getattr(self, name) is not None
        ]

    @property
    def areas(self) -> list[tuple[str, str]]:
        return [
            (label, getattr(self, f"get_{name}_display")())
            for name, label in REPORT_CARD_AREAS
            if getattr(self, name) is not None
        ]

    @property
    def worst_card_grade(self) -> int | None:
        grades = [getattr(self, name) for name, _ in REPORT_CARD_AREAS]
        return max((grade for grade in grades if grade is not None), default=None)

    @property
    def summary(self) -> str:
        """The outcome in a few words, for tables."""
        if self.inspection_type == InspectionType.REPORT_CARD:
            worst = self.worst_card_grade
            text = f"Report card, lowest {CardGrade(worst).label}" if worst else "Report card"
            return text + (", safeguarding not met" if self.safeguarding_met is False else "")
        if self.inspection_type == InspectionType.UNGRADED:
            return self.ungraded_outcome or "Ungraded"
        if self.inspection_type == InspectionType.MONITORING:
            return "Monitoring"
        if self.overall_effectiveness is None:
            return "No overall grade"
        text = self.get_overall_effectiveness_display()
        if self.category_of_concern:
            text += f" ({self.get_category_of_concern_display().lower()})"
        return text

    @property
    def concerns(self) -> list[str]:
        """Why this outcome puts a school forward for a strategy meeting, if it does."""
        reasons = []
        if self.overall_effectiveness in (Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE):
            reasons.append(f"Overall effectiveness {self.get_overall_effectiveness_display()}")
        if self.category_of_concern:
            reasons.append(self.get_category_of_concern_display())
        for name, label in REPORT_CARD_AREAS:
            grade = getattr(self, name)
            if grade in (CardGrade.NEEDS_ATTENTION, CardGrade.URGENT_IMPROVEMENT):
                reasons.append(f"{label}: {CardGrade(grade).label}")
        if self.safeguarding_met is False:
            reasons.append("Safeguarding standards not met")
        return reasons


class NationalFigures(models.Model):
    """National percentages of schools at each grade, entered by the office for a year so the
    KPI tables can show them beside the partnership's own."""

    year = models.PositiveIntegerField(
        help_text="The membership year shown: 2017 is 2017-18.",
        validators=ranges.between(*ranges.YEAR),
    )
    phase = models.CharField(max_length=20, choices=Phase.choices)
    outstanding = models.PositiveSmallIntegerField(
        "outstanding %", validators=ranges.between(*ranges.PER_CENT)
    )
    good = models.PositiveSmallIntegerField("good %", validators=ranges.between(*ranges.PER_CENT))
    requires_improvement = models.PositiveSmallIntegerField(
        "requires improvement %", validators=ranges.between(*ranges.PER_CENT)
    )
    inadequate = models.PositiveSmallIntegerField(
        "inadequate %", null=True, blank=True, validators=ranges.between(*ranges.PER_CENT)
    )
    good_or_better = models.PositiveSmallIntegerField(
        "good or outstanding %", validators=ranges.between(*ranges.PER_CENT)
    )
    source = models.CharField(
        max_length=200, blank=True, help_text="Where the figures come from, e.g. 2017 data."
    )

    class Meta:
        verbose_name_plural = "national figures"
        ordering = ["-year", "phase"]
        constraints = [
            ranges.check("year", *ranges.YEAR),
            models.UniqueConstraint(fields=["year", "phase"], name="one_national_row_per_phase"),
            models.CheckConstraint(
                name="national_percentages_at_most_100",
                condition=Q(outstanding__lte=100, good__lte=100, requires_improvement__lte=100)
                & Q(good_or_better__lte=100)
                & (Q(inadequate__isnull=True) | Q(inadequate__lte=100)),
            ),
        ]

    def __str__(self) -> str:
        return f"National figures {self.year} {self.get_phase_display()}"


class WindowOverride(models.Model):
    """A director's correction of the computed inspection window, with the reason."""

    school = models.OneToOneField(School, on_delete=models.CASCADE, related_name="window_override")
    due_by = models.DateField("expected by")
    note = models.TextField(help_text="Why the computed window does not apply.")
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    set_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.school}: expected by {self.due_by}"


class StrategyMeeting(models.Model):
    """A school put forward for a strategy meeting after a worrying inspection outcome.

    Targeted Intervention Groups (improvement app) link here."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="strategy_meetings")
    inspection = models.OneToOneField(
        Inspection, on_delete=models.CASCADE, related_name="strategy_meeting"
    )
    reasons = models.TextField()
    proposed_at = models.DateTimeField(auto_now_add=True)
    held_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-proposed_at"]

    def __str__(self) -> str:
        return f"Strategy meeting for {self.school}"


class OfstedStanding(models.Model):
    """A school's current outcome and next inspection window as `ofsted_for` works them out
    for `computed_on`: a cache of that function, kept by ofsted.standings, so the borough
    table filters, sorts and pages in the database."""

    school = models.OneToOneField(
        School, on_delete=models.CASCADE, primary_key=True, related_name="ofsted_standing"
    )
    outcome = models.ForeignKey(Inspection, on_delete=models.SET_NULL, null=True, related_name="+")
    outcome_on = models.DateField(null=True)
    outcome_summary = models.CharField(max_length=250, blank=True)  # the outcome's `summary`
    uses_predecessor = models.BooleanField(default=False)
    due_by = models.DateField(null=True)
    window_kind = models.CharField(max_length=20, blank=True)
    window_reasons = models.JSONField(default=list)
    computed_on = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["due_by"]), models.Index(fields=["outcome_on"])]

    def __str__(self) -> str:
        return f"Ofsted standing of {self.school}"

    @cached_property
    def window(self):
        """The stored window, with the director's override (select_related it) for its badge."""
        from ofsted.windows import Window  # windows imports this module

        return Window(
            self.due_by,
            self.window_kind,
            self.window_reasons,
            getattr(self.school, "window_override", None),
        )
