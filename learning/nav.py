from django.urls import reverse

from thep.models import User


def items(user: User) -> list[tuple[str, str]]:
    """The catalogue for most people, and school people's own bookings. Directors and the
    office have the longest menus already, and reach professional learning from a home page
    panel instead (one more item pushed the menu off the bar at 1280 pixels)."""
    if user.runs_partnership:
        return []
    found = [("Professional learning", reverse("learning:catalogue"))]
    if user.is_head or user.is_school_staff:
        found.append(("Our bookings", reverse("learning:bookings")))
    return found
