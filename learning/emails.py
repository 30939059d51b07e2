"""Emails to delegates. Services call these inside their transaction: the message goes into the
outbox (thep.mail) with the change, so nobody is told of a place that a rolled-back transaction
never gave."""

from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse

from learning.ics import render_ics
from learning.models import Booking, BookingOrder, BookingSwap, Status
from membership.models import Affiliation
from thep.mail import mail_queue
from thep.models import Role


def _booking(booking_id: int) -> Booking:
    return Booking.objects.select_related("event", "school", "booked_by").get(pk=booking_id)


def _send(
    booking: Booking, subject: str, template: str, ics: bool = False, copy_booker: bool = True
) -> None:
    site = settings.SITE_URL.rstrip("/")
    body = render_to_string(
        template,
        {
            "booking": booking,
            "sessions": booking.event.sessions.all(),
            "bookings_url": site + reverse("learning:bookings"),
            "offer_url": site + reverse("learning:offer", args=[booking.pk]),
        },
    )
    # The person who booked a colleague hears too, so a school knows what it has booked.
    copy = []
    if (
        copy_booker
        and booking.booked_by
        and booking.booked_by.email.lower() != booking.delegate_email
    ):
        copy = [booking.booked_by.email]
    mail_queue(
        kind="learning." + template.rsplit("/", 1)[-1].removesuffix(".txt"),
        to=[booking.delegate_email],
        cc=copy,
        subject=subject,
        body=body,
        attachments=[("thep-booking.ics", render_ics(booking), "text/calendar")] if ics else [],
    )


def send_confirmation(booking_id: int, *, copy_booker: bool = True) -> None:
    """To the delegate, with the calendar file; copied to a colleague who booked it unless
    their order's confirmation tells them (`copy_booker=False`)."""
    booking = _booking(booking_id)
    _send(
        booking,
        f"Place confirmed: {booking.event}",
        "learning/email/confirmed.txt",
        ics=True,
        copy_booker=copy_booker,
    )


def send_approval_request(booking_id: int) -> None:
    """To the school's head and CPD leads, who approve staff bookings where the school asks."""
    booking = _booking(booking_id)
    approvers = Affiliation.objects.filter(school=booking.school, person__is_active=True).filter(
        Q(person__role=Role.HEADTEACHER) | Q(is_cpd_lead=True)
    )
    recipients = sorted(set(approvers.values_list("person__email", flat=True)))
    if not recipients:
        return
    site = settings.SITE_URL.rstrip("/")
    body = render_to_string(
        "learning/email/approval_request.txt",
        {
            "booking": booking,
            "bookings_url": site + reverse("learning:bookings"),
            "decide_url": site + reverse("learning:decide", args=[booking.pk]),
        },
    )
    mail_queue(
        kind="learning.approval_request",
        to=recipients,
        subject=f"Booking to approve: {booking.event}",
        body=body,
    )


def send_waiting(booking_id: int, *, copy_booker: bool = True) -> None:
    booking = _booking(booking_id)
    _send(
        booking, f"Waiting list: {booking.event}", "learning/email/waiting.txt",
        copy_booker=copy_booker,
    )  # fmt: skip


def send_offer(booking_id: int) -> None:
    booking = _booking(booking_id)
    _send(booking, f"A place is free for you: {booking.event}", "learning/email/offer.txt")


def send_event_cancelled(booking_id: int) -> None:
    booking = _booking(booking_id)
    _send(booking, f"Cancelled: {booking.event}", "learning/email/event_cancelled.txt")


def send_order_confirmation(order_id: int) -> None:
    """To the booker of an order: every place it booked, its state and price, and the total."""
    order = BookingOrder.objects.select_related("event", "school", "booked_by").get(pk=order_id)
    if order.booked_by is None:
        return
    bookings = list(order.bookings.all())
    body = render_to_string(
        "learning/email/order_confirmed.txt",
        {
            "order": order,
            "bookings": bookings,
            "sessions": order.event.sessions.all(),
            "total": sum(booking.price for booking in bookings if booking.status != Status.WAITING),
            "bookings_url": settings.SITE_URL.rstrip("/") + reverse("learning:bookings"),
        },
    )
    mail_queue(
        kind="learning.order_confirmed",
        to=[order.booked_by.email],
        subject=f"Your order: {len(bookings)} places on {order.event}",
        body=body,
    )


def send_swap(swap_id: int) -> None:
    """To the new delegate: the place, with the calendar file when it is confirmed, copied to
    whoever passed it on; to the delegate it passed from: that it is no longer theirs."""
    swap = BookingSwap.objects.select_related(
        "booking__event", "booking__school", "booking__booked_by", "by"
    ).get(pk=swap_id)
    booking, event = swap.booking, swap.booking.event
    site = settings.SITE_URL.rstrip("/")
    context = {
        "swap": swap,
        "booking": booking,
        "sessions": event.sessions.all(),
        "bookings_url": site + reverse("learning:bookings"),
        "offer_url": site + reverse("learning:offer", args=[booking.pk]),
    }
    confirmed = booking.is_confirmed
    mail_queue(
        kind="learning.swap_to",
        to=[swap.to_email],
        cc=[swap.by.email] if swap.by and swap.by.email.lower() != swap.to_email else [],
        subject=f"Place confirmed: {event}" if confirmed else f"Your booking on {event}",
        body=render_to_string("learning/email/swap_to.txt", context),
        attachments=[("thep-booking.ics", render_ics(booking), "text/calendar")]
        if confirmed
        else [],
    )
    mail_queue(
        kind="learning.swap_from",
        to=[swap.from_email],
        subject=f"Your place on {event} has passed to a colleague",
        body=render_to_string("learning/email/swap_from.txt", context),
    )


def send_declined(booking_id: int) -> None:
    """To the teacher whose request the head or CPD lead declined, with their reason."""
    booking = Booking.objects.select_related("event", "school", "decision__decided_by").get(
        pk=booking_id
    )
    _send(booking, f"Request declined: {booking.event}", "learning/email/declined.txt")
