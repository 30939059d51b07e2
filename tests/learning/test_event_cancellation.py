"""THE Partnership calls an event off: every place goes, nothing is charged, everyone is told."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from learning.invoicing import term_charges, term_invoices_create
from learning.models import Booking, Event, Status
from learning.selectors import CatalogueFilters, catalogue
from learning.services import booking_create, event_cancel
from membership.services import invoice_cancel, invoice_issue
from tests.learning.factories import BookingFactory, EventFactory, SessionFactory, in_days
from thep import years


@pytest.fixture
def course(school_a):
    """A full course: a confirmed place, an open offer, a request, one waiting, and a place
    cancelled after the deadline (charged until now)."""
    event = EventFactory(capacity=3, title="Leadership Lab", booking_deadline=in_days(-1),
                         sessions=[5])  # fmt: skip
    BookingFactory(event=event, school=school_a, delegate_name="Amy Khan",
                   delegate_email="amy@bonner.example.org")  # fmt: skip
    BookingFactory(event=event, school=school_a, status=Status.OFFERED)
    BookingFactory(event=event, school=school_a, status=Status.REQUESTED)
    BookingFactory(event=event, school=school_a, status=Status.WAITING)
    BookingFactory(event=event, school=school_a, status=Status.CANCELLED,
                   cancellation_charged=True, price=Decimal("90.00"))  # fmt: skip
    return event


def test_cancelling_ends_every_place_and_every_charge(course, director, school_a):
    year = years.year_of(in_days(5))
    assert sum(t.total for t in term_charges(school=school_a, year=year)) == Decimal("180.00")
    told = event_cancel(event=course, by=director, reason="Too few places were booked.")

    assert told == 5
    assert set(course.bookings.values_list("status", flat=True)) == {Status.CANCELLED}
    assert not course.bookings.filter(cancellation_charged=True).exists()
    course.refresh_from_db()
    assert course.places_taken == 0
    assert course.cancelled_on == datetime.date.today()
    assert [t.lines for t in term_charges(school=school_a, year=year)] == [[], [], []]
    assert course not in catalogue(filters=CatalogueFilters())


def test_a_cancelled_event_cannot_be_booked(course, director, school_a, head_a):
    event_cancel(event=course, by=director, reason="The facilitator is ill.")
    with pytest.raises(ValidationError, match="Leadership Lab has been cancelled"):
        booking_create(event=course, school=school_a, delegate_email="new@example.org",
                       delegate_name="New Person", by=head_a)  # fmt: skip


@pytest.mark.parametrize(
    ("who", "reason", "message"),
    [
        ("head_a", "Ill", "Only directors and the office"),
        ("director", "  ", "Say why the event is cancelled"),
    ],
)
def test_bad_cancellations_change_nothing(request, course, who, reason, message):
    with pytest.raises(ValidationError, match=message):
        event_cancel(event=course, by=request.getfixturevalue(who), reason=reason)
    assert Booking.objects.filter(status=Status.CONFIRMED).count() == 1
    assert Event.objects.get(pk=course.pk).cancelled_on is None


def test_an_event_that_took_place_or_was_cancelled_stays_as_it_is(director, course):
    past = EventFactory(sessions=[-2])
    with pytest.raises(ValidationError, match="has taken place"):
        event_cancel(event=past, by=director, reason="Ill")
    event_cancel(event=course, by=director, reason="Ill")
    with pytest.raises(ValidationError, match="was already cancelled on"):
        event_cancel(event=course, by=director, reason="Ill")


def test_invoiced_places_are_credited_before_the_event_is_cancelled(director, school_a):
    event = EventFactory(sessions=[], booking_deadline=in_days(-10), title="Inclusion Day")
    SessionFactory(event=event, date=in_days(1))
    BookingFactory(event=event, school=school_a)
    day = in_days(1)
    [invoice] = term_invoices_create(year=years.year_of(day), term=years.term_of(day))
    invoice = invoice_issue(invoice=invoice, make_pdf=False)

    with pytest.raises(ValidationError, match=f"already invoiced \\({invoice.reference}\\)"):
        event_cancel(event=event, by=director, reason="Venue flooded.")

    invoice_cancel(invoice=invoice, reason="Inclusion Day cancelled")
    assert event_cancel(event=event, by=director, reason="Venue flooded.") == 1


def test_every_delegate_is_told_why(
    course, director, django_capture_on_commit_callbacks, eager_tasks
):
    with django_capture_on_commit_callbacks(execute=True):
        event_cancel(event=course, by=director, reason="Too few places were booked.")
    assert len(mail.outbox) == 5
    amy = next(m for m in mail.outbox if m.to == ["amy@bonner.example.org"])
    assert amy.subject == "Cancelled: Leadership Lab"
    assert "Too few places were booked." in amy.body
    assert "there is nothing to pay" in amy.body


def test_the_office_cancels_in_the_admin_and_the_event_page_says_so(
    client, client_for, office_admin, course
):
    admin = client_for(office_admin)
    change = admin.get(f"/admin/learning/event/{course.pk}/change/").content.decode()
    assert f"/admin/learning/event/{course.pk}/cancel-event/" in change
    refused = admin.post(f"/admin/learning/event/{course.pk}/cancel-event/", {"reason": ""})
    assert "This field is required." in refused.content.decode()
    response = admin.post(
        f"/admin/learning/event/{course.pk}/cancel-event/",
        {"reason": "The venue is closed."},
        follow=True,
    )
    assert "Leadership Lab cancelled; 5 delegates are being told." in response.content.decode()

    client.logout()
    page = client.get(f"/learning/{course.pk}/").content.decode()
    assert "The venue is closed." in page
    assert "Log in</a> to book" not in page
