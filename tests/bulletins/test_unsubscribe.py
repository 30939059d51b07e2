"""Each bulletin email's own link unsubscribes its reader from that kind of bulletin, without a
login, once; bookings and reports still reach them."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bulletins.emails import unsubscribe_url
from bulletins.models import Delivery, Kind, Status
from bulletins.selectors import kinds_received
from bulletins.services import bulletin_send
from learning.services import booking_create
from tests.bulletins.factories import BulletinFactory, member_now
from tests.bulletins.mail import wait_for_sent
from tests.learning.factories import EventFactory


def link_for(person, kind=Kind.KEEP_IN_TOUCH) -> str:
    bulletin = BulletinFactory(
        kind=kind, status=Status.SENT, sent_on=timezone.localdate(), sent_at=timezone.now()
    )
    delivery = Delivery.objects.create(bulletin=bulletin, person=person, email=person.email)
    return unsubscribe_url(delivery).removeprefix("http://127.0.0.1:8000")


@pytest.mark.django_db
def test_the_link_asks_first_then_unsubscribes_from_that_kind_without_a_login(head_a):
    link = link_for(head_a)
    page = Client().get(link).content.decode()
    assert "Stop sending Keep in Touch to head.a@example.org?" in page
    assert kinds_received(person=head_a) == {Kind.BULLETIN, Kind.KEEP_IN_TOUCH}  # a GET is not it

    page = Client().post(link).content.decode()

    assert "we will not send Keep in Touch to head.a@example.org any more" in page
    assert kinds_received(person=head_a) == {Kind.BULLETIN}


@pytest.mark.django_db
def test_a_link_works_once(head_a, client_for):
    link = link_for(head_a)
    Client().post(link)
    client_for(head_a).post(reverse("bulletins:choices"), {"kinds": ["bulletin", "keep_in_touch"]})

    page = Client().post(link).content.decode()

    assert "This link has been used already" in page
    assert kinds_received(person=head_a) == {Kind.BULLETIN, Kind.KEEP_IN_TOUCH}


@pytest.mark.django_db
def test_a_wrong_or_cut_link_is_refused_in_plain_words(head_a):
    link = link_for(head_a)
    for wrong in (link.replace("/unsubscribe/", "/unsubscribe/x"), link[:-8] + "/"):
        response = Client().post(wrong)
        assert response.status_code == 400
        assert "This unsubscribe link is not one we sent" in response.content.decode()
    assert kinds_received(person=head_a) == {Kind.BULLETIN, Kind.KEEP_IN_TOUCH}


def test_the_next_bulletin_skips_them_but_their_booking_is_still_confirmed(
    celery_worker, mailoutbox, school_a, school_b, head_a, head_b, office_admin
):
    member_now(school_a)
    member_now(school_b)
    bulletin_send(bulletin=BulletinFactory(), by=office_admin)
    first = next(email for email in wait_for_sent(2) if email.to == ["head.a@example.org"])
    Client().post(first.extra_headers["List-Unsubscribe"].strip("<>"))
    mailoutbox.clear()

    bulletin_send(bulletin=BulletinFactory(title="The next one"), by=office_admin)
    booking_create(
        event=EventFactory(title="Leadership Lab", sessions=[10]), school=school_a,
        delegate_email="head.a@example.org", delegate_name="Helen", by=head_a,
    )  # fmt: skip

    sent = wait_for_sent(4)  # two of the first bulletin before, then these two
    assert sorted((email.to[0], email.subject) for email in sent) == [
        ("head.a@example.org", "Place confirmed: Leadership Lab"),
        ("head.b@example.org", "THEP Bulletin: The next one"),
    ]
    confirmation = next(email for email in sent if email.subject.startswith("Place"))
    assert "List-Unsubscribe" not in confirmation.extra_headers
    assert "/bulletins/unsubscribe/" not in confirmation.body
