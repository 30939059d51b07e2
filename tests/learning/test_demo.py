from decimal import Decimal

from django.db.models import Count, Q, Sum

from learning.models import HOLDS_A_PLACE, Booking, Evaluation, Event, Status
from membership.models import Invoice, InvoiceKind, InvoiceStatus
from thep import years


def test_the_demo_catalogue(demo_db):
    """Seed 004's offer, Bonner's bookings, a full course with a waiting list, places and prices
    that add up."""
    offer_of_seed_004_is_there()
    staff_at_bonner_have_bookings_and_a_full_course_has_a_waiting_list()
    places_taken_match_the_bookings_and_prices_follow_membership()
    the_places_of_2023_are_on_paid_termly_invoices()


def offer_of_seed_004_is_there() -> None:
    in_2023 = Event.objects.filter(starts_on__range=(years.first_day(2023), years.last_day(2023)))
    titles = set(in_2023.values_list("title", flat=True))
    assert {
        "High Performance Leadership", "Future Headteachers", "Next Generation Senior Leaders",
        "Primary Subject Leadership", "BAME Leaders", "Secondary Headteachers' Collaborative",
        "Special Schools Learning Partnership", "Tower Hamlets Headteachers' Conference",
        "Assistant and Deputy Headteachers' Conference",
    } <= titles  # fmt: skip
    assert not in_2023.filter(kind="network").exclude(member_price=0).exists()
    assert Evaluation.objects.filter(booking__event__in=in_2023).count() > 20
    assert Booking.objects.filter(event__in=in_2023, attended=True).count() > 100


def staff_at_bonner_have_bookings_and_a_full_course_has_a_waiting_list() -> None:
    nadia = Booking.objects.filter(delegate__email="staff@example.org")
    assert nadia.filter(school__name="Bonner Primary School").count() >= 5
    phonics = (
        Event.objects.with_places_left()
        .filter(title="Phonics and Early Reading", starts_on__gt=years.last_day(2023))
        .get()
    )
    assert phonics.places_left == 0
    waiting = phonics.bookings.filter(status=Status.WAITING).order_by("created_at")
    assert waiting.count() == 3


def places_taken_match_the_bookings_and_prices_follow_membership() -> None:
    counts = Event.objects.annotate(
        holding=Count("bookings", filter=Q(bookings__status__in=HOLDS_A_PLACE))
    )
    assert all(event.places_taken == event.holding for event in counts)
    outside = Booking.objects.filter(school__name="Culloden Primary School").get()
    assert (outside.price, outside.at_member_price) == (Decimal("750.00"), False)


def the_places_of_2023_are_on_paid_termly_invoices() -> None:
    invoices = Invoice.objects.filter(kind=InvoiceKind.PLACES, year=2023)
    assert {"autumn", "spring"} <= set(invoices.values_list("term", flat=True))
    assert set(invoices.values_list("status", flat=True)) == {InvoiceStatus.PAID}
    charged = Booking.objects.filter(event__sessions__date__year__in=(2023, 2024), price__gt=0)
    charged = charged.filter(Q(status=Status.CONFIRMED) | Q(cancellation_charged=True)).filter(
        event__in=Event.objects.filter(
            starts_on__range=(years.first_day(2023), years.last_day(2023))
        )
    )
    assert not charged.filter(invoice_line__isnull=True).exists()
    assert invoices.aggregate(total=Sum("amount"))["total"] == sum(
        booking.price for booking in charged.distinct()
    )
