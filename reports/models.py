from decimal import Decimal

from django.conf import settings
from django.db import models

from thep import ranges, years


class Kind(models.TextChoices):
    KPI = "kpi", "KPI report"
    ANNUAL = "annual", "Annual report"
    COUNCIL = "council", "Report to the Council on the quality of education"


class Status(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Being made"
    DONE = "done", "Ready"
    FAILED = "failed", "Failed"


class StoredFile(models.Model):
    """One version of a PDF made by a worker for a year: its progress while it is being made,
    why it failed, and when it was ready. Making it again adds a version; none is ever
    overwritten. A failed version can be tried again."""

    year = models.PositiveIntegerField(validators=ranges.between(*ranges.YEAR))
    version = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(
        default=0, help_text="Per cent done.", validators=ranges.between(*ranges.PER_CENT)
    )
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True, help_text="Time taken to make it.")

    class Meta:
        abstract = True
        ordering = ["-requested_at"]

    @property
    def year_label(self) -> str:
        return years.label(self.year)


class ReportFile(StoredFile):
    """One version of a PDF report for a year."""

    kind = models.CharField(max_length=10, choices=Kind.choices)
    pdf = models.FileField(upload_to="reports/", blank=True)

    class Meta(StoredFile.Meta):
        constraints = [
            ranges.check("year", *ranges.YEAR),
            ranges.check("progress", *ranges.PER_CENT),
            models.UniqueConstraint(
                fields=["kind", "year", "version"], name="one_report_file_per_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year_label} v{self.version}"

    @property
    def filename(self) -> str:
        return f"thep-{self.kind}-report-{self.year_label}-v{self.version}.pdf"


class Foreword(models.Model):
    """The director's foreword to a year's annual report."""

    year = models.PositiveIntegerField(unique=True, validators=ranges.between(*ranges.YEAR))
    text = models.TextField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [ranges.check("year", *ranges.YEAR)]

    def __str__(self) -> str:
        return f"Foreword {years.label(self.year)}"


class OutcomeMeasure(models.TextChoices):
    """How an outcome's value for a year is worked out (reports.framework), each from data the
    portal holds. Figures are the median of the borough's full members' published figures."""

    GOOD_OR_BETTER = "good_or_better", "Member schools good or outstanding at Ofsted (% of graded)"
    KS2_VS_ENGLAND = (
        "ks2_vs_england",
        (
            "Members' median KS2 reading, writing and maths at the expected standard, "
            "minus England (points)"
        ),
    )
    KS4_VS_ENGLAND = "ks4_vs_england", "Members' median KS4 Attainment 8, minus England (points)"
    DISADVANTAGED_GAP = (
        "disadvantaged_gap",
        (
            "Gap at KS2 reading, writing and maths: members' median for all pupils minus "
            "disadvantaged pupils (points)"
        ),
    )
    ABSENCE_VS_ENGLAND = (
        "absence_vs_england",
        ("Members' median overall absence, minus England (points)"),
    )
    SUSPENSIONS_VS_ENGLAND = (
        "suspensions_vs_england",
        ("Members' median suspensions per 100 pupils, minus England"),
    )
    MEMBERSHIP = "membership", "Schools in the LA that are full members (%)"
    PARTICIPATION = (
        "participation",
        ("Member schools using additional services or professional learning (%)"),
    )
    NOT_HELD = "not_held", "Measured outside the portal (surveys, feedback, examples)"
    SATISFACTION = (
        "satisfaction",
        "Answers rating THE Partnership 4 or 5 out of 5 on the year's satisfaction question (%)",
    )


# Measures where a lower value is the better one.
LOWER_IS_BETTER = {
    OutcomeMeasure.DISADVANTAGED_GAP,
    OutcomeMeasure.ABSENCE_VS_ENGLAND,
    OutcomeMeasure.SUSPENSIONS_VS_ENGLAND,
}
# Measures that are percentages, so their baseline and target lie between 0 and 100.
PERCENTAGES = {
    OutcomeMeasure.GOOD_OR_BETTER,
    OutcomeMeasure.MEMBERSHIP,
    OutcomeMeasure.PARTICIPATION,
    OutcomeMeasure.SATISFACTION,
}


class Outcome(models.Model):
    """One of the partnership's outcomes (seed 002's table), how it is measured, and the
    baseline and target set with members (empty until they are set)."""

    position = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(max_length=200)
    measure = models.CharField(max_length=30, choices=OutcomeMeasure.choices)
    higher_is_better = models.BooleanField(default=True)
    baseline_year = models.PositiveIntegerField(
        null=True, blank=True, validators=ranges.between(*ranges.YEAR)
    )
    baseline = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    target_year = models.PositiveIntegerField(
        null=True, blank=True, validators=ranges.between(*ranges.YEAR)
    )
    target = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            ranges.check("baseline_year", *ranges.YEAR),
            ranges.check("target_year", *ranges.YEAR),
            models.CheckConstraint(
                condition=models.Q(baseline__isnull=True, baseline_year__isnull=True)
                | models.Q(baseline__isnull=False, baseline_year__isnull=False),
                name="outcome_baseline_has_a_year",
            ),
            models.CheckConstraint(
                condition=models.Q(target__isnull=True) | models.Q(baseline__isnull=False),
                name="outcome_target_needs_a_baseline",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def baseline_year_label(self) -> str:
        return years.label(self.baseline_year) if self.baseline_year is not None else ""

    @property
    def target_year_label(self) -> str:
        return years.label(self.target_year) if self.target_year is not None else ""

    @property
    def measured(self) -> bool:
        return self.measure != OutcomeMeasure.NOT_HELD

    def on_track(self, *, year: int, value: Decimal | None) -> bool | None:
        """Whether the year's value is on track for the target; None when there is no value,
        no baseline or no target to judge by.

        On track when the value has reached the target, or else when it is at least where a
        steady climb from the baseline would be by now: baseline + (target - baseline) x the
        share of the years from the baseline year to the target year that have gone by (0 to
        1). With no target year, that share is 0: on track when the value is at least as good
        as the baseline. "Better" is higher, or lower where `higher_is_better` is off."""
        if value is None or self.baseline is None or self.target is None:
            return None
        sign = 1 if self.higher_is_better else -1
        if sign * (value - self.target) >= 0:
            return True
        share = Decimal(0)
        if self.baseline_year is not None and self.target_year is not None:
            span = self.target_year - self.baseline_year
            if span > 0:
                share = min(max(Decimal(year - self.baseline_year) / span, Decimal(0)), Decimal(1))
        expected = self.baseline + (self.target - self.baseline) * share
        return sign * (value - expected) >= 0


class DataPack(StoredFile):
    """One version of a school's comparative data analysis pack: its published figures of the
    three years to `year` against the LA, London and England."""

    school = models.ForeignKey(
        "membership.School", on_delete=models.CASCADE, related_name="data_packs"
    )
    pdf = models.FileField(upload_to="packs/", blank=True)

    class Meta(StoredFile.Meta):
        constraints = [
            ranges.check("year", *ranges.YEAR),
            ranges.check("progress", *ranges.PER_CENT),
            models.UniqueConstraint(
                fields=["school", "year", "version"], name="one_data_pack_per_version"
            ),
        ]

    def __str__(self) -> str:
        return f"Data pack of {self.school.name}, {self.year_label} v{self.version}"

    @property
    def filename(self) -> str:
        return f"thep-data-pack-{self.school.urn}-{self.year_label}-v{self.version}.pdf"
