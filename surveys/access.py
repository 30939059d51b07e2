"""Who may open the survey pages. Answering needs no login: the signed link is the key, and a
link someone has changed is a 404. Results are for THE Partnership's directors and office (the
office sees counts, never the words of free text); everyone else is a 404."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from surveys.models import Survey
from thep.models import User


def answers_surveys(user: User) -> bool:
    """Heads and school staff have a page of the surveys they are asked to answer."""
    return user.is_authenticated and (user.is_head or user.is_school_staff)


def sees_results(user: User) -> bool:
    return user.is_authenticated and user.runs_partnership


def reads_free_text(user: User) -> bool:
    """Free text may name people: directors read it, the office counts it."""
    return user.is_authenticated and user.is_director


def survey_for(*, user: User, pk: int) -> Survey:
    """A sent survey, for whoever may see results; a 404 otherwise."""
    if not sees_results(user):
        raise Http404
    return get_object_or_404(Survey.objects.filter(sent_at__isnull=False), pk=pk)
