"""Reads of executive coaching. Who sees whose coaching is decided here and nowhere else:

- a coach, the heads allocated to them;
- a head, their own coaching;
- directors, every head's;
- nobody else: not school staff, not LCs, not the office (it allocates in the admin), never an
  LA officer. What is said in coaching is nowhere to be seen: it is never recorded."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, IntegerField, Min, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404

from coaching.models import USES_ENTITLEMENT, Allocation, Session, SessionStatus
from improvement.selectors import is_new_head
from membership.models import Affiliation, Membership, Purchase, School
from membership.selectors import COACHING_SESSION
from thep.models import Role, User

# Seed 004: every headteacher of a member school has three sessions a year, and three more in
# each of the first two years of headship.
CORE_SESSIONS = 3
NEW_HEAD_SESSIONS = 3


def core_sessions(*, school: School, year: int, member: bool) -> int:
    """The sessions membership gives the school's head in a year: none without membership."""
    if not member:
        return 0
    return CORE_SESSIONS + (NEW_HEAD_SESSIONS if is_new_head(school=school, year=year) else 0)


@dataclass
class Entitlement:
    core: int
    bought: int
    held: int = 0
    missed: int = 0
    booked: int = 0

    @property
    def total(self) -> int:
        return self.core + self.bought

    @property
    def taken(self) -> int:
        """Held or missed (used), or booked (set aside)."""
        return self.held + self.missed + self.booked

    @property
    def left(self) -> int:
        return max(self.total - self.taken, 0)


def entitlement_of(*, school: School, year: int) -> Entitlement:
    """The head of the school's coaching sessions in a year, and what has become of them."""
    row = School.objects.filter(pk=school.pk).annotate(**_figures("pk", year)).get()
    return _entitlement(row, school, year)


