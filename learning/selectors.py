"""Reads about the catalogue and bookings, always for the person who asks."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

from django.contrib.auth.models import AnonymousUser
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchRank
from django.db.models import (
    Avg,
    Case,
    Count,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    When,
)
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear, JSONObject, Lower
from django.db.models.lookups import Exact
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from learning.models import (
    Booking,
    BookingSwap,
    Evaluation,
    Event,
    EventPhase,
    Kind,
    Session,
    Status,
)
from learning.search import search_query
from membership.models import Affiliation, School
from thep import years
from thep.models import User

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    from learning.models import EventQuerySet, PlacesLeft

# Membership-year terms by the month an event starts in.
TERMS: dict[str, tuple[str, tuple[int, ...]]] = {
    term: (f"{years.Term(term).label} term", months) for term, months in years.TERM_MONTHS.items()
}


def brochure(*, year: int, term: str) -> list[Event]:
    """The published events starting in a term, for the termly brochure: by kind in the
    catalogue's order (programmes first), then by date."""
    first, last = years.term_dates(year=year, term=term)
    events = (
        Event.objects.filter(
            published=True, cancelled_on__isnull=True, starts_on__range=(first, last)
        )
        .prefetch_related(Prefetch("sessions", queryset=Session.objects.order_by("date")))
        .select_related("facilitator")
    )
    order = {kind: n for n, kind in enumerate(Kind.values)}
    return sorted(events, key=lambda event: (order[event.kind], event.starts_on, event.title))


@dataclass(frozen=True)
class CatalogueFilters:
    text: str = ""
    kind: str = ""
    audience: str = ""
    phase: str = ""  # a school's phase: its events and those for all phases
    subject: str = ""
    term: str = ""
    year: int | None = None  # a membership year; None for everything still to come
    max_member_price: Decimal | None = None  # 0 for events free to members
    places_left: bool = False


def catalogue(*, filters: CatalogueFilters) -> "EventQuerySet[WithAnnotations[Event, PlacesLeft]]":
    """Published events with their dates and places left, in one query (sessions come with one
    more, prefetched): the best match first when searching, otherwise soonest first."""
    events = (
        Event.objects.filter(published=True, cancelled_on__isnull=True)
        .with_places_left()
        .select_related("facilitator")
        .prefetch_related(Prefetch("sessions", queryset=Session.objects.order_by("date")))
    )
    if filters.year is None:
        events = events.filter(ends_on__gte=timezone.localdate())
    else:
        events = events.filter(
            starts_on__range=(years.first_day(filters.year), years.last_day(filters.year))
        )
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.audience:
        events = events.filter(audience=filters.audience)
    if filters.phase:
        events = events.filter(phase__in=(filters.phase, EventPhase.ALL))
    if filters.subject:
        events = events.filter(subject=filters.subject)
    if filters.term in TERMS:
        months = TERMS[filters.term][1]
        events = events.annotate(start_month=ExtractMonth("starts_on")).filter(
            start_month__in=months
        )
    if filters.max_member_price is not None:
        events = events.filter(member_price__lte=filters.max_member_price)
    if filters.places_left:
        events = events.filter(places_left__gt=0)
    query = search_query(filters.text)
    if query is not None:
        # The stored, indexed vector, so the database finds the matches by its GIN index.
        return events.filter(search=query).order_by(
            SearchRank(F("search"), query).desc(), "starts_on", "title"
        )
    return events.order_by("starts_on", "title")


def event_for(*, user: User | AnonymousUser, pk: int) -> Event:
    """A published event for anyone; unpublished ones only for directors and the office."""
    events = Event.objects.with_places_left().select_related("facilitator")
    if not (user.is_authenticated and user.runs_partnership):
        events = events.filter(published=True)
    return get_object_or_404(events, pk=pk)


# Bookings


