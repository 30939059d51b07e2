from django.utils import timezone

from coaching.access import coaches
from coaching.models import Allocation
from coaching.selectors import allocations_for, coming_sessions, entitlement_of
from membership.models import School
from membership.selectors import schools_for
from thep import years
from thep.access import AuthedRequest
from thep.panels import Panel


def _school_coaching(request: AuthedRequest, school: School, year: int) -> dict:
    allocation: Allocation | None = (
        allocations_for(user=request.user).filter(school=school, year=year).first()
    )
    return {
        "school": school,
        "allocation": allocation,
        "entitlement": entitlement_of(school=school, year=year),
        "sessions": coming_sessions(user=request.user, today=timezone.localdate()).filter(
            allocation__school=school
        ),
    }


def home_panels(request: AuthedRequest) -> list[Panel]:
    """A head's coaching sessions held and left this year; a coach's coming sessions."""
    user = request.user
    year = years.current()
    if coaches(user):
        return [
            Panel(
                "coaching/includes/coach_panel.html",
                {"sessions": coming_sessions(user=user, today=timezone.localdate())[:10]},
            )
        ]
    if not user.is_head:
        return []
    return [
        Panel(
            "coaching/includes/head_panel.html",
            {
                "year_label": years.label(year),
                "schools": [
                    _school_coaching(request, school, year)
                    for school in schools_for(user=user).order_by("name")
                ],
            },
        )
    ]


def school_panels(request: AuthedRequest, school: School) -> list[Panel]:
    """The school's head's coaching, for the head (their own school: the school page checked)
    and directors; nobody else sees whether a head is coached."""
    if not (request.user.is_head or request.user.is_director):
        return []
    year = years.current()
    return [
        Panel(
            "coaching/includes/head_panel.html",
            {"year_label": years.label(year), "schools": [_school_coaching(request, school, year)]},
        )
    ]
