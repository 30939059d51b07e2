import datetime

from django.db.models import Case, CharField, Count, F, Q, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone

from learning.invoicing import PLACES_TO_INVOICE, places_to_invoice
from learning.models import Booking, Status
from learning.selectors import (
    SCHOOL_BOOKINGS,
    SCHOOL_BOOKINGS_SECONDS,
    bookings_for,
    certificates_for,
    evaluations_to_give,
    schools_managed_by,
)
from membership.models import School
from thep import shared
from thep.access import AuthedRequest
from thep.links import link_to
from thep.models import User
from thep.panels import QUEUE_LENGTH, Item, Panel, first_of_each, queue

# Certificates of the last year stay on a delegate's home page.
CERTIFICATES_SHOWN = datetime.timedelta(days=365)
PLACES_TO_INVOICE_SECONDS = 60


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
    return shared.remembered(
        SCHOOL_BOOKINGS,
        f"{user.pk}:{today}",
        lambda: _school_queues(user, today),
        SCHOOL_BOOKINGS_SECONDS,
    )


def _school_queues(user: User, today: datetime.date) -> list[Panel]:
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
    first, counted = _first_coming(coming, managed if approves else None)
    # The delegate's own places of events done, to evaluate and with certificates: one query.
    done = first_of_each(
        {
            "evaluate": evaluations_to_give(user=user).order_by("-event__ends_on", "pk"),
            "certificates": certificates_for(user=user, since=today - CERTIFICATES_SHOWN),
        },
        ("pk", "event__title", "event__ends_on"),
    )
    found = [
        queue(
            key="offers",
            title="Places offered",
            one="place offered",
            rows=first["offers"],
            count=counted["offers"],
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
            rows=first["bookings"],
            count=counted["bookings"],
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
            rows=done["evaluate"][0],
            count=done["evaluate"][1],
            item=lambda row: Item(
                f"Evaluate {row[1]}", reverse("learning:evaluate", args=[row[0]])
            ),
        ),
        queue(
            key="certificates",
            title="Certificates",
            one="certificate",
            rows=done["certificates"][0],
            count=done["certificates"][1],
            item=lambda row: Item(
                f"Certificate for {row[1]}",
                reverse("learning:certificate", args=[row[0]]),
                note=_starts(row[2], "ended"),
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
                rows=first["approve"],
                count=counted["approve"],
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


def _shown(bookings: QuerySet[Booking]) -> QuerySet[Booking]:
    """Only what a queue's line shows of each booking and its event: reading every column of
    the booking, its event and its school cost more than the queries take to run."""
    return (
        bookings.select_related(None)
        .select_related("event")
        .only(
            "status",
            "delegate_name",
            "offer_expires_at",
            "event__title",
            "event__starts_on",
            "event__ends_on",
        )
    )


def _first_coming(
    coming: QuerySet[Booking], managed: QuerySet[School] | None
) -> tuple[dict[str, list[Booking]], dict[str, int]]:
    """The first bookings to come of each queue, and how many each has, in one query: places
    offered, the soonest to expire first; confirmed places and places on a waiting list; and,
    given the schools whose bookings the person manages, their staff's requests to approve;
    the last two by the event's start."""
    queues = [
        When(status=Status.OFFERED, then=Value("offers")),
        When(status__in=(Status.CONFIRMED, Status.WAITING), then=Value("bookings")),
    ]
    if managed is not None:
        queues.append(When(status=Status.REQUESTED, school__in=managed, then=Value("approve")))
    expires = Case(When(status=Status.OFFERED, then=F("offer_expires_at")))
    rows = (
        _shown(coming)
        .annotate(queue=Case(*queues, output_field=CharField()))
        .filter(queue__isnull=False)
        .annotate(
            place=Window(
                RowNumber(),
                partition_by=F("queue"),
                order_by=[expires.asc(nulls_last=True), F("event__starts_on").asc(), F("pk").asc()],
            ),
            in_queue=Window(Count("pk"), partition_by=F("queue")),
        )
        .filter(place__lte=QUEUE_LENGTH)
        .order_by("place")
    )
    first: dict[str, list[Booking]] = {"offers": [], "bookings": [], "approve": []}
    counted = dict.fromkeys(first, 0)
    for booking in rows:
        first[booking.queue].append(booking)
        counted[booking.queue] = booking.in_queue
    return first, counted


def _starts(day: datetime.date | None, what: str = "starts") -> str:
    return f"{what} {day:%-d %b %Y}" if day else ""


def _to_invoice(request: AuthedRequest, today: datetime.date) -> Panel:
    invoice_term = reverse("admin:learning_booking_invoice_term")
    return queue(
        key="places-to-invoice",
        title="Schools with places to invoice",
        one="school with places to invoice",
        # One row a school at most: read whole, it is counted without a second query. Counting
        # every place not yet invoiced is the office home page's costliest query, the same for
        # everyone in the office (who alone get here): they share it for a minute, and making
        # invoices starts afresh (learning.invoicing.term_invoices_create).
        rows=shared.remembered(
            PLACES_TO_INVOICE,
            today.isoformat(),
            lambda: list(places_to_invoice(user=request.user, today=today)),
            PLACES_TO_INVOICE_SECONDS,
        ),
        item=lambda row: Item(
            f"{row['school__name']}: {row['places']} place{'s' if row['places'] != 1 else ''}",
            invoice_term,
        ),
        more_url=invoice_term,
        more_label="Make a term's invoices",
    )
