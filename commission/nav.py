from django.urls import reverse

from commission.access import sees_delivery
from commission.inspection_access import assigns_support
from thep.models import User


def items(user: User) -> list[tuple[str, str]]:
    found = []
    if sees_delivery(user):
        found.append(("LA commission", reverse("commission:delivery_now")))
    if assigns_support(user):
        found.append(("Inspection support", reverse("commission:calls")))
    return found
