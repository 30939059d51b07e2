import datetime

from auditlog.models import LogEntry
from django.db.models import Q, QuerySet
from django.http import Http404

from thep.models import SecurityEvent, User


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
