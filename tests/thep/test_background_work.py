"""Background work: emails go out only after the data commits, once, and a mail server that is
down for a while is tried again."""

import datetime
import smtplib
import time

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ofsted.models import InspectionType, StrategyMeeting
from ofsted.services import inspection_record
from thep.celery import app as celery_app
from thep.models import OutboxMessage, SecurityEvent
from thep.services import person_invite
from thep.tasks import outbox_send


class MailServerDownOnce(EmailBackend):
    """The first message fails as an SMTP server that hung up would; the next ones go."""

    failures_left = 0

    def send_messages(self, messages) -> int:
        if MailServerDownOnce.failures_left:
            MailServerDownOnce.failures_left -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


def requires_improvement(school) -> None:
    inspection_record(
        school=school,
        values={
            "inspection_type": InspectionType.GRADED,
            "start_date": timezone.localdate() - datetime.timedelta(days=20),
            "overall_effectiveness": 3,
        },
    )


def wait_for_mail(count: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while len(mail.outbox) < count and time.monotonic() < deadline:
        time.sleep(0.1)


@pytest.mark.django_db(transaction=True)
def test_email_goes_out_only_for_what_was_committed(
    celery_worker, settings, director, school_a, school_b
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with pytest.raises(RuntimeError), transaction.atomic():
        requires_improvement(school_a)
        raise RuntimeError("the import failed on a later row")
    requires_improvement(school_b)
    wait_for_mail(1)
    time.sleep(1)  # time enough for a second message, were one on its way
    assert [message.subject for message in mail.outbox] == [
        "Strategy meeting proposed: Cayley Primary School"
    ]


@pytest.mark.django_db
def test_a_task_delivered_twice_tells_the_directors_once(settings, director, school_a):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    requires_improvement(school_a)
    requires_improvement(school_a)  # recorded again: the meeting is proposed once
    assert StrategyMeeting.objects.count() == 1
    message = OutboxMessage.objects.get()
    assert outbox_send(message.pk) is True
    assert outbox_send(message.pk) is False
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_a_mail_server_that_is_down_is_tried_again(celery_worker, settings, director, school_a):
    settings.EMAIL_BACKEND = f"{__name__}.MailServerDownOnce"
    MailServerDownOnce.failures_left = 1
    requires_improvement(school_a)
    wait_for_mail(1)
    assert MailServerDownOnce.failures_left == 0
    assert [message.to for message in mail.outbox] == [["director@example.org"]]


@pytest.mark.django_db(transaction=True)
def test_an_invitation_waits_for_the_mail_server(celery_worker, settings, office_admin, head_a):
    settings.EMAIL_BACKEND = f"{__name__}.MailServerDownOnce"
    MailServerDownOnce.failures_left = 1
    with transaction.atomic():
        person_invite(person=head_a, by=office_admin)
        assert mail.outbox == []  # not before the commit
    wait_for_mail(1)
    assert MailServerDownOnce.failures_left == 0
    assert [message.to for message in mail.outbox] == [[head_a.email]]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


@pytest.mark.django_db(transaction=True)
def test_a_password_change_is_told_by_email_even_when_the_mail_server_was_down(
    celery_worker, settings, client, head_a
):
    settings.EMAIL_BACKEND = f"{__name__}.MailServerDownOnce"
    MailServerDownOnce.failures_left = 1
    client.force_login(head_a)
    new = {"password1": "a-new-long-password", "password2": "a-new-long-password"}
    response = client.post(
        reverse("account_change_password"), {"oldpassword": "thep-demo-2026", **new}
    )
    assert response.status_code == 302
    head_a.refresh_from_db()
    assert head_a.check_password("a-new-long-password")
    wait_for_mail(1)
    assert MailServerDownOnce.failures_left == 0
    assert [message.to for message in mail.outbox] == [[head_a.email]]
    assert "Your password has been changed." in mail.outbox[0].body


@pytest.mark.django_db(transaction=True)
def test_retention_is_applied_every_night_by_the_worker(celery_worker, settings):
    nightly = settings.CELERY_BEAT_SCHEDULE["retention"]
    assert (nightly["schedule"].hour, nightly["schedule"].minute) == ({3}, {30})
    old = SecurityEvent.objects.create(kind="login")
    SecurityEvent.objects.filter(pk=old.pk).update(
        at=timezone.now() - datetime.timedelta(days=settings.THEP_SECURITY_EVENT_DAYS + 1)
    )
    recent = SecurityEvent.objects.create(kind="login")
    celery_app.send_task(nightly["task"]).get(timeout=30)
    assert list(SecurityEvent.objects.values_list("pk", flat=True)) == [recent.pk]
