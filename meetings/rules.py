"""Who may vote, and whether a resolution passed (the rules and their sources are in
`meetings.models`)."""

import datetime

from django.db.models import QuerySet

from meetings.models import Meeting, Resolution
from membership.models import Category, Membership, School
from membership.selectors import MemberSchoolId


def full_member_on(*, school: School, day: datetime.date) -> bool:
    """A full membership current on the meeting's day: associates and others do not vote."""
    return Membership.objects.filter(
        member__school=school, category=Category.FULL, starts_on__lte=day, ends_on__gte=day
    ).exists()


def full_member_ids(*, day: datetime.date) -> QuerySet[Membership, MemberSchoolId]:
    return Membership.objects.filter(
        category=Category.FULL, starts_on__lte=day, ends_on__gte=day, member__school__isnull=False
    ).values("member__school_id")


def passes(*, kind: str, votes_for: int, against: int, present: int, quorum: int) -> bool:
    """Ordinary: more for than against (s.282). Special: for at least three quarters of the
    votes for and against (s.283). Never without a quorum present, nor with no votes cast."""
    if present < quorum or votes_for + against == 0:
        return False
    if kind == Resolution.Kind.SPECIAL:
        return votes_for * 4 >= (votes_for + against) * 3
    return votes_for > against


def present_count(*, meeting: Meeting) -> int:
    """Full member schools present: those that count towards the quorum."""
    return meeting.attendances.filter(school_id__in=full_member_ids(day=meeting.date)).count()
