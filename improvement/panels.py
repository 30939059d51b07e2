from django.utils import timezone

from improvement.access import sees_report_openings, sees_visits
from improvement.selectors import (
    allocation_now,
    openable_reports,
    report_openings_for,
    visit_entitlement,
    visits_for,
)
from membership.models import School
from thep import panels, years
from thep.access import AuthedRequest


def school_panels(request: AuthedRequest, school: School) -> list[panels.Panel]:
    """The school's LC, visit entitlement and this year's visits, for those with visit pages
    (the school page has already checked the person may see the school)."""
    if not sees_visits(request.user):
        return []
    today = timezone.localdate()
    year = years.year_of(today)
    # The dates, focus and report state the panel lists, not every column of five tables.
    visits = list(
        visits_for(user=request.user)
        .filter(school=school, year=year)
        .select_related(None)
        .select_related("report")
        .only("date", "focus", "report__status")
    )
    return [
        panels.Panel(
            "improvement/includes/school_panel.html",
            {
                "school": school,
                "allocation": allocation_now(school=school, on=today),
                "entitlement": visit_entitlement(school=school, year=year, today=today),
                "visits": visits,
                "openable": openable_reports(
                    user=request.user, visits=[visit.pk for visit in visits]
                ),
                "year_label": years.label(year),
            },
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
