"""The one way the portal sends email (CONVENTIONS 11). `mail_queue` writes an OutboxMessage in
the caller's transaction and hands it to the worker once that commits, so nobody is told of a
change that was rolled back, and a mail server that is down is tried again without holding up
the request. `outbox_deliver` is what the worker runs."""

from collections.abc import Mapping, Sequence

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from thep.models import OutboxMessage

# (filename, content, mimetype), as Django's EmailMessage.attach takes them. Text only: the
# outbox keeps attachments in a JSON field.
Attachment = tuple[str, str | bytes, str]


def mail_queue(
    *,
    kind: str,
    to: Sequence[str],
    subject: str,
    body: str,
    cc: Sequence[str] = (),
    attachments: Sequence[Attachment] = (),
    html: str = "",
    headers: Mapping[str, str] | None = None,
) -> OutboxMessage:
    """Record an email and send it from the worker once the caller's transaction commits.
    `html` is sent as an alternative to the text `body`; `headers` are added as they are."""
    from thep.tasks import outbox_send

    with transaction.atomic():
        message = OutboxMessage.objects.create(
            kind=kind,
            to=list(to),
            cc=list(cc),
            subject=subject,
            body=body,
            attachments=[
                {
                    "filename": filename,
                    "content": content.decode() if isinstance(content, bytes) else content,
                    "mimetype": mimetype,
                }
                for filename, content, mimetype in attachments
            ],
            html=html,
            headers=dict(headers or {}),
        )
        transaction.on_commit(lambda: outbox_send.delay(message.pk))
    return message


def mail_record_sent(
    *, kind: str, to: Sequence[str], subject: str, body: str = ""
) -> OutboxMessage:
    """Record an email that was sent at once, outside the queue (a password reset link, which
    must not wait in a queue). Its body is not kept, but in the dev stack's mailbox."""
    return OutboxMessage.objects.create(
        kind=kind,
        to=list(to),
        subject=subject,
        body=body if settings.THEP_DEV_MAILBOX else "",
        status=OutboxMessage.Status.SENT,
        sent_at=timezone.now(),
        attempts=1,
    )


def outbox_deliver(*, message_id: int, last_try: bool) -> bool:
    """Send a queued message. Returns whether it was sent now: a message already sent (a task
    delivered twice) is not sent again. A mail server's error (an OSError) is recorded and
    raised again for the task to retry; on the last try the message is marked failed."""
    with transaction.atomic():
        # The lock makes a second delivery of the task wait here, then find the message sent.
        message = OutboxMessage.objects.select_for_update().get(pk=message_id)
        if message.status != OutboxMessage.Status.QUEUED:
            return False
        message.attempts += 1
        error: OSError | None = None
        try:
            _email(message).send()
        except OSError as refused:
            error = refused
        if error is None:
            message.status = OutboxMessage.Status.SENT
            message.sent_at = timezone.now()
            if not settings.THEP_DEV_MAILBOX:
                message.body, message.html, message.attachments = "", "", []
        else:
            message.last_error = f"{type(error).__name__}: {error}"[:500]
            if last_try:
                message.status = OutboxMessage.Status.FAILED
                message.failed_at = timezone.now()
        message.save()
    if error is not None:
        raise error
    return True


def _email(message: OutboxMessage) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        message.subject,
        message.body,
        settings.DEFAULT_FROM_EMAIL,
        message.to,
        cc=message.cc,
        headers=message.headers,
    )
    if message.html:
        email.attach_alternative(message.html, "text/html")
    for attachment in message.attachments:
        email.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    return email
