"""Each bad booking is refused with a message a school business manager understands, and
changes nothing."""

import pytest
from django.core.exceptions import ValidationError

from learning.models import Booking, Event
from learning.services import booking_create
from tests.learning.factories import BookingFactory, EventFactory, in_days


def refused(event: Event, school, by, email: str = "amy@example.org", name: str = "Amy") -> str:
    before = (Booking.objects.count(), Event.objects.get(pk=event.pk).places_taken)
    with pytest.raises(ValidationError) as refusal:
        booking_create(event=event, school=school, delegate_email=email, delegate_name=name, by=by)
    assert (Booking.objects.count(), Event.objects.get(pk=event.pk).places_taken) == before
    return " ".join(refusal.value.messages)


@pytest.mark.django_db
def test_a_past_event_is_refused(school_a, head_a):
    event = EventFactory(title="Phonics Refresher", sessions=[-2], booking_deadline=in_days(-9))
    assert "Phonics Refresher started on" in refused(event, school_a, head_a)


@pytest.mark.django_db
def test_an_unpublished_event_is_refused(school_a, head_a):
    event = EventFactory(title="Future Headteachers", published=False)
    assert refused(event, school_a, head_a) == "Future Headteachers is not open for booking."


@pytest.mark.django_db
def test_booking_after_the_deadline_is_refused(school_a, head_a):
    event = EventFactory(title="Leading People", booking_deadline=in_days(-1))
    assert refused(event, school_a, head_a).startswith("Booking for Leading People closed on")


@pytest.mark.django_db
def test_the_same_delegate_twice_is_refused_whatever_the_case_of_the_email(school_a, head_a):
    event = EventFactory(title="BAME Leaders")
    BookingFactory(event=event, school=school_a, delegate_email="amy@example.org")
    message = refused(event, school_a, head_a, email="Amy@Example.org ")
    assert message == "Amy (amy@example.org) already has a place on BAME Leaders."


@pytest.mark.django_db
def test_a_cancelled_booking_does_not_stop_booking_again(member_a, school_a, head_a):
    event = EventFactory()
    BookingFactory(event=event, school=school_a, delegate_email="amy@example.org",
                   status="cancelled")  # fmt: skip
    booking = booking_create(
        event=event, school=school_a, delegate_email="amy@example.org", delegate_name="Amy",
        by=head_a,
    )  # fmt: skip
    assert booking.status == "confirmed"


@pytest.mark.django_db
def test_a_school_that_is_not_a_member_cannot_book_a_members_only_event(school_b, head_b):
    event = EventFactory(title="Secondary Headteachers' Collaborative", members_only=True)
    message = refused(event, school_b, head_b)
    assert message.startswith(
        "Secondary Headteachers' Collaborative is for member schools only, and Cayley Primary "
        "School is not a member on"
    )


@pytest.mark.django_db
def test_a_member_school_can_book_a_members_only_event(member_a, school_a, head_a):
    event = EventFactory(members_only=True)
    booking = booking_create(
        event=event, school=school_a, delegate_email="amy@example.org", delegate_name="Amy",
        by=head_a,
    )  # fmt: skip
    assert booking.at_member_price


@pytest.mark.django_db
def test_a_delegate_needs_a_name_and_a_real_email(school_a, head_a):
    event = EventFactory()
    assert refused(event, school_a, head_a, name="  ") == "Give the delegate's name."
    assert "'amy-at-school' is not an email address" in refused(
        event, school_a, head_a, email="amy-at-school"
    )


@pytest.mark.django_db
def test_an_event_with_no_dates_cannot_be_booked(school_a, head_a):
    event = EventFactory(title="Spotlight: Courageous Conversations", sessions=[])
    assert refused(event, school_a, head_a) == (
        "Spotlight: Courageous Conversations has no dates yet, so it cannot be booked."
    )


@pytest.mark.django_db
def test_the_database_refuses_more_places_than_capacity(school_a):
    """The count of places taken is checked by PostgreSQL itself, not only by the service."""
    from django.db import IntegrityError, transaction

    event = EventFactory(capacity=1)
    BookingFactory(event=event, school=school_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(places_taken=2)
