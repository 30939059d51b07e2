"""Reads of the LC programme. Who sees a report is decided here and nowhere else:

- the LC who made the visit, in every state;
- the school's head, once it is shared (never a draft);
- the Director of Primary or Secondary, once submitted, for their phase; the Executive Director
  for every phase;
- nobody else: not school staff, not other LCs, not the office, never an LA officer."""

import datetime
import re
from collections import Counter
from dataclasses import dataclass

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db.models import (
    BooleanField,
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Cast, Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from improvement.access import (
    sees_good_practice,
    sees_report_openings,
    sees_review_group,
    sees_visits,
)
from improvement.models import (
    ASKING,
    Allocation,
    DiagnosticReview,
    GoodPractice,
    InterventionAction,
    InterventionGroup,
    Rating,
    Report,
    ReportComment,
    ReportOpening,
    ReportStatus,
    ReviewItem,
    ReviewMeeting,
    RiskArea,
    RiskRating,
    RiskSharing,
    Step,
    Term,
    Visit,
    director_for,
    term_of,
)
from membership.models import Phase, Purchase, School
from membership.selectors import EXTRA_LC_VISIT, served_by_lc
from thep import years
from thep.models import Role, User

SEEN_BY_HEADS = (
    ReportStatus.SHARED,
    ReportStatus.CHANGES,
    ReportStatus.AGREED,
    ReportStatus.SUBMITTED,
    ReportStatus.FINAL,
)
SEEN_BY_DIRECTORS = (ReportStatus.SUBMITTED, ReportStatus.FINAL)


def _phases_of(kind: str) -> list[str]:
    return [phase for phase in Phase.values if director_for(phase) == kind]


def reports_for(*, user: User) -> QuerySet[Report]:
    """The reports this person may open."""
    reports = Report.objects.select_related("visit__school", "visit__consultant")
    if not user.is_authenticated or not user.is_active:
        return reports.none()
    if user.is_consultant:
        return reports.filter(visit__consultant=user)
    if user.is_head:
        return reports.filter(
            visit__school__affiliations__person=user, status__in=SEEN_BY_HEADS
        ).distinct()
    if user.is_executive_director:
        return reports.filter(status__in=SEEN_BY_DIRECTORS)
    if user.is_director:
        return reports.filter(
            status__in=SEEN_BY_DIRECTORS, visit__school__phase__in=_phases_of(user.director_kind)
        )
    return reports.none()


def report_for(*, user: User, pk: int, opening: bool = True) -> Report:
    """A report this person may open, recorded as opened (unless `opening` is False: a draft
    saved as its LC types, on the page they opened); a 404 otherwise."""
    report = get_object_or_404(reports_for(user=user), pk=pk)
    if opening:
        ReportOpening.objects.create(report=report, person=user)
    return report


def _heads_on_the_portal(school) -> QuerySet[User]:
    """The school's heads who have joined the portal (chosen a password, or logged in): those
    who can agree a report. One invited and not yet in has the unusable password the office's
    and the LC's invitations give."""
    return User.objects.filter(
        Q(last_login__isnull=False)
        | ~Q(password__startswith=UNUSABLE_PASSWORD_PREFIX) & ~Q(password=""),  # nosec B106 (no password at all, not a password)
        role=Role.HEADTEACHER,
        is_active=True,
        affiliations__school=school,
    )


def head_joined(school: School | int | OuterRef) -> Exists:
    """Whether the school (an id, or OuterRef to one in a query of visits or reports) has a
    head on the portal, as an expression."""
    return Exists(_heads_on_the_portal(school))


def head_who_joined(*, school: School | int) -> User | None:
    """A head of the school who has logged in to the portal, or None: then a report shared
    with the school waits for the head to join."""
    return _heads_on_the_portal(school).first()


def _directors_reports(user: User) -> QuerySet[Report]:
    """Reports of the phases a director answers for (every phase for the Executive Director),
    in every state: for the lists and forms below, which choose the states and never show a
    report's text."""
    if not (user.is_authenticated and user.is_active and user.is_director):
        return Report.objects.none()
    reports = Report.objects.select_related("visit__school", "visit__consultant")
    if user.is_executive_director:
        return reports
    return reports.filter(visit__school__phase__in=_phases_of(user.director_kind))


def heads_of(*, school: School) -> QuerySet[User]:
    """The school's heads with an account, each marked `joined` (on the portal, as in
    `head_who_joined`) or not (invited, not in yet), in one query."""
    return User.objects.filter(
        role=Role.HEADTEACHER, is_active=True, affiliations__school=school
    ).annotate(joined=Exists(_heads_on_the_portal(school).filter(pk=OuterRef("pk"))))


def reports_to_record_agreement(*, user: User) -> QuerySet[Report]:
    """Shared reports whose head's agreement, given outside the portal, a director may record.
    A director does not read a report before it is submitted: the form shows only its school,
    visit and LC."""
    return _directors_reports(user).filter(status=ReportStatus.SHARED)


def directors_reports_to_act_on(*, user: User) -> QuerySet[Report]:
    """A director's reports to accept or send back (submitted), and those shared with a school
    whose head is not on the portal yet (to record an agreement given outside it), the longest
    waiting first."""
    waiting = Q(status=ReportStatus.SUBMITTED) | Q(
        ~Exists(_heads_on_the_portal(OuterRef("visit__school"))), status=ReportStatus.SHARED
    )
    return _directors_reports(user).filter(waiting).order_by("submitted_at", "shared_at")


def report_to_record_for(*, user: User, pk: int) -> Report:
    return get_object_or_404(reports_to_record_agreement(user=user), pk=pk)


def _visit_scope(user: User, via: str = "") -> Q | None:
    """Which visits this person may see, as a condition on a visit reached by `via` (e.g.
    "visit__" from a report); None for none. The one place the rule is written."""
    if not sees_visits(user):
        return None
    if user.is_consultant:
        return Q(**{f"{via}consultant": user})
    if user.is_head:
        return Q(**{f"{via}school__affiliations__person": user})
    if user.is_executive_director:
        return Q()
    return Q(**{f"{via}school__phase__in": _phases_of(user.director_kind)})


def visits_for(*, user: User) -> QuerySet[Visit]:
    """Visits (dates and focus, not reports) this person may see."""
    visits = Visit.objects.select_related("school", "consultant", "report", "diagnostic")
    scope = _visit_scope(user)
    return visits.none() if scope is None else visits.filter(scope)


def openable_reports(*, user: User, visits: QuerySet[Visit] | list[int]) -> set[int]:
    """Ids of the reports of these visits that this person may open, in one query."""
    return set(reports_for(user=user).filter(visit__in=visits).values_list("pk", flat=True))


def visit_for(*, user: User, pk: int) -> Visit:
    return get_object_or_404(visits_for(user=user), pk=pk)


def diagnostic_of(*, visit: Visit) -> DiagnosticReview | None:
    """The diagnostic review made at a visit (found with `visit_for`, so one the caller may
    see), draft or recorded, with its ratings and history."""
    return (
        DiagnosticReview.objects.filter(visit=visit)
        .select_related("changed_by")
        .prefetch_related("ratings", "changes__by")
        .first()
    )


def risk_sharing_of(*, school: School) -> RiskSharing | None:
    """The head's current agreement to share the school's risk rating with the LA, if any."""
    return (
        RiskSharing.objects.filter(school=school, withdrawn_at__isnull=True)
        .select_related("given_by")
        .first()
    )


def allocation_now(*, school: School, on: datetime.date) -> Allocation | None:
    """The LC allocated to the school on that day."""
    for allocation in Allocation.objects.filter(
        school=school, year=years.year_of(on)
    ).select_related("consultant"):
        if allocation.covers(on):
            return allocation
    return None


def is_new_head(*, school: School, year: int) -> bool:
    """In the first two years of headship at some point in the year: a head who started
    less than two years before the year begins (or during it)."""
    start = school.headship_start
    if start is None:
        return False
    two_years_on = start.replace(year=start.year + 2)
    return years.first_day(year) < two_years_on


def core_visits(*, school: School, year: int, served: bool) -> int:
    """Three visits a year, one a term; six, one a half term, for a head in the first two
    years of headship. Only for schools an LC serves that year (`served`: members, and the
    schools of the LA commission, member or not); the others have the visits they buy."""
    if not served:
        return 0
    return 6 if is_new_head(school=school, year=year) else 3


def core_visits_due(*, schools: QuerySet[School], year: int) -> tuple[int, int]:
    """How many schools, all served, and their `core_visits` summed, counted in the database:
    three each, three more for each head in the first two years of headship (`is_new_head`)."""
    first = years.first_day(year)
    counts = schools.aggregate(
        n=Count("pk"),
        new_heads=Count("pk", filter=Q(headship_start__gt=first.replace(year=first.year - 2))),
    )
    return counts["n"], 3 * counts["n"] + 3 * counts["new_heads"]


def served_annotation(*, year: int) -> ExpressionWrapper:
    """`served` of core_visits, as an annotation of School rows."""
    return ExpressionWrapper(served_by_lc(year=year), output_field=BooleanField())


@dataclass
class Entitlement:
    core: int
    bought: int
    done: int
    planned: int

    @property
    def total(self) -> int:
        return self.core + self.bought

    @property
    def remaining(self) -> int:
        return max(self.total - self.done - self.planned, 0)


def _visits_bought(year: int) -> Coalesce:
    """The extra visits a school (the row) ordered for a year and did not cancel, as
    `extra_visits_bought` counts them."""
    bought = (
        Purchase.objects.live()
        .filter(school=OuterRef("pk"), year=year, product__code=EXTRA_LC_VISIT)
        .values("school")
        .annotate(bought=Sum("quantity"))
        .values("bought")
    )
    return Coalesce(Subquery(bought), 0)


def visit_entitlement(*, school: School, year: int, today: datetime.date) -> Entitlement:
    """The core visits (core_visits) plus the visits the school bought."""
    dates = list(Visit.objects.filter(school=school, year=year).values_list("date", flat=True))
    # Whether an LC serves the school, and the visits it bought, in one query.
    row = (
        School.objects.filter(pk=school.pk)
        .annotate(served=served_annotation(year=year), bought=_visits_bought(year))
        .values("served", "bought")
        .get()
    )
    return Entitlement(
        core=core_visits(school=school, year=year, served=row["served"]),
        bought=row["bought"],
        done=sum(1 for day in dates if day <= today),
        planned=sum(1 for day in dates if day > today),
    )


def overdue_reports(*, user: User, today: datetime.date) -> QuerySet[Report]:
    """Reports not agreed two weeks after the visit, for directors: the school, LC and date,
    which they may see whatever the report's state, though not its content."""
    if not user.is_director:
        raise Http404
    return (
        Report.objects.filter(_visit_scope(user, via="visit__"), Report.overdue_on(today))
        .select_related("visit__school", "visit__consultant")
        .order_by("due_by", "pk")
    )


def good_practice_search(*, user: User, query: str) -> QuerySet[GoodPractice]:
    """Entries with every word of the query (web search syntax: "quoted phrases", `or`, `-word`),
    best first: words in the theme count for more than words in the description. Matching
    goes through the directory's full-text index; rank alone would also list entries with
    none of the words, at a rank near zero."""
    if not sees_good_practice(user):
        raise Http404
    entries = GoodPractice.objects.select_related("school")
    query = query.strip()
    if not query:
        return entries
    search = SearchQuery(query, config="english", search_type="websearch")
    weighted = SearchVector("theme", weight="A", config="english") + SearchVector(
        "description", weight="B", config="english"
    )
    return (
        entries.annotate(document=SearchVector("theme", "description", config="english"))
        .filter(document=search)
        .annotate(rank=SearchRank(weighted, search))
        .order_by("-rank", "-published_on", "pk")
    )


def report_openings_for(
    *,
    user: User,
    school: str = "",
    person: str = "",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[ReportOpening]:
    """Who opened which report and when, newest first, for directors: openings of the reports
    of the visits they may see (a phase director, their phase's), whatever the report's state.
    `school` matches a school's name or URN, `person` a name or email address; the dates are
    whole days, both included."""
    if not sees_report_openings(user):
        raise Http404
    openings = (
        ReportOpening.objects.filter(_visit_scope(user, via="report__visit__"))
        .select_related("person", "report__visit__school")
        .only(
            "at",
            "report__status",
            "report__visit__date",
            "report__visit__school__name",
            "report__visit__school__urn",
            "person__first_name",
            "person__last_name",
            "person__email",
            "person__role",
            "person__director_kind",
        )
        .order_by("-at", "-pk")
    )
    if school:
        by_name = Q(report__visit__school__name__icontains=school)
        openings = openings.filter(
            by_name | Q(report__visit__school__urn=int(school)) if school.isdecimal() else by_name
        )
    if person:
        for word in person.split():
            openings = openings.filter(
                Q(person__first_name__icontains=word)
                | Q(person__last_name__icontains=word)
                | Q(person__email__icontains=word)
            )
    if since:
        openings = openings.filter(at__gte=_day_start(since))
    if until:
        openings = openings.filter(at__lt=_day_start(until + datetime.timedelta(days=1)))
    return openings


def _day_start(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of the day, here: a range on the indexed time, not on its date."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def schools_to_visit(*, consultant: User, year: int) -> QuerySet[School]:
    """The schools an LC may schedule visits at in a year: those allocated to them."""
    return (
        School.objects.filter(allocations__consultant=consultant, allocations__year=year)
        .distinct()
        .order_by("name")
    )


def review_meetings_for(*, user: User) -> QuerySet[ReviewMeeting]:
    if not sees_review_group(user):
        return ReviewMeeting.objects.none()
    return ReviewMeeting.objects.prefetch_related("attendees", "items__school")


def review_meeting_for(*, user: User, pk: int) -> ReviewMeeting:
    return get_object_or_404(review_meetings_for(user=user), pk=pk)


def intervention_groups_for(*, user: User) -> QuerySet[InterventionGroup]:
    """Directors see every group; anyone else only the groups they are a member of."""
    groups = InterventionGroup.objects.select_related("school", "chair")
    if not user.is_authenticated or not user.is_active:
        return groups.none()
    if user.is_director:
        return groups
    return groups.filter(members=user)


def intervention_group_for(*, user: User, pk: int) -> InterventionGroup:
    return get_object_or_404(intervention_groups_for(user=user), pk=pk)


# Word beginnings that show an area for development belongs to a risk area, for the emerging
# themes (regular expressions, matched at the start of a word).
THEME_WORDS = {
    RiskArea.STAFFING: ("staffing", "recruit", "retention", "turnover", "vacanc"),
    RiskArea.BUDGETS: ("budget", "deficit", "financ"),
    RiskArea.PLACE_PLANNING: ("falling roll", "place planning", "admission", "intake"),
    RiskArea.SAFEGUARDING: ("safeguard",),
    RiskArea.CURRICULUM: ("curriculum",),
    RiskArea.TEACHING: ("teaching", "feedback", "assessment", "pedagog"),
    RiskArea.SEND: (r"send\b", "special educational", "ehcp", "inclusion"),
    RiskArea.ATTENDANCE: ("attendance", "absen"),
    RiskArea.BEHAVIOUR: ("behaviour", "exclusion", "suspension"),
    RiskArea.MOBILITY: ("mobility",),
    RiskArea.COMPLAINTS: ("complaint",),
    RiskArea.OFSTED: ("ofsted", "inspection"),
}


@dataclass
class ThemeRow:
    area: str
    ratings: dict[str, int]  # red, amber, green counts at the diagnostic reviews
    by_term: dict[str, int]  # reports whose areas for development mention it, by term


def emerging_themes(*, user: User, year: int, phase: str = "") -> list[ThemeRow]:
    """Risk ratings and areas for development counted across the year's reviews and the
    reports this director may open, optionally for one phase."""
    if not user.is_director:
        raise Http404
    reports = reports_for(user=user).filter(visit__year=year)
    ratings = RiskRating.objects.filter(review__year=year, review__is_draft=False)
    if phase:
        reports = reports.filter(visit__school__phase=phase)
        ratings = ratings.filter(review__school__phase=phase)
    rating_counts = Counter(ratings.values_list("area", "rating"))
    patterns = {
        area: re.compile(r"\b(" + "|".join(stems) + ")", re.IGNORECASE)
        for area, stems in THEME_WORDS.items()
    }
    mentions: Counter = Counter()
    for text, day in reports.values_list("areas_for_development", "visit__date"):
        for area, pattern in patterns.items():
            if pattern.search(text):
                mentions[area, term_of(day)] += 1
    return [
        ThemeRow(
            area=label,
            ratings={rating: rating_counts[area, rating] for rating in Rating.values},
            by_term={term: mentions[area, term] for term in Term.values},
        )
        for area, label in RiskArea.choices
    ]


# A head's and an LC's home queues, and the visits panel of a school page (improvement.panels),
# are kept a few minutes for the person, the school and the day: building their queries cost
# most of those pages' time. Any change to what they read works them out again at once
# (improvement.apps).
PANELS = "improvement-panels"
PANELS_SECONDS = 300


# What waits for each person, for their home page (improvement.panels). Each is a query in the
# order the queue lists it, most urgent first.


def reports_to_agree(*, user: User) -> QuerySet[Report]:
    """Reports shared with a head, for the head to agree, the soonest due first."""
    if not user.is_head:
        return Report.objects.none()
    return reports_for(user=user).filter(status=ReportStatus.SHARED).order_by("due_by", "pk")


def answers_to(*, user: User, since: datetime.datetime) -> QuerySet[ReportComment]:
    """The LC's answers to this person's comments and notes since a time, on reports they may
    still open, newest first."""
    return (
        ReportComment.objects.filter(
            kind=Step.ANSWER,
            answer_to__author=user,
            at__gte=since,
            report__in=reports_for(user=user).values("pk"),
        )
        .select_related("report__visit__school")
        .order_by("-at", "-pk")
    )


def visits_coming(*, user: User, today: datetime.date) -> QuerySet[Visit]:
    return visits_for(user=user).filter(date__gte=today).order_by("date", "start_time")


def reports_to_write(*, user: User, today: datetime.date) -> QuerySet[Report]:
    """An LC's drafts of visits that have happened, the soonest due first."""
    if not user.is_consultant:
        return Report.objects.none()
    return (
        reports_for(user=user)
        .filter(status=ReportStatus.DRAFT, visit__date__lte=today)
        .order_by("due_by", "pk")
    )


def reports_to_submit(*, user: User) -> QuerySet[Report]:
    """An LC's reports the head agreed, waiting to go to the director, the longest waiting first."""
    if not user.is_consultant:
        return Report.objects.none()
    return reports_for(user=user).filter(status=ReportStatus.AGREED).order_by("agreed_at", "pk")


def reports_overdue_with_the_head(*, user: User, today: datetime.date) -> QuerySet[Report]:
    """An LC's reports shared (or back for changes) and still not agreed two weeks after the
    visit; late drafts are among the reports to write."""
    if not user.is_consultant:
        return Report.objects.none()
    return (
        reports_for(user=user)
        .filter(Report.overdue_on(today))
        .exclude(status=ReportStatus.DRAFT)
        .order_by("due_by", "pk")
    )


def reports_owing_answers(*, user: User) -> QuerySet[Report]:
    """An LC's reports with a head's comment or a director's note not yet answered."""
    if not user.is_consultant:
        return Report.objects.none()
    owed = ReportComment.objects.filter(report=OuterRef("pk"), kind__in=ASKING, answer__isnull=True)
    return reports_for(user=user).filter(Exists(owed)).order_by("due_by", "pk")


@dataclass
class ToArrange:
    school: School
    remaining: int
    total: int


def visits_to_arrange(*, user: User, year: int) -> list[ToArrange]:
    """An LC's schools with visits of the year's entitlement (core and bought) neither made nor
    planned, the most to arrange first; in one query."""
    if not user.is_consultant:
        return []
    visits = (
        Visit.objects.filter(school=OuterRef("pk"), year=year)
        .values("school")
        .annotate(n=Count("pk"))
        .values("n")
    )
    schools = schools_to_visit(consultant=user, year=year).annotate(
        bought=_visits_bought(year),
        visits_made=Coalesce(Subquery(visits), 0),
        served=served_annotation(year=year),
    )
    found = []
    for school in schools:
        total = core_visits(school=school, year=year, served=school.served) + school.bought
        remaining = total - school.visits_made
        if remaining > 0:
            found.append(ToArrange(school=school, remaining=remaining, total=total))
    return sorted(found, key=lambda row: (-row.remaining, row.school.name))


def diagnostics_missing(*, user: User, year: int) -> QuerySet[School]:
    """An LC's schools with no diagnostic review this year, each with the id of its autumn
    visit by this LC (`autumn_visit`, None when there is none yet)."""
    if not user.is_consultant:
        return School.objects.none()
    start, end = years.term_dates(year=year, term=Term.AUTUMN)
    autumn = Visit.objects.filter(
        school=OuterRef("pk"), consultant=user, date__range=(start, end)
    ).order_by("date")
    return (
        schools_to_visit(consultant=user, year=year)
        .exclude(diagnostics__year=year)
        .annotate(autumn_visit=Subquery(autumn.values("pk")[:1]))
    )


def reports_to_finalise(*, user: User) -> QuerySet[Report]:
    """Submitted reports of a director's phases (every phase for the Executive Director), the
    longest waiting first."""
    if not user.is_director:
        return Report.objects.none()
    return reports_for(user=user).filter(status=ReportStatus.SUBMITTED).order_by("submitted_at")


def director_schools(*, user: User) -> QuerySet[School]:
    """The open schools of a director's phases (every phase for the Executive Director)."""
    if not user.is_director:
        return School.objects.none()
    schools = School.objects.filter(is_open=True)
    if user.is_executive_director:
        return schools
    return schools.filter(phase__in=_phases_of(user.director_kind))


def schools_without_visit(*, user: User, today: datetime.date) -> QuerySet[School]:
    """Schools of a director's phases with an LC this year and no visit this term."""
    year, term = years.year_of(today), term_of(today)
    start, end = years.term_dates(year=year, term=term)
    return (
        director_schools(user=user)
        .filter(Exists(Allocation.objects.filter(school=OuterRef("pk"), year=year)))
        .exclude(Exists(Visit.objects.filter(school=OuterRef("pk"), date__range=(start, end))))
        .order_by("name")
    )


def review_actions_for(*, user: User) -> QuerySet[ReviewItem]:
    """School Review Group actions this person may read (with the meetings' papers)."""
    if not sees_review_group(user):
        return ReviewItem.objects.none()
    return ReviewItem.objects.select_related("school", "meeting", "owner")


def intervention_actions_for(*, user: User) -> QuerySet[InterventionAction]:
    """Actions of the open intervention groups this person may read."""
    return InterventionAction.objects.filter(
        group__in=intervention_groups_for(user=user).filter(closed_on__isnull=True).values("pk")
    ).select_related("group__school", "owner")


# A Targeted Intervention Group reviews the school's progress every half term or so.
TIG_REVIEW_DAYS = 42


def intervention_reviews_due(*, user: User, until: datetime.date) -> QuerySet[InterventionGroup]:
    """Open groups of a director's phases whose next review of progress (six weeks after the
    last, or after the start) falls by `until`, the longest overdue first; `review_due` is
    that day."""
    if not user.is_director:
        return InterventionGroup.objects.none()
    return (
        intervention_groups_for(user=user)
        .filter(closed_on__isnull=True, school__in=director_schools(user=user).values("pk"))
        .annotate(
            # A date plus an interval is a timestamp in PostgreSQL: back to a day.
            review_due=Cast(
                Coalesce(Max("reviews__held_on"), F("started_on"))
                + datetime.timedelta(days=TIG_REVIEW_DAYS),
                output_field=DateField(),
            )
        )
        .filter(review_due__lte=until)
        .order_by("review_due")
    )


def next_review_meeting(*, user: User, today: datetime.date) -> ReviewMeeting | None:
    """The next School Review Group meeting, or the latest when none is planned yet."""
    meetings = review_meetings_for(user=user).prefetch_related(None)
    return (
        meetings.filter(held_on__gte=today).order_by("held_on").first()
        or meetings.order_by("-held_on").first()
    )
