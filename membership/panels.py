from django.utils import timezone

from membership.access import sees_membership
from membership.models import School
from membership.selectors import is_member
from thep.access import AuthedRequest
from thep.panels import Panel


def school_panels(request: AuthedRequest, school: School) -> list[Panel]:
    if not sees_membership(request.user):
        return []
    member = is_member(school=school, on=timezone.localdate())
    may_join = request.user.is_head and not member
    return [
        Panel(
            "membership/includes/membership_panel.html",
            {"school": school, "is_member": member, "may_join": may_join},
        )
    ]
