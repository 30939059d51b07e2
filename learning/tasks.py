from celery import shared_task

from learning.services import offers_expire
from thep.celery import app

# A lapsed waiting-list offer passes to the next person within a quarter of an hour. Added to
# the beat schedule from here, so the project's own CELERY_BEAT_SCHEDULE stays one setting.
OFFERS_EXPIRE_EVERY = 15 * 60


@shared_task
def offers_expire_task() -> int:
    """Run by beat: pass lapsed waiting-list offers on to the next in line."""
    return offers_expire()


app.add_periodic_task(OFFERS_EXPIRE_EVERY, offers_expire_task.s(), name="learning: offers expire")
