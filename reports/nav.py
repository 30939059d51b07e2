from django.urls import reverse

from reports.access import sees_kpis
from thep.models import User


def items(user: User) -> list[tuple[str, str]]:
    if sees_kpis(user):
        return [("Reports", reverse("reports:dashboard"))]  # the dashboard links to the PDFs
    if user.is_authenticated and user.is_la_officer:
        return [("Reports", reverse("reports:files"))]
    return []
