from django.db.models import QuerySet

from membership.models import School
from thep.models import User


def schools_for(*, user: User) -> QuerySet[School]:
    """The schools a person may open. Everyone else's school is a 404 to them."""
    if not user.is_authenticated or not user.is_active:
        return School.objects.none()
    if user.sees_every_school:
        return School.objects.all()
    if user.is_consultant:
        # Allocations live in `improvement`; the reverse name keeps this app free of that import.
        return School.objects.filter(allocations__consultant=user).distinct()
    if user.is_head or user.is_school_staff:
        return School.objects.filter(affiliations__person=user)
    return School.objects.none()
