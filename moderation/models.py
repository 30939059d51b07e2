"""Statutory assessment monitoring and moderation, done by THE Partnership for the LA (seed 004):
each year's samples of schools, drawn by the office with a seed and a reason for every school
(`moderation.draw`); the moderators visiting them; and what each visit found."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from membership.models import School
from thep import ranges, years


class Kind(models.TextChoices):
    MONITORING = "monitoring", "Monitoring visit (phonics screening check and KS2 tests)"
    KS1 = "ks1", "KS1 moderation (reading, writing and maths)"
    KS2_WRITING = "ks2_writing", "KS2 writing moderation"


class Subject(models.TextChoices):
    READING = "reading", "Reading"
    WRITING = "writing", "Writing"
    MATHS = "maths", "Maths"
    ADMINISTRATION = "administration", "Administration of the check and tests"


# What each kind of visit judges: moderators agree a school's teacher assessments or not, by
# subject; a monitoring visitor whether the check and tests were kept and given as published.
SUBJECTS: dict[str, tuple[Subject, ...]] = {
    Kind.MONITORING: (Subject.ADMINISTRATION,),
    Kind.KS1: (Subject.READING, Subject.WRITING, Subject.MATHS),
    Kind.KS2_WRITING: (Subject.WRITING,),
}


class Draw(models.Model):
    """One year's samples, drawn at once. Drawn again only with a reason: the earlier draw is
    kept, marked superseded, so what was drawn first stays on record."""

    year = models.PositiveIntegerField(
        help_text="The school year: 2025 is 2025-26.", validators=ranges.between(*ranges.YEAR)
    )
    seed = models.PositiveBigIntegerField(
        help_text="The same seed and the same schools give the same samples."
    )
    include_special = models.BooleanField(
        "special schools included",
        default=False,
        help_text="Special schools with pupils at the end of KS1 or KS2 join the pool.",
    )
    pool = models.PositiveIntegerField(help_text="The schools the samples were drawn from.")
    rule = models.TextField(help_text="The Standards and Testing Agency's rules followed.")
    reason = models.CharField(
        "why drawn again", max_length=300, blank=True, help_text="Empty for a year's first draw."
    )
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    drawn_at = models.DateTimeField(auto_now_add=True)
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "-drawn_at"]
        constraints = [
            ranges.check("year", *ranges.YEAR),
            models.UniqueConstraint(
                fields=["year"],
                condition=Q(superseded_at__isnull=True),
                name="one_current_draw_a_year",
                violation_error_message="This year already has a sample.",
            ),
        ]

    def __str__(self) -> str:
        return f"Samples for {self.year_label} (seed {self.seed})"

    @property
    def year_label(self) -> str:
        return years.label(self.year)


class Pick(models.Model):
    """A school drawn into one of a year's samples, and why."""

    draw = models.ForeignKey(Draw, on_delete=models.CASCADE, related_name="picks")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="moderation_picks")
    reason = models.CharField(max_length=200)

    class Meta:
        ordering = ["kind", "school__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["draw", "kind", "school"], name="a_school_once_in_a_sample"
            )
        ]

    def __str__(self) -> str:
        return f"{self.school} ({self.get_kind_display()}, {self.draw.year_label})"


class Visit(models.Model):
    """A moderator's visit to a school of a sample: assigned and dated by the office, its
    outcome recorded by the moderator."""

    pick = models.OneToOneField(Pick, on_delete=models.PROTECT, related_name="visit")
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="moderation_visits",
        limit_choices_to={"role": "moderator"},
    )
    date = models.DateField()
    arranged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(
        "outcome recorded", null=True, blank=True, help_text="Empty until the visit is done."
    )

    class Meta:
        ordering = ["date"]
        indexes = [models.Index(fields=["moderator", "date"])]

    def __str__(self) -> str:
        return f"{self.pick.get_kind_display()} at {self.pick.school} on {self.date:%d/%m/%Y}"

    @property
    def done(self) -> bool:
        return self.recorded_at is not None

    @property
    def subjects(self) -> tuple[Subject, ...]:
        return SUBJECTS[self.pick.kind]


class Judgement(models.Model):
    """What a visit found in one subject: the school's judgements agreed, or how many the
    moderator changed of those looked at."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="judgements")
    subject = models.CharField(max_length=20, choices=Subject.choices)
    agreed = models.BooleanField()
    pupils = models.PositiveSmallIntegerField(
        "pupils looked at", null=True, blank=True, validators=ranges.between(0, 500)
    )
    changed = models.PositiveSmallIntegerField(
        "judgements changed", default=0, validators=ranges.between(0, 500)
    )

    class Meta:
        ordering = ["visit", "subject"]
        constraints = [
            models.UniqueConstraint(fields=["visit", "subject"], name="one_judgement_a_subject"),
            models.CheckConstraint(
                condition=Q(pupils__isnull=True) | Q(changed__lte=models.F("pupils")),
                name="no_more_changed_than_looked_at",
                violation_error_message="No more judgements changed than pupils looked at.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_subject_display()}: {'agreed' if self.agreed else 'not agreed'}"
