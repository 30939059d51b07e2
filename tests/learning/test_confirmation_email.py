import datetime

import pytest
from icalendar import Calendar

from learning.services import booking_create
from tests.learning.factories import EventFactory, SessionFactory, in_days


@pytest.mark.django_db
def test_the_confirmation_carries_a_calendar_file_with_every_session(
    member_a, school_a, head_a, mailoutbox, django_capture_on_commit_callbacks, eager_tasks
):
    event = EventFactory(title="High Performance Leadership", sessions=[30])
    SessionFactory(
        event=event, date=in_days(60), starts_at=datetime.time(16), ends_at=datetime.time(17),
        venue="", online=True,
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        booking = booking_create(
            event=event, school=school_a, delegate_email="amy@example.org",
            delegate_name="Amy Rahman", by=head_a,
        )  # fmt: skip

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.subject == "Place confirmed: High Performance Leadership"
    assert message.to == ["amy@example.org"]
    assert message.cc == ["head.a@example.org"]  # the head who booked hears too
    assert "Price: £90.00 (member price), invoiced to your school." in message.body
    name, content, mimetype = message.attachments[0]
    assert (name, mimetype) == ("thep-booking.ics", "text/calendar")

    calendar = Calendar.from_ical(content)
    sessions = calendar.walk("VEVENT")
    assert [str(s["SUMMARY"]) for s in sessions] == ["High Performance Leadership"] * 2
    first, second = (s.decoded("DTSTART") for s in sessions)
    assert (first.date(), first.time()) == (in_days(30), datetime.time(9, 30))
    assert str(first.tzinfo) == "Europe/London"
    assert (second.date(), second.time()) == (in_days(60), datetime.time(16))
    assert [str(s["LOCATION"]) for s in sessions] == [
        "Professional Development Centre, E1",
        "Online",
    ]
    assert (
        str(sessions[0]["UID"])
        == f"booking-{booking.pk}-session-{event.sessions.earliest('date').pk}@thep.org.uk"
    )


@pytest.mark.django_db
def test_joining_the_waiting_list_sends_no_calendar_file(
    member_a, school_a, staff_a, mailoutbox, django_capture_on_commit_callbacks, eager_tasks
):
    event = EventFactory(capacity=1, title="Leadership Lab")
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(2):
            booking_create(
                event=event, school=school_a, delegate_email=f"t{n}@example.org",
                delegate_name=f"T {n}", by=staff_a,
            )  # fmt: skip
    waiting = mailoutbox[1]
    assert waiting.subject == "Waiting list: Leadership Lab"
    assert waiting.attachments == []


@pytest.mark.django_db(transaction=True)
def test_the_beat_task_passes_lapsed_offers_on(celery_worker, member_a, school_a, head_a):
    from django.utils import timezone

    from learning.models import Booking, Status
    from learning.services import booking_cancel
    from learning.tasks import offers_expire_task

    event = EventFactory(capacity=1)
    first, second, third = [
        booking_create(
            event=event,
            school=school_a,
            delegate_email=f"q{n}@example.org",
            delegate_name=f"Q {n}",
            by=head_a,
        )
        for n in range(3)
    ]
    booking_cancel(booking=first, by=head_a)
    Booking.objects.filter(pk=second.pk).update(
        offer_expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert offers_expire_task.delay().get(timeout=20) == 1
    assert Booking.objects.get(pk=second.pk).status == Status.LAPSED
    assert Booking.objects.get(pk=third.pk).status == Status.OFFERED


def test_beat_runs_the_offer_expiry_every_quarter_of_an_hour(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["learning: offers expire"]
    assert entry["task"] == "learning.tasks.offers_expire_task"
    assert entry["schedule"] == 15 * 60
