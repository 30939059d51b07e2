from membership.models import School
from reports.packs import sees_data_packs
from thep.access import AuthedRequest
from thep.panels import Panel


def school_panels(request: AuthedRequest, school: School) -> list[Panel]:
    """A link to the school's comparative data analysis packs, for those who may see them."""
    if not sees_data_packs(request.user, school):
        return []
    return [Panel("reports/includes/data_pack_panel.html", {"school": school})]
