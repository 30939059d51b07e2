from django.urls import reverse

from reports.kpis import sees_kpis
from thep.models import User


def items(user: User) -> list[tuple[str, str]]:
    return [("KPIs", reverse("reports:dashboard"))] if sees_kpis(user) else []
