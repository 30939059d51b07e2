"""Reads of executive coaching. Who sees whose coaching is decided here and nowhere else:

- a coach, the heads allocated to them;
- a head, their own coaching;
- directors, every head's;
- nobody else: not school staff, not LCs, not the office (it allocates in the admin), never an
  LA officer. What is said in coaching is nowhere to be seen: it is never recorded."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404

from coaching.models import Allocation, Session, SessionStatus
from improvement.selectors import is_new_head
from membership.models import Affiliation, Membership, Purchase, School
from membership.selectors import COACHING_SESSION, coaching_sessions_bought, membership_for
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
    counts = Session.objects.filter(allocation__school=school, allocation__year=year).aggregate(
        **_counts("")
    )
    return Entitlement(
        core=core_sessions(
            school=school, year=year, member=membership_for(school=school, year=year) is not None
        ),
        bought=coaching_sessions_bought(school=school, year=year),
        **counts,
    )


def _counts(via: str) -> dict[str, Count]:
    """Sessions held, missed and booked (`via` the relation to them)."""
    return {
        status.value: Count(f"{via}pk", filter=Q(**{f"{via}status": status}))
        for status in (SessionStatus.HELD, SessionStatus.MISSED, SessionStatus.BOOKED)
    }


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
    left, in a fixed number of queries however many heads there are."""
    # The same figures `entitlement_of` reads one school at a time, for every row at once.
    bought = (
        Purchase.objects.filter(
            school=OuterRef("school"), year=OuterRef("year"), product__code=COACHING_SESSION
        )
        .values("school")
        .annotate(sessions=Sum("quantity"))
        .values("sessions")
    )
    allocations = (
        allocations_for(user=user)
        .filter(year=year)
        .annotate(
            member=Exists(
                Membership.objects.filter(member__school=OuterRef("school"), year=OuterRef("year"))
            ),
            bought=Coalesce(Subquery(bought, output_field=IntegerField()), 0),
            **_counts("sessions__"),
        )
        .order_by("school__name")
    )
    # The counts are read off each row; the stubs cannot see annotations made from a dict.
    return [
        CoachingRow(
            allocation=row,
            entitlement=Entitlement(
                core=core_sessions(school=row.school, year=year, member=row.member),
                bought=row.bought,
                held=row.held,  # type: ignore[attr-defined]
                missed=row.missed,  # type: ignore[attr-defined]
                booked=row.booked,  # type: ignore[attr-defined]
            ),
        )
        for row in allocations
    ]


def heads_without_coach(*, user: User, year: int) -> QuerySet[Affiliation]:
    """Heads of the year's member schools with no coach for it, for directors to allocate."""
    if not user.is_director:
        raise Http404
    return (
        Affiliation.objects.filter(
            person__role=Role.HEADTEACHER,
            person__is_active=True,
            school__member__memberships__year=year,
        )
        .exclude(school__coaching__year=year)
        .select_related("person", "school")
        .order_by("school__name", "person__last_name")
        .distinct()
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
