import datetime

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

from membership.models import Phase, School
from membership.phases import kpi_group
from thep import ranges, years
from thep.models import DirectorKind
from thep.years import Term, term_of

# Agreement with the head is due within two weeks of the visit (seed 003).
AGREEMENT_DAYS = 14


class Allocation(models.Model):
    """A Leadership Consultant allocated to a school for a membership year.

    A change of LC mid-year ends the current allocation and starts another, so the
    history stays."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="allocations")
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="allocations",
        limit_choices_to={"role": "consultant"},
    )
    year = models.PositiveIntegerField(
        help_text="The membership year it starts in: 2023 is 2023-24.",
        validators=ranges.between(*ranges.YEAR),
    )
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "school__name", "-starts_on"]
        constraints = [
            ranges.check("year", *ranges.YEAR),
            models.UniqueConstraint(
                fields=["school", "year"],
                condition=Q(ends_on__isnull=True),
                name="one_current_allocation_per_school_and_year",
                violation_error_message="This school already has an LC for that year.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.consultant} for {self.school} ({self.year})"

    @property
    def year_label(self) -> str:
        return years.label(self.year)

    def covers(self, day: datetime.date) -> bool:
        ends_on = self.ends_on or years.last_day(self.year)
        return self.starts_on <= day <= ends_on


class Visit(models.Model):
    """A Leadership Consultant's visit to a school: 2 to 3 hours, ending in a report."""

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="visits")
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="visits"
    )
    year = models.PositiveIntegerField(
        help_text="Membership year, from the date.", validators=ranges.between(*ranges.YEAR)
    )
    date = models.DateField()
    start_time = models.TimeField()
    minutes = models.PositiveSmallIntegerField(default=150, validators=ranges.between(120, 180))
    focus = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "start_time"]
        constraints = [
            ranges.check("year", *ranges.YEAR),
            models.CheckConstraint(
                condition=Q(minutes__gte=120, minutes__lte=180),
                name="visit_lasts_two_to_three_hours",
                violation_error_message="A visit lasts between 2 and 3 hours.",
            ),
        ]
        indexes = [
            models.Index(fields=["school", "year"]),
            models.Index(fields=["consultant"]),
            # A year's visits in date order, a page at a time (the visits page).
            models.Index(fields=["year", "date", "start_time"]),
        ]

    def __str__(self) -> str:
        return f"{self.school} on {self.date:%d/%m/%Y}"

    @property
    def term(self) -> Term:
        return term_of(self.date)

    @property
    def ends_at(self) -> datetime.datetime:
        start = datetime.datetime.combine(self.date, self.start_time)
        return start + datetime.timedelta(minutes=self.minutes)

    @staticmethod
    def changeable_with(report_status: str) -> bool:
        """Its LC may move or cancel a visit while the report is a draft: once shared, the
        head has read what happened at it. (`is_changeable`, for rows read as values.)"""
        return report_status == ReportStatus.DRAFT

    @property
    def is_changeable(self) -> bool:
        return self.changeable_with(self.report.status)

    @property
    def diagnostic_correctable(self) -> bool:
        """Its diagnostic review may be corrected while the report is with its LC: once shared,
        the head has read it."""
        report = getattr(self, "report", None)
        return report is None or report.status in WITH_THE_LC


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SHARED = "shared", "Shared with the head"
    # The head asked for changes, or a director sent the submitted report back: the LC answers
    # and shares it again, and the head agrees the new text.
    CHANGES = "changes", "Back with the LC for changes"
    AGREED = "agreed", "Agreed by the head"
    SUBMITTED = "submitted", "Submitted to the director"
    FINAL = "final", "Final"


# The template's fields (seed 003, Appendix 2), in its order, with the labels people know.
REPORT_FIELDS = {
    "summary": "Summary of discussion",
    "strengths": "Strengths identified",
    "areas_for_development": "Areas for development identified",
    "good_practice": "Good practice worthy of signposting to other schools",
    "agreed_actions": "Agreed actions",
    "challenge": "Challenge, questions to consider, potential future lines of enquiry",
    "risks": "Risks identified with the head, actions to address them and support needed",
}


def agreement_due(visit_date: datetime.date) -> datetime.date:
    """The day by which the head should have agreed the report of a visit on that date."""
    return visit_date + datetime.timedelta(days=AGREEMENT_DAYS)


