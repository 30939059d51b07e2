from django.urls import reverse

from moderation.access import moderates, oversees
from thep.models import User


def items(user: User) -> list[tuple[str, str]]:
    if moderates(user):
        return [("Moderation visits", reverse("moderation:mine"))]
    if oversees(user):
        return [("Moderation", reverse("moderation:samples"))]
    return []
