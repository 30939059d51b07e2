from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.template.loader import render_to_string

from ofsted.models import StrategyMeeting
from thep.models import Role, User

# Long enough to outlast any redelivery of the task; short enough not to keep keys forever.
TOLD_FOR_SECONDS = 30 * 24 * 60 * 60


# SMTP errors are OSErrors: a mail server that is down or refuses for a while is tried again,
# waiting longer each time.
@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=600, max_retries=6)
def tell_directors_of_strategy_meeting(meeting_id: int) -> int:
    """Email every active director that a school is put forward for a strategy meeting.
    Returns the number of people told; a task delivered twice tells them once."""
    told = f"ofsted:strategy-meeting-told:{meeting_id}"
    if cache.get(told):
        return 0
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
    cache.set(told, True, TOLD_FOR_SECONDS)
    return len(directors)
