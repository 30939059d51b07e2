"""Who may open the bookings and attendance pages; `learning.selectors` decides which
bookings and events they then see (`booking_for`, `event_to_mark`, ...)."""

from thep.models import User


def sees_bookings(user: User) -> bool:
    return user.is_authenticated and (user.is_head or user.is_school_staff or user.runs_partnership)


def leads_events(user: User) -> bool:
    """Directors and the office look after every event, and Leadership Consultants lead many;
    anyone else only once they lead one."""
    if not user.is_authenticated:
        return False
    if user.runs_partnership or user.is_consultant:
        return True
    return user.facilitated_events.exists()


def keeps_a_record(user: User) -> bool:
    """School people have a CPD record of their own."""
    return user.is_authenticated and (user.is_head or user.is_school_staff)
