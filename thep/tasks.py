import logging

from celery import Task, shared_task

from thep.import_jobs import import_job_run
from thep.mail import outbox_deliver
from thep.services import retention_apply

logger = logging.getLogger(__name__)


# SMTP errors are OSErrors: a mail server that is down for a while is tried again, waiting
# longer each time (up to ten minutes) before the message is marked failed in the outbox.
MAIL_RETRIES = 6


@shared_task(
    bind=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=MAIL_RETRIES,
)
def outbox_send(self: Task, message_id: int) -> bool:
    return outbox_deliver(message_id=message_id, last_try=self.request.retries >= MAIL_RETRIES)


@shared_task
def retention_nightly() -> None:
    """Run by Celery beat (settings.CELERY_BEAT_SCHEDULE): what the retention settings say to
    remove goes without anyone having to remember."""
    for what, count in retention_apply(commit=True):
        logger.info("retention: %d %s", count, what)


@shared_task
def import_job_run_task(job_id: int, apply: bool) -> None:
    """Preview (apply=False) or apply an import the office uploaded (thep.import_jobs)."""
    import_job_run(job_id=job_id, apply=apply)
