"""Personal data held by `learning`: a person's places on events and their evaluations
(see `thep.privacy` for the two functions every app offers)."""

import datetime

from django.conf import settings
from django.db.models import Q

from learning.models import Booking, BookingSwap
from thep.models import User


def _bookings_of(person: User):
    return Booking.objects.filter(
        Q(delegate=person) | Q(delegate_email__iexact=person.email)
    ).select_related("event", "school")


def person_data(person: User) -> list[tuple[str, object]]:
    bookings = [
        {"event": booking.event.title, "school": booking.school.name,
         "name": booking.delegate_name, "email": booking.delegate_email,
         "status": booking.get_status_display(), "booked": booking.created_at.isoformat(),
         "attended": booking.attended, "access needs": booking.access_needs,
         "dietary needs": booking.dietary_needs,
         "evaluation": {"rating": booking.evaluation.rating,
                        "comments": booking.evaluation.comments}
         if hasattr(booking, "evaluation") else None}
        for booking in _bookings_of(person).select_related("evaluation")
    ]  # fmt: skip
    email = person.email.lower()
    swaps = [
        {"event": swap.booking.event.title, "from": f"{swap.from_name} <{swap.from_email}>",
         "to": f"{swap.to_name} <{swap.to_email}>", "at": swap.at.isoformat()}
        for swap in BookingSwap.objects.filter(Q(from_email=email) | Q(to_email=email))
        .select_related("booking__event")
    ]  # fmt: skip
    return [("professional learning bookings", bookings), ("places passed on", swaps)]


def retention(*, now: datetime.datetime, commit: bool) -> list[tuple[str, int]]:
    """Bookings keep the delegate's name and email as typed; once `thep` has anonymised the
    account they belong to, those copies go too (the place, price and attendance stay for
    the school's invoices and the figures)."""
    removed = Booking.objects.filter(delegate__email__endswith="@deleted.invalid").exclude(
        delegate_email__endswith="@deleted.invalid"
    )
    count = removed.count()
    if commit:
        for booking in removed:
            booking.delegate_name = "(removed)"
            booking.delegate_email = f"delegate-{booking.pk}@deleted.invalid"
            booking.save(update_fields=["delegate_name", "delegate_email"])
    return [
        ("bookings of removed accounts (delegate's name and email removed)", count),
        ("delegates' access and dietary needs after the event (removed)", _needs_drop(now, commit)),
        ("places passed between colleagues, a year after the event (history removed)",
         _swaps_drop(now, commit)),
    ]  # fmt: skip


def _needs_drop(now: datetime.datetime, commit: bool) -> int:
    """A delegate's access and dietary needs serve the event alone: they go a set time after
    its last day (settings.LEARNING_NEEDS_KEEP_DAYS)."""
    kept_from = now.date() - datetime.timedelta(days=settings.LEARNING_NEEDS_KEEP_DAYS)
    past = Booking.objects.filter(event__ends_on__lt=kept_from).exclude(
        access_needs="", dietary_needs=""
    )
    return past.update(access_needs="", dietary_needs="") if commit else past.count()


def _swaps_drop(now: datetime.datetime, commit: bool) -> int:
    """Who a place passed from and to (names and emails typed by the school) is kept while a
    question about the event or its invoice may come: settings.LEARNING_SWAPS_KEEP_DAYS."""
    kept_from = now.date() - datetime.timedelta(days=settings.LEARNING_SWAPS_KEEP_DAYS)
    past = BookingSwap.objects.filter(booking__event__ends_on__lt=kept_from)
    return past.delete()[0] if commit else past.count()
