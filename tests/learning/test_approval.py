"""Where a school asks for it, staff bookings wait for the head or the CPD lead."""

import pytest
from django.core.exceptions import ValidationError

from learning.models import Booking, Event, SchoolPolicy, Status
from learning.services import booking_approve, booking_cancel, booking_create
from tests.learning.factories import EventFactory
from tests.learning.orders import order_form


@pytest.fixture
def asks_for_approval(member_a):
    return SchoolPolicy.objects.create(school=member_a.school, staff_bookings_need_approval=True)


def staff_books(event: Event, school, staff) -> Booking:
    return booking_create(
        event=event, school=school, delegate_email=staff.email, delegate_name="Sam Staff",
        by=staff,
    )  # fmt: skip


@pytest.mark.django_db
def test_a_staff_request_holds_a_place_until_the_head_approves_it(
    asks_for_approval,
    school_a,
    staff_a,
    head_a,
    mailoutbox,
    django_capture_on_commit_callbacks,
    eager_tasks,
):
    event = EventFactory(capacity=1, title="Leadership Lab")
    with django_capture_on_commit_callbacks(execute=True):
        booking = staff_books(event, school_a, staff_a)
    assert booking.status == Status.REQUESTED
    assert Event.objects.get(pk=event.pk).places_taken == 1
    assert [(m.subject, m.to) for m in mailoutbox] == [
        ("Booking to approve: Leadership Lab", ["head.a@example.org"])
    ]
    with django_capture_on_commit_callbacks(execute=True):
        booking_approve(booking=booking, by=head_a)
    assert Booking.objects.get(pk=booking.pk).status == Status.CONFIRMED
    assert mailoutbox[-1].subject == "Place confirmed: Leadership Lab"
    assert mailoutbox[-1].attachments  # the calendar file comes with the confirmation


@pytest.mark.django_db
def test_declining_a_request_frees_the_place_for_the_waiting_list(
    asks_for_approval, school_a, staff_a, head_a
):
    event = EventFactory(capacity=1)
    request = staff_books(event, school_a, staff_a)
    waiting = booking_create(
        event=event, school=school_a, delegate_email="next@example.org", delegate_name="Next",
        by=head_a,
    )  # fmt: skip
    assert waiting.status == Status.WAITING
    booking_cancel(booking=request, by=head_a)
    request.refresh_from_db()
    assert (request.status, request.cancellation_charged) == (Status.CANCELLED, False)
    assert Booking.objects.get(pk=waiting.pk).status == Status.OFFERED


@pytest.mark.django_db
def test_heads_and_schools_without_the_policy_book_straight_away(
    asks_for_approval, member_a, school_a, head_a, school_b, head_b, staff_a
):
    event = EventFactory()
    by_head = booking_create(
        event=event, school=school_a, delegate_email="a@example.org", delegate_name="A",
        by=head_a,
    )  # fmt: skip
    assert by_head.status == Status.CONFIRMED
    SchoolPolicy.objects.filter(school=school_a).update(staff_bookings_need_approval=False)
    assert staff_books(event, school_a, staff_a).status == Status.CONFIRMED


@pytest.mark.django_db
def test_staff_cannot_approve_their_own_request(asks_for_approval, school_a, staff_a, client_for):
    request = staff_books(EventFactory(), school_a, staff_a)
    with pytest.raises(ValidationError, match="Only the head or CPD lead of Bonner Primary"):
        booking_approve(booking=request, by=staff_a)
    response = client_for(staff_a).post(f"/learning/bookings/{request.pk}/approve/")
    assert response.status_code == 404
    assert Booking.objects.get(pk=request.pk).status == Status.REQUESTED


@pytest.mark.django_db
def test_the_head_approves_from_the_bookings_page(asks_for_approval, school_a, staff_a, head_a,
                                                  client_for):  # fmt: skip
    request = staff_books(EventFactory(title="BAME Leaders"), school_a, staff_a)
    client = client_for(head_a)
    page = client.get("/learning/bookings/").content.decode()
    assert "Approve Sam Staff's place" in page
    response = client.post(f"/learning/bookings/{request.pk}/approve/")
    assert response.headers["Location"] == "/learning/bookings/"
    assert Booking.objects.get(pk=request.pk).status == Status.CONFIRMED
    again = client.post(f"/learning/bookings/{request.pk}/approve/", follow=True)
    assert "This booking is not waiting for approval." in again.content.decode()


@pytest.mark.django_db
def test_the_staff_member_is_told_the_place_waits_for_approval(
    asks_for_approval, staff_a, client_for
):
    event = EventFactory(title="Future Headteachers")
    response = client_for(staff_a).post(
        f"/learning/{event.pk}/book/", order_form(known=staff_a.email), follow=True
    )
    assert "Requested: a place on Future Headteachers is held for" in response.content.decode()
