from django.urls import reverse

from meetings.access import opens_meetings
from thep.models import User


def items(user: User) -> list[tuple[str, str]]:
    return [("Meetings", reverse("meetings:list"))] if opens_meetings(user) else []
