"""Demo catalogue: the 2023-24 professional learning offer of seed 004 (its named programmes,
networks, conferences and spotlights), already run, with bookings, attendance and evaluations;
and some of it again in the current year, still to come, with places to book and a full course
with a waiting list.

The titles, audiences and kinds come from seed 004. Dates, venues, capacities and prices are
demo values: the seed says only that member prices average over 40% below non-member prices,
that networks are free to members and that three staff at networks save a school £1,000 a year
(so a network costs a non-member £335 a year here). Bookings are written directly, at the price
membership gives on the first day, so that loading the demo sends no email."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone

from learning.invoicing import term_invoices_create
from learning.models import (
    HOLDS_A_PLACE,
    Audience,
    Booking,
    Evaluation,
    Event,
    EventPhase,
    Kind,
    SchoolPolicy,
    Session,
    Status,
    Subject,
)
from membership.models import Affiliation, Invoice, InvoiceKind, Membership, School
from membership.selectors import is_member, member_school_ids
from membership.services import invoice_issue, invoice_mark_paid
from thep import years
from thep.models import Role, User

DEMO_YEAR = 2023
CENTRE = "THE Partnership Professional Development Centre, Stepney, E1"
BONNER = "Bonner Primary School"
STAFF = "staff@example.org"  # Nadia Begum, Bonner's CPD lead
FACILITATOR = "lc@example.org"  # Martin Greaves marks attendance on the events he leads

# Prices (member, non-member) by kind of event, in pounds.
PRICES = {
    Kind.PROGRAMME: ("450.00", "750.00"),
    Kind.COURSE: ("90.00", "150.00"),
    Kind.CONFERENCE: ("120.00", "200.00"),
    Kind.NETWORK: ("0.00", "335.00"),
    Kind.SPOTLIGHT: ("0.00", "45.00"),
}

# title, kind, audience, phase, capacity, session days after 1 September (several for
# programmes and networks), online, facilitated by the demo LC, description.
OFFER = [
    ("High Performance Leadership", Kind.PROGRAMME, Audience.SENIOR, EventPhase.ALL, 24,
     (40, 96, 160), False, True,
     "For senior leaders who want their teams to perform at their best: six half days across "
     "the year with leaders from other Tower Hamlets schools."),
    ("Future Headteachers", Kind.PROGRAMME, Audience.SENIOR, EventPhase.ALL, 20,
     (50, 120, 190), False, False,
     "For deputy and assistant headteachers preparing for headship."),
    ("Next Generation Senior Leaders", Kind.PROGRAMME, Audience.MIDDLE, EventPhase.ALL, 24,
     (45, 110, 200), False, False,
     "For middle leaders ready to step up to senior leadership."),
    ("Primary Subject Leadership", Kind.PROGRAMME, Audience.MIDDLE, EventPhase.PRIMARY, 30,
     (35, 100, 170), False, True,
     "Subject leader development in the wider curriculum, in response to the Education "
     "Inspection Framework."),
    ("BAME Leaders", Kind.PROGRAMME, Audience.MIDDLE, EventPhase.ALL, 20, (60, 130, 210), False,
     False, "The BAME Middle Leader programme, run in partnership with Swanlea School."),
    ("Support Staff Leaders", Kind.PROGRAMME, Audience.SUPPORT, EventPhase.ALL, 20,
     (55, 140), False, False, "Leading teams and people, for support staff and school "
     "business managers."),
    ("Leadership Lab: Leading People", Kind.COURSE, Audience.MIDDLE, EventPhase.ALL, 25, (70,),
     False, False, "A Leadership Lab session on leading people."),
    ("Leadership Lab: Courageous Conversations", Kind.COURSE, Audience.SENIOR, EventPhase.ALL,
     25, (150,), False, False, "A Leadership Lab session on difficult conversations."),
    ("Empowering Leadership: Influencing Through Coaching", Kind.PROGRAMME, Audience.SENIOR,
     EventPhase.ALL, 16, (65, 135), False, False, "Coaching skills for leaders at all levels."),
    ("Primary Enhanced ECT Induction", Kind.PROGRAMME, Audience.ECT, EventPhase.PRIMARY, 40,
     (30, 90, 180), False, True,
     "Enhanced induction over the first two years of teaching, with East London Teaching "
     "School Hub."),
    ("Phonics and Early Reading", Kind.COURSE, Audience.ECT, EventPhase.PRIMARY, 12, (75,),
     False, True, "Phonics and early reading training for Key Stage 1 teachers."),
    ("Moderation: Understanding National Expectations", Kind.COURSE, Audience.MIDDLE,
     EventPhase.PRIMARY, 30, (180,), False, False,
     "Moderation training for Key Stage 1 and 2 teacher assessment."),
    ("Primary Mathematics Subject Network", Kind.NETWORK, Audience.MIDDLE, EventPhase.PRIMARY,
     40, (38, 125, 240), False, True, "One of the five primary subject networks."),
    ("Secondary English Subject Network", Kind.NETWORK, Audience.MIDDLE, EventPhase.SECONDARY,
     40, (42, 128, 245), False, False, "One of the nine secondary subject networks."),
    ("Secondary Headteachers' Collaborative", Kind.NETWORK, Audience.HEAD, EventPhase.SECONDARY,
     25, (20, 110, 220), False, False, "The secondary headteachers' network."),
    ("Special Schools Learning Partnership", Kind.NETWORK, Audience.SENIOR, EventPhase.SPECIAL,
     20, (25, 115, 225), False, False, "The special schools' network."),
    ("Tower Hamlets Headteachers' Conference", Kind.CONFERENCE, Audience.HEAD, EventPhase.ALL,
     120, (58,), False, False,
     "The annual conference with the Headteachers' Committee, subsidised for member heads."),
    ("Assistant and Deputy Headteachers' Conference", Kind.CONFERENCE, Audience.SENIOR,
     EventPhase.ALL, 150, (185,), False, False,
     "Renowned speakers, local leaders and THEP, investing in the senior leader pipeline."),
    ("Spotlight: Recruitment and Retention Strategies", Kind.SPOTLIGHT, Audience.SENIOR,
     EventPhase.ALL, 60, (80,), True, False, "An online, hour-long look up and out."),
    ("Spotlight: Managing Industrial Action", Kind.SPOTLIGHT, Audience.HEAD, EventPhase.ALL, 60,
     (160,), True, False, "An online, hour-long look up and out."),
    ("Governors: Understanding School Finances", Kind.COURSE, Audience.GOVERNOR, EventPhase.ALL,
     30, (100,), True, False, "With Tower Hamlets Governor Services."),
]  # fmt: skip

# Run again this year, in the weeks to come: (title, days from today of the first session).
THIS_YEAR = {
    "Phonics and Early Reading": 21,  # full, with a waiting list
    "Leadership Lab: Leading People": 28,
    "Future Headteachers": 35,
    "Primary Mathematics Subject Network": 14,
    "Spotlight: Recruitment and Retention Strategies": 10,
    "Assistant and Deputy Headteachers' Conference": 60,
}

COMMENTS = [
    "Practical ideas I used the next week.",
    "Good to hear how other Tower Hamlets schools do it.",
    "Useful, though the afternoon felt rushed.",
    "",
]


def load() -> None:
    desk = _Desk()
    past = [_event(row, first_day=years.first_day(DEMO_YEAR)) for row in OFFER]
    for n, event in enumerate(past):
        _bookings_of_a_past_event(desk, event, n)
    _invoices_of(DEMO_YEAR)
    for row in OFFER:
        if row[0] in THIS_YEAR:
            start = timezone.localdate() + datetime.timedelta(days=THIS_YEAR[row[0]])
            _bookings_to_come(desk, _event(row, first_day=start, this_year=True))
    load_seed_000_programme()
    load_bonner_teacher()


def _invoices_of(year: int) -> None:
    """Each term's places invoiced at the end of the term and paid a month later."""
    if Invoice.objects.filter(kind=InvoiceKind.PLACES, year=year).exists():
        return
    for term in years.Term:
        _, last_day = years.term_dates(year=year, term=term)
        try:
            invoices = term_invoices_create(year=year, term=term)
        except ValidationError:  # no places in that term
            continue
        for invoice in invoices:
            invoice_issue(invoice=invoice, on=last_day, make_pdf=False)
            invoice_mark_paid(invoice=invoice, paid_on=last_day + datetime.timedelta(days=30))


