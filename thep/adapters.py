import base64
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.contrib import messages
from django.core.mail import EmailMessage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.crypto import salted_hmac

from thep.lockout import (
    device_known,
    device_remember,
    login_failed,
    login_wait,
)
from thep.mail import mail_queue, mail_record_sent
from thep.models import SecurityEvent, User
from thep.security import mfa_missing
from thep.signals import record


class OutboxedMessage:
    """A message allauth rendered, whose `send` goes through the outbox: queued for the worker
    (notifications), or sent at once and recorded as sent (password reset links, so that no
    secret link waits in a queue)."""

    def __init__(self, message: EmailMessage, *, kind: str, at_once: bool) -> None:
        self.message, self.kind, self.at_once = message, kind, at_once

    def send(self, fail_silently: bool = False) -> None:
        message = self.message
        if self.at_once:
            message.send(fail_silently)
            mail_record_sent(
                kind=self.kind, to=message.to, subject=str(message.subject), body=str(message.body)
            )
        else:
            mail_queue(
                kind=self.kind, to=message.to, subject=str(message.subject), body=str(message.body)
            )


class AccountAdapter(DefaultAccountAdapter):
    # Set while allauth sends a notification ("your password was changed"): one adapter is made
    # for each use, so this does not outlive the call.
    sending_notification = False

    def is_open_for_signup(self, request) -> bool:
        """People are invited by the office; nobody signs themselves up."""
        return False

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        """allauth's limit per client address, then the wait per account (thep.lockout),
        which a device the person has logged in from before does not have to sit out."""
        super().pre_authenticate(request, **credentials)
        email = str(credentials.get("email") or "")
        if login_wait(email=email) and not device_known(request, email=email):
            record(
                SecurityEvent.Kind.LOGIN_FAILED,
                request,
                email=email[:254],
                detail="refused: waiting after repeated failures",
            )
            raise self.validation_error("too_many_login_attempts")

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        login_failed(email=str(credentials.get("email") or ""))

    def pre_login(self, request: HttpRequest, user, **kwargs: Any) -> HttpResponse | None:
        """A person whose role needs two-factor authentication and who has none yet sets it
        up only on the way in from their invitation (or a password reset): the link proves
        the address, a password alone does not, and whoever learnt the password must not
        enrol their own phone."""
        refused = super().pre_login(request, user, **kwargs)  # an inactive account
        if refused:
            return refused
        records = get_authentication_records(request, user)
        by_link = bool(records) and records[-1]["method"] == "password_reset"
        if isinstance(user, User) and mfa_missing(user) and not by_link:
            from allauth.account.internal.stagekit import clear_login

            clear_login(request)
            messages.error(
                request,
                "Your account must be set up with two-factor authentication before you log "
                "in. Please use the link in your invitation email, or ask the THE Partnership "
                "office to invite you again.",
            )
            return redirect("account_login")
        return None

    def post_login(self, request: HttpRequest, user, **kwargs: Any) -> HttpResponse:
        # The count of failures is not cleared here, or a guesser would get a fresh allowance
        # each time the person logs in; it lapses a day after the last failure, or with a reset.
        response = super().post_login(request, user, **kwargs)
        device_remember(response, person=user)
        return response

    def send_notification_mail(self, *args, **kwargs) -> None:
        """The worker sends notifications after the change commits, trying again while the mail
        server is down: the change is done whatever the mail server does. (Password reset
        links go out at once instead, so that no secret link waits in the queue.)"""
        self.sending_notification = True
        try:
            super().send_notification_mail(*args, **kwargs)
        finally:
            self.sending_notification = False

    def render_mail(
        self,
        template_prefix: str,
        email: str | list[str],
        context: dict[str, Any],
        headers: dict[str, str] | None = None,
    ) -> OutboxedMessage:
        message = super().render_mail(template_prefix, email, context, headers)
        # "account/email/password_changed" is kind "account.password_changed"
        kind = "account." + template_prefix.rsplit("/", 1)[-1]
        return OutboxedMessage(message, kind=kind, at_once=not self.sending_notification)


class MFAAdapter(DefaultMFAAdapter):
    """Authenticator app keys and recovery-code seeds are stored encrypted with a key made from
    SECRET_KEY, so that a copy of the database (a backup) does not hold what makes the codes."""

    def encrypt(self, text: str) -> str:
        return mfa_fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        return mfa_fernet().decrypt(encrypted_text.encode()).decode()


def mfa_fernet() -> MultiFernet:
    """Encrypts with SECRET_KEY; also decrypts with SECRET_KEY_FALLBACKS, so that rotating the
    secret key does not lock anyone out of two-factor authentication."""
    keys = [
        salted_hmac("thep.adapters.mfa_fernet", "", secret=secret, algorithm="sha256").digest()
        for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    ]
    return MultiFernet([Fernet(base64.urlsafe_b64encode(key)) for key in keys])
