"""A school passes a place to a colleague until the event starts: the place, its price and its
position stay, both delegates are told, and the booking keeps the history. Bad swaps are refused
in words and change nothing."""

import pytest
from django.core.exceptions import ValidationError
from icalendar import Calendar

from learning.models import Booking, BookingSwap, Event, Status
from learning.selectors import with_waiting_positions
from learning.services import booking_create, booking_swap
from tests.factories import AffiliationFactory, UserFactory
from tests.learning.factories import BookingFactory, EventFactory, in_days
from thep.models import Role


def book(event: Event, school, by, name: str) -> Booking:
    return booking_create(
        event=event, school=school, delegate_email=f"{name.replace(' ', '.').lower()}@example.org",
        delegate_name=name, by=by,
    )  # fmt: skip


def fresh(booking: Booking) -> Booking:
    return Booking.objects.get(pk=booking.pk)


@pytest.mark.django_db
def test_a_head_swaps_a_confirmed_place_and_both_delegates_are_told(
    member_a, school_a, head_a, mailoutbox, django_capture_on_commit_callbacks, eager_tasks
):
    event = EventFactory(title="Middle Leaders Programme", capacity=3)
    amy = book(event, school_a, head_a, "Amy Rahman")
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        booking_swap(
            booking=amy,
            delegate_name=" Tom Price ",
            delegate_email="Tom.Price@Example.org",
            by=head_a,
        )

    tom = fresh(amy)
    assert (tom.delegate_name, tom.delegate_email) == ("Tom Price", "tom.price@example.org")
    assert (tom.status, tom.price, tom.created_at) == (Status.CONFIRMED, amy.price, amy.created_at)
    assert Event.objects.get(pk=event.pk).places_taken == 1
    swap = BookingSwap.objects.get(booking=tom)
    assert (swap.from_name, swap.from_email, swap.to_name, swap.to_email, swap.by) == (
        "Amy Rahman", "amy.rahman@example.org", "Tom Price", "tom.price@example.org", head_a,
    )  # fmt: skip

    to_tom, to_amy = mailoutbox
    assert (to_tom.to, to_tom.cc) == (["tom.price@example.org"], ["head.a@example.org"])
    assert to_tom.subject == "Place confirmed: Middle Leaders Programme"
    assert "has passed Amy Rahman's booking on Middle Leaders Programme to you" in to_tom.body
    name, content, _ = to_tom.attachments[0]
    assert name == "thep-booking.ics"
    assert str(Calendar.from_ical(content).walk("VEVENT")[0]["SUMMARY"]) == event.title
    assert to_amy.to == ["amy.rahman@example.org"]
    assert to_amy.subject == "Your place on Middle Leaders Programme has passed to a colleague"
    assert "to Tom Price, so it is no longer yours" in to_amy.body


@pytest.mark.django_db
def test_a_swap_on_the_waiting_list_keeps_the_position(member_a, school_a, head_a, mailoutbox):
    event = EventFactory(capacity=1)
    _, _, second, _ = [book(event, school_a, head_a, f"Teacher {n}") for n in "ABCD"]
    mailoutbox.clear()

    booking_swap(booking=second, delegate_name="Tom Price", delegate_email="tom.price@example.org",
                 by=head_a)  # fmt: skip

    positions = dict(
        with_waiting_positions(event.bookings.filter(status=Status.WAITING)).values_list(
            "delegate_name", "waiting_position"
        )
    )
    assert positions == {"Teacher B": 1, "Tom Price": 2, "Teacher D": 3}


@pytest.mark.django_db
def test_the_cpd_lead_and_the_office_may_swap_too(member_a, school_a, head_a, office_admin):
    cpd_lead = UserFactory(role=Role.STAFF)
    AffiliationFactory(person=cpd_lead, school=school_a, is_cpd_lead=True)
    booking = book(EventFactory(), school_a, head_a, "Amy Rahman")
    booking_swap(booking=booking, delegate_name="Tom", delegate_email="tom.price@example.org",
                 by=cpd_lead)  # fmt: skip
    booking_swap(booking=booking, delegate_name="Zoe", delegate_email="zoe@example.org",
                 by=office_admin)  # fmt: skip
    assert list(booking.swaps.values_list("to_name", "by__email")) == [
        ("Tom", cpd_lead.email),
        ("Zoe", "admin@example.org"),
    ]


def refused(
    booking: Booking, by, email: str = "tom.price@example.org", name: str = "Tom Price"
) -> str:
    before = (fresh(booking).delegate_email, fresh(booking).status)
    with pytest.raises(ValidationError) as refusal:
        booking_swap(booking=booking, delegate_name=name, delegate_email=email, by=by)
    assert (fresh(booking).delegate_email, fresh(booking).status) == before
    assert not BookingSwap.objects.exists()
    return " ".join(refusal.value.messages)


@pytest.mark.django_db
def test_a_swap_to_someone_already_booked_is_refused(member_a, school_a, head_a):
    event = EventFactory(title="Leading Maths", capacity=1)
    amy = book(event, school_a, head_a, "Amy Rahman")
    book(event, school_a, head_a, "Tom Price")  # on the waiting list: booked all the same
    assert refused(amy, head_a, email="TOM.price@example.org") == (
        "Tom Price (tom.price@example.org) is already booked on Leading Maths."
    )
    assert (
        refused(amy, head_a, email="amy.rahman@example.org")
        == "Amy Rahman already holds this place."
    )


