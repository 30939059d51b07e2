"""Who may open the LA commission's pages."""

from thep.models import User


def sees_delivery(user: User) -> bool:
    """What the commission delivered in a year: for the LA's officers and THEP's directors.
    Counts and dates only, never what an LC report says."""
    return user.is_authenticated and user.is_active and (user.is_director or user.is_la_officer)