def _event(row: tuple, *, first_day: datetime.date, this_year: bool = False) -> Event:
    title, kind, audience, phase, capacity, days, online, led_by_lc, description = row
    year = years.year_of(first_day)
    existing = Event.objects.filter(
        title=title, starts_on__range=(years.first_day(year), years.last_day(year))
    ).first()
    if existing:
        return existing
    # 2023-24's days count from 1 September; this year's runs keep their spacing from today.
    offset = days[0] if this_year else 0
    dates = [first_day + datetime.timedelta(days=day - offset) for day in days]
    member_price, non_member_price = PRICES[kind]
    subject, summary = ABOUT.get(title, (Subject.OTHER, ""))
    event = Event.objects.create(
        kind=kind,
        title=title,
        description=description,
        audience=audience,
        phase=phase,
        subject=subject,
        summary=summary,
        capacity=capacity,
        member_price=Decimal(member_price),
        non_member_price=Decimal(non_member_price),
        booking_deadline=dates[0] - datetime.timedelta(days=7),
        facilitator=User.objects.get(email=FACILITATOR) if led_by_lc else None,
        facilitator_name="" if led_by_lc else "THE Partnership team",
        published=True,
    )
    start, end = (datetime.time(16), datetime.time(17)) if online else (
        datetime.time(9, 30), datetime.time(15, 30))  # fmt: skip
    for day in dates:
        Session.objects.create(
            event=event, date=day, starts_at=start, ends_at=end,
            venue="" if online else CENTRE, online=online,
        )  # fmt: skip
    return event


