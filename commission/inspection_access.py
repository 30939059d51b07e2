"""Who may open the inspection-support pages, and which calls and schools they then reach.
Everything else is a 404, the same answer as for a call that does not exist."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from commission.inspection_support import calls_for
from commission.models import InspectionCall
from membership.models import School
from membership.selectors import schools_for
from thep.models import User


def records_calls(user: User) -> bool:
    """Heads tell THEP that Ofsted has called; the office records it when a head phones."""
    return user.is_authenticated and (user.is_head or user.is_office)


def sees_support(user: User) -> bool:
    """Inspection support is read as LC reports are: directors, LCs and heads (which calls,
    `calls_for` says); never the LA officer, the office, staff or coaches."""
    return user.is_authenticated and (user.is_director or user.is_consultant or user.is_head)


def assigns_support(user: User) -> bool:
    return user.is_authenticated and user.is_director


def writes_notes(user: User) -> bool:
    return user.is_authenticated and (user.is_director or user.is_consultant)


def school_to_call_for(*, user: User, urn: int) -> School:
    """A school whose call this person may record: a head's own, or any for the office."""
    if not records_calls(user):
        raise Http404
    return get_object_or_404(schools_for(user=user), urn=urn)


def call_for(*, user: User, pk: int) -> InspectionCall:
    """A call this person may see; a 404 otherwise."""
    if not sees_support(user):
        raise Http404
    return get_object_or_404(calls_for(user=user), pk=pk)
