"""Every email goes through the outbox: recorded with the change it reports, sent by the worker,
tried again while the mail server is down, sent once, and listed for the office without its
words."""

import smtplib
import time

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import transaction
from django.urls import reverse

from thep.mail import mail_queue
from thep.models import OutboxMessage
from thep.tasks import outbox_send

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


def queue(**changes) -> OutboxMessage:
    values = {
        "kind": "test.note",
        "to": ["head.a@example.org"],
        "cc": ["lc.a@example.org"],
        "subject": "A visit report to agree",
        "body": "Confidential discussion of the school.",
        "attachments": [("visit.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")],
    }
    return mail_queue(**{**values, **changes})


def wait_until_sent(message: OutboxMessage, seconds: float = 30) -> OutboxMessage:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        message.refresh_from_db()
        if message.status != OutboxMessage.Status.QUEUED:
            break
        time.sleep(0.1)
    return message


@pytest.mark.django_db(transaction=True)
def test_a_message_is_queued_then_sent_by_the_worker(celery_worker, settings):
    settings.EMAIL_BACKEND = LOCMEM
    with transaction.atomic():
        message = queue()
        assert message.status == OutboxMessage.Status.QUEUED
        assert mail.outbox == []  # not before the commit

    message = wait_until_sent(message)
    assert message.status == OutboxMessage.Status.SENT
    assert message.sent_at is not None and message.attempts == 1
    assert (message.body, message.attachments) == ("", [])  # the words are not kept once sent
    (sent,) = mail.outbox
    assert (sent.to, sent.cc, sent.subject) == (
        ["head.a@example.org"],
        ["lc.a@example.org"],
        "A visit report to agree",
    )
    assert sent.body == "Confidential discussion of the school."
    assert sent.attachments == [
        ("visit.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    ]


@pytest.mark.django_db
def test_a_failing_mail_server_is_tried_again_then_the_message_is_marked_failed(
    settings, monkeypatch, eager_tasks, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = LOCMEM
    tries = []

    def refuse(self, messages) -> int:
        tries.append(messages)
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        message = queue()

    message.refresh_from_db()
    assert len(tries) == 7  # the first try and six more
    assert (message.status, message.attempts) == (OutboxMessage.Status.FAILED, 7)
    assert message.failed_at is not None and message.sent_at is None
    assert message.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert message.body  # kept, so that it could still be sent


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_leaves_no_message_and_sends_nothing(celery_worker, settings):
    settings.EMAIL_BACKEND = LOCMEM
    with pytest.raises(RuntimeError), transaction.atomic():
        queue()
        raise RuntimeError("the change failed after the email was queued")
    time.sleep(1)  # time enough for the worker to send, were anything queued
    assert not OutboxMessage.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_a_task_delivered_twice_sends_once(celery_worker, settings):
    settings.EMAIL_BACKEND = LOCMEM
    message = queue()
    outbox_send.delay(message.pk)  # as a broker would redeliver it
    message = wait_until_sent(message)
    time.sleep(1)  # the second delivery has run by now
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxMessage.Status.SENT, 1)
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_the_office_sees_the_outbox_without_the_words(client_for, office_admin):
    message = queue()
    client = client_for(office_admin)
    page = client.get(reverse("admin:thep_outboxmessage_changelist"), {"q": "head.a@"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "A visit report to agree" in text and "head.a@example.org" in text
    assert "Confidential" not in text and "VCALENDAR" not in text
    page = client.get(reverse("admin:thep_outboxmessage_change", args=[message.pk]))
    assert page.status_code == 200
    assert "Confidential" not in page.content.decode()
    assert "VCALENDAR" not in page.content.decode()
    filtered = client.get(reverse("admin:thep_outboxmessage_changelist"), {"status": "sent"})
    assert "A visit report to agree" not in filtered.content.decode()


@pytest.mark.django_db
def test_a_head_cannot_open_the_outbox(client_for, head_a):
    queue()
    response = client_for(head_a).get(reverse("admin:thep_outboxmessage_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_a_password_reset_link_goes_at_once_and_is_recorded_without_it(client, head_a, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": head_a.email})
    (sent,) = mailoutbox
    assert "/accounts/password/reset/key/" in sent.body
    message = OutboxMessage.objects.get()
    assert (message.kind, message.to, message.status) == (
        "account.password_reset_key",
        [head_a.email],
        OutboxMessage.Status.SENT,
    )
    assert message.subject == sent.subject and message.body == ""
