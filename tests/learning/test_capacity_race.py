import threading

import pytest
from django.db import connection

from learning.models import Booking, Event, Status
from learning.services import booking_create
from tests.learning.factories import BookingFactory, EventFactory

THREADS = 20


@pytest.mark.django_db(transaction=True)
def test_twenty_people_racing_for_the_last_five_places_get_five_and_a_waiting_list(
    school_a, head_a
):
    event = EventFactory(capacity=20)
    for _ in range(15):
        BookingFactory(event=event, school=school_a)
    start = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def book(n: int) -> None:
        try:
            start.wait()
            booking_create(
                event=event, school=school_a, delegate_email=f"racer{n}@example.org",
                delegate_name=f"Racer {n}", by=head_a,
            )  # fmt: skip
        except BaseException as error:  # reported below, in the test's own thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    racers = Booking.objects.filter(event=event, delegate_email__startswith="racer")
    confirmed = list(racers.filter(status=Status.CONFIRMED))
    waiting = list(racers.filter(status=Status.WAITING).order_by("created_at", "pk"))
    assert len(confirmed) == 5
    assert len(waiting) == 15
    assert Event.objects.get(pk=event.pk).places_taken == 20
    assert Booking.objects.filter(event=event, status=Status.CONFIRMED).count() == 20
    # Arrival is the order the event lock was granted: every confirmed place came before the
    # first waiting one, and the waiting list runs in the order the rows were written.
    assert max(b.created_at for b in confirmed) < waiting[0].created_at
    assert [b.pk for b in waiting] == sorted(b.pk for b in waiting)