def _member_schools(year: int) -> list[School]:
    ids = Membership.objects.filter(year=year, member__school__isnull=False).values(
        "member__school_id"
    )
    return list(School.objects.filter(pk__in=ids).order_by("name"))


class _Desk:
    """What every booking looks up, looked up once a load: the people, each event's first
    day and each school's membership on it."""

    def __init__(self) -> None:
        self.people = {person.email: person for person in User.objects.all()}
        self.first_days: dict[int, datetime.date] = {}
        self.members: dict[tuple[int, datetime.date], bool] = {}

    def first_day(self, event: Event) -> datetime.date:
        if event.pk not in self.first_days:
            self.first_days[event.pk] = event.sessions.earliest("date").date
        return self.first_days[event.pk]

    def is_member(self, school: School, on: datetime.date) -> bool:
        if (school.pk, on) not in self.members:
            self.members[school.pk, on] = is_member(school=school, on=on)
        return self.members[school.pk, on]

    def book(
        self,
        event: Event,
        school: School,
        name: str,
        email: str,
        *,
        status: str = Status.CONFIRMED,
        at: datetime.datetime | None = None,
        attended: bool | None = None,
    ) -> Booking:
        member = self.is_member(school, on=self.first_day(event))
        booking = Booking.objects.create(
            event=event,
            school=school,
            delegate=self.people.get(email),
            delegate_name=name,
            delegate_email=email,
            booked_by=self.people.get(STAFF) if school.name == BONNER else None,
            status=status,
            price=event.price_for(member=member),
            non_member_price=event.non_member_price,
            at_member_price=member,
            created_at=at or timezone.now(),
            attended=attended,
        )
        if status in HOLDS_A_PLACE:
            Event.objects.filter(pk=event.pk).update(places_taken=F("places_taken") + 1)
        return booking


def _delegate(school: School, n: int) -> tuple[str, str]:
    slug = "".join(ch for ch in school.name.lower() if ch.isalnum())[:20]
    return f"Delegate {n} of {school.name}", f"delegate{n}@{slug}.example.org"