def _figures(school: str, year: int) -> dict:
    """What an entitlement is worked out from, as annotations of rows whose school is the
    field `school`: one query however many rows. Whether the school is a member that year,
    the sessions it bought (as `coaching_sessions_bought` counts them), and its head's sessions
    held, missed and booked."""
    of_school = {"allocation__school": OuterRef(school), "allocation__year": year}
    bought = (
        Purchase.objects.filter(school=OuterRef(school), year=year, product__code=COACHING_SESSION)
        .values("school")
        .annotate(sessions=Sum("quantity"))
        .values("sessions")
    )

    def count(status: str) -> Coalesce:
        sessions = (
            Session.objects.filter(status=status, **of_school)
            .values("allocation__school")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Coalesce(Subquery(sessions, output_field=IntegerField()), 0)

    return {
        "is_member": Exists(Membership.objects.filter(member__school=OuterRef(school), year=year)),
        "bought": Coalesce(Subquery(bought, output_field=IntegerField()), 0),
        **{status.value: count(status) for status in USES_ENTITLEMENT},
    }


def _entitlement(row: Any, school: School, year: int) -> Entitlement:
    """The entitlement of a row annotated with `_figures` (annotations made from a dict,
    which the stubs cannot see)."""
    return Entitlement(
        core=core_sessions(school=school, year=year, member=row.is_member),
        bought=row.bought,
        held=row.held,
        missed=row.missed,
        booked=row.booked,
    )


def allocations_for(*, user: User) -> QuerySet[Allocation]:
    """The coaching a person may see (see the module's docstring)."""
    allocations = Allocation.objects.select_related("coach", "head", "school")
    if not user.is_authenticated or not user.is_active:
        return allocations.none()
    if user.is_coach:
        return allocations.filter(coach=user)
    if user.is_head:
        return allocations.filter(head=user)
    if user.is_director:
        return allocations
    return allocations.none()


@dataclass
class CoachingRow:
    allocation: Allocation
    entitlement: Entitlement


def coaching_rows(*, user: User, year: int) -> list[CoachingRow]:
    """Each head's coaching in a year that the person may see, with their sessions held and
    left, in one query however many heads there are."""
    allocations = (
        allocations_for(user=user)
        .filter(year=year)
        .annotate(**_figures("school", year))
        .order_by("school__name")
    )
    return [
        CoachingRow(allocation=row, entitlement=_entitlement(row, row.school, year))
        for row in allocations
    ]


# A head's coaching panel is kept this long at most (coaching.panels); a change to any row it
# reads (coaching.apps) works it out again at once. The headteacher's start date, which the
# register import writes in bulk, shows within the time.
HEAD_PANEL = "coaching-head-panel"
HEAD_PANEL_SECONDS = 300


@dataclass
class SchoolCoaching:
    school: School
    coach: str
    next_session: datetime.date | None
    entitlement: Entitlement


def coaching_of_schools(
    *, user: User, schools: list[School], year: int, today: datetime.date
) -> list[SchoolCoaching]:
    """For heads and directors: each school's head's coach (of those the person may see),
    their next session and their sessions done and left, for `schools` the page has already
    read. Five flat queries however many schools: the one query of seven subqueries this was
    took Django longer to build than these take to run (tens of milliseconds on every head's
    home page)."""
    ids = [school.pk for school in schools]
    seen = allocations_for(user=user).filter(school__in=ids, year=year)
    coaches: dict[int, str] = {}
    for allocation in seen:
        name = f"{allocation.coach.first_name} {allocation.coach.last_name}".strip()
        coaches.setdefault(allocation.school_id, name)
    next_sessions = dict(
        Session.objects.filter(
            allocation__in=seen.values("pk"), status=SessionStatus.BOOKED, date__gte=today
        )
        .order_by()
        .values_list("allocation__school")
        .annotate(first=Min("date"))
    )
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for school_id, status, number in (
        Session.objects.filter(
            allocation__school__in=ids, allocation__year=year, status__in=USES_ENTITLEMENT
        )
        .order_by()
        .values_list("allocation__school", "status")
        .annotate(number=Count("pk"))
    ):
        counts[school_id][status] = number
    bought = dict(
        Purchase.objects.filter(school__in=ids, year=year, product__code=COACHING_SESSION)
        .order_by()
        .values_list("school")
        .annotate(sessions=Sum("quantity"))
    )
    members = set(
        Membership.objects.filter(member__school__in=ids, year=year).values_list(
            "member__school", flat=True
        )
    )
    return [
        SchoolCoaching(
            school=school,
            coach=coaches.get(school.pk, ""),
            next_session=next_sessions.get(school.pk),
            entitlement=Entitlement(
                core=core_sessions(school=school, year=year, member=school.pk in members),
                bought=bought.get(school.pk, 0),
                **{
                    status.value: counts[school.pk].get(status.value, 0)
                    for status in USES_ENTITLEMENT
                },
            ),
        )
        for school in schools
    ]


def heads_without_coach(*, user: User, year: int) -> QuerySet[Affiliation]:
    """Heads of the year's member schools with no coach for it, for directors to allocate."""
    if not user.is_director:
        raise Http404
    # Membership as a subquery, not a join, so no row comes twice and none needs DISTINCT; and
    # only what the choices show: at ten times the borough there are a thousand of them.
    return (
        Affiliation.objects.filter(
            Exists(Membership.objects.filter(member__school=OuterRef("school"), year=year)),
            person__role=Role.HEADTEACHER,
            person__is_active=True,
        )
        .exclude(school__coaching__year=year)
        .select_related("person", "school")
        .only("person__first_name", "person__last_name", "person__email", "school__name")
        .order_by("school__name", "person__last_name")
    )


def sessions_of(*, allocation: Allocation) -> QuerySet[Session]:
    """The sessions of coaching the caller got from `allocations_for` (or an access helper)."""
    return allocation.sessions.all()


def coming_sessions(*, user: User, today: datetime.date) -> QuerySet[Session]:
    """Booked sessions from today on, of the coaching the person may see."""
    return (
        Session.objects.filter(
            allocation__in=allocations_for(user=user),
            status=SessionStatus.BOOKED,
            date__gte=today,
        )
        .select_related("allocation__head", "allocation__school")
        .order_by("date", "start_time")
    )
