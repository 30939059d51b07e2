import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail

from thep.models import User
from thep.services import invitation_message, retention_apply

logger = logging.getLogger(__name__)


# SMTP errors are OSErrors: a mail server that is down for a while is tried again, waiting
# longer each time. Sending twice would give two working links, which does no harm.
@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=600, max_retries=6)
def invitation_send(person_id: int, by_id: int) -> None:
    person = User.objects.get(pk=person_id)
    by = User.objects.get(pk=by_id)
    send_mail(
        "Your THE Partnership portal account",
        invitation_message(person=person, by=by),
        settings.DEFAULT_FROM_EMAIL,
        [person.email],
    )


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=600, max_retries=6)
def mail_send(subject: str, body: str, from_email: str, to: list[str]) -> None:
    """A message rendered in the request, sent from the worker."""
    send_mail(subject, body, from_email, to)


@shared_task
def retention_nightly() -> None:
    """Run by Celery beat (settings.CELERY_BEAT_SCHEDULE): what the retention settings say to
    remove goes without anyone having to remember."""
    for what, count in retention_apply(commit=True):
        logger.info("retention: %d %s", count, what)
