import uuid
from datetime import timedelta
from typing import Any, ClassVar

from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac


class Role(models.TextChoices):
    HEADTEACHER = "headteacher", "Headteacher"
    STAFF = "staff", "School staff"
    CONSULTANT = "consultant", "Leadership Consultant"
    COACH = "coach", "Executive coach"
    MODERATOR = "moderator", "Moderator"
    DIRECTOR = "director", "Director"
    LA_OFFICER = "la_officer", "Local Authority officer"
    ADMIN = "admin", "THEP office"


class DirectorKind(models.TextChoices):
    EXECUTIVE = "executive", "Executive Director"
    PRIMARY = "primary", "Director of Primary"
    SECONDARY = "secondary", "Director of Secondary"


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        if not email:
            raise ValueError("A person needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        fields.update(is_staff=True, is_superuser=True, role=Role.ADMIN)
        return self.create_user(email, password, **fields)


class User(AbstractUser):
    """A person who can log in. Email is the login; the role decides what they may see."""

    # Email is the login: Django drops an inherited field set to None, which the stubs (typing
    # username as a CharField on every AbstractUser) cannot express.
    username = None  # type: ignore[assignment]
    email = models.EmailField("email address", unique=True)
    role = models.CharField(max_length=20, choices=Role.choices, blank=True)
    director_kind = models.CharField(max_length=20, choices=DirectorKind.choices, blank=True)
    job_title = models.CharField(max_length=120, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    # The stubs type every AbstractUser's manager as auth's UserManager, whose create_user takes a
    # username; ours is a BaseUserManager keyed on email, so it cannot be that type.
    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    # Set by thep.signals before a save (the access fields as stored), to compare after it.
    _access_before: dict[str, Any] | None

    class Meta:
        ordering = ["last_name", "first_name", "email"]
        constraints = [
            models.CheckConstraint(
                name="director_kind_only_for_directors",
                condition=(
                    models.Q(role=Role.DIRECTOR, director_kind__in=DirectorKind.values)
                    | (~models.Q(role=Role.DIRECTOR) & models.Q(director_kind=""))
                ),
                violation_error_message="A director needs a kind, and only directors have one.",
            )
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        """Django ends any session whose hash no longer matches. Beside the password (Django's
        own rule) it carries what decides access, so a change of role or office access ends the
        person's sessions on every device, including any the session list missed."""
        access = (
            f"{self.password}|{self.role}|{self.director_kind}|{self.is_staff}|{self.is_superuser}"
        )
        return salted_hmac(
            "thep.models.User.session_auth_hash", access, secret=secret, algorithm="sha256"
        ).hexdigest()

    @property
    def is_head(self) -> bool:
        return self.role == Role.HEADTEACHER

    @property
    def is_school_staff(self) -> bool:
        return self.role == Role.STAFF

    @property
    def is_consultant(self) -> bool:
        return self.role == Role.CONSULTANT

    @property
    def is_coach(self) -> bool:
        return self.role == Role.COACH

    @property
    def is_moderator(self) -> bool:
        return self.role == Role.MODERATOR

    @property
    def is_director(self) -> bool:
        return self.role == Role.DIRECTOR

    @property
    def is_executive_director(self) -> bool:
        return self.is_director and self.director_kind == DirectorKind.EXECUTIVE

    @property
    def is_la_officer(self) -> bool:
        return self.role == Role.LA_OFFICER

    @property
    def is_office(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def runs_partnership(self) -> bool:
        """THE Partnership's directors and its office: the people who look after every
        school's bookings, events and records (the audit trail too), as no school does."""
        return self.is_director or self.is_office

    @property
    def sees_every_school(self) -> bool:
        """Directors, the office and LA officers see the whole register (LA officers see
        only the Ofsted and risk parts of it: each page decides what it shows them)."""
        return self.role in (Role.DIRECTOR, Role.ADMIN, Role.LA_OFFICER)

    @property
    def role_label(self) -> str:
        if self.is_director:
            return self.get_director_kind_display()
        return self.get_role_display() or "No role yet"


class SecurityEvent(models.Model):
    """Logins, failed logins, logouts and refused requests (the audit log keeps data changes)."""

    class Kind(models.TextChoices):
        LOGIN = "login", "Logged in"
        LOGIN_FAILED = "login_failed", "Failed login"
        LOGOUT = "logout", "Logged out"
        REFUSED = "refused", "Refused request"
        SESSIONS_ENDED = "sessions_ended", "Sessions ended"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    person = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL)
    email = models.CharField(max_length=254, blank=True, help_text="As typed, for failed logins.")
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    path = models.CharField(max_length=500, blank=True)
    detail = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["person", "-at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.person or self.email} at {self.at:%Y-%m-%d %H:%M}"


class OutboxMessage(models.Model):
    """An email, written in the transaction of the change it reports and sent by the worker
    (thep.mail). The admin shows whom it went to and how it went, never its body."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=60, help_text="What it is about, e.g. learning.offer.")
    to = models.JSONField(help_text="Addresses, a list.")
    cc = models.JSONField(default=list, blank=True)
    subject = models.CharField(max_length=300)
    # What the worker sends. Cleared once sent: it may hold a link that sets a password.
    body = models.TextField(blank=True)
    attachments = models.JSONField(
        default=list, blank=True, help_text="[{filename, content, mimetype}], text content."
    )
    # An HTML rendition beside the text body (a bulletin), cleared with it once sent.
    html = models.TextField(blank=True)
    # Extra headers, such as a bulletin's List-Unsubscribe.
    headers = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "outbox message"

    def __str__(self) -> str:
        return f"{self.subject} to {', '.join(self.to)}"


class RoleChangeRequest(models.Model):
    """A role above the office's own (director, LC, office), asked for by the office and given
    only once a director approves it: nobody in the office can raise anyone, themselves
    included, alone (separation of duties)."""

    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_requests")
    role = models.CharField(max_length=20, choices=Role.choices)
    director_kind = models.CharField(max_length=20, choices=DirectorKind.choices, blank=True)
    asked_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    approved = models.BooleanField(null=True, blank=True, help_text="Empty while it waits.")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.person} to be {self.role_label}"

    @property
    def role_label(self) -> str:
        if self.role == Role.DIRECTOR:
            return self.get_director_kind_display()
        return self.get_role_display()


def _import_file_name(job: "ImportJob", filename: str) -> str:
    # The name the office gave the file is kept in `file_name`; the stored one is never theirs.
    return f"imports/{uuid.uuid4().hex}.csv"


class ImportJob(models.Model):
    """A file the office uploaded to import (thep.importing.IMPORTERS), previewed then applied
    by the worker (thep.import_jobs). The file and what the import found are kept.

    The audit trail has the job (who uploaded and who applied which file, and the counts) and
    every row an importer saves one by one; rows an importer writes in bulk send no signals,
    so for them the job, its summary and the kept file are the record."""

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to be read"
        PREVIEWING = "previewing", "Reading (preview)"
        PREVIEWED = "previewed", "Previewed: nothing written yet"
        APPLYING = "applying", "Importing"
        APPLIED = "applied", "Imported"
        REFUSED = "refused", "Refused: nothing changed"
        FAILED = "failed", "Failed: nothing changed"

    RUNNING = (State.QUEUED, State.PREVIEWING, State.APPLYING)

    kind = models.CharField(max_length=30)
    file = models.FileField(upload_to=_import_file_name)
    file_name = models.CharField(max_length=255, help_text="As it was uploaded.")
    options = models.JSONField(default=dict, blank=True)
    state = models.CharField(max_length=12, choices=State.choices, default=State.QUEUED)
    rows_read = models.PositiveIntegerField(default=0)
    summary = models.JSONField(null=True, blank=True, help_text="thep.importing.ImportSummary")
    outcome = models.CharField(max_length=300, blank=True, help_text="The counts, in words.")
    problems = models.JSONField(default=list, blank=True, help_text="Why it was refused.")
    leave_out_refused = models.BooleanField(default=False)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    applied_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    applied_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "import"

    def __str__(self) -> str:
        return f"{self.file_name} ({self.kind}, import {self.pk})"

    @property
    def running(self) -> bool:
        return self.state in self.RUNNING

    @property
    def check_again_in(self) -> str:
        """How soon the job page asks for progress again while the worker runs (htmx's
        `every`): twice a second for the first ten seconds, in which most files are read,
        so the office sees the preview as soon as it is ready; then every two seconds."""
        started = self.applied_at or self.created_at
        return "500ms" if timezone.now() - started < timedelta(seconds=10) else "2s"

    @property
    def refused_rows(self) -> int:
        return len({error["row"] for error in (self.summary or {}).get("refused", [])})
