from celery import shared_task

from reports.models import ReportFile, Status
from reports.services import report_make


@shared_task(acks_late=True)
def make_report(report_id: int) -> None:
    """Make one queued version of a report. Safe to run twice: a finished one is left alone."""
    report = ReportFile.objects.select_related("requested_by").get(pk=report_id)
    if report.status == Status.DONE:
        return
    report_make(report=report)
