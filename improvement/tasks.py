from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from improvement.models import Report
from thep.models import Role, User


@shared_task
def tell_head_report_shared(report_id: int) -> int:
    """Email the school's head that a visit report waits for their agreement. The email says
    only that there is a report, never what it says. Returns the number of people told."""
    report = Report.objects.select_related("visit__school", "visit__consultant").get(pk=report_id)
    heads = list(
        User.objects.filter(
            role=Role.HEADTEACHER, is_active=True, affiliations__school=report.visit.school
        ).values_list("email", flat=True)
    )
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