def _bookings_of_a_past_event(desk: _Desk, event: Event, n: int) -> None:
    """A past event fills to between a third and two thirds of its places, mostly from member
    schools; most delegates came and about half of those evaluated it."""
    if event.bookings.exists():
        return
    schools = _member_schools(DEMO_YEAR)
    wanted = max(3, event.capacity * (1 + n % 2) // 3)
    bonner = School.objects.get(name=BONNER)
    booked_at = timezone.make_aware(
        datetime.datetime.combine(years.first_day(DEMO_YEAR), datetime.time(9))
    )
    if event.audience in (Audience.ECT, Audience.MIDDLE):
        desk.book(event, bonner, "Nadia Begum", STAFF, at=booked_at, attended=True)
        wanted -= 1
    if n == 3:  # a school that is not a member pays the full price
        outside = School.objects.get(name="Culloden Primary School")
        desk.book(event, outside, *_delegate(outside, 1), at=booked_at, attended=True)
    for k in range(wanted):
        school = schools[(n * 7 + k * 3) % len(schools)]
        attended = k % 6 != 5
        booking = desk.book(
            event, school, *_delegate(school, k), at=booked_at + datetime.timedelta(minutes=k),
            attended=attended,
        )  # fmt: skip
        if attended and k % 2 == 0:
            Evaluation.objects.create(
                booking=booking, rating=5 - (k + n) % 3, comments=COMMENTS[(k + n) % 4]
            )


def _bookings_to_come(desk: _Desk, event: Event) -> None:
    if event.bookings.exists():
        return
    year = years.year_of(desk.first_day(event))
    schools = _member_schools(year)
    bonner = School.objects.get(name=BONNER)
    if event.title == "Phonics and Early Reading":
        # Full, with three on the waiting list in the order they booked.
        taken = event.capacity
        waiting = 3
    else:
        taken, waiting = event.capacity // 3, 0
    if event.audience in (Audience.ECT, Audience.MIDDLE):
        desk.book(event, bonner, "Nadia Begum", STAFF)
        taken -= 1
    for k in range(taken + waiting):
        school = schools[(k * 5 + len(event.title)) % len(schools)]
        status = Status.CONFIRMED if k < taken else Status.WAITING
        at = timezone.now() - datetime.timedelta(days=7, minutes=-k)
        desk.book(event, school, *_delegate(school, k), status=status, at=at)


# Each event's subject, and the summary its catalogue card gives (demo words), by title.
ABOUT = {
    "High Performance Leadership": (
        Subject.LEADERSHIP, "Six half days for senior leaders on building teams that perform."),
    "Future Headteachers": (
        Subject.LEADERSHIP, "For deputy and assistant heads preparing for headship."),
    "Next Generation Senior Leaders": (
        Subject.LEADERSHIP, "For middle leaders ready to join the SLT."),
    "Primary Subject Leadership": (
        Subject.CURRICULUM, "Leading a foundation subject through the new curriculum."),
    "BAME Leaders": (Subject.LEADERSHIP, "For BAME middle leaders, with Swanlea School."),
    "Support Staff Leaders": (
        Subject.LEADERSHIP, "For SBMs and support staff who lead teams."),
    "Leadership Lab: Leading People": (Subject.LEADERSHIP, ""),
    "Leadership Lab: Courageous Conversations": (Subject.LEADERSHIP, ""),
    "Empowering Leadership: Influencing Through Coaching": (Subject.LEADERSHIP, ""),
    "Primary Enhanced ECT Induction": (
        Subject.CURRICULUM, "Two years of induction for early career teachers and mentors."),
    "Phonics and Early Reading": (
        Subject.ENGLISH, "Systematic synthetic phonics in Reception and Key Stage 1."),
    "Moderation: Understanding National Expectations": (
        Subject.ASSESSMENT, "Moderating KS1 and KS2 writing against the national standards."),
    "Primary Mathematics Subject Network": (
        Subject.MATHS, "Subject leaders share what works in primary maths, termly."),
    "Secondary English Subject Network": (
        Subject.ENGLISH, "Heads of English share schemes of work and moderation, termly."),
    "Secondary Headteachers' Collaborative": (Subject.LEADERSHIP, ""),
    "Special Schools Learning Partnership": (
        Subject.SEND, "Leaders of the special schools, on SEND practice across the borough."),
    "Tower Hamlets Headteachers' Conference": (Subject.LEADERSHIP, ""),
    "Assistant and Deputy Headteachers' Conference": (Subject.LEADERSHIP, ""),
    "Spotlight: Recruitment and Retention Strategies": (Subject.LEADERSHIP, ""),
    "Spotlight: Managing Industrial Action": (Subject.LEADERSHIP, ""),
    "Governors: Understanding School Finances": (Subject.LEADERSHIP, ""),
}  # fmt: skip
# THE Partnership's 2017-18 programme, as seed 000's KPI tables (May 2018) count it: the
# delegates and schools of each conference, leadership programme and forum. The seed gives a
# delegate count, a school count, or both; what it leaves open is a demo value (noted).
SEED_YEAR = 2017

# title, kind, audience, phase of the event and of its schools, session days after 1 September,
# delegates, schools (the delegates spread evenly over the schools).
SEED_000_PROGRAMME = [
    # 70 delegates (seed); from 35 primary schools (demo).
    ("Primary Curriculum Conference", Kind.CONFERENCE, Audience.SENIOR, EventPhase.PRIMARY,
     (150,), 70, 35),
    # 8 schools (seed); two delegates from each (demo).
    ("Secondary Curriculum Conference", Kind.CONFERENCE, Audience.SENIOR, EventPhase.SECONDARY,
     (165,), 16, 8),
    # 6 headteachers (seed), one a school.
    ("New Headteacher Induction", Kind.PROGRAMME, Audience.HEAD, EventPhase.ALL,
     (20, 90, 200), 6, 6),
    # 18 delegates from 3 schools (seed).
    ("Middle Leader Programme", Kind.PROGRAMME, Audience.MIDDLE, EventPhase.ALL,
     (40, 100, 180), 18, 3),
    # 30 delegates (seed), each coached by a head; from 30 schools (demo).
    ("Future Headteachers Programme", Kind.PROGRAMME, Audience.SENIOR, EventPhase.ALL,
     (45, 110, 190), 30, 30),
    # 6 schools (seed); their heads (demo).
    ("Heads Up", Kind.PROGRAMME, Audience.HEAD, EventPhase.ALL, (60, 160), 6, 6),
    # 40 schools (seed); their heads (demo).
    ("Leadership Forum", Kind.NETWORK, Audience.HEAD, EventPhase.ALL, (30, 130, 230), 40, 40),
    # 19 schools (seed); their chairs of governors (demo).
    ("Chair of Governors Forum", Kind.NETWORK, Audience.GOVERNOR, EventPhase.ALL,
     (50, 150, 250), 19, 19),
]  # fmt: skip


def load_seed_000_programme() -> None:
    """The 2017-18 events with seed 000's participation, all attended. The schools of one kind
    of event are all different, so the KPI table's schools add up as the seed's rows do. Written
    in bulk: two hundred places in one statement."""
    first_day = years.first_day(SEED_YEAR)
    if Event.objects.filter(
        title=SEED_000_PROGRAMME[0][0], starts_on__range=(first_day, years.last_day(SEED_YEAR))
    ).exists():
        return
    member_ids = member_school_ids(on=first_day)
    if member_ids is None:  # a register loaded without its members
        return
    members = School.objects.filter(pk__in=member_ids).order_by("name")
    taken: dict[str, set[int]] = {}
    bookings = []
    booked_at = timezone.make_aware(datetime.datetime.combine(first_day, datetime.time(9)))
    for title, kind, audience, phase, days, delegates, schools in SEED_000_PROGRAMME:
        row = (title, kind, audience, phase, delegates, days, False, False,
               f"{title}: THE Partnership's {years.label(SEED_YEAR)} programme.")  # fmt: skip
        event = _event(row, first_day=first_day)
        used = taken.setdefault(kind, set())
        fitting = [
            school for school in members
            if school.pk not in used and phase in (EventPhase.ALL, school.phase)
        ][:schools]  # fmt: skip
        used.update(school.pk for school in fitting)
        for k in range(delegates):
            school = fitting[k % schools]
            name, email = _delegate(school, k // schools + 1)
            bookings.append(
                Booking(
                    event=event, school=school, delegate_name=name, delegate_email=email,
                    status=Status.CONFIRMED, price=event.member_price,
                    non_member_price=event.non_member_price, at_member_price=True,
                    created_at=booked_at + datetime.timedelta(minutes=k), attended=True,
                )
            )  # fmt: skip
        Event.objects.filter(pk=event.pk).update(places_taken=delegates)
    Booking.objects.bulk_create(bookings)


TEACHER = "teacher@example.org"


def load_bonner_teacher() -> None:
    """A class teacher at Bonner, whose bookings wait for the head's approval (Bonner asks for
    it), with a network she attended last year and one request waiting for Helen Marsh."""
    teacher, created = User.objects.get_or_create(
        email=TEACHER,
        defaults={"first_name": "Rahima", "last_name": "Khatun", "role": Role.STAFF},
    )
    if created:
        teacher.set_password(settings.THEP_DEMO_PASSWORD)
        teacher.save(update_fields=["password"])
    bonner = School.objects.get(name=BONNER)
    Affiliation.objects.get_or_create(person=teacher, school=bonner)
    SchoolPolicy.objects.get_or_create(
        school=bonner, defaults={"staff_bookings_need_approval": True}
    )
    if Booking.objects.filter(delegate=teacher).exists():
        return
    desk = _Desk()
    network = Event.objects.get(
        title="Primary Mathematics Subject Network",
        starts_on__range=(years.first_day(DEMO_YEAR), years.last_day(DEMO_YEAR)),
    )
    booked_at = timezone.make_aware(
        datetime.datetime.combine(years.first_day(DEMO_YEAR), datetime.time(10))
    )
    desk.book(network, bonner, str(teacher), TEACHER, at=booked_at, attended=True)
    course = Event.objects.get(
        title="Leadership Lab: Leading People", starts_on__gt=years.last_day(DEMO_YEAR)
    )
    request = desk.book(course, bonner, str(teacher), TEACHER, status=Status.REQUESTED)
    Booking.objects.filter(pk=request.pk).update(booked_by=teacher)
