"""The cancel page warns of a charge exactly when cancelling charges: both ask
Booking.cancelling_charges_on."""

import pytest

from learning.models import Booking, Event, Status
from learning.services import booking_cancel
from tests.learning.factories import BookingFactory, EventFactory, in_days

WARNING = "stays due if you cancel"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "deadline_in_days", "charged"),
    [
        (Status.CONFIRMED, 5, False),
        (Status.CONFIRMED, 0, False),  # the deadline day itself is still free
        (Status.CONFIRMED, -1, True),
        (Status.WAITING, -1, False),
        (Status.REQUESTED, -1, False),
        (Status.OFFERED, -1, False),
    ],
)
def test_the_cancel_page_warns_of_the_charge_the_service_makes(
    member_a, client_for, head_a, status, deadline_in_days, charged
):
    event = EventFactory(booking_deadline=in_days(10))
    booking = BookingFactory(event=event, school=member_a.school, status=status)
    Event.objects.filter(pk=event.pk).update(booking_deadline=in_days(deadline_in_days))

    page = client_for(head_a).get(f"/learning/bookings/{booking.pk}/cancel/").content.decode()
    booking_cancel(booking=booking, by=head_a)

    assert (WARNING in page) is charged
    assert ("Cancelling is free" in page) is not charged
    assert Booking.objects.get(pk=booking.pk).cancellation_charged is charged
