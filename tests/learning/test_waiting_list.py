import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from learning.models import Booking, Event, Status
from learning.services import booking_cancel, booking_create, offer_accept, offers_expire
from tests.learning.factories import EventFactory, in_days


def book(event: Event, school, by, n: int) -> Booking:
    return booking_create(
        event=event, school=school, delegate_email=f"teacher{n}@example.org",
        delegate_name=f"Teacher {n}", by=by,
    )  # fmt: skip


@pytest.fixture
def full_course(member_a, school_a, head_a):
    """A course of two places, taken, with two people waiting (in that order)."""
    event = EventFactory(capacity=2, title="Next Generation Senior Leaders")
    bookings = [book(event, school_a, head_a, n) for n in range(4)]
    assert [b.status for b in bookings] == ["confirmed", "confirmed", "waiting", "waiting"]
    return event, bookings


def fresh(booking: Booking) -> Booking:
    return Booking.objects.get(pk=booking.pk)


def expiry_of(offer: Booking) -> datetime.datetime:
    assert offer.offer_expires_at is not None, "an offer has an expiry"
    return offer.offer_expires_at


@pytest.mark.django_db
def test_cancelling_offers_the_place_to_the_first_waiting_who_accepts(
    full_course, head_a, settings, mailoutbox, django_capture_on_commit_callbacks, eager_tasks
):
    settings.LEARNING_OFFER_HOURS = 48
    event, (first, _, waiting_first, waiting_second) = full_course
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(booking=first, by=head_a)
    offered = fresh(waiting_first)
    assert fresh(first).status == Status.CANCELLED
    assert not fresh(first).cancellation_charged  # before the deadline: free
    assert offered.status == Status.OFFERED
    assert expiry_of(offered) - timezone.now() > datetime.timedelta(hours=47)
    assert fresh(waiting_second).status == Status.WAITING
    assert Event.objects.get(pk=event.pk).places_taken == 2  # the offer holds the place
    assert [m.subject for m in mailoutbox] == [
        "A place is free for you: Next Generation Senior Leaders"
    ]
    assert f"/learning/bookings/{offered.pk}/offer/" in mailoutbox[0].body

    with django_capture_on_commit_callbacks(execute=True):
        offer_accept(booking=offered, by=head_a)
    assert fresh(offered).status == Status.CONFIRMED
    assert fresh(offered).offer_expires_at is None
    assert Event.objects.get(pk=event.pk).places_taken == 2
    assert mailoutbox[-1].subject == "Place confirmed: Next Generation Senior Leaders"


@pytest.mark.django_db
def test_an_offer_that_runs_out_passes_to_the_next_in_line(full_course, head_a):
    event, (first, _, waiting_first, waiting_second) = full_course
    booking_cancel(booking=first, by=head_a)
    offered = fresh(waiting_first)

    assert offers_expire(now=expiry_of(offered) - datetime.timedelta(minutes=1)) == 0
    assert fresh(offered).status == Status.OFFERED

    assert offers_expire(now=expiry_of(offered) + datetime.timedelta(minutes=1)) == 1
    assert fresh(offered).status == Status.LAPSED
    assert fresh(waiting_second).status == Status.OFFERED
    assert Event.objects.get(pk=event.pk).places_taken == 2

    with pytest.raises(ValidationError, match="There is no open offer on this booking"):
        offer_accept(booking=offered, by=head_a)


@pytest.mark.django_db
def test_an_offer_cannot_be_accepted_after_it_runs_out(full_course, head_a):
    _, (first, _, waiting_first, _) = full_course
    booking_cancel(booking=first, by=head_a)
    Booking.objects.filter(pk=waiting_first.pk).update(
        offer_expires_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    with pytest.raises(ValidationError, match="This offer ran out at"):
        offer_accept(booking=fresh(waiting_first), by=head_a)
    assert fresh(waiting_first).status == Status.OFFERED


@pytest.mark.django_db
def test_the_last_offer_lapsing_leaves_the_place_free(member_a, school_a, head_a):
    event = EventFactory(capacity=1)
    first, second = book(event, school_a, head_a, 1), book(event, school_a, head_a, 2)
    booking_cancel(booking=first, by=head_a)
    offers_expire(now=timezone.now() + datetime.timedelta(days=3))
    assert fresh(second).status == Status.LAPSED
    assert Event.objects.get(pk=event.pk).places_taken == 0


@pytest.mark.django_db
def test_cancelling_after_the_deadline_keeps_the_price_due(member_a, school_a, head_a):
    event = EventFactory(booking_deadline=in_days(5), member_price=Decimal("90.00"))
    booking = book(event, school_a, head_a, 1)
    Event.objects.filter(pk=event.pk).update(booking_deadline=in_days(-1))
    booking_cancel(booking=booking, by=head_a)
    cancelled = fresh(booking)
    assert cancelled.cancellation_charged
    assert cancelled.amount_due == Decimal("90.00")
    assert Event.objects.get(pk=event.pk).places_taken == 0


@pytest.mark.django_db
def test_leaving_the_waiting_list_is_free_and_frees_no_place(full_course, head_a):
    event, (*_, waiting_second) = full_course
    booking_cancel(booking=waiting_second, by=head_a)
    assert fresh(waiting_second).amount_due == Decimal("0")
    assert Event.objects.get(pk=event.pk).places_taken == 2


@pytest.mark.django_db
def test_a_booking_cannot_be_cancelled_twice(full_course, head_a):
    _, (first, *_) = full_course
    booking_cancel(booking=first, by=head_a)
    with pytest.raises(ValidationError, match="This booking is already cancelled"):
        booking_cancel(booking=first, by=head_a)
