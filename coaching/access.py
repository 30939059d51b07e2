"""Who may open the coaching pages, and which coaching they then reach. Everything else is a
404, the same answer as for coaching that does not exist."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from coaching.models import Allocation, Session
from coaching.selectors import allocations_for
from thep.models import User


def coaches(user: User) -> bool:
    """Coaches have a page of their coachees, and book and mark their sessions."""
    return user.is_authenticated and user.is_coach


def sees_every_head(user: User) -> bool:
    """Directors see every head's sessions held and left, and allocate coaches."""
    return user.is_authenticated and user.is_director


def coachee_for(*, user: User, pk: int) -> Allocation:
    """A head the person coaches; a 404 for anyone else's, or anyone but a coach."""
    if not coaches(user):
        raise Http404
    return get_object_or_404(allocations_for(user=user), pk=pk)


def session_for(*, user: User, pk: int) -> Session:
    """A session with one of the person's coachees, for them to mark; a 404 otherwise."""
    if not coaches(user):
        raise Http404
    sessions = Session.objects.filter(allocation__in=allocations_for(user=user))
    return get_object_or_404(sessions.select_related("allocation__head"), pk=pk)
