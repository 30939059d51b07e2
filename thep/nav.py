from django.urls import reverse

from thep.models import User


def items(user: User) -> list[tuple[str, str]]:
    items = []
    if user.runs_partnership:
        items.append(("Audit trail", reverse("audit")))
    if user.is_director:
        items.append(("Roles to approve", reverse("role_requests")))
    return items
