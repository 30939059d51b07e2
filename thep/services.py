from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from thep.models import User


def person_invite(*, person: User, by: User) -> str:
    """Email a person a link to set their password; returns the link.

    The link is allauth's password-reset link, so it expires and works once."""
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(person),
            "key": default_token_generator.make_token(person),
        },
    )
    link = settings.SITE_URL.rstrip("/") + path
    body = render_to_string("thep/email/invitation.txt", {"person": person, "by": by, "link": link})
    transaction.on_commit(
        lambda: send_mail(
            "Your THE Partnership portal account",
            body,
            settings.DEFAULT_FROM_EMAIL,
            [person.email],
        )
    )
    return link
