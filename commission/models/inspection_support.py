"""Ofsted inspection support (seed 004): a school tells THEP that the inspectors have called,
a director assigns who meets the lead inspector and who attends the feedback, and the support
is noted under the rules of LC reports (for directors, the school's LC and its head; never the
LA). When Ofsted publishes, the import's inspection is linked to the call."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q

from membership.models import School
from ofsted.models import Inspection, InspectionType

# How far Ofsted's published start date may be from the one the school gave us for the two to
# be the same inspection: a week either way covers a date typed a day out, an inspection that
# ran on after a weekend, or one Ofsted deferred by a few days.
LINK_WINDOW_DAYS = 7


class InspectionCall(models.Model):
    """Ofsted's call to a school: the inspection to come, and the THEP colleagues who support
    it. Open until the inspection Ofsted publishes is linked to it."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="inspection_calls")
    called_on = models.DateField("date of Ofsted's call")
    starts_on = models.DateField("first day of the inspection")
    inspection_type = models.CharField(
        "type of inspection", max_length=20, choices=InspectionType.choices
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    meets_lead_inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="meets the lead inspector",
    )
    attends_feedback = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="attends the feedback",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    inspection = models.OneToOneField(
        Inspection,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_call",
        help_text="The inspection as Ofsted published it, linked by the import.",
    )

    class Meta:
        ordering = ["starts_on", "school__name"]
        constraints = [
            # The service refuses a second open call within the window; this catches the same
            # call sent twice at once (a double click), which the window check could miss.
            models.UniqueConstraint(
                fields=["school", "starts_on"],
                condition=Q(inspection__isnull=True),
                name="one_open_inspection_call_per_school_and_start",
                violation_error_message="This inspection has already been recorded.",
            ),
            models.CheckConstraint(
                name="inspection_call_before_it_starts",
                condition=Q(called_on__lte=models.F("starts_on")),
                violation_error_message="Ofsted call before the inspection starts.",
            ),
        ]

    def __str__(self) -> str:
        kind = self.get_inspection_type_display()
        return f"{kind} inspection of {self.school} from {self.starts_on:%-d %B %Y}"

    @property
    def is_open(self) -> bool:
        return self.inspection_id is None

    @property
    def is_assigned(self) -> bool:
        return self.meets_lead_inspector_id is not None and self.attends_feedback_id is not None

    def link_window(self) -> tuple[datetime.date, datetime.date]:
        gap = datetime.timedelta(days=LINK_WINDOW_DAYS)
        return self.starts_on - gap, self.starts_on + gap


class SupportNote(models.Model):
    """What the supporting colleague noted: read under the rules of LC reports."""

    call = models.ForeignKey(InspectionCall, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["written_at", "pk"]

    def __str__(self) -> str:
        return f"Note by {self.author} on {self.call}"
