from django.db.models import Exists, OuterRef
from django.utils import timezone

from improvement.access import invites_heads, sees_report_openings, sees_visits
from improvement.selectors import (
    allocation_now,
    heads_of,
    report_openings_for,
    reports_for,
    visit_entitlement,
    visits_for,
)
from membership.models import School
from thep import panels, years
from thep.access import AuthedRequest


def school_panels(request: AuthedRequest, school: School) -> list[panels.Panel]:
    """The school's LC, visit entitlement and this year's visits, for those with visit pages
    (the school page has already checked the person may see the school)."""
    found = _head_panel(request, school)
    if not sees_visits(request.user):
        return found
    today = timezone.localdate()
    year = years.year_of(today)
    # The dates, focus and report state the panel lists, not every column of five tables, and
    # whether this person may open each report, in the same query.
    visits = list(
        visits_for(user=request.user)
        .filter(school=school, year=year)
        .select_related(None)
        .select_related("report")
        .only("date", "focus", "report__status")
        .annotate(openable=Exists(reports_for(user=request.user).filter(pk=OuterRef("report__pk"))))
    )
    return [
        panels.Panel(
            "improvement/includes/school_panel.html",
            {
                "school": school,
                "allocation": allocation_now(school=school, on=today),
                "entitlement": visit_entitlement(school=school, year=year, today=today),
                "visits": visits,
                "year_label": years.label(year),
            },
        ),
        *found,
    ]


def _head_panel(request: AuthedRequest, school: School) -> list[panels.Panel]:
    """Whether the school's head is on the portal to agree reports, for those who invite
    heads: the office, and the school's LC (the school page shows an LC only their schools)."""
    if not invites_heads(request.user):
        return []
    heads = list(heads_of(school=school))
    # `joined` is the selector's annotation, which the stubs cannot see on a User.
    joined = [head for head in heads if head.joined]  # type: ignore[attr-defined]
    return [
        panels.Panel(
            "improvement/includes/head_panel.html",
            {"school": school, "joined": joined, "heads": heads},
        )
    ]


def audit_panels(request: AuthedRequest) -> list[panels.Panel]:
    """The latest openings of visit reports, for directors, with the way to all of them."""
    if not sees_report_openings(request.user):
        return []
    return [
        panels.Panel(
            "improvement/includes/audit_openings.html",
            {"openings": report_openings_for(user=request.user)[:10]},
        )
    ]
