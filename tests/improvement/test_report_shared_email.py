import time

import pytest
from django.core import mail

from improvement import services
from tests.improvement.factories import ReportFactory


@pytest.mark.django_db(transaction=True)
def test_the_head_is_emailed_when_a_report_is_shared_without_its_content(
    celery_worker, school_a, head_a, lc_a, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    report = ReportFactory(
        visit__school=school_a, visit__consultant=lc_a, summary="Confidential discussion."
    )
    services.report_share(report=report, by=lc_a)
    deadline = time.monotonic() + 20
    while not mail.outbox and time.monotonic() < deadline:
        time.sleep(0.1)
    (message,) = mail.outbox
    assert message.to == [head_a.email]
    assert message.subject == "Visit report to agree: Bonner Primary School"
    assert f"/improvement/reports/{report.pk}/" in message.body
    assert "Confidential discussion." not in message.body
