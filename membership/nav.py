from django.urls import reverse

from membership.selectors import schools_for
from thep.models import User


def items(user: User) -> list[tuple[str, str]]:
    if user.sees_every_school or user.is_consultant:
        return [("Schools", reverse("membership:schools"))]
    if user.is_head:
        schools = list(schools_for(user=user).values_list("urn", "name"))
        if len(schools) == 1:
            return [("Membership", reverse("membership:membership", args=[schools[0][0]]))]
        return [
            (f"Membership: {name}", reverse("membership:membership", args=[urn]))
            for urn, name in schools
        ]
    return []
