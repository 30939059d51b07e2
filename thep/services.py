from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from thep.hooks import collect
from thep.mail import mail_queue
from thep.models import User


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
