"""A fair waiting list: people see their place in it, new places are offered in the order people
joined as soon as an event grows, offers run out and pass on, and a newcomer never gets a place
ahead of those waiting."""

import datetime
import time

import pytest
from django.contrib.humanize.templatetags.humanize import ordinal
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from learning.models import Booking, Event, Status
from learning.selectors import with_waiting_positions
from learning.services import (
    booking_create,
    event_capacity_change,
    offer_accept,
    offers_expire,
)
from tests.learning.factories import BookingFactory, EventFactory


def book(event: Event, school, by, n: int) -> Booking:
    return booking_create(
        event=event, school=school, delegate_email=f"teacher{n}@example.org",
        delegate_name=f"Teacher {n}", by=by,
    )  # fmt: skip


def statuses(event: Event) -> list[str]:
    return list(event.bookings.order_by("created_at", "pk").values_list("status", flat=True))


def positions(event: Event) -> dict[str, int]:
    waiting = with_waiting_positions(event.bookings.filter(status=Status.WAITING))
    return dict(waiting.values_list("delegate_name", "waiting_position"))


@pytest.fixture
def five_waiting(member_a, school_a, head_a):
    """Two places, taken, and five people waiting: Teacher 2 first, Teacher 6 last."""
    event = EventFactory(capacity=2, title="Future Headteachers")
    for n in range(7):
        book(event, school_a, head_a, n)
    assert positions(event) == {f"Teacher {n}": n - 1 for n in range(2, 7)}
    return event


@pytest.mark.django_db
def test_two_more_places_go_to_the_first_two_waiting_and_the_rest_move_up(
    five_waiting, director, settings, mailoutbox, django_capture_on_commit_callbacks, eager_tasks
):
    settings.LEARNING_OFFER_HOURS = 48
    event = five_waiting
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event_capacity_change(event=event, capacity=4, by=director)

    assert statuses(event) == ["confirmed"] * 2 + ["offered"] * 2 + ["waiting"] * 3
    assert positions(event) == {"Teacher 4": 1, "Teacher 5": 2, "Teacher 6": 3}
    assert Event.objects.get(pk=event.pk).places_taken == 4  # the offers hold the new places
    offers = event.bookings.filter(status=Status.OFFERED)
    for offer in offers:
        assert offer.offer_expires_at is not None
        hours = (offer.offer_expires_at - timezone.now()) / datetime.timedelta(hours=1)
        assert 47 < hours <= 48
    assert sorted(m.to[0] for m in mailoutbox) == ["teacher2@example.org", "teacher3@example.org"]
    assert {m.subject for m in mailoutbox} == {"A place is free for you: Future Headteachers"}


@pytest.mark.django_db
def test_a_newcomer_after_the_event_grows_joins_the_end_of_the_queue(
    five_waiting, school_a, head_a, director, django_capture_on_commit_callbacks, eager_tasks
):
    event = five_waiting
    with django_capture_on_commit_callbacks(execute=True):
        event_capacity_change(event=event, capacity=4, by=director)
    newcomer = book(event, school_a, head_a, 99)
    assert newcomer.status == Status.WAITING
    assert positions(event)["Teacher 99"] == 4
    assert Event.objects.get(pk=event.pk).places_taken == 4


@pytest.mark.django_db
def test_offers_that_run_out_pass_on_in_order(
    five_waiting, director, django_capture_on_commit_callbacks, eager_tasks
):
    event = five_waiting
    with django_capture_on_commit_callbacks(execute=True):
        event_capacity_change(event=event, capacity=4, by=director)
    first_offer = event.bookings.filter(status=Status.OFFERED).first()
    assert first_offer is not None and first_offer.offer_expires_at is not None

    assert offers_expire(now=first_offer.offer_expires_at + datetime.timedelta(minutes=1)) == 2
    assert statuses(event) == ["confirmed"] * 2 + ["lapsed"] * 2 + ["offered"] * 2 + ["waiting"]
    assert positions(event) == {"Teacher 6": 1}
    assert Event.objects.get(pk=event.pk).places_taken == 4


