"""Personal data held by `thep`: the account, its security events and audit trail.

Other apps add theirs in their own `privacy.py` with the same two functions:
`person_data(person) -> list[(section, data)]` for a subject access request, and
`retention(*, now, commit) -> list[(what, count)]` removing what is past its retention."""

import datetime

from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session

from thep.models import SecurityEvent, User


def person_data(person: User) -> list[tuple[str, object]]:
    account = {
        "email": person.email,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "job_title": person.job_title,
        "role": person.role_label,
        "active": person.is_active,
        "joined": person.date_joined.isoformat(),
        "last_login": person.last_login.isoformat() if person.last_login else None,
        "two_factor_methods": list(
            Authenticator.objects.filter(user=person).values_list("type", flat=True)
        ),
    }
    events = [
        {"when": event.at.isoformat(), "what": event.get_kind_display(),
         "ip_address": event.ip_address, "page": event.path, "detail": event.detail}
        for event in SecurityEvent.objects.filter(person=person)
    ]  # fmt: skip
    about = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=person.pk
    )
    changes = [
        {"when": entry.timestamp.isoformat(), "action": entry.get_action_display(),
         "object": entry.object_repr, "changes": entry.changes_dict,
         "by": str(entry.actor) if entry.actor else None}
        for entry in (about | LogEntry.objects.filter(actor=person)).order_by("timestamp")
    ]  # fmt: skip
    sessions = [
        {"started": session.created_at.isoformat(), "ip_address": session.ip,
         "browser": session.user_agent}
        for session in UserSession.objects.filter(user=person).order_by("created_at")
    ]  # fmt: skip
    return [
        ("account", account),
        ("sessions", sessions),
        ("security events", events),
        ("audit trail", changes),
    ]


def retention(*, now: datetime.datetime, commit: bool) -> list[tuple[str, int]]:
    days = datetime.timedelta(days=1)
    # Django leaves expired sessions in the table, and the session list keeps the IP address
    # and browser of each until someone logs in again.
    expired = Session.objects.filter(expire_date__lt=now)
    expired_keys = set(expired.values_list("session_key", flat=True))
    ended = UserSession.objects.filter(
        pk__in=[
            entry.pk
            for entry in UserSession.objects.all()
            if entry.session_key in expired_keys or not entry.exists()
        ]
    )
    events = SecurityEvent.objects.filter(at__lt=now - settings.THEP_SECURITY_EVENT_DAYS * days)
    entries = LogEntry.objects.filter(timestamp__lt=now - settings.THEP_AUDIT_LOG_DAYS * days)
    dormant = User.objects.filter(
        is_active=False,
        last_login__lt=now - settings.THEP_DORMANT_ACCOUNT_DAYS * days,
    ).exclude(email__endswith="@deleted.invalid")
    report = [
        ("expired sessions (deleted)", expired.count()),
        ("session list entries of ended sessions (deleted)", ended.count()),
        ("security events past retention (deleted)", events.count()),
        ("audit log entries past retention (deleted)", entries.count()),
        ("deactivated accounts past retention (anonymised)", dormant.count()),
    ]
    if commit:
        ended.delete()
        expired.delete()
        events.delete()
        entries.delete()
        for person in dormant:
            person_anonymise(person=person)
    return report


def person_anonymise(*, person: User) -> None:
    """Keep the row (reports and audit entries point at it) but nothing that names them."""
    person.email = f"person-{person.pk}@deleted.invalid"
    person.first_name = ""
    person.last_name = "(removed)"
    person.job_title = ""
    person.set_unusable_password()
    person.save()
    Authenticator.objects.filter(user=person).delete()
