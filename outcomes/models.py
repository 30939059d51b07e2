"""Schools' published results, attendance and exclusions, from the DfE's school-level files,
beside the figures the same files give for local authorities, London and England.

A figure is a school's (or an area's) value of one measure for one group of pupils in one
academic year. A value the DfE withheld is kept as not published, with the DfE's reason, never
as zero. A school's national percentile and quintile are worked out by the import, which reads
every school in England, and kept with its figure."""

import bisect
from decimal import Decimal

from django.db import models
from django.db.models import Q

from membership.models import Phase, School
from thep import ranges
from thep.models import User


class Measure(models.TextChoices):
    KS2_RWM_EXPECTED = "ks2_rwm_expected", "KS2 reading, writing and maths: expected standard (%)"
    KS2_RWM_HIGHER = "ks2_rwm_higher", "KS2 reading, writing and maths: higher standard (%)"
    KS2_READING_SCORE = "ks2_reading_score", "KS2 reading: average scaled score"
    KS2_MATHS_SCORE = "ks2_maths_score", "KS2 maths: average scaled score"
    KS2_PROGRESS_READING = "ks2_progress_reading", "KS2 progress in reading"
    KS2_PROGRESS_WRITING = "ks2_progress_writing", "KS2 progress in writing"
    KS2_PROGRESS_MATHS = "ks2_progress_maths", "KS2 progress in maths"
    KS4_ATTAINMENT8 = "ks4_attainment8", "KS4 Attainment 8"
    KS4_PROGRESS8 = "ks4_progress8", "KS4 Progress 8"
    KS4_BASICS_GRADE5 = "ks4_basics_grade5", "KS4 English and maths at grade 5 or above (%)"
    KS4_EBACC_APS = "ks4_ebacc_aps", "KS4 EBacc average point score"
    KS5_ALEVEL_APS = "ks5_alevel_aps", "KS5 A level average point score per entry"
    KS5_BEST3_APS = "ks5_best3_aps", "KS5 A level average point score of the best three"
    KS5_AAB = "ks5_aab", "KS5 AAB or better with two facilitating subjects (%)"
    ABSENCE_OVERALL = "absence_overall", "Overall absence (% of sessions)"
    ABSENCE_PERSISTENT = "absence_persistent", "Persistent absence (% of pupils)"
    SUSPENSION_RATE = "suspension_rate", "Suspensions (per 100 pupils)"
    EXCLUSION_RATE = "exclusion_rate", "Permanent exclusions (per 100 pupils)"


# The values each measure can take; a figure outside them is refused by the import. A rate per
# 100 pupils can pass 100 (a pupil suspended several times counts each time).
RANGES: dict[str, tuple[Decimal, Decimal]] = {
    Measure.KS2_RWM_EXPECTED: (Decimal(0), Decimal(100)),
    Measure.KS2_RWM_HIGHER: (Decimal(0), Decimal(100)),
    Measure.KS2_READING_SCORE: (Decimal(80), Decimal(120)),
    Measure.KS2_MATHS_SCORE: (Decimal(80), Decimal(120)),
    Measure.KS2_PROGRESS_READING: (Decimal(-40), Decimal(40)),
    Measure.KS2_PROGRESS_WRITING: (Decimal(-40), Decimal(40)),
    Measure.KS2_PROGRESS_MATHS: (Decimal(-40), Decimal(40)),
    Measure.KS4_ATTAINMENT8: (Decimal(0), Decimal(90)),
    Measure.KS4_PROGRESS8: (Decimal(-10), Decimal(10)),
    Measure.KS4_BASICS_GRADE5: (Decimal(0), Decimal(100)),
    Measure.KS4_EBACC_APS: (Decimal(0), Decimal(9)),
    # A level points: 60 for an A*, 10 for an E.
    Measure.KS5_ALEVEL_APS: (Decimal(0), Decimal(60)),
    Measure.KS5_BEST3_APS: (Decimal(0), Decimal(60)),
    Measure.KS5_AAB: (Decimal(0), Decimal(100)),
    Measure.ABSENCE_OVERALL: (Decimal(0), Decimal(100)),
    Measure.ABSENCE_PERSISTENT: (Decimal(0), Decimal(100)),
    Measure.SUSPENSION_RATE: (Decimal(0), Decimal(1000)),
    Measure.EXCLUSION_RATE: (Decimal(0), Decimal(100)),
}
# Measures where a lower figure is the better one: a school's percentile counts the schools
# with more absence (or exclusions) as below it.
LOWER_IS_BETTER = {
    Measure.ABSENCE_OVERALL,
    Measure.ABSENCE_PERSISTENT,
    Measure.SUSPENSION_RATE,
    Measure.EXCLUSION_RATE,
}


class Group(models.TextChoices):
    ALL = "all", "All pupils"
    DISADVANTAGED = "disadvantaged", "Disadvantaged pupils"


