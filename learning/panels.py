from django.db.models import Count, Q
from django.utils import timezone

from learning.models import Status
from learning.selectors import (
    bookings_for,
    evaluations_to_give,
    schools_managed_by,
)
from thep.access import AuthedRequest
from thep.panels import Panel


def home_panels(request: AuthedRequest) -> list[Panel]:
    """School people see what needs them: places offered, requests to approve, evaluations
    due, and what is booked."""
    user = request.user
    if user.runs_partnership:
        return [Panel("learning/includes/overview_panel.html")]
    if not (user.is_head or user.is_school_staff):
        return []
    coming = bookings_for(user=user).filter(event__ends_on__gte=timezone.localdate())
    counts = coming.aggregate(
        confirmed=Count("pk", filter=Q(status=Status.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=Status.WAITING)),
    )
    return [
        Panel(
            "learning/includes/home_panel.html",
            {
                "offers": list(coming.filter(status=Status.OFFERED)),
                "to_approve": coming.filter(
                    status=Status.REQUESTED, school__in=schools_managed_by(user=user)
                ).count(),
                "to_evaluate": list(evaluations_to_give(user=user)),
                **counts,
            },
        )
    ]
