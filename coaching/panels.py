from django.utils import timezone

from coaching.access import coaches
from coaching.selectors import HEAD_PANEL, HEAD_PANEL_SECONDS, coaching_of_schools, coming_sessions
from membership.models import School
from membership.selectors import schools_by_name
from thep import shared, years
from thep.access import AuthedRequest
from thep.panels import Panel


def _coaching_panel(request: AuthedRequest, schools: list[School]) -> Panel:
    """Kept for a few minutes for the person and their schools: five queries on every head's
    home and school page for figures that change a few times a term. Any change to what it
    reads works it out again (coaching.apps)."""
    year, today = years.current(), timezone.localdate()
    key = f"{request.user.pk}:{year}:{today}:{','.join(str(school.pk) for school in schools)}"
    return Panel(
        "coaching/includes/head_panel.html",
        {
            "year_label": years.label(year),
            "schools": shared.remembered(
                HEAD_PANEL,
                key,
                lambda: coaching_of_schools(
                    user=request.user, schools=schools, year=year, today=today
                ),
                HEAD_PANEL_SECONDS,
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
