from django.urls import reverse

from thep.models import User


def items(user: User) -> list[tuple[str, str]]:
    if user.sees_every_school or user.is_consultant:
        return [("Schools", reverse("membership:schools"))]
    if user.is_head:
        return [("Membership", reverse("membership:mine"))]
    return []
