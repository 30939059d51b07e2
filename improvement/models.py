from django.conf import settings
from django.db import models
from django.db.models import Q

from membership.models import School


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
        help_text="The membership year it starts in: 2023 is 2023-24."
    )
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "school__name", "-starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "year"],
                condition=Q(ends_on__isnull=True),
                name="one_current_allocation_per_school_and_year",
                violation_error_message="This school already has an LC for that year.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.consultant} for {self.school} ({self.year})"
