"""Orders racing for an event's last places on real PostgreSQL: each order's places are
taken all together or not at all, never beyond capacity, and the waiting list runs in the
order the orders arrived."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from learning.models import Booking, BookingOrder, Event, Status
from learning.services import Delegate, booking_order_create
from tests.learning.factories import BookingFactory, EventFactory

THREADS = 40


def race(event: Event, school, by, *, size: int, waiting_list_ok: bool) -> list[BaseException]:
    """THREADS orders of `size` delegates each, sent at once; returns what was raised."""
    start = threading.Barrier(THREADS)
    raised: list[BaseException] = []

    def order(n: int) -> None:
        try:
            start.wait()
            booking_order_create(
                event=event, school=school, by=by, waiting_list_ok=waiting_list_ok,
                delegates=[Delegate(name=f"Racer {n}.{k}", email=f"racer{n}.{k}@example.org")
                           for k in range(size)],
            )  # fmt: skip
        except BaseException as error:  # reported in the test's own thread
            raised.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=order, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return raised


def last_five_places(school) -> Event:
    event = EventFactory(capacity=20)
    for _ in range(15):
        BookingFactory(event=event, school=school)
    return event


def racers(event: Event):
    return Booking.objects.filter(event=event, delegate_email__startswith="racer")


@pytest.mark.django_db(transaction=True)
def test_forty_orders_for_the_last_five_places_give_five_and_a_waiting_list_in_arrival_order(
    school_a, head_a
):
    event = last_five_places(school_a)
    assert race(event, school_a, head_a, size=1, waiting_list_ok=True) == []
    confirmed = list(racers(event).filter(status=Status.CONFIRMED))
    waiting = list(racers(event).filter(status=Status.WAITING).order_by("created_at", "pk"))
    assert (len(confirmed), len(waiting)) == (5, 35)
    assert Event.objects.get(pk=event.pk).places_taken == 20
    # Arrival is the order the event lock was granted: every place went before anyone
    # waited, and the waiting list is in the order the orders were written.
    assert max(b.created_at for b in confirmed) < waiting[0].created_at
    assert [b.order_id for b in waiting] == sorted(b.order_id for b in waiting)


@pytest.mark.django_db(transaction=True)
def test_orders_of_two_for_the_last_five_places_are_taken_whole_or_refused(school_a, head_a):
    event = last_five_places(school_a)
    refused = race(event, school_a, head_a, size=2, waiting_list_ok=False)
    assert len(refused) == 38
    assert all(isinstance(error, ValidationError) for error in refused)
    assert {" ".join(e.messages) for e in refused if isinstance(e, ValidationError)} == {
        f"Only 1 place is left on {event}, for your 2 delegates. Book 1 or fewer, or put the "
        "other 1 on the waiting list."
    }
    assert racers(event).filter(status=Status.CONFIRMED).count() == 4
    assert not racers(event).exclude(status=Status.CONFIRMED).exists()
    assert BookingOrder.objects.filter(event=event).count() == 2
    assert Event.objects.get(pk=event.pk).places_taken == 19


@pytest.mark.django_db(transaction=True)
def test_orders_of_two_that_accept_the_waiting_list_fill_five_places_and_queue_the_rest(
    school_a, head_a
):
    event = last_five_places(school_a)
    assert race(event, school_a, head_a, size=2, waiting_list_ok=True) == []
    places = list(racers(event).order_by("order__created_at", "order_id", "pk"))
    statuses = [b.status for b in places]
    # Five places, then everyone waits: the third order split its two, and no later order
    # took a place.
    assert statuses == [Status.CONFIRMED] * 5 + [Status.WAITING] * 75
    split = places[4].order_id
    assert [b.status for b in places if b.order_id == split] == [Status.CONFIRMED, Status.WAITING]
    assert Event.objects.get(pk=event.pk).places_taken == 20
