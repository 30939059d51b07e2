from django.urls import reverse

from coaching.access import coaches, sees_every_head
from thep.models import User


def items(user: User) -> list[tuple[str, str]]:
    if coaches(user):
        return [("Coachees", reverse("coaching:coachees"))]
    if sees_every_head(user):
        return [("Coaching", reverse("coaching:heads"))]
    return []
