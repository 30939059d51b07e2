from django.utils import timezone

from membership.models import School
from ofsted.access import sees_ofsted
from ofsted.selectors import ofsted_for
from thep.access import AuthedRequest
from thep.panels import Panel


def school_panels(request: AuthedRequest, school: School) -> list[Panel]:
    """The school's outcome and next window (the school page has already checked the person may
    see the school)."""
    if not sees_ofsted(request.user):
        return []
    (ofsted,) = ofsted_for(schools=[school], today=timezone.localdate())
    return [Panel("ofsted/includes/school_panel.html", {"ofsted": ofsted})]
