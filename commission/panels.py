from django.db.models import QuerySet
from django.urls import reverse

from commission.inspection_support import open_calls
from commission.models import InspectionCall
from membership.models import School
from membership.selectors import schools_by_name
from thep.access import AuthedRequest
from thep.links import link_to
from thep.panels import Item, Panel, queue


def _summary(call) -> str:
    return f"{call.get_inspection_type_display()} inspection from {call.starts_on:%-d %b %Y}"


def _shown(calls: QuerySet[InspectionCall]) -> QuerySet[InspectionCall]:
    """Only what a queue's line shows (`_summary`): not the three people and the inspection
    the call's own page reads with it."""
    return (
        calls.select_related(None)
        .select_related("school")
        .only("inspection_type", "starts_on", "school__name")
    )


def home_panels(request: AuthedRequest) -> list[Panel]:
    """A head's "Ofsted called" button and their inspections supported; an LC's inspections
    to support; the directors' calls waiting for support to be assigned."""
    user = request.user
    page = link_to("commission:call")
    if user.is_head:
        return [
            Panel(
                "commission/includes/head_panel.html",
                {
                    "schools": schools_by_name(request=request),
                    "calls": open_calls(user=user),
                },
            )
        ]
    if user.is_consultant:
        return [
            queue(
                key="inspections",
                title="Inspections to support",
                one="inspection to support",
                rows=_shown(open_calls(user=user)),
                item=lambda call: Item(call.school.name, page(call.pk), note=_summary(call)),
            )
        ]
    if user.is_director:
        return [
            queue(
                key="inspection-calls",
                title="Ofsted inspections to assign support to",
                one="Ofsted inspection to assign support to",
                many="Ofsted inspections to assign support to",  # a name: its capital stays
                rows=_shown(open_calls(user=user).filter(meets_lead_inspector__isnull=True)),
                item=lambda call: Item(call.school.name, page(call.pk), note=_summary(call)),
                more_url=reverse("commission:calls"),
                more_label="All inspections to support",
            )
        ]
    return []


def school_panels(request: AuthedRequest, school: School) -> list[Panel]:
    """The office records Ofsted's call for a head on the phone, from the school's page."""
    if not request.user.is_office:
        return []
    return [Panel("commission/includes/office_panel.html", {"school": school})]
