"""The professional learning catalogue: events and their sessions, bookings with their waiting
list and attendance, and evaluations."""

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict, TypeVar

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Max, Min, Q
from django.db.models.functions import Length, Lower
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone

from membership.models import InvoiceLine, School
from thep import ranges
from thep.templatetags.money import money

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class Kind(models.TextChoices):
    PROGRAMME = "programme", "Programme"
    COURSE = "course", "Course"
    CONFERENCE = "conference", "Conference"
    NETWORK = "network", "Network"
    SPOTLIGHT = "spotlight", "Spotlight or briefing"


class Audience(models.TextChoices):
    ECT = "ect", "Early career teachers"
    MIDDLE = "middle", "Middle leaders"
    SENIOR = "senior", "Senior leaders"
    HEAD = "head", "Headteachers"
    SUPPORT = "support", "Support staff"
    GOVERNOR = "governor", "Governors"


class EventPhase(models.TextChoices):
    ALL = "all", "All phases"
    NURSERY = "nursery", "Nursery"
    PRIMARY = "primary", "Primary"
    SECONDARY = "secondary", "Secondary"
    SPECIAL = "special", "Special"


class Subject(models.TextChoices):
    ENGLISH = "english", "English"
    MATHS = "maths", "Maths"
    SCIENCE = "science", "Science"
    SEND = "send", "SEND"
    SAFEGUARDING = "safeguarding", "Safeguarding"
    LEADERSHIP = "leadership", "Leadership"
    EARLY_YEARS = "early_years", "Early years"
    WELLBEING = "wellbeing", "Wellbeing"
    CURRICULUM = "curriculum", "Curriculum"
    ASSESSMENT = "assessment", "Assessment"
    OTHER = "other", "Other"


class PlacesLeft(TypedDict):
    places_left: int


# Generic in its rows, so that with_places_left can say they carry places_left.
_E = TypeVar("_E", bound="Event", covariant=True)


class EventQuerySet(models.QuerySet[_E, _E]):
    def with_places_left(self) -> "EventQuerySet[WithAnnotations[Event, PlacesLeft]]":
        return self.annotate(places_left=F("capacity") - F("places_taken"))


