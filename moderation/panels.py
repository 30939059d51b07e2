from django.utils import timezone

from moderation.access import moderates
from moderation.selectors import visits_for
from thep.access import AuthedRequest
from thep.panels import Panel


def home_panels(request: AuthedRequest) -> list[Panel]:
    """A moderator's visits to come, and those whose outcome is still to record."""
    if not moderates(request.user):
        return []
    visits = visits_for(user=request.user).filter(recorded_at__isnull=True).order_by("date")
    return [
        Panel(
            "moderation/includes/moderator_panel.html",
            {"visits": visits[:10], "today": timezone.localdate()},
        )
    ]
