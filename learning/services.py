"""Bookings: making them, cancelling them, the waiting list and its offers, attendance and
evaluations. Each refuses bad input with a ValidationError in plain words and then changes
nothing. Every change to who holds a place locks the event row first (pretix's quota lock), so
`Event.places_taken` is exact and the database's check keeps it within capacity.

Emails go into the outbox in the same transaction (thep.mail): the worker sends them after
commit, so a mail server that fails never turns a place already given into an error page."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from learning import emails
from learning.models import (
    ACTIVE,
    HOLDS_A_PLACE,
    Booking,
    BookingSwap,
    Evaluation,
    Event,
    SchoolPolicy,
    Status,
)
from learning.selectors import manages_bookings_of
from membership.models import InvoiceStatus, School
from membership.selectors import is_member
from thep import ranges
from thep.models import User


def _locked(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _offer_hours() -> datetime.timedelta:
    return datetime.timedelta(hours=settings.LEARNING_OFFER_HOURS)


@transaction.atomic
def booking_create(
    *,
    event: Event,
    school: School,
    delegate_email: str,
    delegate_name: str,
    by: User,
    delegate: User | None = None,
) -> Booking:
    """A place for one delegate of a school, at the price the school's membership on the day of
    the first session gives it; a place on the waiting list when the event is full."""
    delegate_email = delegate_email.strip().lower()
    delegate_name = delegate_name.strip()
    if not delegate_name:
        raise ValidationError("Give the delegate's name.")
    try:
        validate_email(delegate_email)
    except ValidationError:
        raise ValidationError(
            f"'{delegate_email}' is not an email address; the delegate needs one for the "
            "joining details."
        ) from None
    event = _locked(event)
    today = timezone.localdate()
    first_day = event.starts_on
    if event.cancelled_on:
        raise ValidationError(f"{event} has been cancelled, so it cannot be booked.")
    if not event.published:
        raise ValidationError(f"{event} is not open for booking.")
    if first_day is None:
        raise ValidationError(f"{event} has no dates yet, so it cannot be booked.")
    if first_day < today:
        raise ValidationError(
            f"{event} started on {first_day:%-d %B %Y}; it can no longer be booked."
        )
    if today > event.booking_deadline:
        raise ValidationError(f"Booking for {event} closed on {event.booking_deadline:%-d %B %Y}.")
    member = is_member(school=school, on=first_day)
    if event.members_only and not member:
        raise ValidationError(
            f"{event} is for member schools only, and {school} is not a member on "
            f"{first_day:%-d %B %Y}."
        )
    if event.bookings.filter(delegate_email__iexact=delegate_email, status__in=ACTIVE).exists():
        raise ValidationError(f"{delegate_name} ({delegate_email}) already has a place on {event}.")
    has_place = event.places_taken < event.capacity
    if not has_place:
        status = Status.WAITING
    elif _needs_approval(school=school, by=by):
        status = Status.REQUESTED
    else:
        status = Status.CONFIRMED
    booking = Booking.objects.create(
        event=event,
        school=school,
        delegate=delegate or User.objects.filter(email__iexact=delegate_email).first(),
        delegate_name=delegate_name,
        delegate_email=delegate_email,
        booked_by=by,
        status=status,
        price=event.price_for(member=member),
        non_member_price=event.non_member_price,
        at_member_price=member,
        created_at=timezone.now(),
    )
    if has_place:
        event.places_taken += 1
        event.save(update_fields=["places_taken"])
    send = {
        Status.CONFIRMED: emails.send_confirmation,
        Status.REQUESTED: emails.send_approval_request,
        Status.WAITING: emails.send_waiting,
    }[status]
    send(booking.pk)
    return booking


def _needs_approval(*, school: School, by: User) -> bool:
    """Staff bookings wait for the head or CPD lead where the school asks for that; the people
    who would approve them (and THEP's directors and office) book straight away."""
    policy = SchoolPolicy.objects.filter(school=school).first()
    if policy is None or not policy.staff_bookings_need_approval:
        return False
    return not manages_bookings_of(user=by, school=school)


@transaction.atomic
def booking_approve(*, booking: Booking, by: User) -> Booking:
    """The head or CPD lead approves a place a member of staff asked for; it was held for them,
    so it is confirmed whatever has happened since."""
    booking = Booking.objects.select_for_update().select_related("school").get(pk=booking.pk)
    if not manages_bookings_of(user=by, school=booking.school):
        raise ValidationError(
            f"Only the head or CPD lead of {booking.school} can approve its bookings."
        )
    if booking.status != Status.REQUESTED:
        raise ValidationError("This booking is not waiting for approval.")
    booking.status = Status.CONFIRMED
    booking.save(update_fields=["status"])
    emails.send_confirmation(booking.pk)
    return booking


def _offers_fill(event: Event, *, now: datetime.datetime) -> list[Booking]:
    """Offer every free place to those waiting, first come first served, each offer open for
    LEARNING_OFFER_HOURS. The one path for a place that frees or an event that grows: the
    caller holds the event lock and has already counted freed places out of `places_taken`."""
    over = event.ends_on is not None and event.ends_on < timezone.localdate(now)
    free = event.capacity - event.places_taken
    if event.cancelled_on or over or free <= 0:
        return []
    offered = list(event.bookings.filter(status=Status.WAITING).order_by("created_at", "pk")[:free])
    for booking in offered:
        booking.status = Status.OFFERED
        booking.offer_expires_at = now + _offer_hours()
        booking.save(update_fields=["status", "offer_expires_at"])
        emails.send_offer(booking.pk)
    if offered:
        event.places_taken += len(offered)
        event.save(update_fields=["places_taken"])
    return offered


@transaction.atomic
def booking_cancel(*, booking: Booking, by: User) -> Booking:
    """Cancel a booking, a request or a place on the waiting list (declining a staff request is
    cancelling it). Free until the booking deadline, and always for what was never confirmed;
    after it a confirmed place's price stays due. A freed place goes to the first waiting."""
    event = _locked(booking.event)
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if not booking.is_active:
        raise ValidationError("This booking is already cancelled.")
    now = timezone.now()
    last_day = event.ends_on
    if last_day is not None and last_day < timezone.localdate():
        raise ValidationError(f"{event} is over; a booking for it can no longer be cancelled.")
    held_a_place = booking.status in HOLDS_A_PLACE
    booking.cancellation_charged = booking.cancelling_charges_on(timezone.localdate())
    booking.status = Status.CANCELLED
    booking.offer_expires_at = None
    booking.cancelled_at = now
    booking.cancelled_by = by
    booking.save(
        update_fields=[
            "status",
            "offer_expires_at",
            "cancelled_at",
            "cancelled_by",
            "cancellation_charged",
        ]
    )
    if held_a_place:
        event.places_taken -= 1
        event.save(update_fields=["places_taken"])
        _offers_fill(event, now=now)
    return booking


@transaction.atomic
def event_cancel(*, event: Event, by: User, reason: str) -> int:
    """THE Partnership calls an event off: every place and request is cancelled with nothing to
    pay (places cancelled late too), the waiting list ends, and each delegate is told why.
    Returns how many delegates are told."""
    if not by.runs_partnership:
        raise ValidationError("Only directors and the office can cancel an event.")
    reason = reason.strip()
    if not reason:
        raise ValidationError("Say why the event is cancelled: the delegates are told.")
    event = _locked(event)
    if event.cancelled_on:
        raise ValidationError(f"{event} was already cancelled on {event.cancelled_on:%-d %B %Y}.")
    last_day = event.ends_on
    today = timezone.localdate()
    if last_day is not None and last_day < today:
        raise ValidationError(f"{event} has taken place, so it cannot be cancelled.")
    invoiced = sorted(
        {
            booking.invoice_line.invoice.reference or "a draft invoice"
            for booking in event.bookings.filter(invoice_line__isnull=False)
            .exclude(invoice_line__invoice__status=InvoiceStatus.CANCELLED)
            .select_related("invoice_line__invoice")
            if booking.invoice_line is not None  # all of them (filtered above), said for mypy
        }
    )
    if invoiced:
        raise ValidationError(
            f"Places on {event} are already invoiced ({', '.join(invoiced)}). Cancel those "
            "invoices with credit notes first; after the event is cancelled, invoice the term "
            "again for the schools' other places."
        )
    affected = list(
        event.bookings.select_for_update().filter(
            Q(status__in=ACTIVE) | Q(cancellation_charged=True)
        )
    )
    now = timezone.now()
    for booking in affected:
        if booking.status in ACTIVE:
            booking.status = Status.CANCELLED
            booking.cancelled_at = now
            booking.cancelled_by = by
        booking.offer_expires_at = None
        booking.cancellation_charged = False
        booking.save(
            update_fields=[
                "status", "cancelled_at", "cancelled_by", "offer_expires_at",
                "cancellation_charged",
            ]
        )  # fmt: skip
    event.places_taken = 0
    event.cancelled_on = today
    event.cancellation_reason = reason
    event.save(update_fields=["places_taken", "cancelled_on", "cancellation_reason"])
    for booking in affected:
        emails.send_event_cancelled(booking.pk)
    return len(affected)


@transaction.atomic
def offer_accept(*, booking: Booking, by: User) -> Booking:
    """The delegate (or their school) takes up an offered place before the offer runs out."""
    _locked(booking.event)
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status != Status.OFFERED:
        raise ValidationError("There is no open offer on this booking.")
    if booking.offer_expires_at is None:  # the offers_have_an_expiry constraint forbids it
        raise ValueError(f"Offered booking {booking.pk} has no expiry.")
    if booking.offer_expires_at <= timezone.now():
        ran_out = timezone.localtime(booking.offer_expires_at)
        raise ValidationError(
            f"This offer ran out at {ran_out:%H:%M on %-d %B %Y}; the place goes to the next "
            "person on the waiting list."
        )
    booking.status = Status.CONFIRMED
    booking.offer_expires_at = None
    booking.save(update_fields=["status", "offer_expires_at"])
    emails.send_confirmation(booking.pk)
    return booking


def offers_expire(*, now: datetime.datetime | None = None) -> int:
    """Pass each offer that has run out to the next on the waiting list. Returns how many
    offers lapsed. One transaction per event, so one busy event does not hold up the rest."""
    now = now or timezone.now()
    lapsed = 0
    event_ids = set(
        Booking.objects.filter(status=Status.OFFERED, offer_expires_at__lte=now).values_list(
            "event_id", flat=True
        )
    )
    for event_id in sorted(event_ids):
        with transaction.atomic():
            event = Event.objects.select_for_update().get(pk=event_id)
            expired = list(
                event.bookings.select_for_update().filter(
                    status=Status.OFFERED, offer_expires_at__lte=now
                )
            )
            for booking in expired:
                booking.status = Status.LAPSED
                booking.offer_expires_at = None
                booking.save(update_fields=["status", "offer_expires_at"])
            event.places_taken -= len(expired)
            event.save(update_fields=["places_taken"])
            _offers_fill(event, now=now)
            lapsed += len(expired)
    return lapsed


@transaction.atomic
def attendance_record(*, event: Event, attended_ids: set[int], by: User) -> int:
    """Mark who came: every confirmed delegate is marked attended or not. Returns how many
    attended."""
    if not event.sessions.filter(date__lte=timezone.localdate()).exists():
        raise ValidationError(f"{event} has not started yet; mark attendance on the day.")
    confirmed = event.bookings.select_for_update().filter(status=Status.CONFIRMED)
    unknown = attended_ids - set(confirmed.values_list("pk", flat=True))
    if unknown:
        raise ValidationError("Only delegates with a confirmed place can be marked as attended.")
    confirmed.filter(pk__in=attended_ids).update(attended=True)
    confirmed.exclude(pk__in=attended_ids).update(attended=False)
    return len(attended_ids)


@transaction.atomic
def evaluation_submit(*, booking: Booking, rating: int, comments: str) -> Evaluation:
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if not booking.attended:
        raise ValidationError("Only delegates who attended can evaluate an event.")
    if rating not in range(1, 6):
        raise ValidationError("Give a rating from 1 (poor) to 5 (excellent).")
    if Evaluation.objects.filter(booking=booking).exists():
        raise ValidationError("You have already evaluated this event. Thank you.")
    return Evaluation.objects.create(booking=booking, rating=rating, comments=comments.strip())


# Swaps, and offers when an event grows.


def _starts_at(event: Event) -> datetime.datetime | None:
    first = event.sessions.order_by("date", "starts_at").first()
    if first is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(first.date, first.starts_at))


