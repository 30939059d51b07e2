from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from thep.hooks import collect
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


def invitation_message(*, person: User, by: User) -> str:
    link = invitation_link(person=person)
    return render_to_string("thep/email/invitation.txt", {"person": person, "by": by, "link": link})


def person_invite(*, person: User, by: User) -> None:
    """Email a person a link to set their password, once the transaction commits. The worker
    makes the link, so that it never waits in the queue."""
    from thep.tasks import invitation_send

    transaction.on_commit(lambda: invitation_send.delay(person.pk, by.pk))


def retention_apply(*, commit: bool) -> list[tuple[str, int]]:
    """Remove or anonymise what every app holds past its retention (or, with commit=False, only
    count it). Returns (what, how many) lines."""
    with transaction.atomic():
        return collect("privacy", "retention", now=timezone.now(), commit=commit)