# A report with its LC (not yet shared, or back for changes): the diagnostic review of its
# visit can still be corrected.
WITH_THE_LC = (ReportStatus.DRAFT, ReportStatus.CHANGES)

# A report the head has still to agree: overdue once its agreement date has passed.
WAITING_FOR_THE_HEAD = (ReportStatus.DRAFT, ReportStatus.SHARED, ReportStatus.CHANGES)


class Report(models.Model):
    """The report of one visit, with the fields of the template, and where it is in its
    workflow: draft -> shared -> agreed -> submitted -> final, going back to its LC for changes
    when the head asks for them (from shared) or a director sends it back (from submitted).

    `version` goes up with every change, so that a change made from a page read before another
    person's change is refused instead of silently undoing it (optimistic locking)."""

    visit = models.OneToOneField(Visit, on_delete=models.PROTECT, related_name="report")
    status = models.CharField(
        max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT, db_index=True
    )
    version = models.PositiveIntegerField(default=1)
    # Who made the last change, and when: what the person refused by `version` is told.
    changed_at = models.DateTimeField(null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The visit's date plus AGREEMENT_DAYS, kept here (see `agreement_due`) so the reports still
    # waiting are found by one small index, not by joining every visit there has been.
    due_by = models.DateField("agreement due by")
    summary = models.TextField(REPORT_FIELDS["summary"], blank=True)
    strengths = models.TextField(REPORT_FIELDS["strengths"], blank=True)
    areas_for_development = models.TextField(REPORT_FIELDS["areas_for_development"], blank=True)
    good_practice = models.TextField(REPORT_FIELDS["good_practice"], blank=True)
    good_practice_theme = models.CharField(
        "theme of the good practice",
        max_length=200,
        blank=True,
        help_text="A few words other schools would search for, e.g. 'early reading'.",
    )
    agreed_actions = models.TextField(REPORT_FIELDS["agreed_actions"], blank=True)
    challenge = models.TextField(REPORT_FIELDS["challenge"], blank=True)
    risks = models.TextField(REPORT_FIELDS["risks"], blank=True)
    shared_at = models.DateTimeField(null=True, blank=True)
    agreed_at = models.DateTimeField(null=True, blank=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # An agreement the head gave outside the portal (by email, at a meeting), recorded by a
    # director: who gave it, as the director was told (agreed_by stays empty).
    agreed_outside_by = models.CharField("agreed outside the portal by", max_length=200, blank=True)
    agreement_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_to = models.CharField(max_length=10, choices=DirectorKind.choices, blank=True)
    finalised_at = models.DateTimeField(null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-visit__date"]
        indexes = [
            models.Index(
                fields=["due_by"],
                name="improvement_report_waiting",
                condition=models.Q(status__in=["draft", "shared", "changes"]),
            )
        ]

    def __str__(self) -> str:
        return f"Report of the visit to {self.visit}"

    def is_overdue(self, today: datetime.date) -> bool:
        """Not yet agreed by the head two weeks after the visit (`overdue_on` as a query)."""
        return self.awaits_agreement and today > self.due_by

    @staticmethod
    def overdue_on(today: datetime.date, via: str = "") -> Q:
        """`is_overdue` as a condition on reports (or, with `via`, on rows that lead to one)."""
        return Q(**{f"{via}status__in": WAITING_FOR_THE_HEAD, f"{via}due_by__lt": today})

    # Where the report is in its workflow, for the code and templates that ask.
    @property
    def is_draft(self) -> bool:
        return self.status == ReportStatus.DRAFT

    @property
    def is_shared(self) -> bool:
        return self.status == ReportStatus.SHARED

    @property
    def is_back_with_lc(self) -> bool:
        return self.status == ReportStatus.CHANGES

    @property
    def is_agreed(self) -> bool:
        return self.status == ReportStatus.AGREED

    @property
    def is_submitted(self) -> bool:
        return self.status == ReportStatus.SUBMITTED

    @property
    def is_locked(self) -> bool:
        return self.status == ReportStatus.FINAL

    @property
    def awaits_agreement(self) -> bool:
        """Draft, shared or back for changes: until the head agrees it, its LC may write it."""
        return self.status in WAITING_FOR_THE_HEAD

    @property
    def owed_answers(self) -> "models.QuerySet[ReportComment]":
        """The head's comments and directors' notes its LC has still to answer: while there
        are any, nobody can agree the report and its LC cannot share it again."""
        return self.comments.filter(kind__in=ASKING, answer__isnull=True)


def director_for(phase: str) -> str:
    """Reports go to the Director of Primary for the nursery and primary groups of THEP's
    tables and to the Director of Secondary for the rest: the secondary group (with all-through
    schools and alternative provision) and special schools."""
    if kpi_group(phase) in (Phase.NURSERY, Phase.PRIMARY):
        return DirectorKind.PRIMARY
    return DirectorKind.SECONDARY


COMMENT_LENGTH = 2000


class Step(models.TextChoices):
    """What happened to a report, in its thread (ReportComment.kind)."""

    SHARED = "shared", "shared the report with the head"
    CHANGES = "changes", "asked for changes"
    ANSWER = "answer", "answered"
    AGREED = "agreed", "agreed the report as written"
    AGREED_OUTSIDE = "outside", "recorded the head's agreement given outside the portal"
    SUBMITTED = "submitted", "submitted the report to the director"
    SENT_BACK = "sent_back", "sent the report back to the LC"
    FINAL = "final", "accepted the report as final"


# The entries that ask something of the LC, each owing an answer.
ASKING = (Step.CHANGES, Step.SENT_BACK)


class ReportComment(models.Model):
    """An entry in a report's thread: a step of its workflow, dated, with what was said at it
    (the head's comment asking for changes, a director's note, the LC's answer to either).
    Kept whatever happens to the report after."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    kind = models.CharField(max_length=10, choices=Step.choices, default=Step.CHANGES)
    answer_to = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="answer"
    )
    # A comment, not a second report: long enough for a few paragraphs.
    text = models.TextField(max_length=COMMENT_LENGTH, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("text"), COMMENT_LENGTH),
                name="report_comment_length",
            ),
            models.CheckConstraint(
                condition=Q(kind=Step.ANSWER, answer_to__isnull=False)
                | (~Q(kind=Step.ANSWER) & Q(answer_to__isnull=True)),
                name="report_answer_answers_one_entry",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author} {self.get_kind_display()} on {self.report}"

    @property
    def asks(self) -> bool:
        return self.kind in ASKING


class ReportOpening(models.Model):
    """Who opened a report, and when: every opening, by anyone."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="openings")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.person} opened {self.report} at {self.at:%Y-%m-%d %H:%M}"


class ReportCorrection(models.Model):
    """A director's change to a final report, with what each field said before."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="corrections")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    at = models.DateTimeField(auto_now_add=True)
    reason = models.CharField(max_length=300)
    before = models.JSONField(help_text="Field name to its text before the correction.")

    class Meta:
        ordering = ["at"]

    def __str__(self) -> str:
        return f"Correction by {self.by} to {self.report}"


class RiskArea(models.TextChoices):
    STAFFING = "staffing", "Staffing"
    BUDGETS = "budgets", "Budgets"
    PLACE_PLANNING = "place_planning", "Pupil place planning"
    SAFEGUARDING = "safeguarding", "Safeguarding"
    CURRICULUM = "curriculum", "Curriculum"
    TEACHING = "teaching", "Learning and teaching"
    SEND = "send", "SEND"
    ATTENDANCE = "attendance", "Attendance"
    BEHAVIOUR = "behaviour", "Behaviour and exclusions"
    MOBILITY = "mobility", "Pupil mobility"
    COMPLAINTS = "complaints", "Parental complaints"
    OFSTED = "ofsted", "Ofsted"


AREA_ORDER = {area: index for index, area in enumerate(RiskArea.values)}


class Rating(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class DiagnosticReview(models.Model):
    """The autumn visit's diagnostic review: one per school and year. The LC's form saves it
    as a draft while they type; recorded, it counts in the risk register and shows on the
    report, and its LC can still correct it, with history, while the report is with them.

    `version` goes up with every save, as a report's does (optimistic locking)."""

    visit = models.OneToOneField(Visit, on_delete=models.PROTECT, related_name="diagnostic")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="diagnostics")
    year = models.PositiveIntegerField(validators=ranges.between(*ranges.YEAR))
    priorities = models.TextField("agreed priorities", blank=True)
    later_visits = models.TextField("plan for later visits", blank=True)
    # A draft is the LC's work in progress: not in the risk register, not on the report.
    is_draft = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    changed_at = models.DateTimeField(null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            ranges.check("year", *ranges.YEAR),
            models.UniqueConstraint(
                fields=["school", "year"],
                name="one_diagnostic_per_school_and_year",
                violation_error_message="This school already has a diagnostic review this year.",
            ),
        ]

    def __str__(self) -> str:
        return f"Diagnostic review of {self.school} {years.label(self.year)}"

    @property
    def ratings_in_order(self) -> list["RiskRating"]:
        """The ratings in the order of the strategy's list of risk areas."""
        return sorted(self.ratings.all(), key=lambda rating: AREA_ORDER[rating.area])


class RiskRating(models.Model):
    review = models.ForeignKey(DiagnosticReview, on_delete=models.CASCADE, related_name="ratings")
    area = models.CharField(max_length=20, choices=RiskArea.choices)
    # Empty in a draft whose area has a note but no rating yet.
    rating = models.CharField(max_length=5, choices=Rating.choices, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["review", "area"]
        constraints = [
            models.UniqueConstraint(fields=["review", "area"], name="one_rating_per_area")
        ]

    def __str__(self) -> str:
        return f"{self.get_area_display()}: {self.get_rating_display()}"


class DiagnosticChange(models.Model):
    """A correction to a recorded diagnostic review: who changed which rating (or a note, or
    the priorities) and when. Ratings keep what they were and became; for the words, only
    that they changed (the review shows what they say now)."""

    review = models.ForeignKey(DiagnosticReview, on_delete=models.CASCADE, related_name="changes")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    # A risk area (its rating), "<area>_note", "priorities" or "later_visits".
    what = models.CharField(max_length=30)
    before = models.CharField(max_length=5, blank=True)
    after = models.CharField(max_length=5, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.by} changed {self.what} of {self.review}"

    @property
    def described(self) -> str:
        """What changed, in words: "Budgets: Green to Amber", "Note on Budgets changed"."""
        if self.what in RiskArea.values:
            ratings = dict(Rating.choices)
            before = ratings.get(self.before, "No rating")
            after = ratings.get(self.after, "No rating")
            return f"{RiskArea(self.what).label}: {before} to {after}"
        if self.what.endswith("_note"):
            return f"Note on {RiskArea(self.what.removesuffix('_note')).label} changed"
        if self.what == "priorities":
            return "Agreed priorities changed"
        return "Plan for later visits changed"


class RiskSharing(models.Model):
    """An academy's head agreeing that the Local Authority may see THEP's risk rating of the
    school (its level and the areas rated red or amber, never notes), from `given_at` until
    withdrawn. Maintained schools need none: their risk assessment is part of the LA's
    commission. Each period of agreement is a row, so who agreed and withdrew when stays."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="risk_sharing")
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    given_at = models.DateTimeField()
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-given_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["school"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_current_risk_sharing_per_school",
                violation_error_message="The head has already agreed to share the risk rating.",
            )
        ]

    def __str__(self) -> str:
        return f"Risk rating of {self.school} shared with the LA"


class RiskLevel(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class RiskStanding(models.Model):
    """A school's risk level and reasons as `improvement.risk.school_risks` works them out for
    `computed_on`: a cache of that function, kept by improvement.standings, so the risk
    register filters, sorts and pages in the database."""

    school = models.OneToOneField(
        School, on_delete=models.CASCADE, primary_key=True, related_name="risk_standing"
    )
    level = models.CharField(max_length=10, choices=RiskLevel.choices)
    reasons = models.JSONField(default=list)
    # The reasons that come from public data (Ofsted, the roll): all the LA sees of an
    # academy whose head has not agreed to share its risk rating.
    public_reasons = models.JSONField(default=list)
    computed_on = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["level"])]

    def __str__(self) -> str:
        return f"Risk standing of {self.school}"

    @property
    def level_label(self) -> str:
        return self.get_level_display()


class GoodPractice(models.Model):
    """An entry in the good-practice directory, taken from a report's "good practice worthy
    of signposting" when the report is final. It carries the school and theme, never the
    rest of the report."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="good_entry")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="good_practice")
    theme = models.CharField(max_length=200)
    description = models.TextField()
    published_on = models.DateField()

    class Meta:
        ordering = ["-published_on"]
        indexes = [
            GinIndex(
                SearchVector("theme", "description", config="english"),
                name="good_practice_search",
            )
        ]

    def __str__(self) -> str:
        return f"{self.theme} at {self.school}"


class ReviewMeeting(models.Model):
    """A termly meeting of the School Review Group: THEP's directors with Local Authority
    colleagues, on schools facing risks. Its papers are for LA officers too."""

    held_on = models.DateField()
    attendees = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)
    other_attendees = models.TextField(
        blank=True, help_text="People without a portal login, one per line."
    )

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"School Review Group, {self.held_on:%d %B %Y}"

    @property
    def term(self) -> Term:
        return term_of(self.held_on)


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"


def _done_when_dated(prefix: str) -> models.CheckConstraint:
    """An action is done on a day, or open without one."""
    return models.CheckConstraint(
        condition=Q(status=ActionStatus.OPEN, done_on__isnull=True)
        | Q(status=ActionStatus.DONE, done_on__isnull=False),
        name=f"{prefix}_done_on_a_day",
    )


class Action(models.Model):
    """What review-group and TIG actions share: whose it is, by when, and whether it is done.
    The owner is someone on the portal, so that it reaches their home page; actions recorded
    before owners were people keep the name they were given (`owner_name`)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_on = models.DateField("due by", null=True, blank=True)
    status = models.CharField(max_length=4, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_done(self) -> bool:
        return self.status == ActionStatus.DONE

    def is_late(self, today: datetime.date) -> bool:
        return not self.is_done and self.due_on is not None and self.due_on < today


class ReviewItem(Action):
    """A school discussed at a School Review Group meeting, what was agreed, and who sees to it
    by when."""

    meeting = models.ForeignKey(ReviewMeeting, on_delete=models.CASCADE, related_name="items")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="review_items")
    discussion = models.TextField("why the school was discussed")
    actions = models.TextField("actions agreed", blank=True)

    class Meta:
        ordering = ["school__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "school"],
                name="school_once_per_review_meeting",
                violation_error_message="This school is already on the meeting's agenda.",
            ),
            _done_when_dated("review_item"),
        ]
        indexes = [
            models.Index(fields=["due_on"], name="review_item_open", condition=Q(status="open"))
        ]

    def __str__(self) -> str:
        return f"{self.school} at {self.meeting}"


class InterventionGroup(models.Model):
    """A Targeted Intervention Group for a school judged Requires Improvement (or worse):
    set up after the strategy meeting, usually chaired by a THEP director."""

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="intervention_groups")
    strategy_meeting = models.ForeignKey(
        "ofsted.StrategyMeeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="intervention_groups", blank=True
    )
    started_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    resourcing = models.TextField("resourcing and reporting agreed", blank=True)

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["school"],
                condition=Q(closed_on__isnull=True),
                name="one_open_intervention_group_per_school",
                violation_error_message="This school already has an open intervention group.",
            )
        ]

    def __str__(self) -> str:
        return f"Targeted Intervention Group for {self.school}"


class InterventionAction(Action):
    group = models.ForeignKey(InterventionGroup, on_delete=models.CASCADE, related_name="actions")
    action = models.CharField(max_length=300)
    owner_name = models.CharField("who", max_length=200, blank=True)
    due_on = models.DateField("due by")

    class Meta:
        ordering = ["due_on"]
        constraints = [_done_when_dated("intervention_action")]

    def __str__(self) -> str:
        return self.action


class InterventionReview(models.Model):
    """A review of the school's progress with the head and the chair of governors."""

    group = models.ForeignKey(InterventionGroup, on_delete=models.CASCADE, related_name="reviews")
    held_on = models.DateField()
    notes = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"Review of {self.group} on {self.held_on:%d/%m/%Y}"


class CalendarFeed(models.Model):
    """The secret address of an LC's visits feed, for calendar apps that cannot log in. The LC
    can make a new one at any time, and the old address stops working at once."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Calendar feed of {self.person}"
