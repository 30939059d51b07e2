from django.urls import reverse
from django.utils import timezone

from membership.models import School
from membership.selectors import schools_by_name
from ofsted.access import sees_ofsted
from ofsted.models import OfstedStanding
from ofsted.selectors import inspections_since, ofsted_for
from thep.access import AuthedRequest
from thep.links import link_to
from thep.panels import Item, Panel, queue
from thep.selectors import last_visit_before_this_one


def school_panels(request: AuthedRequest, school: School) -> list[Panel]:
    """The school's outcome and next window (the school page has already checked the person may
    see the school)."""
    if not sees_ofsted(request.user):
        return []
    (ofsted,) = ofsted_for(schools=[school], today=timezone.localdate())
    return [Panel("ofsted/includes/school_panel.html", {"ofsted": ofsted})]


def home_panels(request: AuthedRequest) -> list[Panel]:
    """A head's next inspection window; an LA officer's inspections recorded since their last
    visit. (Directors' windows are among the LC programme's queues, by phase.)"""
    user = request.user
    ofsted_page = link_to("ofsted:school")
    if user.is_head:
        return [
            queue(
                key="ofsted",
                title="Ofsted window",
                one="Ofsted window",
                many="Ofsted windows",
                rows=OfstedStanding.objects.filter(
                    school__in=[school.pk for school in schools_by_name(request=request)]
                )
                .select_related("school__window_override")
                .order_by("school__name"),
                item=lambda standing: Item(
                    standing.school.name,
                    ofsted_page(standing.school.urn),
                    note=f"next inspection {standing.window.label}",
                ),
            )
        ]
    if user.is_la_officer:
        since = last_visit_before_this_one(user=user)
        return [
            queue(
                key="ofsted-changes",
                title=f"Ofsted changes since your last visit, {since:%-d %b %Y}",
                one="Ofsted change since your last visit",
                many="Ofsted changes since your last visit",
                rows=inspections_since(user=user, since=since),
                item=lambda inspection: Item(
                    inspection.school.name,
                    ofsted_page(inspection.school.urn),
                    note=inspection.summary,
                ),
                more_url=reverse("ofsted:borough"),
                more_label="Ofsted outcomes of the borough",
            )
        ]
    return []
