from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from improvement.models import Report
from thep.models import Role, User


def _heads_of(school_id: int) -> list[str]:
    return list(
        User.objects.filter(
            role=Role.HEADTEACHER, is_active=True, affiliations__school_id=school_id
        ).values_list("email", flat=True)
    )


@shared_task
def tell_head_about_visit(school_id: int, subject: str, message: str) -> int:
    """Email the school's heads that a visit moved or was cancelled. Returns how many."""
    heads = _heads_of(school_id)
    if heads:
        send_mail(subject, message, settings.DEFAULT_FROM_EMAIL, heads)
    return len(heads)


@shared_task
def tell_head_report_shared(report_id: int) -> int:
    """Email the school's head that a visit report waits for their agreement. The email says
    only that there is a report, never what it says. Returns the number of people told."""
    report = Report.objects.select_related("visit__school", "visit__consultant").get(pk=report_id)
    heads = _heads_of(report.visit.school_id)
    if not heads:
        return 0
    body = render_to_string(
        "improvement/email/report_shared.txt",
        {"report": report, "site_url": settings.SITE_URL.rstrip("/")},
    )
    send_mail(
        f"Visit report to agree: {report.visit.school.name}",
        body,
        settings.DEFAULT_FROM_EMAIL,
        heads,
    )
    return len(heads)
