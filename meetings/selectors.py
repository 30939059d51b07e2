"""Reads for the general meetings' pages, always for the person who asks."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypedDict

from django.db.models import Count, Q, QuerySet

from meetings.access import sees_meetings
from meetings.models import Appointment, Delegate, Meeting, Resolution, Vote
from membership.models import Category, Membership, School
from membership.search import schools_matching
from thep.models import User


def meetings_for(*, user: User) -> QuerySet[Meeting]:
    if not sees_meetings(user):
        return Meeting.objects.none()
    return Meeting.objects.annotate(resolution_count=Count("resolutions"))


@dataclass
class SchoolAtMeeting:
    """A school the person speaks for at the meeting: as its head, or as its delegate."""

    school: School
    is_head: bool
    standing: str  # "full", "associate" or "" on the meeting's day
    delegate: Delegate | None = None
    present: bool = False
    votes: dict[int, Vote] = field(default_factory=dict)  # by resolution id

    @property
    def votes_here(self) -> bool:
        return self.standing == Category.FULL


def schools_at(*, user: User, meeting: Meeting) -> list[SchoolAtMeeting]:
    """The schools the person heads, and those they are the named delegate of, with the
    school's standing on the meeting's day, its delegate, presence and votes."""
    headed = set()
    if user.is_head:
        headed = set(user.affiliations.values_list("school_id", flat=True))
    delegated = set(
        Delegate.objects.filter(meeting=meeting, person=user).values_list("school_id", flat=True)
    )
    ids = headed | delegated
    if not ids:
        return []
    standings = dict(
        Membership.objects.filter(
            member__school_id__in=ids, starts_on__lte=meeting.date, ends_on__gte=meeting.date
        ).values_list("member__school_id", "category")
    )
    delegates = {
        delegate.school_id: delegate
        for delegate in Delegate.objects.filter(meeting=meeting, school_id__in=ids).select_related(
            "person"
        )
    }
    present = set(meeting.attendances.filter(school_id__in=ids).values_list("school_id", flat=True))
    rows = {
        school.pk: SchoolAtMeeting(
            school=school,
            is_head=school.pk in headed,
            standing=standings.get(school.pk, ""),
            delegate=delegates.get(school.pk),
            present=school.pk in present,
        )
        for school in School.objects.filter(pk__in=ids).order_by("name")
    }
    for vote in Vote.objects.filter(resolution__meeting=meeting, school_id__in=ids):
        rows[vote.school_id].votes[vote.resolution_id] = vote
    return list(rows.values())


def resolutions_of(*, meeting: Meeting) -> QuerySet[Resolution]:
    """With their counts, shown once voting has closed."""
    return meeting.resolutions.annotate(
        votes_for=Count("votes", filter=Q(votes__choice=Vote.Choice.FOR)),
        against=Count("votes", filter=Q(votes__choice=Vote.Choice.AGAINST)),
        abstain=Count("votes", filter=Q(votes__choice=Vote.Choice.ABSTAIN)),
        cast=Count("votes"),
    )


class RegisterEntry(TypedDict):
    member__school_id: int
    member__school__name: str
    member__school__urn: int
    category: str


@dataclass(frozen=True)
class RegisterRow:
    school_id: int
    name: str
    urn: int
    associate: bool
    present: bool


def register_of(
    *, meeting: Meeting, query: str = "", phase: str = ""
) -> QuerySet[Membership, RegisterEntry]:
    """The schools that are members on the meeting's day, by name, those matching `query` (a
    name or URN) and `phase`, as the values `register_rows` reads: the office's register."""
    memberships = Membership.objects.filter(
        starts_on__lte=meeting.date, ends_on__gte=meeting.date, member__school__isnull=False
    )
    return (
        schools_matching(memberships, query=query, phase=phase, via="member__school__")
        .order_by("member__school__name", "member__school_id")
        .values("member__school_id", "member__school__name", "member__school__urn", "category")
    )


def register_rows(*, meeting: Meeting, rows: Iterable[RegisterEntry]) -> list[RegisterRow]:
    """Rows of `register_of` (a page of them), with whether each school is recorded present."""
    rows = list(rows)
    present = set(
        meeting.attendances.filter(
            school_id__in=[row["member__school_id"] for row in rows]
        ).values_list("school_id", flat=True)
    )
    return [
        RegisterRow(
            school_id=row["member__school_id"],
            name=row["member__school__name"],
            urn=row["member__school__urn"],
            associate=row["category"] == Category.ASSOCIATE,
            present=row["member__school_id"] in present,
        )
        for row in rows
    ]


ROLE_ORDER = list(Appointment.Role.values)


def board_on(*, user: User, day: datetime.date) -> list[Appointment]:
    """The directors serving on that day, the chair first."""
    if not sees_meetings(user):
        return []
    serving = Appointment.objects.filter(appointed_on__lte=day, term_ends_on__gte=day)
    return sorted(
        serving.select_related("school"),
        key=lambda appointment: (ROLE_ORDER.index(appointment.role), appointment.person_name),
    )
