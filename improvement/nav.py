from django.urls import reverse

from improvement.access import sees_good_practice, sees_review_group, sees_risk, sees_visits
from thep.models import User


def items(user: User) -> list[tuple[str, str]]:
    found = []
    if sees_visits(user):
        found.append(("Visits", reverse("improvement:visits")))
    if sees_risk(user):
        found.append(("Risk", reverse("improvement:risk")))
    if sees_review_group(user):
        found.append(("Review group", reverse("improvement:review_meetings")))
    if sees_good_practice(user):
        found.append(("Good practice", reverse("improvement:good_practice")))
    return found
