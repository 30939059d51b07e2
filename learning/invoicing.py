"""What a school owes for places, by term: the lines the membership invoices will carry.

A place is charged when it is confirmed, or when it was cancelled after the booking deadline;
the term is the one the event starts in. Free places (networks for members) are left out."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from learning.models import Booking, Status
from learning.selectors import TERMS, term_dates, with_event_dates
from membership.models import School


@dataclass(frozen=True)
class ChargeLine:
    what: str
    amount: Decimal


@dataclass(frozen=True)
class TermCharges:
    term: str
    label: str
    lines: list[ChargeLine]

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal("0"))


def term_charges(*, school: School, year: int) -> list[TermCharges]:
    """A school's charges for places in each term of a membership year (one query)."""
    due = with_event_dates(
        Booking.objects.filter(school=school, price__gt=0)
        .filter(Q(status=Status.CONFIRMED) | Q(cancellation_charged=True))
        .select_related("event")
    )
    first, _ = term_dates(year=year, term="autumn")
    _, last = term_dates(year=year, term="summer")
    bookings = list(due.filter(event_starts_on__range=(first, last)).order_by("event_starts_on"))
    charges = []
    for term, (label, _) in TERMS.items():
        start, end = term_dates(year=year, term=term)
        lines = [
            ChargeLine(
                what=f"{booking.event.title}: {booking.delegate_name}"
                + (" (cancelled after the deadline)" if booking.cancellation_charged else ""),
                amount=booking.price,
            )
            for booking in bookings
            if start <= booking.event_starts_on <= end
        ]
        charges.append(TermCharges(term=term, label=label, lines=lines))
    return charges