# A school person's home queues (learning.panels) and bookings page are kept a few minutes for
# them and the day: five queries of every head's and teacher's home page, seven of the bookings
# page. Any change to what they read works them out again at once (learning.apps), and so does
# marking attendance, which writes in bulk.
SCHOOL_BOOKINGS = "learning-school-bookings"
SCHOOL_BOOKINGS_SECONDS = 300


def _school_ids_managed_by(user: User) -> QuerySet:
    """Schools whose bookings this person manages: the head's, and the CPD lead's."""
    affiliations = Affiliation.objects.filter(person=user)
    if not user.is_head:
        affiliations = affiliations.filter(is_cpd_lead=True)
    return affiliations.values("school_id")


def _delegate_is(user: User) -> Q:
    """Bookings for this person: by account, or by email address for places booked before they
    had one. The address is compared in lower case, as the unique index on active bookings
    holds it, so the database finds them by index instead of reading every booking."""
    return Q(delegate=user) | Q(Exact(Lower("delegate_email"), user.email.lower()))


def bookings_for(*, user: User | AnonymousUser) -> QuerySet[Booking]:
    """A school's head and CPD lead see all its bookings, other staff their own, directors and
    the office everyone's; nobody sees another school's."""
    bookings = Booking.objects.select_related("event", "school")
    if not (user.is_authenticated and user.is_active):
        return bookings.none()
    if user.runs_partnership:
        return bookings
    if not (user.is_head or user.is_school_staff):
        return bookings.none()
    # Every booking a school person sees is at one of their schools: that indexed test comes
    # first, so the database never reads other schools' bookings (no join, no DISTINCT over the
    # whole table). A head manages all of them, so needs no second test.
    schools = Affiliation.objects.filter(person=user).values("school_id")
    if user.is_head:
        return bookings.filter(school_id__in=schools)
    own = _delegate_is(user) | Q(booked_by=user)
    return bookings.filter(
        Q(school_id__in=schools), Q(school_id__in=_school_ids_managed_by(user)) | own
    )


def booking_for(*, user: User, pk: int) -> Booking:
    """The one access helper for a booking: a 404, as for no booking, to anyone else."""
    return get_object_or_404(bookings_for(user=user), pk=pk)


def manages_bookings_of(*, user: User, school: School) -> bool:
    """Heads and CPD leads of the school, directors and the office may cancel any of its
    bookings; others only their own."""
    if user.runs_partnership:
        return True
    return _school_ids_managed_by(user).filter(school_id=school.pk).exists()


def schools_managed_by(*, user: User) -> QuerySet[School]:
    """The schools whose bookings, and charges for them, this person looks after."""
    if not (user.is_authenticated and (user.is_head or user.is_school_staff)):
        return School.objects.none()
    return School.objects.filter(pk__in=_school_ids_managed_by(user)).order_by("name")


def schools_booking_for(*, user: User | AnonymousUser) -> QuerySet[School]:
    """The schools a person may book places for: the ones they work at."""
    if not (user.is_authenticated and (user.is_head or user.is_school_staff)):
        return School.objects.none()
    return School.objects.filter(affiliations__person=user).order_by("name")


def offer_for(*, user: User, pk: int) -> Booking:
    """An open offer the person may take up: the delegate's own, or one of their school's."""
    booking = booking_for(user=user, pk=pk)
    if booking.status != Status.OFFERED:
        raise Http404
    return booking


# Attendance, evaluations and results


def events_marked_by(*, user: User | AnonymousUser) -> QuerySet[Event]:
    """Events whose attendance this person marks: their own as facilitator; all for directors
    and the office."""
    if not user.is_authenticated:
        return Event.objects.none()
    if user.runs_partnership:
        return Event.objects.all()
    return Event.objects.filter(facilitator=user)


