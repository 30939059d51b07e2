import base64

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils.crypto import salted_hmac

from thep.tasks import mail_send


class QueuedMessage:
    """A rendered message whose `send` hands it to the worker once the transaction commits."""

    def __init__(self, message: EmailMessage) -> None:
        self.message = message

    def send(self, fail_silently: bool = False) -> None:
        message = self.message
        transaction.on_commit(
            lambda: mail_send.delay(message.subject, message.body, message.from_email, message.to)
        )


class AccountAdapter(DefaultAccountAdapter):
    # Set while allauth sends a notification ("your password was changed"): one adapter is made
    # for each use, so this does not outlive the call.
    sending_notification = False

    def is_open_for_signup(self, request) -> bool:
        """People are invited by the office; nobody signs themselves up."""
        return False

    def send_notification_mail(self, *args, **kwargs) -> None:
        """The worker sends notifications after the change commits, trying again while the mail
        server is down: the change is done whatever the mail server does. (Password reset
        links go out at once instead, so that no secret link waits in the queue.)"""
        self.sending_notification = True
        try:
            super().send_notification_mail(*args, **kwargs)
        finally:
            self.sending_notification = False

    def render_mail(self, *args, **kwargs) -> EmailMessage | QueuedMessage:
        message = super().render_mail(*args, **kwargs)
        if self.sending_notification:
            return QueuedMessage(message)
        return message


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
