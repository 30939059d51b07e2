from membership.models import School
from outcomes.access import role_sees_outcomes
from outcomes.models import HEADLINES
from outcomes.selectors import recent_benchmarks_for
from thep import years
from thep.access import AuthedRequest
from thep.panels import Panel


def school_panels(request: AuthedRequest, school: School) -> list[Panel]:
    """The school's last three years of results, attendance and exclusions against the
    country, for those who may see them (outcomes.access); nothing while none are held. Its
    head is offered the form for this year's headline figures."""
    if not role_sees_outcomes(request.user, school):
        return []
    panels = []
    if request.user.is_head and HEADLINES.get(school.phase):
        panels.append(Panel("outcomes/includes/headlines_link.html", {"school": school}))
    held = recent_benchmarks_for(user=request.user, school=school)
    if held:
        shown = [(years.label(year), rows) for year, rows in held]
        panels.insert(0, Panel("outcomes/includes/school_panel.html", {"years": shown}))
    return panels
