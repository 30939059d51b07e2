"""Realistic volumes for benchmarks: a borough of `schools` schools over `years` membership
years, with memberships, pupil numbers, inspections, LC allocations, visits, reports and
diagnostic reviews. Rows go in with bulk_create, in one transaction: all or nothing.

Ten times the borough (1,000 schools over 10 years) is about 30,000 visits and reports,
120,000 risk ratings, 4,000 events and 200,000 bookings; each final report opened twice, and
one in ten in the good-practice directory; and ten years of published performance data, about
190,000 figures (each school's measures for all and for disadvantaged pupils, one in twenty not
published), with Tower Hamlets', London's and England's rows."""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from improvement.models import (
    Allocation,
    DiagnosticReview,
    GoodPractice,
    Rating,
    Report,
    ReportOpening,
    ReportStatus,
    RiskArea,
    RiskRating,
    Visit,
    agreement_due,
)
from learning.models import Audience, Booking, Event
from learning.models import Kind as LearningKind
from learning.models import Session as LearningSession
from learning.models import Status as LearningStatus
from membership import standings
from membership.models import (
    Affiliation,
    Category,
    FeeRate,
    Member,
    Membership,
    Phase,
    PupilCount,
    School,
    SchoolType,
)
from ofsted.models import Inspection, InspectionType, Source
from outcomes.models import RANGES, Area, Figure, Group, Measure, standing
from thep import years
from thep.models import Role, User

FIRST_URN = 500_000
PHASES = [Phase.NURSERY] * 6 + [Phase.PRIMARY] * 70 + [Phase.SECONDARY] * 18 + [Phase.SPECIAL] * 6
GRADES = [1] * 3 + [2] * 6 + [3]
VISIT_DAYS = (30, 150, 250)  # autumn, spring and summer visits, days after 1 September
BATCH = 5_000
GOOD_PRACTICE = [
    ("Reading buddies", "Year 6 pupils read with Reception children every week."),
    ("Early reading", "Same-day phonics catch-up for every class."),
    ("Attendance", "Morning calls to the families of persistent absentees."),
    ("Playground buddies", "Older pupils run games at lunchtime."),
    ("Maths mastery", "Reasoning starters and shared planning across year groups."),
    ("Transition", "Buddies from Year 7 visit feeder schools in the summer term."),
]


@dataclass
class Counts:
    schools: int = 0
    memberships: int = 0
    inspections: int = 0
    visits: int = 0
    ratings: int = 0
    events: int = 0
    bookings: int = 0
    figures: int = 0


def already_generated() -> bool:
    return User.objects.filter(email__startswith="scale.").exists()


