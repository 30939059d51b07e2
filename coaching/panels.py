from django.utils import timezone

from coaching.access import coaches
from coaching.selectors import coaching_of_schools, coming_sessions
from membership.models import School
from membership.selectors import schools_by_name
from thep import years
from thep.access import AuthedRequest
from thep.panels import Panel


def _coaching_panel(request: AuthedRequest, schools: list[School]) -> Panel:
    year = years.current()
    return Panel(
        "coaching/includes/head_panel.html",
        {
            "year_label": years.label(year),
            "schools": coaching_of_schools(
                user=request.user, schools=schools, year=year, today=timezone.localdate()
            ),
        },
    )


def home_panels(request: AuthedRequest) -> list[Panel]:
    """A head's coaching sessions done and left this year; a coach's coming sessions."""
    user = request.user
    if coaches(user):
        return [
            Panel(
                "coaching/includes/coach_panel.html",
                {"sessions": coming_sessions(user=user, today=timezone.localdate())[:10]},
            )
        ]
    if not user.is_head:
        return []
    return [_coaching_panel(request, schools_by_name(request=request))]


def school_panels(request: AuthedRequest, school: School) -> list[Panel]:
    """The school's head's coaching, for the head (their own school: the school page checked)
    and directors; nobody else sees whether a head is coached."""
    if not (request.user.is_head or request.user.is_director):
        return []
    return [_coaching_panel(request, [school])]