class Area(models.TextChoices):
    SCHOOL = "school", "School"
    LA = "la", "All schools in the local authority"
    LONDON = "london", "London"
    ENGLAND = "england", "England"


class Figure(models.Model):
    area = models.CharField(max_length=10, choices=Area.choices, default=Area.SCHOOL)
    school = models.ForeignKey(
        School, on_delete=models.CASCADE, null=True, blank=True, related_name="figures"
    )
    la_code = models.PositiveIntegerField(
        "LA code", null=True, blank=True, validators=ranges.between(*ranges.LA_CODE)
    )
    year = models.PositiveIntegerField(validators=ranges.between(*ranges.YEAR))
    measure = models.CharField(max_length=30, choices=Measure.choices)
    group = models.CharField(max_length=20, choices=Group.choices, default=Group.ALL)
    value = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    not_published = models.CharField(
        "not published because", max_length=100, blank=True
    )  # the DfE's reason, when there is no value
    # A school's standing among every school in England with a value in the same file.
    percentile = models.PositiveSmallIntegerField(null=True, blank=True)
    quintile = models.PositiveSmallIntegerField(null=True, blank=True)
    # The grade the DfE gives beside an average point score ("B-" for 34.5 A level points).
    grade = models.CharField(max_length=3, blank=True)
    # From the DfE's provisional release, or entered by the school's head, until the DfE's
    # final file for the year and measure replaces it.
    provisional = models.BooleanField(default=False)
    entered_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )  # the head who entered it, for a figure the school gave

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["school", "year", "measure", "group"],
                condition=Q(area="school"),
                name="one_figure_per_school_measure_group_year",
            ),
            models.UniqueConstraint(
                fields=["area", "la_code", "year", "measure", "group"],
                condition=~Q(area="school"),
                nulls_distinct=False,
                name="one_figure_per_area_measure_group_year",
            ),
            models.CheckConstraint(
                condition=Q(area="school", school__isnull=False, la_code__isnull=True)
                | Q(area="la", school__isnull=True, la_code__isnull=False)
                | Q(area__in=["london", "england"], school__isnull=True, la_code__isnull=True),
                name="figure_is_of_a_school_or_an_area",
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=False, not_published="")
                | Q(value__isnull=True) & ~Q(not_published=""),
                name="figure_has_a_value_or_a_reason",
            ),
            ranges.check("year", *ranges.YEAR),
            ranges.check("percentile", 0, 99),
            ranges.check("quintile", 1, 5),
        ]
        indexes = [models.Index(fields=["year", "measure", "group", "area"])]

    def __str__(self) -> str:
        shown = self.value if self.value is not None else f"not published ({self.not_published})"
        return f"{self.get_measure_display()}, {self.get_group_display()}, {self.year}: {shown}"


# The headline figures a school gives for the year just ended, before the DfE publishes them:
# key stage 2 for primaries, key stage 4 (and 5) for secondaries; schools of every stage, all.
KS2_HEADLINES = (
    Measure.KS2_RWM_EXPECTED,
    Measure.KS2_RWM_HIGHER,
    Measure.KS2_READING_SCORE,
    Measure.KS2_MATHS_SCORE,
)
KS4_HEADLINES = (
    Measure.KS4_ATTAINMENT8,
    Measure.KS4_PROGRESS8,
    Measure.KS4_BASICS_GRADE5,
    Measure.KS4_EBACC_APS,
)
# A level results come in August too, for a school with a sixth form (left blank by others).
KS5_HEADLINES = (Measure.KS5_ALEVEL_APS, Measure.KS5_BEST3_APS, Measure.KS5_AAB)
HEADLINES: dict[str, tuple[str, ...]] = {
    Phase.NURSERY: (),
    Phase.PRIMARY: KS2_HEADLINES,
    Phase.SECONDARY: KS4_HEADLINES + KS5_HEADLINES,
    Phase.ALTERNATIVE: KS4_HEADLINES,
    Phase.ALL_THROUGH: KS2_HEADLINES + KS4_HEADLINES + KS5_HEADLINES,
    Phase.SPECIAL: KS2_HEADLINES + KS4_HEADLINES + KS5_HEADLINES,
}


def standing(spread: list[Decimal], value: Decimal, measure: str) -> tuple[int, int]:
    """(percentile, quintile) of a school with this value among `spread`, every school's value
    in England, sorted. The percentile is the share of schools with a worse value, rounded down
    (ties are neither worse nor better); the quintile is 1 for the best fifth, 5 for the last."""
    count = len(spread)
    below = bisect.bisect_left(spread, value)
    above = count - bisect.bisect_right(spread, value)
    worse, better = (above, below) if measure in LOWER_IS_BETTER else (below, above)
    return 100 * worse // count, min(5 * better // count + 1, 5)