@pytest.mark.django_db
def test_an_offer_accepted_after_it_ran_out_is_refused_on_the_page(
    five_waiting, client_for, head_a, director, django_capture_on_commit_callbacks, eager_tasks
):
    event = five_waiting
    with django_capture_on_commit_callbacks(execute=True):
        event_capacity_change(event=event, capacity=3, by=director)
    offer = event.bookings.get(status=Status.OFFERED)
    Booking.objects.filter(pk=offer.pk).update(
        offer_expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    client = client_for(head_a)
    response = client.post(f"/learning/bookings/{offer.pk}/offer/", follow=True)
    assert "This offer ran out at" in response.content.decode()
    assert "the place goes to the next person on the waiting list." in response.content.decode()
    assert Booking.objects.get(pk=offer.pk).status == Status.OFFERED
    with pytest.raises(ValidationError, match="This offer ran out at"):
        offer_accept(booking=offer, by=head_a)


@pytest.mark.django_db
def test_capacity_cannot_fall_below_the_places_taken(five_waiting, director, office_admin):
    event = five_waiting
    with pytest.raises(ValidationError) as refusal:
        event_capacity_change(event=event, capacity=1, by=office_admin)
    assert refusal.value.messages == [
        "Future Headteachers cannot have fewer than 2 places: that many are taken (confirmed, "
        "offered, or awaiting a school's approval)."
    ]
    assert Event.objects.get(pk=event.pk).capacity == 2


@pytest.mark.django_db
def test_only_directors_and_the_office_change_an_events_places(five_waiting, head_a):
    with pytest.raises(ValidationError, match="Only directors and the office"):
        event_capacity_change(event=five_waiting, capacity=9, by=head_a)
    assert Event.objects.get(pk=five_waiting.pk).capacity == 2


@pytest.mark.django_db
def test_a_teacher_sees_their_place_in_the_queue_and_their_head_sees_it_too(
    member_a, school_a, head_a, staff_a, client_for
):
    event = EventFactory(capacity=1, title="Phonics and Early Reading")
    for n in range(3):
        book(event, school_a, head_a, n)
    booking_create(event=event, school=school_a, delegate_email=staff_a.email,
                   delegate_name="Sam Staff", by=staff_a)  # fmt: skip

    staff = client_for(staff_a)
    assert "You are 3rd on the waiting list" in staff.get("/learning/bookings/").content.decode()
    assert "You are 3rd on the waiting list" in staff.get(f"/learning/{event.pk}/").content.decode()
    head = client_for(head_a)
    assert "On the waiting list (3rd)" in head.get("/learning/bookings/").content.decode()
    event_page = head.get(f"/learning/{event.pk}/").content.decode()
    assert "Sam Staff: on the waiting list (3rd)" in event_page


@pytest.mark.django_db
@pytest.mark.parametrize("waiting", [2, 20])
def test_positions_and_swaps_cost_no_query_per_booking(
    client_for, head_a, school_a, django_assert_max_num_queries, waiting
):
    from learning.services import booking_swap

    event = EventFactory(capacity=1)
    BookingFactory(event=event, school=school_a)
    for n in range(waiting):
        booking = BookingFactory(event=event, school=school_a, status=Status.WAITING)
        booking_swap(booking=booking, delegate_name=f"Swapped {n}",
                     delegate_email=f"swapped{n}@example.org", by=head_a)  # fmt: skip
    client = client_for(head_a)
    client.get("/")
    with django_assert_max_num_queries(7):
        page = client.get("/learning/bookings/").content.decode()
    assert f"On the waiting list ({ordinal(waiting)})" in page
    assert page.count("Passed from Delegate") == waiting


@pytest.mark.django_db(transaction=True)
def test_the_worker_offers_new_places_when_the_event_grows(
    celery_worker, member_a, school_a, head_a, director
):
    event = EventFactory(capacity=1)
    for n in range(3):
        book(event, school_a, head_a, n)
    with transaction.atomic():
        event_capacity_change(event=event, capacity=2, by=director)
    deadline = time.monotonic() + 20
    while "offered" not in statuses(event) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert statuses(event) == ["confirmed", "offered", "waiting"]
    assert Event.objects.get(pk=event.pk).places_taken == 2


@pytest.mark.django_db
def test_a_director_adds_places_from_the_event_page_and_the_first_waiting_get_offers(
    five_waiting, client_for, director, django_capture_on_commit_callbacks, eager_tasks
):
    event = five_waiting
    client = client_for(director)
    assert (
        f'href="/learning/{event.pk}/places/"'
        in client.get(f"/learning/{event.pk}/").content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/learning/{event.pk}/places/", {"capacity": "3"}, follow=True)
    assert "Future Headteachers now has 3 places." in response.content.decode()
    assert statuses(event) == ["confirmed"] * 2 + ["offered"] + ["waiting"] * 4


@pytest.mark.django_db
def test_too_few_places_are_refused_on_the_page_and_the_number_typed_stays(
    five_waiting, client_for, office_admin
):
    event = five_waiting
    response = client_for(office_admin).post(f"/learning/{event.pk}/places/", {"capacity": "1"})
    page = response.content.decode()
    assert "cannot have fewer than 2 places: that many are taken" in page
    assert 'value="1"' in page
    assert Event.objects.get(pk=event.pk).capacity == 2
