"""What a school owes for places, by term, and the termly invoices that charge it.

A place is charged when it is confirmed, or when it was cancelled after the booking deadline;
the term is the one the event starts in. Free places (networks for members) are left out. A
place is invoiced once its event's booking deadline has passed, when cancelling can no longer
change the charge; a place charged later (an offer accepted after the deadline) goes on the
next invoice for that term."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from learning.models import Booking, Status
from learning.selectors import TERMS
from membership.models import Invoice, InvoiceStatus, School
from membership.services import places_invoice_create
from thep import shared, years
from thep.models import User


@dataclass(frozen=True)
class ChargeLine:
    what: str
    amount: Decimal
    invoice: str  # the invoice's reference once the place is on an issued invoice


@dataclass(frozen=True)
class TermCharges:
    term: str
    label: str
    lines: list[ChargeLine]

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal("0"))


def _charged() -> QuerySet[Booking]:
    return Booking.objects.filter(price__gt=0).filter(
        Q(status=Status.CONFIRMED) | Q(cancellation_charged=True)
    )


def _not_invoiced(bookings: QuerySet[Booking]) -> QuerySet[Booking]:
    return bookings.filter(
        Q(invoice_line__isnull=True) | Q(invoice_line__invoice__status=InvoiceStatus.CANCELLED)
    )


def _line_text(booking: Booking) -> str:
    late = " (cancelled after the deadline)" if booking.cancellation_charged else ""
    return (
        f"{booking.event.title}, {booking.event.starts_on:%-d %B %Y}: {booking.delegate_name}{late}"
    )


def term_charges(*, school: School, year: int) -> list[TermCharges]:
    """A school's charges for places in each term of a membership year (one query)."""
    first, _ = years.term_dates(year=year, term="autumn")
    _, last = years.term_dates(year=year, term="summer")
    bookings = list(
        _charged()
        .filter(school=school, event__starts_on__range=(first, last))
        .select_related("event", "invoice_line__invoice")
        # What the lines show (`_line_text`, `_issued_reference`): the event's and invoice's
        # other columns cost more to read than the query takes to run.
        .only(
            "price",
            "delegate_name",
            "cancellation_charged",
            "event__title",
            "event__starts_on",
            "invoice_line__invoice__status",
            "invoice_line__invoice__number",
        )
        .order_by("event__starts_on", "pk")
    )
    charges = []
    for term, (label, _) in TERMS.items():
        start, end = years.term_dates(year=year, term=term)
        lines = [
            ChargeLine(
                what=_line_text(booking),
                amount=booking.price,
                invoice=_issued_reference(booking),
            )
            for booking in bookings
            # Never None here (the query filters on its range); the test narrows it for mypy.
            if booking.event.starts_on is not None and start <= booking.event.starts_on <= end
        ]
        charges.append(TermCharges(term=term, label=label, lines=lines))
    return charges


def _issued_reference(booking: Booking) -> str:
    line = booking.invoice_line
    if line is None or line.invoice.status in (InvoiceStatus.DRAFT, InvoiceStatus.CANCELLED):
        return ""
    return line.invoice.reference


@transaction.atomic
def term_invoices_create(
    *, year: int, term: str, today: datetime.date | None = None
) -> list[Invoice]:
    """Draft invoices for a term's places not yet invoiced: one per school, a line per place.
    The office checks and issues them. Running it again invoices only what is new."""
    if term not in TERMS:
        raise ValidationError("Choose the autumn, spring or summer term.")
    today = today or timezone.localdate()
    start, end = years.term_dates(year=year, term=term)
    due = _not_invoiced(_charged()).filter(
        event__starts_on__range=(start, end), event__booking_deadline__lt=today
    )
    # Lock the places first: a second run at the same moment waits here, and the query below,
    # made after the lock is granted, no longer finds what the first run invoiced.
    list(due.select_for_update(of=("self",)).values_list("pk", flat=True))
    bookings = list(
        due.select_related("event", "school").order_by(
            "school__name", "school_id", "event__starts_on", "event__title", "delegate_name"
        )
    )
    if not bookings:
        raise ValidationError(
            f"No places in the {TERMS[term][0].lower()} {years.label(year)} are waiting to be "
            "invoiced (places are invoiced once their booking deadline has passed)."
        )
    invoices = []
    for school, group in groupby(bookings, key=lambda booking: booking.school):
        places = list(group)
        lines = places_invoice_create(
            school=school,
            year=year,
            term=term,
            lines=[(_line_text(booking), booking.price) for booking in places],
        )
        for booking, line in zip(places, lines, strict=True):
            booking.invoice_line = line
            booking.save(update_fields=["invoice_line"])
        invoices.append(lines[0].invoice)
    shared.forget(PLACES_TO_INVOICE)
    return invoices


# The name the office's home page shares `places_to_invoice` by (thep.shared).
PLACES_TO_INVOICE = "places-to-invoice"


def places_to_invoice(*, user: User, today: datetime.date) -> QuerySet:
    """For the office: places at events of this membership year and the last, charged and not
    yet invoiced, whose booking deadline has passed (`term_invoices_create` would invoice them
    now), counted by school, most first. Older places are past invoicing."""
    if not (user.is_authenticated and user.is_office):
        return Booking.objects.none().values("school")
    return (
        _not_invoiced(_charged())
        .filter(
            event__booking_deadline__lt=today,
            event__starts_on__gte=years.first_day(years.year_of(today) - 1),
        )
        .values("school__name")
        .annotate(places=Count("pk"))
        .order_by("-places", "school__name")
    )