def generate(
    *, schools: int, years_back: int, password: str, seed: int = 2026, offset: int = 0
) -> Counts:
    """Make the data; the people it makes (a head per school, an LC per 20 schools) log in
    with `password`. `offset` numbers them after an earlier batch."""
    # Made-up data, not secrets (ruff S311, bandit B311).
    rng = random.Random(seed)  # noqa: S311  # nosec B311
    last = years.current()
    first = last - years_back + 1
    counts = Counts()
    hashed = make_password(password)
    with transaction.atomic():
        made = School.objects.bulk_create(
            School(
                urn=FIRST_URN + n,
                laestab=f"211{n:04d}"[:7],
                name=f"Scale {phase.title()} School {n:04d}",
                phase=phase,
                school_type=SchoolType.LA_MAINTAINED if n % 4 else SchoolType.ACADEMY,
                la_code=211,
                la_name="Tower Hamlets",
                pupils=rng.randint(90, 1400),
                pupils_are_demo=True,
                head_name=f"Head {n:04d}",
                headship_start=datetime.date(rng.randint(2005, last), 9, 1),
            )
            for n, phase in ((n, rng.choice(PHASES)) for n in range(offset, offset + schools))
        )
        counts.schools = len(made)
        heads = User.objects.bulk_create(
            User(
                email=f"scale.head{n:04d}@example.org",
                first_name="Head",
                last_name=f"{n:04d}",
                role=Role.HEADTEACHER,
                password=hashed,
            )
            for n in range(offset, offset + schools)
        )
        Affiliation.objects.bulk_create(
            Affiliation(person=head, school=school)
            for head, school in zip(heads, made, strict=True)
        )
        consultants = User.objects.bulk_create(
            User(
                email=f"scale.lc{n:03d}@example.org",
                first_name="Consultant",
                last_name=f"{n:03d}",
                role=Role.CONSULTANT,
                password=hashed,
            )
            for n in range(offset, offset + max(schools // 20, 1))
        )
        for year in range(first, last + 1):
            FeeRate.objects.get_or_create(
                year=year, defaults={"per_pupil": 9, "charged_from": years.first_day(year)}
            )
        members = Member.objects.bulk_create(
            Member(school=school) for school in made if rng.random() < 0.9
        )
        counts.memberships = _bulk(
            Membership,
            (
                Membership(
                    member=member,
                    year=year,
                    category=Category.FULL,
                    starts_on=years.first_day(year),
                    ends_on=years.last_day(year),
                )
                for member in members
                for year in range(first, last + 1)
            ),
        )
        _bulk(
            PupilCount,
            (
                PupilCount(
                    school=school, year=year, pupils=max(school.pupils + rng.randint(-60, 40), 30)
                )
                for school in made
                if school.pupils is not None  # all of them: each was made with a roll
                for year in range(first, last + 1)
            ),
        )
        counts.inspections = _bulk(
            Inspection,
            (
                Inspection(
                    school=school,
                    inspection_type=InspectionType.GRADED,
                    start_date=datetime.date(
                        first + offset, rng.randint(1, 12), rng.randint(1, 28)
                    ),
                    overall_effectiveness=rng.choice(GRADES),
                    source=Source.DEMO,
                )
                for school in made
                for offset in sorted(rng.sample(range(years_back), min(3, years_back)))
            ),
        )
        counts.visits, counts.ratings = _programme(rng, made, consultants, first, last)
        counts.events, counts.bookings = _learning(rng, made, first, last)
        counts.figures = _performance(rng, made, first, last)
        # Rows made in bulk send no signals: work out the new schools' standings here.
        standings.changed(school_ids=[school.pk for school in made])
    return counts


def _programme(rng: random.Random, schools: list[School], consultants: list[User],
               first: int, last: int) -> tuple[int, int]:  # fmt: skip
    today = datetime.date.today()
    _bulk(
        Allocation,
        (
            Allocation(
                school=school,
                consultant=consultants[n % len(consultants)],
                year=year,
                starts_on=years.first_day(year),
            )
            for n, school in enumerate(schools)
            for year in range(first, last + 1)
        ),
    )
    visits = Visit.objects.bulk_create(
        (
            Visit(
                school=school,
                consultant=consultants[n % len(consultants)],
                year=year,
                date=years.first_day(year) + datetime.timedelta(days=days),
                start_time=datetime.time(9, 30),
                minutes=150,
                focus="Termly visit",
            )
            for n, school in enumerate(schools)
            for year in range(first, last + 1)
            for days in VISIT_DAYS
        ),
        batch_size=BATCH,
    )
    reports = Report.objects.bulk_create(
        (
            Report(
                visit=visit,
                due_by=agreement_due(visit.date),
                status=ReportStatus.FINAL
                if visit.date < today - datetime.timedelta(days=30)
                else ReportStatus.DRAFT,
                summary="Discussion of the school's priorities and its progress since the last "
                "visit.",
                strengths="Leadership; early reading.",
                areas_for_development="Attendance of persistent absentees; maths feedback.",
            )
            for visit in visits
        ),
        batch_size=BATCH,
    )
    final = [report for report in reports if report.status == ReportStatus.FINAL]
    # Openings for the directors' audit: each final report read twice, here by its LC.
    _bulk(
        ReportOpening,
        (
            ReportOpening(report=report, person_id=report.visit.consultant_id)
            for report in final
            for _ in range(2)
        ),
    )
    _bulk(
        GoodPractice,
        (
            GoodPractice(
                report=report,
                school_id=report.visit.school_id,
                theme=GOOD_PRACTICE[n % len(GOOD_PRACTICE)][0],
                description=GOOD_PRACTICE[n % len(GOOD_PRACTICE)][1],
                published_on=report.visit.date + datetime.timedelta(days=30),
            )
            for n, report in enumerate(final[::10])
        ),
    )
    autumn = [visit for visit in visits if visit.date.month >= 9 and visit.date <= today]
    reviews = DiagnosticReview.objects.bulk_create(
        (
            DiagnosticReview(
                visit=visit,
                school_id=visit.school_id,
                year=visit.year,
                priorities="Attendance; maths.",
            )
            for visit in autumn
        ),
        batch_size=BATCH,
    )
    ratings = _bulk(
        RiskRating,
        (
            RiskRating(
                review=review, area=area, rating=rng.choices(Rating.values, weights=(1, 4, 15))[0]
            )
            for review in reviews
            for area in RiskArea.values
        ),
    )
    return len(visits), ratings


def _learning(rng: random.Random, schools: list[School], first: int, last: int) -> tuple[int, int]:
    """About 20 confirmed places a school a year (200,000 for 1,000 schools over 10 years), on
    events of 60 places, with member and non-member prices as in seed 004."""
    taken = min(50, len(schools))  # places taken of 60 on each event, one a school
    per_year = max(len(schools) * 20 // taken, 1)
    events = Event.objects.bulk_create(
        (
            Event(
                kind=kind,
                title=f"Scale {kind} {year} {n:04d}",
                description="Made-up event for benchmarks.",
                audience=rng.choice(Audience.values),
                capacity=60,
                places_taken=taken,
                member_price=0 if kind == LearningKind.NETWORK else 90,
                non_member_price=150,
                booking_deadline=deadline,
                # One session each, ten days after the deadline (bulk_create skips the
                # session's save, which would set these).
                starts_on=deadline + datetime.timedelta(days=10),
                ends_on=deadline + datetime.timedelta(days=10),
                published=True,
            )
            for year in range(first, last + 1)
            for n in range(per_year)
            for kind in [rng.choice(LearningKind.values)]
            for deadline in [years.first_day(year) + datetime.timedelta(days=20 + n % 300)]
        ),
        batch_size=BATCH,
    )
    _bulk(
        LearningSession,
        (
            LearningSession(
                event=event,
                date=event.starts_on,
                starts_at=datetime.time(9, 30),
                ends_at=datetime.time(15, 30),
                venue="Professional Development Centre",
            )
            for event in events
            if event.starts_on is not None  # all of them: each was made with its dates
        ),
    )
    now = timezone.now()
    bookings = _bulk(
        Booking,
        (
            Booking(
                event=event,
                school=school,
                delegate_name=f"Delegate {event.pk}-{n}",
                delegate_email=f"d{event.pk}-{n}@example.org",
                status=LearningStatus.CONFIRMED,
                price=event.member_price,
                non_member_price=event.non_member_price,
                at_member_price=True,
                created_at=now,
            )
            for event in events
            for n, school in enumerate(rng.sample(schools, taken))
        ),
    )
    return len(events), bookings


def _bulk(model, rows) -> int:
    return len(model.objects.bulk_create(rows, batch_size=BATCH))


# The measures a school's files give, by phase; every school has absence and exclusions.
KS2 = [
    Measure.KS2_RWM_EXPECTED,
    Measure.KS2_RWM_HIGHER,
    Measure.KS2_READING_SCORE,
    Measure.KS2_MATHS_SCORE,
    Measure.KS2_PROGRESS_READING,
    Measure.KS2_PROGRESS_WRITING,
    Measure.KS2_PROGRESS_MATHS,
]
KS4 = [
    Measure.KS4_ATTAINMENT8,
    Measure.KS4_PROGRESS8,
    Measure.KS4_BASICS_GRADE5,
    Measure.KS4_EBACC_APS,
]
EVERY_SCHOOL = [
    Measure.ABSENCE_OVERALL,
    Measure.ABSENCE_PERSISTENT,
    Measure.SUSPENSION_RATE,
    Measure.EXCLUSION_RATE,
]
MEASURES_BY_PHASE: dict[str, list[Measure]] = {Phase.PRIMARY: KS2, Phase.SECONDARY: KS4}


def _value(rng: random.Random, measure: str) -> Decimal:
    """A made-up figure in the middle half of the measure's range, to two places."""
    low, high = RANGES[measure]
    middle, spread = (low + high) / 2, (high - low) / 4
    drawn = Decimal(rng.uniform(float(middle - spread), float(middle + spread)))
    return drawn.quantize(Decimal("0.01"))


def _performance(rng: random.Random, schools: list[School], first: int, last: int) -> int:
    """Each school's figures for every year, with its percentile and quintile among the schools
    made, and Tower Hamlets', London's and England's rows (made up, as the schools' are)."""
    rows: list[Figure] = []
    areas: list[Figure] = []
    for year in range(first, last + 1):
        drawn: dict[tuple[str, str], list[Figure]] = {}
        for school in schools:
            for measure in [*MEASURES_BY_PHASE.get(school.phase, []), *EVERY_SCHOOL]:
                for group in Group.values:
                    published = rng.random() >= 0.05
                    figure = Figure(
                        school=school,
                        year=year,
                        measure=measure,
                        group=group,
                        value=_value(rng, measure) if published else None,
                        not_published="" if published else "suppressed: too few pupils (SUPP)",
                    )
                    rows.append(figure)
                    if published:
                        drawn.setdefault((measure, group), []).append(figure)
        for (of, group), figures in drawn.items():
            spread = sorted(each.value for each in figures if each.value is not None)
            for each in figures:
                if each.value is not None:
                    each.percentile, each.quintile = standing(spread, each.value, of)
            areas.extend(
                Figure(area=area, la_code=la_code, year=year, measure=of, group=group,
                       value=_value(rng, of))
                for area, la_code in ((Area.LA, 211), (Area.LONDON, None), (Area.ENGLAND, None))
            )  # fmt: skip
    # A later batch (`offset`) finds the areas' rows already made.
    Figure.objects.bulk_create(areas, batch_size=BATCH, ignore_conflicts=True)
    return _bulk(Figure, rows)
