from django.urls import reverse

from thep.models import User


def items(user: User) -> list[tuple[str, str]]:
    if user.runs_partnership:
        return [("Audit trail", reverse("audit"))]
    return []
