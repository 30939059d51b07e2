from django.shortcuts import get_object_or_404

from membership.models import School
from membership.selectors import schools_for
from thep.models import User


def school_for(*, user: User, urn: int) -> School:
    """The school with this URN if the person may see it; a 404 otherwise, as for no school."""
    return get_object_or_404(schools_for(user=user), urn=urn)
