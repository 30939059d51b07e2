"""Waiting for the worker: a bulletin's emails go through two tasks (the bulletin's, then each
message's in the outbox)."""

import time
from typing import cast

from django.core import mail
from django.core.mail import EmailMultiAlternatives

from thep.models import OutboxMessage


def wait_for_sent(count: int, seconds: float = 30) -> list[EmailMultiAlternatives]:
    """The emails sent once `count` outbox messages have been sent and nothing is queued."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        queued = OutboxMessage.objects.filter(status=OutboxMessage.Status.QUEUED).exists()
        sent = OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT).count()
        if sent >= count and not queued:
            break
        time.sleep(0.05)
    # The outbox sends every message with alternatives (thep.mail._email).
    return [cast(EmailMultiAlternatives, email) for email in mail.outbox]


def html_of(email: EmailMultiAlternatives) -> str:
    """The email's HTML rendition."""
    ((content, mimetype),) = email.alternatives
    assert mimetype == "text/html" and isinstance(content, str)
    return content
