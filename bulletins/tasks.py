from celery import shared_task
from django.db import OperationalError

from bulletins.services import bulletin_deliver


# Safe to retry: delivering again sends nobody a second copy.
@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def bulletin_deliver_task(bulletin_id: int) -> int:
    return bulletin_deliver(bulletin_id=bulletin_id)