def events_led_for(*, user: User) -> QuerySet[Event]:
    """The events a person marks attendance for, soonest last-session first, with their
    places and attendance counted and, for directors, the average evaluation."""
    events = events_marked_by(user=user).annotate(
        confirmed=Count("bookings", filter=Q(bookings__status=Status.CONFIRMED)),
        attended=Count("bookings", filter=Q(bookings__attended=True)),
        rating=Avg("bookings__evaluation__rating"),
    )
    return events.order_by("-ends_on", "title")


def event_to_mark(*, user: User, pk: int) -> Event:
    return get_object_or_404(events_marked_by(user=user), pk=pk)


def evaluation_booking_for(*, user: User, pk: int) -> Booking:
    """The delegate's own attended booking: only they evaluate it."""
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(
        Booking.objects.select_related("event").filter(
            _delegate_is(user),
            status=Status.CONFIRMED,
            attended=True,
        ),
        pk=pk,
    )


def certificate_booking_for(*, user: User, pk: int) -> Booking:
    """A certificate is the attended delegate's, for them, their school's head or CPD lead,
    and the partnership: not for a colleague who only booked the place for them."""
    bookings = bookings_for(user=user).filter(attended=True)
    if not user.runs_partnership:
        bookings = bookings.filter(
            _delegate_is(user) | Q(school_id__in=_school_ids_managed_by(user))
        )
    return get_object_or_404(bookings, pk=pk)


def evaluations_to_give(*, user: User) -> QuerySet[Booking]:
    if not user.is_authenticated:
        return Booking.objects.none()
    return Booking.objects.filter(
        _delegate_is(user), status=Status.CONFIRMED, attended=True, evaluation__isnull=True
    ).select_related("event")


@dataclass(frozen=True)
class EvaluationResults:
    event: Event
    count: int
    attended: int
    average: Decimal | None
    by_rating: dict[int, int]
    comments: list[str]


def evaluation_results(*, user: User, pk: int) -> EvaluationResults:
    """Directors see what delegates thought of an event."""
    if not (user.is_authenticated and user.is_director):
        raise Http404
    event = get_object_or_404(Event, pk=pk)
    evaluations = Evaluation.objects.filter(booking__event=event)
    by_rating = dict(evaluations.values_list("rating").annotate(n=Count("id")))
    count = sum(by_rating.values())
    total = sum(rating * n for rating, n in by_rating.items())
    return EvaluationResults(
        event=event,
        count=count,
        attended=event.bookings.filter(attended=True).count(),
        average=(Decimal(total) / count).quantize(Decimal("0.1")) if count else None,
        by_rating={rating: by_rating.get(rating, 0) for rating in range(5, 0, -1)},
        comments=[text for text in evaluations.values_list("comments", flat=True) if text],
    )


# Figures for the reports: by membership year, from the day each event starts.


def _require_overview(user: User) -> None:
    from django.core.exceptions import PermissionDenied

    if not (user.is_authenticated and user.is_active and user.sees_every_school):
        raise PermissionDenied("Learning figures are for directors and the office.")


def _bookings_in_year(year: int) -> QuerySet[Booking]:
    return Booking.objects.filter(
        event__starts_on__range=(years.first_day(year), years.last_day(year))
    )


@dataclass(frozen=True)
class KindFigures:
    kind: str
    label: str
    events: int
    delegates: int  # confirmed places
    schools: int


def participation_by_kind(*, user: User, year: int) -> list[KindFigures]:
    """Delegates and schools per kind of event in a membership year (seed 000's participation
    in networks, programmes and conferences)."""
    _require_overview(user)
    confirmed = _bookings_in_year(year).filter(status=Status.CONFIRMED)
    rows = {
        row["event__kind"]: row
        for row in confirmed.values("event__kind").annotate(
            events=Count("event", distinct=True),
            delegates=Count("id"),
            schools=Count("school", distinct=True),
        )
    }
    figures = []
    for kind, label in Kind.choices:
        row = rows.get(kind)
        figures.append(
            KindFigures(
                kind=kind,
                label=label,
                events=row["events"] if row else 0,
                delegates=row["delegates"] if row else 0,
                schools=row["schools"] if row else 0,
            )
        )
    return figures


