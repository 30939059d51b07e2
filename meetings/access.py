"""Who may open the general meetings' pages, and which meeting, paper or resolution they then
reach. Members (heads and staff of member schools) read them; directors and the office run them.
Everyone else, the LA's officers included, gets a 404."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from meetings.models import Meeting, Paper, Resolution
from membership.selectors import member_school_ids
from thep.models import User


def opens_meetings(user: User) -> bool:
    """The list's door, by role alone (it is in every page's menu, which asks no database):
    a head or staff of a school that is not a member finds it empty, and why."""
    return user.is_authenticated and (user.is_head or user.is_school_staff or user.runs_partnership)


def sees_meetings(user: User) -> bool:
    """Directors and the office; heads and staff of a school that is a member today."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.runs_partnership:
        return True
    if not (user.is_head or user.is_school_staff):
        return False
    # Asked at the door and again by the access helper: worked out once a request.
    known = getattr(user, "_sees_meetings", None)
    if known is None:
        members = member_school_ids(on=timezone.localdate())
        known = members is not None and user.affiliations.filter(school_id__in=members).exists()
        user._sees_meetings = known  # type: ignore[attr-defined]
    return known


def manages_meetings(user: User) -> bool:
    return user.is_authenticated and user.runs_partnership


def meeting_for(*, user: User, pk: int) -> Meeting:
    if not sees_meetings(user):
        raise Http404
    return get_object_or_404(Meeting, pk=pk)


def paper_for(*, user: User, meeting_pk: int, pk: int) -> Paper:
    if not sees_meetings(user):
        raise Http404
    return get_object_or_404(Paper, meeting_id=meeting_pk, pk=pk)


def resolution_for(*, user: User, pk: int) -> Resolution:
    if not sees_meetings(user):
        raise Http404
    return get_object_or_404(Resolution.objects.select_related("meeting"), pk=pk)
