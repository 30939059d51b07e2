import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import BooleanField, Case, ExpressionWrapper, F, Q, QuerySet, Value, When
from django.http import Http404

from membership.access import school_for
from membership.models import Phase, School
from membership.selectors import member_school_ids, schools_for
from ofsted.access import sees_borough_table, sees_ofsted
from ofsted.models import (
    Inspection,
    InspectionType,
    OfstedStanding,
    StrategyMeeting,
    WindowOverride,
)
from ofsted.outcomes import histories, outcome_from
from ofsted.windows import Window, window_for
from thep.models import User
from thep.years import next_term


def ofsted_school_for(*, user: User, urn: int) -> School:
    """The school whose Ofsted page this person may open; a 404 otherwise."""
    if not sees_ofsted(user):
        raise Http404
    return school_for(user=user, urn=urn)


@dataclass
class SchoolOfsted:
    school: School
    outcome: Inspection | None
    inspections: list[Inspection]  # the school's own, or with none, its predecessor's
    window: Window
    is_member: bool | None

    @property
    def uses_predecessor(self) -> bool:
        """Whether the outcome is the predecessor school's: a converter academy is counted by
        it until it is inspected itself, even if it has had an ungraded inspection since."""
        return self.outcome is not None and self.outcome.school_id != self.school.pk


def ofsted_for(
    *, schools: Iterable[School], today: datetime.date, members: set[int] | None = None
) -> list[SchoolOfsted]:
    """Outcome and window for each school, in three queries whatever their number."""
    schools = list(schools)
    by_school = histories(schools=schools, as_at=today)
    overrides = {
        override.school_id: override
        for override in WindowOverride.objects.filter(school__in=schools).select_related("set_by")
    }
    found = []
    for school in schools:
        inspections = by_school.get(school.pk) or by_school.get(school.predecessor_id, [])
        found.append(
            SchoolOfsted(
                school=school,
                outcome=outcome_from(school, by_school),
                inspections=inspections,
                window=window_for(
                    school=school, inspections=inspections, override=overrides.get(school.pk)
                ),
                is_member=None if members is None else school.pk in members,
            )
        )
    return found


OUTCOME_FILTERS = {
    "1": "Outstanding",
    "2": "Good",
    "3": "Requires improvement",
    "4": "Inadequate",
    "card": "Report card",
    "none": "No grade",
}


@dataclass(frozen=True)
class BoroughFilters:
    query: str = ""
    phase: str = ""
    outcome: str = ""
    academy: str = ""  # "yes", "no" or "" for both
    borough: str = ""  # "in", "out" or ""
    member: str = ""  # "yes", "no" or ""
    due_next_term: bool = False

    @classmethod
    def from_query(cls, params) -> "BoroughFilters":
        def pick(name: str, allowed: Iterable[str]) -> str:
            value = params.get(name, "")
            return value if value in allowed else ""

        return cls(
            query=params.get("q", "").strip()[:100],
            phase=pick("phase", Phase.values),
            outcome=pick("outcome", OUTCOME_FILTERS),
            academy=pick("academy", ("yes", "no")),
            borough=pick("borough", ("in", "out")),
            member=pick("member", ("yes", "no")),
            due_next_term=params.get("due") == "next-term",
        )

    def outcome_condition(self) -> Q:
        """The outcome filter, on the stored outcome (an `OfstedStanding` row)."""
        if self.outcome == "card":
            return Q(outcome__inspection_type=InspectionType.REPORT_CARD)
        if self.outcome == "none":
            return Q(outcome__isnull=True) | Q(
                outcome__inspection_type=InspectionType.GRADED,
                outcome__overall_effectiveness__isnull=True,
            )
        if self.outcome:
            return Q(outcome__overall_effectiveness=int(self.outcome))
        return Q()


@dataclass
class BoroughTable:
    # Dicts of the stored standing's columns and the school's (read as values: a page has a
    # hundred rows, and building a model for each of them cost more than the query), with
    # `is_member`: None while memberships are not known.
    rows: QuerySet
    members_recorded: bool


def borough_table(*, user: User, today: datetime.date, filters: BoroughFilters) -> BoroughTable:
    """The open schools this person sees, with outcome and window, by phase then inspection
    date, as in the strategy's table of Ofsted dates and outcomes. One query on the stored
    standings (ofsted.standings), however many schools."""
    if not sees_borough_table(user):
        raise Http404
    schools = schools_for(user=user).filter(is_open=True)
    if filters.query:
        schools = schools.filter(name__icontains=filters.query)
    if filters.phase:
        schools = schools.filter(phase=filters.phase)
    if filters.academy == "yes":
        schools = schools.exclude(school_type="la_maintained")
    elif filters.academy == "no":
        schools = schools.filter(school_type="la_maintained")
    if filters.borough == "in":
        schools = schools.filter(la_code=211)
    elif filters.borough == "out":
        schools = schools.exclude(la_code=211)
    rows = OfstedStanding.objects.filter(filters.outcome_condition(), school__in=schools)
    members = member_school_ids(on=today)
    if members is None:
        rows = rows.annotate(is_member=Value(None, output_field=BooleanField()))
    else:
        member = Q(school_id__in=members)
        rows = rows.annotate(is_member=ExpressionWrapper(member, output_field=BooleanField()))
        if filters.member:
            rows = rows.filter(member if filters.member == "yes" else ~member)
    if filters.due_next_term:
        rows = rows.filter(due_by__isnull=False, due_by__lte=next_term(today).end)
    phase_order = Case(
        *(When(school__phase=value, then=index) for index, value in enumerate(Phase.values))
    )
    table = rows.order_by(
        phase_order, F("outcome_on").asc(nulls_last=True), "school__name", "school_id"
    ).values(
        "is_member",
        "outcome_summary",
        "outcome_on",
        "uses_predecessor",
        "due_by",
        "window_kind",
        urn=F("school__urn"),
        name=F("school__name"),
        phase=F("school__phase"),
        school_type=F("school__school_type"),
        la_code=F("school__la_code"),
        override_id=F("school__window_override"),
    )
    return BoroughTable(rows=table, members_recorded=members is not None)


def schools_needing_strategy_meeting(*, user: User | None = None) -> QuerySet[School]:
    """Schools put forward for a strategy meeting that has not been held yet. Without a user,
    every such school (for services and other apps); with one, those the person may see."""
    schools = School.objects.all() if user is None else schools_for(user=user)
    pending = StrategyMeeting.objects.filter(held_on__isnull=True).values("school_id")
    return schools.filter(pk__in=pending).order_by("name")


def windows_due(
    *, schools: QuerySet[School], today: datetime.date, until: datetime.date
) -> QuerySet[OfstedStanding]:
    """The stored windows of these schools (chosen by a selector that took the user) whose
    inspection is due between today and `until`, the soonest first."""
    return (
        OfstedStanding.objects.filter(
            school__in=schools.values("pk"), due_by__gte=today, due_by__lte=until
        )
        .select_related("school__window_override")
        .order_by("due_by", "school__name")
    )


def inspections_since(*, user: User, since: datetime.datetime) -> QuerySet[Inspection]:
    """Inspections recorded since a time (imported or added by the office) at the schools this
    person may see the Ofsted pages of, newest first."""
    if not sees_ofsted(user):
        return Inspection.objects.none()
    return (
        Inspection.objects.filter(
            created_at__gt=since, school__in=schools_for(user=user).values("pk")
        )
        .select_related("school")
        .order_by("-created_at", "-pk")
    )
