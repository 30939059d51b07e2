"""The dev stack's page of the emails the portal sent, whose links someone trying the portal
follows (an invitation, a reset link, "report shared"); it is never there in production."""

import pytest
from django.conf import settings as configured
from django.core import mail

from improvement import services
from improvement.models import ReportStatus
from tests.improvement.factories import ReportFactory
from tests.thep.production import production_setting
from thep.mail import mail_queue, mail_record_sent, outbox_deliver
from thep.models import OutboxMessage


@pytest.fixture
def mailbox(settings):
    settings.THEP_DEV_MAILBOX = True


def test_there_is_no_mailbox_unless_the_dev_stack_turns_it_on(client_for, director, client):
    assert configured.THEP_DEV_MAILBOX is False  # pinned off for every other test
    mail_queue(kind="test.note", to=["head.a@example.org"], subject="Hello", body="Words")
    assert client.get("/dev/emails/").status_code == 404
    assert client_for(director).get("/dev/emails/").status_code == 404


def test_production_has_no_mailbox_even_if_asked():
    assert production_setting("THEP_DEV_MAILBOX", also={"THEP_DEV_MAILBOX": "true"}) == [False]


def test_anyone_reads_the_emails_newest_first_with_their_links(client, db, mailbox):
    mail_queue(kind="test.first", to=["head.a@example.org"], subject="First", body="Old news.")
    mail_queue(
        kind="test.second",
        to=["new.head@example.org"],
        subject="You are invited",
        body="Set your password: http://127.0.0.1:8000/accounts/password/reset/key/ab-cd/",
    )
    page = client.get("/dev/emails/").content.decode()
    assert page.index("You are invited") < page.index("First")
    assert '<a href="http://127.0.0.1:8000/accounts/password/reset/key/ab-cd/"' in page, (
        "the link can be followed"
    )
    assert "new.head@example.org" in page


def test_a_sent_email_keeps_its_words_in_the_mailbox(db, mailbox):
    message = mail_queue(kind="test.note", to=["a@example.org"], subject="S", body="The link.")
    assert outbox_deliver(message_id=message.pk, last_try=False)
    message.refresh_from_db()
    assert (message.status, message.body) == (OutboxMessage.Status.SENT, "The link.")
    assert len(mail.outbox) == 1


def test_a_reset_link_sent_at_once_is_kept_only_in_the_mailbox(db, settings):
    settings.THEP_DEV_MAILBOX = False
    assert mail_record_sent(kind="k", to=["a@example.org"], subject="S", body="Key").body == ""
    settings.THEP_DEV_MAILBOX = True
    assert mail_record_sent(kind="k", to=["a@example.org"], subject="S", body="Key").body == "Key"


def test_a_password_reset_shows_its_link(client, head_a, mailbox):
    client.post("/accounts/password/reset/", {"email": head_a.email})
    page = client.get("/dev/emails/").content.decode()
    assert "/accounts/password/reset/key/" in page


def test_a_shared_report_email_links_to_it_without_its_words(
    client, school_a, lc_a, head_a, mailbox
):
    report = ReportFactory(
        visit__school=school_a,
        visit__consultant=lc_a,
        status=ReportStatus.DRAFT,
        summary="The head spoke in confidence about a member of staff.",
    )
    services.report_share(report=report, by=lc_a)
    page = client.get("/dev/emails/").content.decode()
    assert f'href="http://127.0.0.1:8000/improvement/reports/{report.pk}/"' in page
    assert "in confidence" not in page


def test_the_footer_points_to_the_mailbox_in_the_dev_stack_only(client, db, settings):
    assert "/dev/emails/" not in client.get("/accounts/login/").content.decode()
    settings.THEP_DEV_MAILBOX = True
    assert 'href="/dev/emails/"' in client.get("/accounts/login/").content.decode()