class Event(models.Model):
    """A programme, course, conference, network or spotlight, with one or more sessions."""

    kind = models.CharField(max_length=12, choices=Kind.choices)
    title = models.CharField(max_length=200)
    description = models.TextField()
    audience = models.CharField(max_length=10, choices=Audience.choices)
    phase = models.CharField(max_length=10, choices=EventPhase.choices, default=EventPhase.ALL)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="facilitated_events",
        help_text="A portal account marks attendance; otherwise give a name below.",
    )
    facilitator_name = models.CharField(max_length=200, blank=True)
    capacity = models.PositiveIntegerField(validators=ranges.between(*ranges.PLACES))
    # Places held by confirmed bookings and open offers. Kept by the booking services under a
    # row lock, so the check below makes overbooking impossible whatever the concurrency.
    places_taken = models.PositiveIntegerField(default=0, editable=False)
    member_price = models.DecimalField("member price (£)", max_digits=8, decimal_places=2)
    non_member_price = models.DecimalField("non-member price (£)", max_digits=8, decimal_places=2)
    booking_deadline = models.DateField(help_text="The last day to book or to cancel free.")
    members_only = models.BooleanField(default=False)
    published = models.BooleanField(default=False)
    cancelled_on = models.DateField(null=True, blank=True, editable=False)
    cancellation_reason = models.CharField(max_length=300, blank=True, editable=False)
    # The first and last session's day, kept by Session.save and delete so that lists sort and
    # filter events by date without working it out from the sessions in every query.
    starts_on = models.DateField(null=True, editable=False)
    ends_on = models.DateField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    subject = models.CharField(max_length=12, choices=Subject.choices, default=Subject.OTHER)
    summary = models.CharField(
        max_length=300, blank=True, help_text="One or two sentences for the catalogue's card."
    )
    # The catalogue's full text search, kept by the database and indexed: the title counts
    # most, then the summary, then the description.
    search = models.GeneratedField(
        expression=SearchVector("title", config="english", weight="A")
        + SearchVector("summary", config="english", weight="B")
        + SearchVector("description", config="english", weight="C"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            ranges.check("capacity", *ranges.PLACES),
            models.CheckConstraint(
                condition=Q(capacity__gte=1) & Q(places_taken__lte=F("capacity")),
                name="event_places_within_capacity",
                violation_error_message="The capacity cannot be below the places already taken.",
            ),
            models.CheckConstraint(
                condition=Q(member_price__gte=0) & Q(non_member_price__gte=F("member_price")),
                name="event_member_price_not_above_non_member_price",
                violation_error_message="The member price cannot be above the non-member price.",
            ),
            models.CheckConstraint(
                condition=~Q(kind="network") | Q(member_price=0),
                name="networks_free_to_members",
                violation_error_message="Networks are free to members: the member price is £0.",
            ),
        ]
        indexes = [
            models.Index(fields=["published", "kind"]),
            models.Index(fields=["starts_on"], name="learning_event_starts_on"),
            GinIndex(fields=["search"], name="learning_event_search"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def facilitated_by(self) -> str:
        return str(self.facilitator) if self.facilitator_id else self.facilitator_name

    def price_for(self, *, member: bool) -> Decimal:
        return self.member_price if member else self.non_member_price

    @property
    def prices(self) -> str:
        """The prices as the catalogue and brochure give them, e.g. "£120.00 for members, ..."."""
        members = (
            f"{money(self.member_price)} for members" if self.member_price else "Free for members"
        )
        only = " (member schools only)" if self.members_only else ""
        return f"{members}, {money(self.non_member_price)} for non-members{only}"

    def dates_refresh(self) -> None:
        """Sets the first and last day from the sessions."""
        dates = self.sessions.aggregate(starts_on=Min("date"), ends_on=Max("date"))
        Event.objects.filter(pk=self.pk).update(**dates)
        self.starts_on, self.ends_on = dates["starts_on"], dates["ends_on"]


class Session(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField()
    starts_at = models.TimeField()
    ends_at = models.TimeField()
    venue = models.CharField(max_length=200, blank=True)
    online = models.BooleanField(default=False)

    class Meta:
        ordering = ["date", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="session_ends_after_it_starts",
                violation_error_message="A session must end after it starts.",
            ),
            models.CheckConstraint(
                condition=Q(online=True) | ~Q(venue=""),
                name="session_has_a_venue_or_is_online",
                violation_error_message="Give a venue, or mark the session as online.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event}: {self.date:%d %b %Y} {self.starts_at:%H:%M}"

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        self.event.dates_refresh()

    def delete(self, *args, **kwargs) -> tuple[int, dict[str, int]]:
        deleted = super().delete(*args, **kwargs)
        self.event.dates_refresh()
        return deleted

    @property
    def where(self) -> str:
        return "Online" if self.online else self.venue

    @property
    def when_and_where(self) -> str:
        """A session as the catalogue lists it: day, times and place."""
        return (
            f"{self.date:%a} {self.date.day} {self.date:%b %Y}, "
            f"{self.starts_at:%H:%M}\N{EN DASH}{self.ends_at:%H:%M}, {self.where}"
        )


class Status(models.TextChoices):
    REQUESTED = "requested", "Awaiting the school's approval"
    CONFIRMED = "confirmed", "Confirmed"
    WAITING = "waiting", "On the waiting list"
    OFFERED = "offered", "Place offered"
    CANCELLED = "cancelled", "Cancelled"
    LAPSED = "lapsed", "Offer lapsed"


# A delegate holds at most one of these on an event. Confirmed and offered places hold a place,
# and so does a request awaiting the school's approval, so that approving it cannot fail.
ACTIVE = (Status.REQUESTED, Status.CONFIRMED, Status.WAITING, Status.OFFERED)
HOLDS_A_PLACE = (Status.REQUESTED, Status.CONFIRMED, Status.OFFERED)


NEEDS_LENGTH = 300


class Booking(models.Model):
    """A place (or a place on the waiting list) for one delegate of a school on an event.

    Both prices are kept as they were when booked, so what a school pays and what membership
    saved it stay true if the event's prices change later."""

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="bookings")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="bookings")
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="learning_bookings",
    )
    delegate_name = models.CharField(max_length=200)
    delegate_email = models.EmailField()
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices)
    price = models.DecimalField(max_digits=8, decimal_places=2)
    non_member_price = models.DecimalField(max_digits=8, decimal_places=2)
    at_member_price = models.BooleanField()
    # Set under the event's row lock, so the waiting list runs in the order people arrived.
    created_at = models.DateTimeField()
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancellation_charged = models.BooleanField(
        default=False, help_text="Cancelled after the booking deadline: the price stays due."
    )
    attended = models.BooleanField(null=True, blank=True)
    # The line that charges this place; a line on a cancelled invoice leaves it to invoice again.
    invoice_line = models.ForeignKey(
        InvoiceLine,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bookings",
    )
    # The order this place was booked in (none for places booked before orders existed).
    order = models.ForeignKey(
        "BookingOrder", null=True, blank=True, on_delete=models.PROTECT, related_name="bookings"
    )
    # For the event's organisers and register only; blanked a set time after the event
    # (settings.LEARNING_NEEDS_KEEP_DAYS, by learning.privacy.retention).
    access_needs = models.CharField(max_length=NEEDS_LENGTH, blank=True)
    dietary_needs = models.CharField(max_length=NEEDS_LENGTH, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                Lower("delegate_email"),
                "event",
                condition=Q(status__in=ACTIVE),
                name="one_active_booking_per_delegate",
                violation_error_message="This person already has a place on this event.",
            ),
            models.CheckConstraint(
                condition=Q(status="offered", offer_expires_at__isnull=False)
                | (~Q(status="offered") & Q(offer_expires_at__isnull=True)),
                name="offers_have_an_expiry",
            ),
            models.CheckConstraint(
                condition=Q(price__gte=0) & Q(non_member_price__gte=F("price")),
                name="booking_price_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(attended__isnull=True) | Q(status="confirmed"),
                name="attendance_only_for_confirmed_places",
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.delegate_name} on {self.event}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE

    @property
    def is_confirmed(self) -> bool:
        return self.status == Status.CONFIRMED

    @property
    def amount_due(self) -> Decimal:
        """What the school pays: confirmed places, and places cancelled after the deadline."""
        if self.is_confirmed or self.cancellation_charged:
            return self.price
        return Decimal("0")

    def cancels_free_on(self, day: datetime.date) -> bool:
        return day <= self.event.booking_deadline

    def cancelling_charges_on(self, day: datetime.date) -> bool:
        """Whether cancelling on that day leaves the price due: only a confirmed place, after
        the booking deadline. What was never confirmed is always free to cancel."""
        return self.is_confirmed and not self.cancels_free_on(day)


class SchoolPolicy(models.Model):
    """How a school wants its staff's bookings handled. Schools without one need no approval."""

    school = models.OneToOneField(School, on_delete=models.CASCADE, related_name="learning_policy")
    staff_bookings_need_approval = models.BooleanField(
        default=False,
        help_text="Places booked by staff wait for the head or the CPD lead to approve them.",
    )

    class Meta:
        verbose_name_plural = "school policies"

    def __str__(self) -> str:
        return f"Booking policy of {self.school}"


class Evaluation(models.Model):
    """A delegate's view of an event they attended."""

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="evaluation")
    rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="1 is poor, 5 is excellent.",
    )
    comments = models.TextField(blank=True, max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("comments"), 4000),
                name="evaluation_comments_length",
            ),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="evaluation_rating_one_to_five"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rating}/5 for {self.booking.event}"


