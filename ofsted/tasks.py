from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from ofsted.models import StrategyMeeting
from thep.models import Role, User


@shared_task
def tell_directors_of_strategy_meeting(meeting_id: int) -> int:
    """Email every active director that a school is put forward for a strategy meeting.
    Returns the number of people told."""
    meeting = StrategyMeeting.objects.select_related("school", "inspection").get(pk=meeting_id)
    directors = list(
        User.objects.filter(role=Role.DIRECTOR, is_active=True).values_list("email", flat=True)
    )
    if not directors:
        return 0
    body = render_to_string(
        "ofsted/email/strategy_meeting.txt",
        {"meeting": meeting, "site_url": settings.SITE_URL.rstrip("/")},
    )
    send_mail(
        f"Strategy meeting proposed: {meeting.school.name}",
        body,
        settings.DEFAULT_FROM_EMAIL,
        directors,
    )
    return len(directors)
