from django.urls import reverse

from learning.selectors import leads_events, sees_bookings
from thep.models import User


def items(user: User) -> list[tuple[str, str]]:
    found = [("Professional learning", reverse("learning:catalogue"))]
    if sees_bookings(user):
        label = "Bookings" if user.is_director or user.is_office else "Our bookings"
        found.append((label, reverse("learning:bookings")))
    if leads_events(user):
        found.append(("Attendance", reverse("learning:events_led")))
    return found