class BookingOrder(models.Model):
    """Places on one event for one or more delegates of a school, booked in one go: the booker
    gets one confirmation listing them all."""

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="orders")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="booking_orders")
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Order {self.pk}: {self.school} on {self.event}"


class BookingSwap(models.Model):
    """A place passed from one delegate of a school to another: the booking's history, since
    the booking itself only names who holds the place now."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="swaps")
    from_name = models.CharField(max_length=200)
    from_email = models.EmailField()
    to_name = models.CharField(max_length=200)
    to_email = models.EmailField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_name} to {self.to_name} on {self.booking.event}"


class Decision(models.Model):
    """The head's or CPD lead's answer to a member of staff's request for a place: one per
    request, so nobody decides it twice. A declined request is cancelled, with the reason the
    teacher is told."""

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="decision")
    approved = models.BooleanField()
    reason = models.CharField(max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(approved=True) | ~Q(reason=""),
                name="declined_requests_say_why",
                violation_error_message="Say why the request is declined: the teacher is told.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.booking}"

    @property
    def label(self) -> str:
        return "Approved" if self.approved else "Declined"

    @property
    def summary(self) -> str:
        """What the request page and a second decision say, e.g. "Helen Marsh approved it on
        30 November 2026"."""
        verb = "approved" if self.approved else "declined"
        when = timezone.localtime(self.decided_at)
        return f"{self.decided_by or 'The school'} {verb} it on {when:%-d %B %Y}"
