"""Bulletins the office writes to schools (seed 004: the fortnightly THEP Bulletin of training
and events, and Keep in Touch with DfE, Ofsted and Public Health updates), whom each went to,
and who asked for which kind."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator
from django.db import models

from learning.models import Event
from membership.phases import KPI_GROUPS


class Kind(models.TextChoices):
    BULLETIN = "bulletin", "THEP Bulletin"
    KEEP_IN_TOUCH = "keep_in_touch", "Keep in Touch"


KIND_ABOUT = {
    Kind.BULLETIN: "training and events, fortnightly",
    Kind.KEEP_IN_TOUCH: "DfE, Ofsted and Public Health updates",
}

# The phases a bulletin can be sent to, grouped as THEP's own tables group them.
PHASE_GROUPS = [
    (group.value, ", ".join(phase.label for phase in phases))
    for group, phases in KPI_GROUPS.items()
]


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"


class Bulletin(models.Model):
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.BULLETIN)
    title = models.CharField(max_length=200, help_text="The email's subject and the page title.")
    introduction = models.TextField(blank=True, max_length=4000)
    weeks = models.PositiveSmallIntegerField(
        "weeks of coming events",
        default=4,
        validators=[MaxValueValidator(26)],
        help_text="Events from the catalogue starting within this many weeks after the day it "
        "is sent are listed. 0 lists none.",
    )
    to_heads = models.BooleanField("headteachers", default=True)
    to_staff = models.BooleanField(
        "staff who asked for it", default=False, help_text="School staff who opted in."
    )
    phases = ArrayField(
        models.CharField(max_length=20, choices=PHASE_GROUPS),
        default=list,
        blank=True,
        help_text="None ticked: every phase.",
    )
    members_only = models.BooleanField(
        "full members only",
        default=True,
        help_text="Untick to send to associate members and other schools on the portal too.",
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_on = models.DateField(null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # The coming events as they were listed the day it was sent, for the archive.
    events = models.ManyToManyField(Event, blank=True, related_name="+", editable=False)

    class Meta:
        ordering = ["-sent_on", "-created_at"]
        indexes = [models.Index(fields=["status", "-sent_on"])]
        constraints = [
            models.CheckConstraint(
                name="bulletin_sent_has_a_date",
                condition=models.Q(status="draft") | models.Q(sent_on__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def has_audience(self) -> bool:
        return self.to_heads or self.to_staff

    @property
    def audience(self) -> str:
        """In words, for the office's pages."""
        who = " and ".join(
            part
            for part, chosen in (
                ("headteachers", self.to_heads),
                (f"staff who asked for {self.get_kind_display()}", self.to_staff),
            )
            if chosen
        )
        phases = dict(PHASE_GROUPS)
        where = ", ".join(phases[phase] for phase in self.phases) or "every phase"
        schools = "full members" if self.members_only else "every school on the portal"
        return f"{who or 'nobody'}: {where}; {schools}"


class NewsItem(models.Model):
    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200)
    text = models.TextField(max_length=4000)
    link = models.URLField(blank=True, help_text="Optional: where to read more.")

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "news item"

    def __str__(self) -> str:
        return self.title


class Subscription(models.Model):
    """A person's choice about one kind of bulletin. Heads receive bulletins unless they said
    no; staff only once they asked (`recipients`)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bulletin_choices"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    subscribed = models.BooleanField()
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="one_choice_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_kind_display()} {'yes' if self.subscribed else 'no'}"


class Delivery(models.Model):
    """A bulletin sent to one person: at most once (the constraint), whatever the retries.
    Its signed number is the person's unsubscribe link, used once."""

    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="deliveries")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bulletins_received"
    )
    email = models.EmailField()
    created_at = models.DateTimeField(auto_now_add=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(fields=["bulletin", "person"], name="one_delivery_a_person")
        ]

    def __str__(self) -> str:
        return f"{self.bulletin} to {self.email}"