@transaction.atomic
def booking_swap(*, booking: Booking, delegate_name: str, delegate_email: str, by: User) -> Booking:
    """The school passes a place (or a request, an offer, a place on the waiting list) to a
    colleague until the event starts. The place keeps its price and its position; the new
    delegate is sent the booking, the old one told it has passed on, and the booking keeps
    the change in its history."""
    delegate_email = delegate_email.strip().lower()
    delegate_name = delegate_name.strip()
    if not delegate_name:
        raise ValidationError("Give the new delegate's name.")
    try:
        validate_email(delegate_email)
    except ValidationError:
        raise ValidationError(
            f"'{delegate_email}' is not an email address; the new delegate needs one for the "
            "joining details."
        ) from None
    event = _locked(booking.event)
    booking = Booking.objects.select_for_update().select_related("school").get(pk=booking.pk)
    if not manages_bookings_of(user=by, school=booking.school):
        raise ValidationError(
            f"Only the head or CPD lead of {booking.school} can pass its places to a colleague."
        )
    if booking.status == Status.LAPSED:
        raise ValidationError("This offer ran out, so there is no place to pass on.")
    if not booking.is_active:
        raise ValidationError("This booking is cancelled, so there is no place to pass on.")
    starts = _starts_at(event)
    if starts is not None and starts <= timezone.now():
        raise ValidationError(
            f"{event} started on {starts:%-d %B %Y}; its places can no longer be passed on."
        )
    if delegate_email == booking.delegate_email.lower():
        raise ValidationError(f"{booking.delegate_name} already holds this place.")
    if event.bookings.filter(delegate_email__iexact=delegate_email, status__in=ACTIVE).exists():
        raise ValidationError(f"{delegate_name} ({delegate_email}) is already booked on {event}.")
    swap = BookingSwap.objects.create(
        booking=booking,
        from_name=booking.delegate_name,
        from_email=booking.delegate_email,
        to_name=delegate_name,
        to_email=delegate_email,
        by=by,
        at=timezone.now(),
    )
    booking.delegate = User.objects.filter(email__iexact=delegate_email).first()
    booking.delegate_name, booking.delegate_email = delegate_name, delegate_email
    booking.save(update_fields=["delegate", "delegate_name", "delegate_email"])
    emails.send_swap(swap.pk)
    return booking


