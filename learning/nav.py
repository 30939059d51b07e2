from django.urls import reverse

from learning.selectors import sees_bookings
from thep.models import User


def items(user: User) -> list[tuple[str, str]]:
    found = [("Professional learning", reverse("learning:catalogue"))]
    if sees_bookings(user):
        label = "Bookings" if user.is_director or user.is_office else "Our bookings"
        found.append((label, reverse("learning:bookings")))
    # No query here: the menu is on every page. Others who lead an event reach its
    # attendance from the event's page.
    if user.is_director or user.is_office or user.is_consultant:
        found.append(("Attendance", reverse("learning:events_led")))
    return found
