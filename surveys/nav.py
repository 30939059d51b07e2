from django.urls import reverse

from surveys.access import answers_surveys, sees_results
from thep.models import User


def items(user: User) -> list[tuple[str, str]]:
    if answers_surveys(user):
        return [("Surveys", reverse("surveys:mine"))]
    if sees_results(user):
        return [("Surveys", reverse("surveys:surveys"))]
    return []
