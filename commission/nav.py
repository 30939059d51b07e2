from django.urls import reverse

from commission.access import sees_delivery
from thep.models import User


def items(user: User) -> list[tuple[str, str]]:
    return [("LA commission", reverse("commission:delivery_now"))] if sees_delivery(user) else []
