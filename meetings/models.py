"""General meetings of the members: the AGM and others, their papers, who came, the resolutions
put and each full member school's one vote, and the directors the AGM appoints.

The rules, and where they come from. Seed 002 (the founding prospectus, D2) says that full
members attend and vote at general meetings, one school one vote, and that the AGM appoints the
directors; it sets no quorum and no majorities (it refers to a separate paper on membership and
governance, which we do not hold). THE Partnership is a company limited by guarantee (seed 002,
D), so until its own articles say otherwise the Companies Act 2006 applies:
- quorum, s.318(2): two qualifying persons present, here two full member schools. Kept on each
  meeting (`Meeting.quorum`) so that the office can enter what the articles say;
- ordinary resolution, s.282: passed by a simple majority, more votes for than against;
- special resolution, s.283: passed by a majority of not less than 75% of the votes cast.
Abstentions are not votes cast, and nothing passes at a meeting that is not quorate."""

from django.conf import settings
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from membership.models import School

QUORUM = 2
QUORUM_SOURCE = (
    "Companies Act 2006 s.318(2): two members present. Seed 002 (the prospectus) sets no "
    "quorum of its own."
)
MAJORITY_SOURCE = {
    "ordinary": "a simple majority of the votes cast (Companies Act 2006 s.282)",
    "special": "at least 75% of the votes cast (Companies Act 2006 s.283)",
}
PAPER_TYPES = ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "txt"]


class Meeting(models.Model):
    class Kind(models.TextChoices):
        AGM = "agm", "Annual general meeting"
        GENERAL = "general", "General meeting"

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.AGM)
    date = models.DateField()
    starts_at = models.TimeField("time")
    place = models.CharField(max_length=200)
    quorum = models.PositiveSmallIntegerField(
        "quorum (full member schools present)",
        default=QUORUM,
        validators=[MinValueValidator(1)],
        help_text=QUORUM_SOURCE,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-starts_at"]
        constraints = [models.CheckConstraint(condition=Q(quorum__gte=1), name="quorum_positive")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.date:%-d %B %Y}"


def _paper_path(paper: "Paper", filename: str) -> str:
    return f"meetings/{paper.meeting_id}/{filename}"


class Paper(models.Model):
    """A paper for the meeting (agenda, minutes, accounts), for members to read."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="papers")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=_paper_path, validators=[FileExtensionValidator(PAPER_TYPES)])
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def filename(self) -> str:
        return (self.file.name or "").rsplit("/", 1)[-1]


class Attendance(models.Model):
    """A member school present at the meeting: ticked by the office, checked in by its head or
    delegate, or counted present by voting."""

    class How(models.TextChoices):
        OFFICE = "office", "Recorded by the office"
        CHECK_IN = "check_in", "Checked in"
        VOTED = "voted", "Voted"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    how = models.CharField(max_length=10, choices=How.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "school"], name="one_attendance_per_school")
        ]

    def __str__(self) -> str:
        return f"{self.school} at {self.meeting}"


class Delegate(models.Model):
    """The person a head names to vote for their school at one meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="delegates")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_delegations"
    )
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    named_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "school"], name="one_delegate_per_school")
        ]

    def __str__(self) -> str:
        return f"{self.person} for {self.school} at {self.meeting}"


class Resolution(models.Model):
    class Kind(models.TextChoices):
        ORDINARY = "ordinary", "Ordinary resolution"
        SPECIAL = "special", "Special resolution"

    class Status(models.TextChoices):
        WAITING = "waiting", "Voting not open yet"
        OPEN = "open", "Voting open"
        CLOSED = "closed", "Voting closed"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="resolutions")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.ORDINARY)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The result as declared when voting closed: attendance recorded later changes nothing.
    present_at_close = models.PositiveSmallIntegerField(null=True, blank=True)
    passed = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="one_resolution_number"),
            models.CheckConstraint(
                condition=Q(status="closed", passed__isnull=False)
                | (~Q(status="closed") & Q(passed__isnull=True)),
                name="result_only_when_closed",
            ),
        ]

    def __str__(self) -> str:
        return f"Resolution {self.number} of the {self.meeting}"

    @property
    def majority(self) -> str:
        return MAJORITY_SOURCE[self.kind]


class Vote(models.Model):
    class Choice(models.TextChoices):
        FOR = "for", "For"
        AGAINST = "against", "Against"
        ABSTAIN = "abstain", "Abstain"

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="votes")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(max_length=10, choices=Choice.choices)
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    cast_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            # One school, one vote (seed 002, D2): a second vote is refused and the first kept.
            models.UniqueConstraint(fields=["resolution", "school"], name="one_vote_per_school")
        ]

    def __str__(self) -> str:
        return f"{self.school}: {self.get_choice_display()} on {self.resolution}"


class Appointment(models.Model):
    """A director appointed (or re-appointed) by the members, with their term."""

    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice-chair"
        TREASURER = "treasurer", "Treasurer"
        EXECUTIVE = "executive", "Executive Director"
        DIRECTOR = "director", "Director"

    person_name = models.CharField("name", max_length=200)
    school = models.ForeignKey(
        School, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.DIRECTOR)
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="appointments"
    )
    appointed_on = models.DateField()
    term_ends_on = models.DateField()

    class Meta:
        ordering = ["role", "person_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_ends_on__gt=models.F("appointed_on")),
                name="term_ends_after_appointment",
                violation_error_message="The term must end after the day of appointment.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_name}, {self.get_role_display()}"