@pytest.mark.django_db
def test_a_swap_after_the_event_started_is_refused(school_a, head_a):
    booking = BookingFactory(school=school_a, event=EventFactory(title="SENCo Network",
                                                                 sessions=[-1, 6]))  # fmt: skip
    assert refused(booking, head_a).startswith(
        f"SENCo Network started on {in_days(-1):%-d %B %Y}; its places can no longer be passed on."
    )


@pytest.mark.django_db
def test_a_swap_of_a_cancelled_booking_is_refused(school_a, head_a):
    booking = BookingFactory(school=school_a, status=Status.CANCELLED)
    assert refused(booking, head_a) == (
        "This booking is cancelled, so there is no place to pass on."
    )


@pytest.mark.django_db
def test_a_swap_to_a_bad_email_is_refused(school_a, head_a):
    booking = BookingFactory(school=school_a)
    assert refused(booking, head_a, email="tom@") == (
        "'tom@' is not an email address; the new delegate needs one for the joining details."
    )
    assert refused(booking, head_a, name="  ") == "Give the new delegate's name."


@pytest.mark.django_db
def test_only_the_schools_head_cpd_lead_or_the_partnership_may_swap(
    school_a, head_b, staff_a, lc_a
):
    booking = BookingFactory(school=school_a, delegate=staff_a, delegate_email=staff_a.email)
    expected = (
        "Only the head or CPD lead of Bonner Primary School can pass its places to a colleague."
    )
    for outsider in (head_b, staff_a, lc_a):
        assert refused(booking, outsider) == expected


# The page


@pytest.mark.django_db
def test_a_head_swaps_from_the_bookings_page_and_the_history_shows(
    member_a, client_for, head_a, staff_a
):
    booking = book(EventFactory(title="Leadership Lab"), member_a.school, head_a, "Amy Rahman")
    client = client_for(head_a)
    bookings_page = client.get("/learning/bookings/").content.decode()
    swap_url = f"/learning/bookings/{booking.pk}/swap/"
    assert f'href="{swap_url}">Swap Amy Rahman for a colleague' in bookings_page
    assert 'for="id_delegate_email"' in client.get(swap_url).content.decode()

    response = client.post(swap_url, {"delegate_name": "Tom Price",
                                      "delegate_email": "tom.price@example.org"})  # fmt: skip
    assert response.headers["Location"] == "/learning/bookings/"
    page = client.get("/learning/bookings/").content.decode()
    assert "Swapped: Tom Price takes Amy Rahman&#x27;s place on Leadership Lab." in page
    assert (
        f"Passed from Amy Rahman to Tom Price on {in_days(0).day} {in_days(0):%b %Y} by Helen"
        in page
    )


@pytest.mark.django_db
def test_a_refused_swap_keeps_what_was_typed_and_says_why(member_a, client_for, head_a):
    event = EventFactory(title="Leadership Lab")
    booking = book(event, member_a.school, head_a, "Amy Rahman")
    book(event, member_a.school, head_a, "Tom Price")
    response = client_for(head_a).post(
        f"/learning/bookings/{booking.pk}/swap/",
        {"delegate_name": "Tom Price", "delegate_email": "tom.price@example.org"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tom Price (tom.price@example.org) is already booked on Leadership Lab." in page
    assert 'value="tom.price@example.org"' in page
    assert fresh(booking).delegate_name == "Amy Rahman"


@pytest.mark.django_db
def test_the_swap_page_is_not_found_for_other_schools_and_plain_staff(
    member_a, client_for, head_b, staff_a
):
    booking = BookingFactory(school=member_a.school, delegate=staff_a, delegate_email=staff_a.email)
    for person in (head_b, staff_a):
        assert client_for(person).get(f"/learning/bookings/{booking.pk}/swap/").status_code == 404
    # The delegate sees their booking, but swapping it is for the school.
    assert "/swap/" not in client_for(staff_a).get("/learning/bookings/").content.decode()


@pytest.mark.django_db
def test_a_swap_is_in_both_peoples_data_and_goes_a_set_time_after_the_event(
    member_a, school_a, head_a, settings
):
    from django.core.management import call_command

    from learning.privacy import person_data

    settings.LEARNING_SWAPS_KEEP_DAYS = 366
    event = EventFactory(title="Phonics and Early Reading", capacity=2, sessions=[5])
    booking_swap(booking=book(event, school_a, head_a, "Amy Rahman"), by=head_a,
                 delegate_name="Tom Price", delegate_email="tom.price@example.org")  # fmt: skip
    for email in ("amy.rahman@example.org", "tom.price@example.org"):
        (_, _), (_, swaps) = person_data(UserFactory(email=email))
        assert isinstance(swaps, list)
        assert swaps == [
            {"event": "Phonics and Early Reading", "from": "Amy Rahman <amy.rahman@example.org>",
             "to": "Tom Price <tom.price@example.org>", "at": swaps[0]["at"]}
        ]  # fmt: skip

    Event.objects.filter(pk=event.pk).update(ends_on=in_days(-366))
    call_command("apply_retention", commit=True)
    assert BookingSwap.objects.count() == 1  # a year to the day: kept
    Event.objects.filter(pk=event.pk).update(ends_on=in_days(-367))
    call_command("apply_retention")  # a dry run changes nothing
    assert BookingSwap.objects.count() == 1
    call_command("apply_retention", commit=True)
    assert not BookingSwap.objects.exists()
    assert fresh(Booking.objects.get()).delegate_name == "Tom Price"  # the place stays
