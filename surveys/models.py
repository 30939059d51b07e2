"""Short surveys of members (seed 002: satisfaction is an outcome THEP measures). The office
builds a survey and sends it either to heads, one answer per school, or to people (the delegates
of an event, or the staff who agreed to be asked), one answer per person. Each invitation
carries a signed link; the answer it opens is kept once, by a unique constraint."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from membership.models import School
from thep import ranges, years

RATINGS = (1, 5)
# A rating of 4 or 5 counts as satisfied (reports.framework's SATISFACTION measure).
SATISFIED = (4, 5)


class Mode(models.TextChoices):
    PER_SCHOOL = "per_school", "Heads: one answer per school"
    PER_PERSON = "per_person", "People: one answer per person"


class QuestionKind(models.TextChoices):
    RATING = "rating", "Rating from 1 to 5"
    CHOICE = "choice", "One choice from a list"
    TEXT = "text", "Free text"


class Survey(models.Model):
    title = models.CharField(max_length=200)
    year = models.PositiveIntegerField(
        help_text="The membership year: 2025 is 2025-26.", validators=ranges.between(*ranges.YEAR)
    )
    closes_on = models.DateField(help_text="The last day answers are taken.")
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.PER_SCHOOL)
    event = models.ForeignKey(
        "learning.Event",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="surveys",
        help_text="One answer per person only: its confirmed delegates are asked. With no "
        "event, the school staff who agreed to be asked are.",
    )
    introduction = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-year", "-closes_on", "title"]
        constraints = [
            ranges.check("year", *ranges.YEAR),
            models.CheckConstraint(
                condition=Q(event__isnull=True) | Q(mode="per_person"),
                name="survey_event_only_per_person",
                violation_error_message="Only a survey of people can go to an event's delegates.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year_label})"

    @property
    def year_label(self) -> str:
        return years.label(self.year)

    def is_closed(self, today: datetime.date) -> bool:
        return today > self.closes_on


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=1)
    kind = models.CharField(max_length=10, choices=QuestionKind.choices)
    text = models.CharField(max_length=300)
    options = models.JSONField(
        default=list,
        blank=True,
        help_text='One choice only: the choices in order, written as ["Yes", "No"].',
    )
    is_satisfaction = models.BooleanField(
        "satisfaction question",
        default=False,
        help_text="A rating whose 4s and 5s count as satisfied in the outcomes framework.",
    )

    class Meta:
        ordering = ["survey", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey"],
                condition=Q(is_satisfaction=True),
                name="one_satisfaction_question_per_survey",
                violation_error_message="A survey has one satisfaction question at most.",
            ),
            models.CheckConstraint(
                condition=Q(is_satisfaction=False) | Q(kind="rating"),
                name="satisfaction_question_is_a_rating",
                violation_error_message="The satisfaction question must be a rating.",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        if not isinstance(self.options, list) or not all(
            isinstance(option, str) and option.strip() for option in self.options
        ):
            raise ValidationError({"options": "Write the choices as a list of words."})
        if self.kind == QuestionKind.CHOICE and len(self.options) < 2:
            raise ValidationError({"options": "A choice question needs at least two choices."})
        if self.kind != QuestionKind.CHOICE and self.options:
            raise ValidationError({"options": "Only a choice question has choices."})


class Invitation(models.Model):
    """Who is asked: a school (its heads are emailed) or one person at a school. The school is
    kept for a person too, so that every answer can be counted by phase."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    # One answer per person: the delegate's or staff member's address (blank per school).
    email = models.EmailField(blank=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_invitations",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "school"], condition=Q(email=""), name="one_invitation_a_school"
            ),
            models.UniqueConstraint(
                fields=["survey", "email"],
                condition=~Q(email=""),
                name="one_invitation_a_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey}: {self.email or self.school}"


class Response(models.Model):
    """An invitation's one answer (the database refuses a second)."""

    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, related_name="response")
    submitted_at = models.DateTimeField(auto_now_add=True)
    # Who was signed in when it was given; nobody when it came by the emailed link alone.
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"Answer to {self.invitation}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    rating = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=ranges.between(*RATINGS)
    )
    choice = models.CharField(max_length=200, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            ranges.check("rating", *RATINGS),
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_a_question"),
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.rating or self.choice or self.text[:40]}"


class Volunteer(models.Model):
    """A member of school staff who agreed to be asked to answer surveys of people."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_volunteer"
    )
    agreed_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.person} agreed to answer surveys"
