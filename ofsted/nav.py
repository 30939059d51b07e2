from django.urls import reverse

from ofsted.access import sees_borough_table
from thep.models import User


def items(user: User) -> list[tuple[str, str]]:
    if sees_borough_table(user):
        return [("Ofsted", reverse("ofsted:borough"))]
    return []
