"""Executive coaching for headteachers (seed 004): a coach allocated to a head for a year, and
the sessions they book. Only who, when and where is kept: nothing said in coaching is recorded,
so there is no field here to write it in."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q

from membership.models import School
from thep import ranges, years


class Allocation(models.Model):
    """An executive coach allocated to the head of a school for a membership year. The head's
    entitlement is the school's (its membership, the head's start date, the sessions it
    bought), so there is one a school a year."""

    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="coachees",
        limit_choices_to={"role": "coach"},
    )
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="coaching",
        limit_choices_to={"role": "headteacher"},
    )
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="coaching")
    year = models.PositiveIntegerField(
        help_text="The membership year: 2025 is 2025-26.", validators=ranges.between(*ranges.YEAR)
    )
    allocated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "school__name"]
        verbose_name = "coach allocation"
        constraints = [
            ranges.check("year", *ranges.YEAR),
            models.UniqueConstraint(
                fields=["school", "year"],
                name="one_coach_per_school_and_year",
                violation_error_message="This school's head already has a coach for that year.",
            ),
        ]
        indexes = [models.Index(fields=["coach", "year"]), models.Index(fields=["head", "year"])]

    def __str__(self) -> str:
        return f"{self.coach} coaching {self.head} ({self.school}, {self.year_label})"

    @property
    def year_label(self) -> str:
        return years.label(self.year)


class SessionStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    HELD = "held", "Held"
    MISSED = "missed", "Missed"
    CANCELLED = "cancelled", "Cancelled"


# A held or missed session is one of the entitlement used; a booked one is set aside for it.
USES_ENTITLEMENT = (SessionStatus.BOOKED, SessionStatus.HELD, SessionStatus.MISSED)


class Mode(models.TextChoices):
    ONLINE = "online", "Online"
    IN_PERSON = "in_person", "Face to face"


class Session(models.Model):
    """A coaching session: its date, time and place, and whether it was held."""

    allocation = models.ForeignKey(Allocation, on_delete=models.PROTECT, related_name="sessions")
    date = models.DateField()
    start_time = models.TimeField("time")
    mode = models.CharField("how", max_length=10, choices=Mode.choices, default=Mode.ONLINE)
    place = models.CharField(
        max_length=120, blank=True, help_text="Where you meet face to face, e.g. the school."
    )
    status = models.CharField(
        max_length=10, choices=SessionStatus.choices, default=SessionStatus.BOOKED
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    marked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["date", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(mode="online") | ~Q(place=""),
                name="face_to_face_session_has_a_place",
                violation_error_message="Say where a face-to-face session takes place.",
            )
        ]

    def __str__(self) -> str:
        return f"Coaching on {self.date:%d/%m/%Y} at {self.start_time:%H:%M}"

    @property
    def where(self) -> str:
        return self.place if self.mode == Mode.IN_PERSON else "Online"

    def can_be_marked(self, today: datetime.date) -> bool:
        """A booked session is marked held or missed on or after its day."""
        return self.status == SessionStatus.BOOKED and self.date <= today

    @property
    def can_be_cancelled(self) -> bool:
        return self.status == SessionStatus.BOOKED
