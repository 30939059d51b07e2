from celery import shared_task

from learning.services import offers_expire


@shared_task
def offers_expire_task() -> int:
    """Run by beat (settings.CELERY_BEAT_SCHEDULE): pass lapsed waiting-list offers on to the
    next in line."""
    return offers_expire()
