"""The alert goes through the real worker: the LC and the phase director get the email."""

import time

import pytest
from django.core import mail

from tests.commission.inspection_calls import days


def wait_for_mail(seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not mail.outbox and time.monotonic() < deadline:
        time.sleep(0.1)


@pytest.mark.django_db(transaction=True)
def test_the_lc_and_the_phase_director_are_emailed_by_the_worker(
    celery_worker, settings, client_for, head_a, school_a, lc_a, primary_director,
    secondary_director,
):  # fmt: skip
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = client_for(head_a).post(
        f"/commission/schools/{school_a.urn}/ofsted-called/",
        {"called_on": days(0).isoformat(), "starts_on": days(1).isoformat(),
         "inspection_type": "report_card"},
    )  # fmt: skip
    assert response.status_code == 302
    wait_for_mail()
    (message,) = mail.outbox
    assert message.to == [lc_a.email, primary_director.email]
    assert (
        message.subject == f"Ofsted has called {school_a.name}: inspection from {days(1):%-d %B %Y}"
    )
    assert "Report card inspection from" in message.body
    assert response["Location"] in message.body
