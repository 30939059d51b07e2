"""Who may see a school's performance data against the benchmarks: its head, its LC, the
directors and the office; the LA officer for LA-maintained schools (published figures of
academies are for the LA to read at the DfE). Anyone else gets a 404, as for no school."""

from django.http import Http404

from membership.access import school_for
from membership.models import School, SchoolType
from membership.selectors import schools_for
from thep.models import User


def role_sees_outcomes(user: User, school: School) -> bool:
    """Whether the person's role sees the figures of a school they may open (one from
    `membership.access.school_for`, which answers which schools those are)."""
    if not user.is_authenticated:
        return False
    if user.is_la_officer:
        return school.school_type == SchoolType.LA_MAINTAINED
    return user.is_head or user.is_consultant or user.runs_partnership


def sees_school_outcomes(user: User, school: School) -> bool:
    return role_sees_outcomes(user, school) and schools_for(user=user).filter(pk=school.pk).exists()


def outcomes_school_check(*, user: User, school: School) -> None:
    if not sees_school_outcomes(user, school):
        raise Http404


def headlines_school_for(*, user: User, urn: int) -> School:
    """The school whose headline figures this head enters: one of their own; a 404 to anyone
    else (the office imports the DfE's provisional files in the admin)."""
    school = school_for(user=user, urn=urn)
    if not user.is_head:
        raise Http404
    return school
