from membership.models import School
from outcomes.access import role_sees_outcomes
from thep.access import AuthedRequest
from thep.panels import Panel


def school_panels(request: AuthedRequest, school: School) -> list[Panel]:
    """A link to the school's comparative data analysis packs, for those whose role sees them
    (reports.packs.sees_data_packs: the school page has checked that they may open the school)."""
    if not role_sees_outcomes(request.user, school):
        return []
    return [Panel("reports/includes/data_pack_panel.html", {"school": school})]
