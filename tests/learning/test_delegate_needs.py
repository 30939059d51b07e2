"""Access and dietary needs, asked per place: for the event's organisers and its register,
never for other schools, and gone a set time after the event."""

import pytest
from django.core.management import call_command

from learning.models import Booking
from learning.services import Delegate, booking_order_create
from tests.learning.factories import BookingFactory, EventFactory
from tests.learning.orders import order_form

NEEDS = {"access_needs": "Wheelchair user: step-free room", "dietary_needs": "Vegan, no nuts"}


@pytest.fixture
def event_with_needs(member_a, school_a, head_a, lc_a):
    """An event led by the LC, booked by school A with two delegates' needs."""
    event = EventFactory(title="Leadership Lab", facilitator=lc_a)
    booking_order_create(
        event=event, school=school_a, by=head_a, waiting_list_ok=False,
        delegates=[Delegate(name="Amy Rahman", email="amy@example.org", **NEEDS),
                   Delegate(name="Tom Price", email="tom@example.org")],
    )  # fmt: skip
    return event


@pytest.mark.django_db
def test_needs_typed_on_the_booking_page_are_kept_with_the_place(member_a, client_for, head_a):
    event = EventFactory()
    client_for(head_a).post(
        f"/learning/{event.pk}/book/",
        order_form({"name": "Amy Rahman", "email": "amy@example.org", **NEEDS}),
    )
    booking = Booking.objects.get()
    assert (booking.access_needs, booking.dietary_needs) == (
        "Wheelchair user: step-free room", "Vegan, no nuts",
    )  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("organiser", ["lc_a", "director"])
def test_the_register_shows_each_delegates_needs_to_the_organisers(
    event_with_needs, client_for, organiser, request
):
    page = client_for(request.getfixturevalue(organiser)).get(
        f"/learning/{event_with_needs.pk}/attendance/"
    )
    text = page.content.decode()
    assert "Access needs: Wheelchair user: step-free room" in text
    assert "Dietary needs: Vegan, no nuts" in text
    assert text.count("delegate-needs") == 1  # Tom gave none


@pytest.mark.django_db
def test_other_schools_never_see_the_needs(event_with_needs, client_for, head_b, staff_a):
    for person in (head_b, staff_a):
        client = client_for(person)
        assert client.get(f"/learning/{event_with_needs.pk}/attendance/").status_code == 404
        for page in (f"/learning/{event_with_needs.pk}/", "/learning/bookings/"):
            text = client.get(page).content.decode()
            assert "Wheelchair" not in text and "Vegan" not in text


@pytest.mark.django_db
def test_needs_longer_than_a_place_keeps_are_refused_on_the_page(member_a, client_for, head_a):
    event = EventFactory()
    text = (
        client_for(head_a)
        .post(
            f"/learning/{event.pk}/book/",
            order_form(
                {"name": "Amy Rahman", "email": "amy@example.org", "dietary_needs": "x" * 301}
            ),
        )
        .content.decode()
    )
    assert "Ensure this value has at most 300 characters (it has 301)." in text
    assert not Booking.objects.exists()


@pytest.mark.django_db
def test_retention_removes_needs_a_set_time_after_the_event_and_nothing_else(settings, school_a):
    settings.LEARNING_NEEDS_KEEP_DAYS = 30
    ended_long_ago = EventFactory(sessions=[-31])
    ended_lately = EventFactory(sessions=[-29])
    old = BookingFactory(event=ended_long_ago, school=school_a, attended=True, **NEEDS)
    recent = BookingFactory(event=ended_lately, school=school_a, **NEEDS)
    fields = [f.name for f in Booking._meta.fields if f.name not in NEEDS]
    before = {b.pk: {f: getattr(b, f) for f in fields} for b in (old, recent)}

    call_command("apply_retention")  # a dry run changes nothing
    old.refresh_from_db()
    assert old.access_needs == NEEDS["access_needs"]

    call_command("apply_retention", commit=True)
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.access_needs, old.dietary_needs) == ("", "")
    assert (recent.access_needs, recent.dietary_needs) == (
        NEEDS["access_needs"], NEEDS["dietary_needs"],
    )  # fmt: skip
    assert {b.pk: {f: getattr(b, f) for f in fields} for b in (old, recent)} == before


@pytest.mark.django_db
def test_the_audit_trail_keeps_the_place_but_never_the_needs(event_with_needs):
    from auditlog.models import LogEntry

    booking = event_with_needs.bookings.get(delegate_email="amy@example.org")
    entry = LogEntry.objects.get_for_object(booking).get()
    assert entry.changes_dict["delegate_name"][1] == "Amy Rahman"
    assert "access_needs" not in entry.changes_dict
    assert "Wheelchair" not in str(entry.changes) and "Vegan" not in str(entry.changes)


@pytest.mark.django_db
def test_a_subject_access_export_includes_the_needs_the_person_gave(event_with_needs):
    from learning.privacy import person_data
    from tests.factories import UserFactory

    amy = UserFactory(email="amy@example.org")
    (_, bookings), (_, swaps) = person_data(amy)
    assert swaps == []
    assert isinstance(bookings, list)
    assert [(b["access needs"], b["dietary needs"]) for b in bookings] == [
        ("Wheelchair user: step-free room", "Vegan, no nuts")
    ]
