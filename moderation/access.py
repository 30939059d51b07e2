"""Who may open the moderation pages, and which visits they then reach. Everything else is a
404, the same answer as for a visit that does not exist."""

from django.shortcuts import get_object_or_404

from moderation.models import Visit
from moderation.selectors import visits_for
from thep.models import User


def moderates(user: User) -> bool:
    """Moderators have a page of the schools assigned to them, and record their visits."""
    return user.is_authenticated and user.is_moderator


def oversees(user: User) -> bool:
    """The office draws the samples and arranges the visits; directors see all of it."""
    return user.is_authenticated and (user.is_office or user.is_director)


def sees_visits(user: User) -> bool:
    """A visit's page: its moderator records it there; the office and directors read it."""
    return moderates(user) or oversees(user)


def arranges(user: User) -> bool:
    """Only the office draws samples and assigns moderators."""
    return user.is_authenticated and user.is_office


def visit_for(*, user: User, pk: int) -> Visit:
    """A visit the person may see: a moderator's own; any, for the office and directors; a
    404 otherwise."""
    return get_object_or_404(visits_for(user=user), pk=pk)
