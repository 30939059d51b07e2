from celery import shared_task
from django.db import OperationalError

from reports.models import ReportFile, Status
from reports.services import report_make


# A full disk or a lost database connection passes, so those are tried again; any other failure
# is shown on the reports page with its reason and a button to try again.
@shared_task(
    autoretry_for=(OSError, OperationalError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=6,
)
def make_report(report_id: int) -> None:
    """Make one queued version of a report. Safe to run twice: a finished one is left alone."""
    report = ReportFile.objects.select_related("requested_by").get(pk=report_id)
    if report.status == Status.DONE:
        return
    report_make(report=report)


@shared_task(
    autoretry_for=(OSError, OperationalError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=6,
)
def make_data_pack(pack_id: int) -> None:
    """Make one queued version of a school's data pack; a finished one is left alone."""
    from reports.models import DataPack
    from reports.packs import data_pack_make

    pack = DataPack.objects.select_related("school").get(pk=pack_id)
    if pack.status == Status.DONE:
        return
    data_pack_make(pack=pack)
