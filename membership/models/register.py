from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from thep import ranges, years

TOWER_HAMLETS = 211


class Phase(models.TextChoices):
    NURSERY = "nursery", "Nursery"
    PRIMARY = "primary", "Primary"
    SECONDARY = "secondary", "Secondary"
    SPECIAL = "special", "Special"
    ALL_THROUGH = "all_through", "All-through"
    ALTERNATIVE = "alternative", "Alternative provision"


class SchoolType(models.TextChoices):
    LA_MAINTAINED = "la_maintained", "LA maintained"
    ACADEMY = "academy", "Academy"
    FREE_SCHOOL = "free_school", "Free school"


class SchoolQuerySet(models.QuerySet["School"]):
    def open_during(self, year: int) -> "SchoolQuerySet":
        """Schools open on any day of the membership year (September to August), by their
        opening and closing dates from GIAS, so that a past year counts the schools open then.
        A school with no closing date counts as open unless GIAS says it has closed (its dates
        were not recorded)."""
        opened = Q(opened_on__isnull=True) | Q(opened_on__lte=years.last_day(year))
        not_closed = Q(closed_on__gte=years.first_day(year)) | Q(
            closed_on__isnull=True, is_open=True
        )
        return self.filter(opened & not_closed)


class School(models.Model):
    """A school in the register, keyed by its DfE URN. Most come from the GIAS file."""

    urn = models.PositiveIntegerField("URN", unique=True, validators=ranges.between(*ranges.URN))
    laestab = models.CharField("LAESTAB", max_length=7, blank=True)
    name = models.CharField(max_length=200)
    phase = models.CharField(max_length=20, choices=Phase.choices)
    school_type = models.CharField("type", max_length=20, choices=SchoolType.choices)
    establishment_type = models.CharField(
        max_length=100, blank=True, help_text="The type of establishment as GIAS names it."
    )
    la_code = models.PositiveIntegerField(
        "LA code", default=TOWER_HAMLETS, validators=ranges.between(*ranges.LA_CODE)
    )
    la_name = models.CharField("local authority", max_length=100, blank=True)
    is_open = models.BooleanField("open", default=True)
    opened_on = models.DateField("opened", null=True, blank=True)
    closed_on = models.DateField(
        "closed", null=True, blank=True, help_text="The last day the school was open."
    )
    pupils = models.PositiveIntegerField(
        "pupils on roll", null=True, blank=True, validators=ranges.between(*ranges.PUPILS)
    )
    pupils_are_demo = models.BooleanField(
        default=False, help_text="The pupil number is a made-up demo value, not from GIAS."
    )
    head_name = models.CharField("headteacher", max_length=200, blank=True)
    headship_start = models.DateField("headship started", null=True, blank=True)
    street = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    website = models.URLField(blank=True)
    predecessor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="successors",
        help_text="The school this academy replaced, whose history it carries.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = SchoolQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["la_code", "phase", "is_open"])]
        constraints = [
            ranges.check("urn", *ranges.URN),
            ranges.check("la_code", *ranges.LA_CODE),
            ranges.check("pupils", *ranges.PUPILS),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("membership:school", kwargs={"urn": self.urn})

    @property
    def in_borough(self) -> bool:
        return self.la_code == TOWER_HAMLETS

    @property
    def is_academy(self) -> bool:
        return self.school_type != SchoolType.LA_MAINTAINED

    @property
    def address(self) -> str:
        return ", ".join(part for part in (self.street, self.town, self.postcode) if part)


class Affiliation(models.Model):
    """Links a headteacher or member of staff to a school. An executive head has several."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="affiliations"
    )
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="affiliations")
    is_cpd_lead = models.BooleanField(
        "CPD lead", default=False, help_text="Sees and confirms the school's course bookings."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "school"], name="one_affiliation_per_school")
        ]

    def __str__(self) -> str:
        return f"{self.person} at {self.school}"
