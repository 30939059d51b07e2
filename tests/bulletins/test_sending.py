"""Sending through the real worker: one email a recipient, text and HTML, each with its own
unsubscribe link; never twice, whether the task is delivered again or the button pressed
again; never without an audience."""

import pytest
from django.core.exceptions import ValidationError

from bulletins.models import Bulletin, Delivery, Status
from bulletins.services import bulletin_send
from bulletins.tasks import bulletin_deliver_task
from tests.bulletins.factories import BulletinFactory, NewsItemFactory, member_now
from tests.bulletins.mail import html_of, wait_for_sent
from tests.learning.factories import EventFactory
from thep.models import OutboxMessage


@pytest.fixture
def members(school_a, school_b, head_a, head_b):
    member_now(school_a)
    member_now(school_b)


def test_each_recipient_gets_one_email_with_the_news_the_events_and_their_own_unsubscribe(
    celery_worker, mailoutbox, members, office_admin
):
    EventFactory(title="Middle Leaders Network", sessions=[10])
    bulletin = BulletinFactory(title="Autumn fortnight", weeks=4)
    NewsItemFactory(bulletin=bulletin, title="Ofsted update", link="https://example.org/ofsted")

    assert bulletin_send(bulletin=bulletin, by=office_admin) == 2
    sent = wait_for_sent(2)

    assert sorted(email.to[0] for email in sent) == ["head.a@example.org", "head.b@example.org"]
    email = sent[0]
    assert email.subject == "THEP Bulletin: Autumn fortnight"
    assert "Ofsted update" in email.body and "Middle Leaders Network" in email.body
    html = html_of(email)
    assert "Middle Leaders Network" in html and 'href="https://example.org/ofsted"' in html
    links = set()
    for message in sent:
        link = message.extra_headers["List-Unsubscribe"].strip("<>")
        assert link in message.body and link in html_of(message)
        links.add(link)
    assert len(links) == 2  # each person's own
    bulletin.refresh_from_db()
    assert bulletin.status == Status.SENT
    assert [event.title for event in bulletin.events.all()] == ["Middle Leaders Network"]


def test_the_task_delivered_twice_sends_nobody_a_second_copy(
    celery_worker, mailoutbox, members, office_admin
):
    bulletin = BulletinFactory()
    bulletin_send(bulletin=bulletin, by=office_admin)
    wait_for_sent(2)
    Bulletin.objects.filter(pk=bulletin.pk).update(status=Status.SENDING)  # as if not finished

    assert bulletin_deliver_task.delay(bulletin.pk).get(timeout=30) == 0
    assert bulletin_deliver_task.delay(bulletin.pk).get(timeout=30) == 0
    wait_for_sent(2)

    assert len(mailoutbox) == 2
    assert OutboxMessage.objects.count() == 2
    assert Delivery.objects.filter(bulletin=bulletin).count() == 2


def test_a_second_press_of_send_is_refused_and_sends_nothing_more(
    celery_worker, mailoutbox, members, office_admin
):
    bulletin = BulletinFactory()
    bulletin_send(bulletin=bulletin, by=office_admin)
    with pytest.raises(ValidationError, match="This bulletin was sent already"):
        bulletin_send(bulletin=bulletin, by=office_admin)
    wait_for_sent(2)
    assert len(mailoutbox) == 2


@pytest.mark.django_db
def test_a_bulletin_with_no_audience_is_refused_in_plain_words(members, office_admin):
    bulletin = BulletinFactory(to_heads=False, to_staff=False)
    with pytest.raises(ValidationError) as refused:
        bulletin_send(bulletin=bulletin, by=office_admin)
    assert refused.value.messages == [
        "Choose who receives it: headteachers, staff who asked for it, or both."
    ]
    bulletin.refresh_from_db()
    assert (bulletin.status, bulletin.sent_on) == (Status.DRAFT, None)
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db
def test_an_audience_nobody_is_in_is_refused(members, office_admin):
    bulletin = BulletinFactory(phases=["special"])
    with pytest.raises(ValidationError, match="Nobody is in this audience"):
        bulletin_send(bulletin=bulletin, by=office_admin)
    assert Bulletin.objects.get().status == Status.DRAFT
