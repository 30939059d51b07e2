import datetime

from auditlog.models import LogEntry
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from thep.models import ImportJob, SecurityEvent, User


def audit_access(*, user: User) -> None:
    """Only directors and the office read the audit trail; to anyone else it does not exist."""
    if not (user.is_authenticated and user.runs_partnership):
        raise Http404


def changes_for(
    *, user: User, text: str = "", since: datetime.date | None = None
) -> QuerySet[LogEntry]:
    audit_access(user=user)
    entries = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp")
    if text:
        entries = entries.filter(
            Q(object_repr__icontains=text)
            | Q(actor__email__icontains=text)
            | Q(content_type__model__icontains=text)
        )
    if since:
        entries = entries.filter(timestamp__date__gte=since)
    return entries


def security_events_for(
    *, user: User, text: str = "", kind: str = "", since: datetime.date | None = None
) -> QuerySet[SecurityEvent]:
    audit_access(user=user)
    events = SecurityEvent.objects.select_related("person")
    if text:
        events = events.filter(
            Q(person__email__icontains=text)
            | Q(person__first_name__icontains=text)
            | Q(person__last_name__icontains=text)
            | Q(email__icontains=text)
            | Q(path__icontains=text)
        )
    if kind in SecurityEvent.Kind.values:
        events = events.filter(kind=kind)
    if since:
        events = events.filter(at__date__gte=since)
    return events


# With no earlier login on record, "since your last visit" looks back this far.
FIRST_VISIT_LOOKS_BACK = datetime.timedelta(days=30)


def last_visit_before_this_one(*, user: User) -> datetime.datetime:
    """When this person logged in before the login of the session they are in now (what has
    changed since is news to them); a month ago for a first visit."""
    earlier = (
        SecurityEvent.objects.filter(person=user, kind=SecurityEvent.Kind.LOGIN)
        .order_by("-at")
        .values_list("at", flat=True)[1:2]
    )
    return next(iter(earlier), None) or timezone.now() - FIRST_VISIT_LOOKS_BACK


def imports_waiting(*, user: User) -> QuerySet[ImportJob]:
    """The office's imports still being read, or previewed and waiting to be applied, the
    oldest first."""
    if not (user.is_authenticated and user.is_office):
        return ImportJob.objects.none()
    return ImportJob.objects.filter(
        state__in=(*ImportJob.RUNNING, ImportJob.State.PREVIEWED)
    ).order_by("created_at")