@transaction.atomic
def offers_make(*, event: Event) -> list[Booking]:
    """Offer an event's free places to those waiting, in the order they joined."""
    return _offers_fill(_locked(event), now=timezone.now())


def capacity_check(*, event: Event, capacity: int) -> None:
    """Refuses a number of places the event cannot have (the admin's form asks it too)."""
    low, high = ranges.PLACES
    if not low <= capacity <= high:
        raise ValidationError(f"An event has from {low} to {high} places.")
    if capacity < event.places_taken:
        raise ValidationError(
            f"{event} cannot have fewer than {event.places_taken} places: that many are taken "
            "(confirmed, offered, or awaiting a school's approval)."
        )


@transaction.atomic
def event_capacity_change(*, event: Event, capacity: int, by: User) -> Event:
    """Directors and the office change how many places an event has, never below the places
    taken. New places go to those waiting: a worker offers them, in order, once this commits."""
    from learning.tasks import offers_make_task

    if not by.runs_partnership:
        raise ValidationError("Only directors and the office can change an event's places.")
    event = _locked(event)
    capacity_check(event=event, capacity=capacity)
    grows = capacity > event.capacity
    event.capacity = capacity
    event.save(update_fields=["capacity"])
    if grows:
        transaction.on_commit(lambda: offers_make_task.delay(event.pk))
    return event
