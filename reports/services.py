import time
import zlib

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from reports.council import council_figures
from reports.kpis import kpi_figures
from reports.models import Foreword, Kind, ReportFile, Status
from reports.pdf import render_annual_pdf, render_council_pdf, render_kpi_pdf
from thep import years
from thep.models import User
from thep.storage import file_field_replace


def report_request(*, kind: str, year: int, by: User) -> ReportFile:
    """Queue a new version of a report; the worker makes it."""
    from reports.tasks import make_report

    if not by.is_director:
        raise ValidationError("Only THE Partnership's directors make reports.")
    if kind not in Kind.values:
        raise ValidationError("Choose a report to make.")
    with transaction.atomic():
        # Two requests at once must not get the same version number.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s)", [zlib.crc32(f"{kind}{year}".encode())]
            )
        latest = ReportFile.objects.filter(kind=kind, year=year).aggregate(v=Max("version"))["v"]
        report = ReportFile.objects.create(
            kind=kind, year=year, version=(latest or 0) + 1, requested_by=by
        )
        transaction.on_commit(lambda: make_report.delay(report.pk))
    return report


def report_retry(*, report: ReportFile, by: User) -> ReportFile:
    from reports.tasks import make_report

    if not by.is_director:
        raise ValidationError("Only THE Partnership's directors make reports.")
    if report.status != Status.FAILED:
        raise ValidationError("Only a report that failed can be tried again.")
    with transaction.atomic():
        ReportFile.objects.filter(pk=report.pk).update(status=Status.QUEUED, progress=0, error="")
        transaction.on_commit(lambda: make_report.delay(report.pk))
    report.refresh_from_db()
    return report


def _progress(report: ReportFile, percent: int) -> None:
    ReportFile.objects.filter(pk=report.pk).update(status=Status.RUNNING, progress=percent)


def report_make(*, report: ReportFile) -> None:
    """Work out the figures, render the PDF and keep it. The file is written whole once the PDF
    is made, so a failure (or a killed worker) never leaves half a file; it records the reason."""
    started = time.monotonic()
    _progress(report, 10)
    who = report.requested_by
    try:
        if report.kind == Kind.COUNCIL:
            figures = council_figures(user=who, year=report.year, today=timezone.localdate())
            _progress(report, 40)
            pdf = render_council_pdf(figures)
        else:
            figures = kpi_figures(user=who, year=report.year)
            _progress(report, 40)
            if report.kind == Kind.ANNUAL:
                foreword = Foreword.objects.filter(year=report.year).first()
                pdf = render_annual_pdf(figures, foreword.text if foreword else "")
            else:
                pdf = render_kpi_pdf(figures)
        _progress(report, 90)
        file_field_replace(instance=report, field="pdf", filename=report.filename, content=pdf)
    except Exception as failure:
        ReportFile.objects.filter(pk=report.pk).update(
            status=Status.FAILED, error=f"{type(failure).__name__}: {failure}"[:1000]
        )
        raise
    ReportFile.objects.filter(pk=report.pk).update(
        status=Status.DONE,
        progress=100,
        finished_at=timezone.now(),
        seconds=round(time.monotonic() - started, 2),
    )


def foreword_save(*, year: int, text: str, by: User) -> Foreword:
    if not by.is_director:
        raise ValidationError("Only THE Partnership's directors write the foreword.")
    if not text.strip():
        raise ValidationError(f"Write the foreword for {years.label(year)} before saving it.")
    foreword, _ = Foreword.objects.update_or_create(
        year=year, defaults={"text": text.strip(), "updated_by": by}
    )
    return foreword
