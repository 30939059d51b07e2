from django.http import HttpRequest
from django.utils import timezone

from membership.models import School
from membership.selectors import schools_for
from ofsted.selectors import ofsted_for, sees_ofsted
from thep.panels import Panel


def school_panels(request: HttpRequest, school: School) -> list[Panel]:
    user = request.user
    if not sees_ofsted(user) or not schools_for(user=user).filter(pk=school.pk).exists():
        return []
    (ofsted,) = ofsted_for(schools=[school], today=timezone.localdate())
    return [Panel("ofsted/includes/school_panel.html", {"ofsted": ofsted})]