class Participation(TypedDict):
    delegates: int
    events: int


def participation_by_school(
    *, user: User, year: int
) -> "QuerySet[WithAnnotations[School, Participation]]":
    """Schools with confirmed places that year, with their delegates and events."""
    _require_overview(user)
    confirmed = _bookings_in_year(year).filter(status=Status.CONFIRMED)
    return (
        School.objects.filter(bookings__in=confirmed)
        .annotate(
            delegates=Count("bookings", distinct=True),
            events=Count("bookings__event", distinct=True),
        )
        .order_by("-delegates", "name")
    )


def schools_with_places(*, user: User, span: list[int]) -> dict[int, set[int]]:
    """For each year of the span, the ids of the schools with a confirmed place on its events.
    One query, however many years."""
    _require_overview(user)
    found: dict[int, set[int]] = {year: set() for year in span}
    confirmed = Booking.objects.filter(
        status=Status.CONFIRMED,
        event__starts_on__range=(years.first_day(min(span)), years.last_day(max(span))),
    )
    # The membership year an event falls in, worked out by the database so that it sends a
    # row per school and year rather than per booking (years start in September).
    start = ExtractYear("event__starts_on")
    in_year = Case(When(event__starts_on__month__gte=9, then=start), default=start - 1)
    pairs = confirmed.order_by().annotate(in_year=in_year).values_list("in_year", "school_id")
    for year, school_id in pairs.distinct():
        found[year].add(school_id)
    return found


def income(*, user: User, year: int) -> Decimal:
    """What schools pay for the year's events: confirmed places and late cancellations."""
    _require_overview(user)
    due = _bookings_in_year(year).filter(Q(status=Status.CONFIRMED) | Q(cancellation_charged=True))
    return due.aggregate(total=Sum("price"))["total"] or Decimal("0")


def certificates_for(*, user: User, since: datetime.date) -> QuerySet[Booking]:
    """A delegate's own attended places on events that ended since a day, newest first: each
    has a certificate to download."""
    if not (user.is_authenticated and (user.is_head or user.is_school_staff)):
        return Booking.objects.none()
    return (
        bookings_for(user=user)
        .filter(_delegate_is(user), attended=True, event__ends_on__gte=since)
        .order_by("-event__ends_on", "-pk")
    )


# Booking orders


@dataclass(frozen=True)
class KnownPerson:
    name: str
    email: str


KNOWN_BOOKED_BEFORE = 200  # the most recently booked; a school's staff accounts all come


def people_known_to(*, user: User) -> list[KnownPerson]:
    """Whom a booker is offered first: the booker, the staff accounts of the schools they book
    for, then the people those schools booked before (newest first). Two queries however many."""
    schools = Affiliation.objects.filter(person=user).values("school_id")
    staff = User.objects.filter(affiliations__school_id__in=schools, is_active=True).distinct()
    people = {user.email.lower(): KnownPerson(user.get_full_name() or user.email, user.email)}
    for person in staff.exclude(pk=user.pk).order_by("last_name", "first_name"):
        people.setdefault(
            person.email.lower(), KnownPerson(person.get_full_name() or person.email, person.email)
        )
    booked = (
        Booking.objects.filter(school_id__in=schools)
        .exclude(delegate_email__endswith="@deleted.invalid")
        .values(email=Lower("delegate_email"))
        .annotate(name=Max("delegate_name"), last=Max("created_at"))
        .order_by("-last")[:KNOWN_BOOKED_BEFORE]
    )
    for row in booked:
        people.setdefault(row["email"], KnownPerson(row["name"], row["email"]))
    return list(people.values())


# Swaps and the waiting list's order.


