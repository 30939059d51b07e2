"""Headteacher appointments the LA commission approves: THEP attends the final interview for
a school in the commission and gives or withholds the LA's approval."""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q

from thep import years


class Decision(models.TextChoices):
    APPROVED = "approved", "Approved"
    WITHHELD = "withheld", "Withheld"


class HeadAppointment(models.Model):
    """The final interview for a school's headship, who attended it for THEP, and the approval
    given or withheld on the LA's behalf. Once approved, the new head's start date becomes the
    school's (its headship start), which sets the new head's entitlements."""

    school = models.ForeignKey(
        "membership.School", on_delete=models.PROTECT, related_name="head_appointments"
    )
    interview_on = models.DateField("final interview")
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="+",
        verbose_name="attended for THEP",
        help_text="THEP's directors or Leadership Consultants at the final interview.",
    )
    decision = models.CharField("the LA's approval", max_length=10, choices=Decision.choices)
    reason = models.TextField(
        blank=True, help_text="Why approval was withheld (needed then), or a note on approval."
    )
    new_head_name = models.CharField("new headteacher", max_length=200, blank=True)
    starts_on = models.DateField(
        "new head starts",
        null=True,
        blank=True,
        help_text="Once approved: the day the new head starts, which becomes the school's.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-interview_on", "school__name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(decision=Decision.WITHHELD) | ~Q(reason=""),
                name="withheld_approval_has_a_reason",
                violation_error_message="Say why the approval was withheld.",
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(decision=Decision.APPROVED),
                name="only_an_approved_head_starts",
                violation_error_message=(
                    "Only a head whose appointment was approved has a start date."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"Headship of {self.school}, interview {self.interview_on:%-d %B %Y}"

    @property
    def year(self) -> int:
        return years.year_of(self.interview_on)


auditlog.register(HeadAppointment, m2m_fields={"attendees"})
