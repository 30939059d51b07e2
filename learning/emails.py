"""Emails to delegates. Services call these inside their transaction: the message goes into the
outbox (thep.mail) with the change, so nobody is told of a place that a rolled-back transaction
never gave."""

from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse

from learning.ics import render_ics
from learning.models import Booking
from membership.models import Affiliation
from thep.mail import mail_queue
from thep.models import Role


def _booking(booking_id: int) -> Booking:
    return Booking.objects.select_related("event", "school", "booked_by").get(pk=booking_id)


def _send(booking: Booking, subject: str, template: str, ics: bool = False) -> None:
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
    if booking.booked_by and booking.booked_by.email.lower() != booking.delegate_email:
        copy = [booking.booked_by.email]
    mail_queue(
        kind="learning." + template.rsplit("/", 1)[-1].removesuffix(".txt"),
        to=[booking.delegate_email],
        cc=copy,
        subject=subject,
        body=body,
        attachments=[("thep-booking.ics", render_ics(booking), "text/calendar")] if ics else [],
    )


def send_confirmation(booking_id: int) -> None:
    booking = _booking(booking_id)
    _send(booking, f"Place confirmed: {booking.event}", "learning/email/confirmed.txt", ics=True)


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


def send_waiting(booking_id: int) -> None:
    booking = _booking(booking_id)
    _send(booking, f"Waiting list: {booking.event}", "learning/email/waiting.txt")


def send_offer(booking_id: int) -> None:
    booking = _booking(booking_id)
    _send(booking, f"A place is free for you: {booking.event}", "learning/email/offer.txt")


def send_event_cancelled(booking_id: int) -> None:
    booking = _booking(booking_id)
    _send(booking, f"Cancelled: {booking.event}", "learning/email/event_cancelled.txt")


def send_declined(booking_id: int) -> None:
    """To the teacher whose request the head or CPD lead declined, with their reason."""
    booking = Booking.objects.select_related("event", "school", "decision__decided_by").get(
        pk=booking_id
    )
    _send(booking, f"Request declined: {booking.event}", "learning/email/declined.txt")
