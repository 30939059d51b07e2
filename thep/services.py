from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from thep.hooks import collect
from thep.mail import mail_queue
from thep.models import Role, RoleChangeRequest, User
from thep.security import sessions_end

# Roles the office may not give alone, to anyone or itself: each sees far more than the office
# (every report, or the office's own powers).
ROLES_NEEDING_APPROVAL = (Role.DIRECTOR, Role.CONSULTANT, Role.ADMIN)


def invitation_link(*, person: User) -> str:
    """allauth's password-reset link: it expires, and works once."""
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(person),
            "key": default_token_generator.make_token(person),
        },
    )
    return settings.SITE_URL.rstrip("/") + path


def person_invite(*, person: User, by: User) -> None:
    """Email a person a link to set their password, once the transaction commits. The link
    waits in the outbox only until it is sent (thep.mail clears a sent message's body), and
    works once."""
    link = invitation_link(person=person)
    mail_queue(
        kind="thep.invitation",
        to=[person.email],
        subject="Your THE Partnership portal account",
        body=render_to_string(
            "thep/email/invitation.txt", {"person": person, "by": by, "link": link}
        ),
    )


def retention_apply(*, commit: bool) -> list[tuple[str, int]]:
    """Remove or anonymise what every app holds past its retention (or, with commit=False, only
    count it). Returns (what, how many) lines."""
    with transaction.atomic():
        return collect("privacy", "retention", now=timezone.now(), commit=commit)


def role_needs_approval(person: User, *, before: dict) -> bool:
    """Whether the role `person` now has (not yet saved) is one the office may only ask for:
    one that needs approval, and not the one they had (`before`, the form's initial values)."""
    return person.role in ROLES_NEEDING_APPROVAL and (person.role, person.director_kind) != (
        before.get("role", ""),
        before.get("director_kind", ""),
    )


def role_change_request(
    *, person: User, role: str, director_kind: str, by: User
) -> RoleChangeRequest:
    """Ask a director to give `person` a role; they keep the one they have until then."""
    with transaction.atomic():
        asked = RoleChangeRequest.objects.create(
            person=person, role=role, director_kind=director_kind, asked_by=by
        )
        mail_queue(
            kind="thep.role_request",
            to=[person.email],
            subject="A change to your role on the THE Partnership portal",
            body=render_to_string("thep/email/role_request.txt", {"asked": asked}),
        )
    return asked


class RoleChangeRefused(Exception):
    pass


def role_change_decide(*, asked: RoleChangeRequest, approve: bool, by: User) -> None:
    """A director approves or refuses a role the office asked for; the person is told either
    way, and the audit trail keeps both the request and the change of role."""
    with transaction.atomic(durable=True):
        asked = RoleChangeRequest.objects.select_for_update().get(pk=asked.pk)
        if not by.is_director or asked.approved is not None or by == asked.asked_by:
            raise RoleChangeRefused("Only a director who did not ask decides, and only once.")
        asked.approved = approve
        asked.decided_by = by
        asked.decided_at = timezone.now()
        asked.save(update_fields=["approved", "decided_by", "decided_at"])
        if approve:
            person = asked.person
            person.role = asked.role
            person.director_kind = asked.director_kind if asked.role == Role.DIRECTOR else ""
            person.save(update_fields=["role", "director_kind"])
        mail_queue(
            kind="thep.role_decision",
            to=[asked.person.email],
            subject="Your role on the THE Partnership portal",
            body=render_to_string("thep/email/role_decision.txt", {"asked": asked}),
        )


def mfa_remove(*, person: User, by: User) -> int:
    """Take away every two-factor device a person has (a lost phone): their sessions end, and
    at their next login they set up a new one before anything else. Returns how many."""
    with transaction.atomic():
        removed, _ = Authenticator.objects.filter(user=person).delete()
        sessions_end(person=person)
        mail_queue(
            kind="thep.mfa_removed",
            to=[person.email],
            subject="Two-factor authentication removed from your account",
            body=render_to_string("thep/email/mfa_removed.txt", {"person": person, "by": by}),
        )
    return removed
