"""Bookings: making them, cancelling them, the waiting list and its offers, attendance and
evaluations. Each refuses bad input with a ValidationError in plain words and then changes
nothing. Every change to who holds a place locks the event row first (pretix's quota lock), so
`Event.places_taken` is exact and the database's check keeps it within capacity.

Emails go into the outbox in the same transaction (thep.mail): the worker sends them after
commit, so a mail server that fails never turns a place already given into an error page."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.template.defaultfilters import pluralize
from django.utils import timezone

from learning import emails
from learning.models import (
    ACTIVE,
    HOLDS_A_PLACE,
    NEEDS_LENGTH,
    Booking,
    BookingOrder,
    BookingSwap,
    Decision,
    Evaluation,
    Event,
    SchoolPolicy,
    Status,
)
from learning.selectors import SCHOOL_BOOKINGS, manages_bookings_of
from membership.models import InvoiceStatus, School
from membership.selectors import is_member
from thep import ranges, shared
from thep.models import User


def _locked(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _offer_hours() -> datetime.timedelta:
    return datetime.timedelta(hours=settings.LEARNING_OFFER_HOURS)


@dataclass(frozen=True)
class Delegate:
    """One person an order books a place for, as the booker typed them."""

    name: str
    email: str
    access_needs: str = ""
    dietary_needs: str = ""


@dataclass(frozen=True)
class OrderQuote:
    """What an order would get now: how many places, how many wait, at what price each."""

    delegates: list[Delegate]
    places: int  # delegates given a place (confirmed, or held awaiting approval)
    waiting: int  # the rest, on the waiting list
    places_left: int  # places a newcomer may take now
    price: Decimal  # per place
    at_member_price: bool
    needs_approval: bool

    @property
    def total(self) -> Decimal:
        return self.price * self.places


def _delegates_cleaned(delegates: list[Delegate]) -> list[Delegate]:
    """Names and emails trimmed, emails in lower case; refuses an empty order, a missing name,
    a bad email, needs too long to keep, and the same person twice."""
    if not delegates:
        raise ValidationError("Add at least one delegate: a name and an email address.")
    cleaned, seen = [], set()
    for n, delegate in enumerate(delegates, start=1):
        who = "" if len(delegates) == 1 else f"Delegate {n}: "
        name, email = delegate.name.strip(), delegate.email.strip().lower()
        if not name:
            raise ValidationError(f"{who}give the delegate's name." if who else
                                  "Give the delegate's name.")  # fmt: skip
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationError(
                f"{who}'{email}' is not an email address; the delegate needs one for the "
                "joining details."
            ) from None
        for label, text in (("access", delegate.access_needs), ("dietary", delegate.dietary_needs)):
            if len(text.strip()) > NEEDS_LENGTH:
                raise ValidationError(
                    f"{name}'s {label} needs are too long: at most {NEEDS_LENGTH} characters."
                )
        if email in seen:
            raise ValidationError(f"{name} ({email}) is in this order twice.")
        seen.add(email)
        cleaned.append(
            Delegate(name=name, email=email, access_needs=delegate.access_needs.strip(),
                     dietary_needs=delegate.dietary_needs.strip())
        )  # fmt: skip
    return cleaned


def _open_to(event: Event, school: School) -> bool:
    """Refuses an event that cannot be booked today by the school; says whether the school
    pays the member price (its membership on the day of the first session)."""
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
    return member


def places_for_newcomers(event: Event) -> int:
    """Free places a new booking may take: none while anyone is on the waiting list, who come
    first (the offers reach them in order)."""
    if event.bookings.filter(status=Status.WAITING).exists():
        return 0
    return event.capacity - event.places_taken


def _quote(
    event: Event, *, school: School, delegates: list[Delegate], by: User, waiting_list_ok: bool
) -> OrderQuote:
    member = _open_to(event, school)
    emails_typed = {delegate.email: delegate for delegate in delegates}
    booked = (
        event.bookings.filter(status__in=ACTIVE)
        .annotate(email=Lower("delegate_email"))
        .filter(email__in=emails_typed)
        .values_list("email", flat=True)
    )
    if booked:
        raise ValidationError(
            [
                f"{emails_typed[email].name} ({email}) already has a place on {event}."
                for email in sorted(booked)
            ]
        )
    left = places_for_newcomers(event)
    places = min(left, len(delegates))
    if places < len(delegates) and not waiting_list_ok:
        more = len(delegates) - places
        if places == 0:
            full = event.places_taken >= event.capacity
            why = "is full" if full else "has people waiting for places, who come first"
            raise ValidationError(
                f"{event} {why}. Put your {len(delegates)} delegate"
                f"{pluralize(len(delegates))} on the waiting list, or choose another event."
            )
        raise ValidationError(
            f"Only {places} place{pluralize(places)} {pluralize(places, 'is,are')} left on "
            f"{event}, for your {len(delegates)} delegates. Book {places} or fewer, or put the "
            f"other {more} on the waiting list."
        )
    return OrderQuote(
        delegates=delegates,
        places=places,
        waiting=len(delegates) - places,
        places_left=left,
        price=event.price_for(member=member),
        at_member_price=member,
        needs_approval=_needs_approval(school=school, by=by),
    )


def booking_order_quote(
    *, event: Event, school: School, delegates: list[Delegate], by: User, waiting_list_ok: bool
) -> OrderQuote:
    """What `booking_order_create` would do now, for the booker to review; changes nothing.
    Refuses what it would refuse."""
    delegates = _delegates_cleaned(delegates)
    return _quote(event, school=school, delegates=delegates, by=by, waiting_list_ok=waiting_list_ok)


@transaction.atomic
def booking_order_create(
    *, event: Event, school: School, delegates: list[Delegate], by: User, waiting_list_ok: bool
) -> BookingOrder:
    """Places for delegates of a school on an event, in one order at the price the school's
    membership gives it. The places are taken all together or not at all; with
    `waiting_list_ok`, the delegates beyond the places left (in the order given) join the
    waiting list instead of the order being refused. Nobody takes a free place while someone
    waits. The booker gets one confirmation listing every place, each delegate their own email."""
    delegates = _delegates_cleaned(delegates)
    event = _locked(event)
    quote = _quote(
        event, school=school, delegates=delegates, by=by, waiting_list_ok=waiting_list_ok
    )
    now = timezone.now()
    order = BookingOrder.objects.create(event=event, school=school, booked_by=by, created_at=now)
    accounts = {
        user.email.lower(): user
        for user in User.objects.annotate(lower=Lower("email")).filter(
            lower__in=[delegate.email for delegate in delegates]
        )
    }
    placed = Status.REQUESTED if quote.needs_approval else Status.CONFIRMED
    bookings = [
        Booking.objects.create(
            event=event,
            school=school,
            order=order,
            delegate=accounts.get(delegate.email),
            delegate_name=delegate.name,
            delegate_email=delegate.email,
            access_needs=delegate.access_needs,
            dietary_needs=delegate.dietary_needs,
            booked_by=by,
            status=placed if n < quote.places else Status.WAITING,
            price=quote.price,
            non_member_price=event.non_member_price,
            at_member_price=quote.at_member_price,
            created_at=now,
        )
        for n, delegate in enumerate(delegates)
    ]
    if quote.places:
        event.places_taken += quote.places
        event.save(update_fields=["places_taken"])
    # One place: its email (copied to a booker who booked a colleague) is the confirmation.
    alone = len(bookings) == 1
    for booking in bookings:
        if booking.status == Status.CONFIRMED:
            emails.send_confirmation(booking.pk, copy_booker=alone)
        elif booking.status == Status.REQUESTED:
            emails.send_approval_request(booking.pk)
        else:
            emails.send_waiting(booking.pk, copy_booker=alone)
    if not alone:
        emails.send_order_confirmation(order.pk)
    return order


def booking_create(
    *, event: Event, school: School, delegate_email: str, delegate_name: str, by: User
) -> Booking:
    """A place for one delegate, or a place on the waiting list when there is none free."""
    order = booking_order_create(
        event=event,
        school=school,
        delegates=[Delegate(name=delegate_name, email=delegate_email)],
        by=by,
        waiting_list_ok=True,
    )
    return order.bookings.get()


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
    booking = _request_to_decide(booking, by=by)
    booking.status = Status.CONFIRMED
    booking.save(update_fields=["status"])
    Decision.objects.create(
        booking=booking, approved=True, decided_by=by, decided_at=timezone.now()
    )
    emails.send_confirmation(booking.pk)
    return booking


def _request_to_decide(booking: Booking, *, by: User) -> Booking:
    """The request, locked, once it is sure that this person may decide it and that nobody has."""
    booking = Booking.objects.select_for_update().select_related("school").get(pk=booking.pk)
    if not manages_bookings_of(user=by, school=booking.school):
        raise ValidationError(
            f"Only the head or CPD lead of {booking.school} can approve its bookings."
        )
    decision = Decision.objects.filter(booking=booking).select_related("decided_by").first()
    if decision is not None:
        raise ValidationError(
            f"This booking is not waiting for approval. {decision.summary}; a request is "
            "decided once."
        )
    if booking.status != Status.REQUESTED:
        status = booking.get_status_display().lower()
        raise ValidationError(f"This booking is not waiting for approval. It is {status}.")
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
    # Written in bulk, with no signal: the delegates' evaluations and certificates are new.
    shared.forget(SCHOOL_BOOKINGS)
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


# Approval: the school's choice, and the head's or CPD lead's answer to each request.

DECLINE_REASON_LENGTH = 300


@transaction.atomic
def booking_decline(*, booking: Booking, by: User, reason: str) -> Booking:
    """The head or CPD lead declines a member of staff's request, saying why: the held place is
    freed for the first on the waiting list (as cancelling frees it) and the teacher is told
    the reason."""
    reason = reason.strip()
    if not reason:
        raise ValidationError("Say why the request is declined: the teacher is told.")
    if len(reason) > DECLINE_REASON_LENGTH:
        raise ValidationError(
            f"Keep the reason to {DECLINE_REASON_LENGTH} characters (it has {len(reason)})."
        )
    _locked(booking.event)  # the event before the booking, in the order booking_cancel locks
    booking = _request_to_decide(booking, by=by)
    booking = booking_cancel(booking=booking, by=by)
    Decision.objects.create(
        booking=booking, approved=False, reason=reason, decided_by=by, decided_at=timezone.now()
    )
    emails.send_declined(booking.pk)
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


def school_policy_set(*, school: School, by: User, need_approval: bool) -> SchoolPolicy:
    """The head or CPD lead chooses whether all staff need approval to book, or none. Requests
    already made still wait for a decision."""
    if not manages_bookings_of(user=by, school=school):
        raise ValidationError(f"Only the head or CPD lead of {school} can change its policy.")
    policy, _ = SchoolPolicy.objects.select_for_update().get_or_create(school=school)
    policy.staff_bookings_need_approval = need_approval
    policy.save(update_fields=["staff_bookings_need_approval"])
    return policy
