from django.urls import reverse

from commission.inspection_access import assigns_support
from thep.models import User


def items(user: User) -> list[tuple[str, str]]:
    if assigns_support(user):
        return [("Inspection support", reverse("commission:calls"))]
    return []
