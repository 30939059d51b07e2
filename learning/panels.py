import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from learning.invoicing import places_to_invoice
from learning.models import Status
from learning.selectors import (
    bookings_for,
    certificates_for,
    evaluations_to_give,
    schools_managed_by,
)
from thep.access import AuthedRequest
from thep.links import link_to
from thep.panels import Item, Panel, queue

# Certificates of the last year stay on a delegate's home page.
CERTIFICATES_SHOWN = datetime.timedelta(days=365)


def home_panels(request: AuthedRequest) -> list[Panel]:
    """School people see what needs them: places offered, requests to approve, evaluations
    due, their bookings to come and certificates; the office the places to invoice."""
    user, today = request.user, timezone.localdate()
    if user.runs_partnership:
        found = [Panel("learning/includes/overview_panel.html")]
        if user.is_office:
            found.insert(0, _to_invoice(request, today))
        return found
    if not (user.is_head or user.is_school_staff):
        return []
    coming = bookings_for(user=user).filter(event__ends_on__gte=today)
    counts = coming.aggregate(
        confirmed=Count("pk", filter=Q(status=Status.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=Status.WAITING)),
    )
    event_page, bookings_page = link_to("learning:event"), reverse("learning:bookings")
    decide_page = link_to("learning:decide")
    managed = schools_managed_by(user=user)
    # Only the head and CPD leads approve staff's bookings: to others the queue is no news.
    approves = user.is_head or managed.exists()
    found = [
        queue(
            key="offers",
            title="Places offered",
            one="place offered",
            rows=coming.filter(status=Status.OFFERED).order_by("offer_expires_at"),
            item=lambda booking: Item(
                f"A place on {booking.event.title} is offered to {booking.delegate_name}",
                reverse("learning:offer", args=[booking.pk]),
                note=f"accept by {booking.offer_expires_at:%H:%M, %-d %b}",
            ),
        ),
        queue(
            key="bookings",
            title="Bookings to come" if user.is_head else "Your bookings",
            one="booking to come",
            many="bookings to come",
            rows=coming.filter(status__in=(Status.CONFIRMED, Status.WAITING)).order_by(
                "event__starts_on", "pk"
            ),
            item=lambda booking: Item(
                f"{booking.event.title}, {booking.delegate_name}",
                event_page(booking.event_id),
                note=_starts(booking.event.starts_on)
                + (", on the waiting list" if booking.status == Status.WAITING else ""),
            ),
            more_url=bookings_page,
            more_label="All bookings",
        ),
        queue(
            key="evaluate",
            title="Evaluations to give",
            one="evaluation to give",
            rows=evaluations_to_give(user=user).order_by("-event__ends_on", "pk"),
            item=lambda booking: Item(
                f"Evaluate {booking.event.title}",
                reverse("learning:evaluate", args=[booking.pk]),
            ),
        ),
        queue(
            key="certificates",
            title="Certificates",
            one="certificate",
            rows=certificates_for(user=user, since=today - CERTIFICATES_SHOWN),
            item=lambda booking: Item(
                f"Certificate for {booking.event.title}",
                reverse("learning:certificate", args=[booking.pk]),
                note=_starts(booking.event.ends_on, "ended"),
            ),
        ),
        Panel("learning/includes/home_panel.html", {**counts, "approves": approves}),
    ]
    if approves:
        found.insert(
            1,
            queue(
                key="approve",
                title="Bookings by staff to approve",
                one="booking by staff to approve",
                rows=coming.filter(status=Status.REQUESTED, school__in=managed).order_by(
                    "event__starts_on", "pk"
                ),
                item=lambda booking: Item(
                    f"{booking.delegate_name}: {booking.event.title}",
                    decide_page(booking.pk),
                    note=_starts(booking.event.starts_on),
                    actions=(
                        ("Approve", decide_page(booking.pk)),
                        ("Decline", decide_page(booking.pk) + "#decline"),
                    ),
                ),
                more_url=bookings_page,
                more_label="All bookings",
            ),
        )
    return found


def _starts(day: datetime.date | None, what: str = "starts") -> str:
    return f"{what} {day:%-d %b %Y}" if day else ""


def _to_invoice(request: AuthedRequest, today: datetime.date) -> Panel:
    invoice_term = reverse("admin:learning_booking_invoice_term")
    return queue(
        key="places-to-invoice",
        title="Schools with places to invoice",
        one="school with places to invoice",
        # One row a school at most: read whole, it is counted without a second query.
        rows=list(places_to_invoice(user=request.user, today=today)),
        item=lambda row: Item(
            f"{row['school__name']}: {row['places']} place{'s' if row['places'] != 1 else ''}",
            invoice_term,
        ),
        more_url=invoice_term,
        more_label="Make a term's invoices",
    )
