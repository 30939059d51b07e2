from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from membership.models import Invoice
from membership.pdf import render_invoice_pdf
from membership.services import invoice_reminders_send
from thep.storage import file_field_replace


# A full disk or a lost database connection passes; a missing invoice or a bug does not, so
# those are not retried. The file is written whole under a fixed name: running again is safe.
@shared_task(
    autoretry_for=(OSError, OperationalError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=6,
)
def invoice_pdf_store(invoice_id: int) -> None:
    """Render an issued invoice and keep the file, replacing any earlier one."""
    invoice = Invoice.objects.select_related("member__school", "membership").get(pk=invoice_id)
    file_field_replace(
        instance=invoice,
        field="pdf",
        filename=invoice.filename,
        content=render_invoice_pdf(invoice),
    )


@shared_task
def invoice_reminders_daily() -> int:
    """Run by Celery beat (settings.CELERY_BEAT_SCHEDULE): schools owing money are reminded at
    the days overdue the office chose, without anyone having to remember."""
    return invoice_reminders_send(on=timezone.localdate())
