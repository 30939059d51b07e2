from django.urls import reverse

from thep.models import User


def items(user: User) -> list[tuple[str, str]]:
    if user.is_director or user.is_office:
        return [("Audit trail", reverse("audit"))]
    return []
