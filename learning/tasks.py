from celery import shared_task

from learning.models import Event
from learning.services import offers_expire, offers_make


@shared_task
def offers_expire_task() -> int:
    """Run by beat (settings.CELERY_BEAT_SCHEDULE): pass lapsed waiting-list offers on to the
    next in line."""
    return offers_expire()


@shared_task
def offers_make_task(event_id: int) -> int:
    """Queued on commit when an event grows: offer its new places to those waiting."""
    return len(offers_make(event=Event.objects.get(pk=event_id)))