def swap_booking_for(*, user: User, pk: int) -> Booking:
    """A booking whose delegate this person may replace: the school's head and CPD leads,
    directors and the office. A 404, as for no booking, to anyone else."""
    booking = booking_for(user=user, pk=pk)
    if not manages_bookings_of(user=user, school=booking.school):
        raise Http404
    return booking


class WaitingPosition(TypedDict):
    waiting_position: int


def with_waiting_positions(
    bookings: QuerySet[Booking],
) -> "QuerySet[WithAnnotations[Booking, WaitingPosition]]":
    """Each booking with `waiting_position`, its place on its event's waiting list (1 for the
    first), counted in the same query from those who joined before it and still wait (an
    indexed count per row, so a list of any length costs one query)."""
    ahead = (
        Booking.objects.filter(event=OuterRef("event"), status=Status.WAITING)
        .filter(
            Q(created_at__lt=OuterRef("created_at"))
            | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return bookings.annotate(waiting_position=Coalesce(Subquery(ahead), 0) + 1)


def with_swap_history(bookings: QuerySet[Booking]) -> QuerySet[Booking]:
    """Each booking with `swap_history`, the delegates it passed between (oldest first), in the same
    query."""
    swaps = (
        BookingSwap.objects.filter(booking=OuterRef("pk"))
        .order_by("at", "pk")
        .values(
            json=JSONObject(
                from_name="from_name",
                to_name="to_name",
                at="at",
                by_first="by__first_name",
                by_last="by__last_name",
                by_email="by__email",
            )
        )
    )
    return bookings.annotate(swap_history=ArraySubquery(swaps))


# Approval


def request_for(*, user: User, pk: int) -> Booking:
    """The one access helper for a staff member's request as the person deciding it sees it
    (the approval email links to it): the school's head and CPD leads, directors and the
    office; a 404 to anyone else. Decided requests stay readable, to say who decided them."""
    bookings = bookings_for(user=user).select_related("booked_by", "decision__decided_by")
    if not user.runs_partnership:
        bookings = bookings.filter(school_id__in=_school_ids_managed_by(user))
    return get_object_or_404(bookings, pk=pk)


def policy_school_for(*, user: User, pk: int) -> School:
    """A school whose approval policy this person sets: the head's or CPD lead's own."""
    return get_object_or_404(schools_managed_by(user=user), pk=pk)


# A person's CPD record


def _keeps_records(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and (user.is_head or user.is_school_staff)


def record_people_for(*, user: User) -> QuerySet[User]:
    """The people whose CPD record this person may open: their own (school people), the staff
    of the schools they manage (heads and CPD leads), everyone's at a school for directors and
    the office."""
    people = User.objects.filter(is_active=True)
    if user.runs_partnership:
        return people.filter(affiliations__isnull=False).distinct()
    if not _keeps_records(user):
        return people.none()
    staff = Affiliation.objects.filter(school_id__in=_school_ids_managed_by(user))
    return people.filter(Q(pk=user.pk) | Q(pk__in=staff.values("person_id")))


def record_person_for(*, user: User, pk: int) -> User:
    """The one access helper for a CPD record: a 404, as for nobody, to anyone else (another
    school's head among them)."""
    return get_object_or_404(record_people_for(user=user), pk=pk)


def record_of(*, user: User, person: User) -> QuerySet[Booking]:
    """A person's places as `user` may see them (at the schools they look after), newest first:
    those held or waited for, attended or not; what was cancelled or lapsed is not CPD."""
    return (
        bookings_for(user=user)
        .filter(_delegate_is(person))
        .exclude(status__in=(Status.CANCELLED, Status.LAPSED))
        .order_by("-event__starts_on", "-pk")
    )


def event_places_for(*, user: User, pk: int) -> Event:
    """An event whose number of places this person may change: directors and the office."""
    if not (user.is_authenticated and user.runs_partnership):
        raise Http404
    return get_object_or_404(Event.objects.with_places_left(), pk=pk)
