from django.urls import reverse

from thep.models import User


def items(user: User) -> list[tuple[str, str]]:
    """One item for most people (directors' menus are long already: the catalogue page links
    to all bookings and to attendance); school people also get their school's bookings."""
    found = [("Professional learning", reverse("learning:catalogue"))]
    if user.is_head or user.is_school_staff:
        found.append(("Our bookings", reverse("learning:bookings")))
    return found
