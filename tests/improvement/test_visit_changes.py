"""An LC moves or cancels a visit until its report is shared; the head is told."""

import datetime
import time

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from improvement import services
from improvement.models import Report, ReportStatus, Visit
from tests.improvement.test_visits import SOON, schedule

LATER = SOON + datetime.timedelta(days=2)


def move(visit, by, **changes):
    values = {"date": LATER, "start_time": datetime.time(13, 0), "minutes": 120,
              "focus": "Attendance"}  # fmt: skip
    return services.visit_move(visit=visit, by=by, **{**values, **changes})


def test_the_lc_moves_a_visit_and_its_length_and_focus(school_a, lc_a):
    visit = schedule(school_a, lc_a)
    move(visit, lc_a)
    visit.refresh_from_db()
    assert (visit.date, visit.start_time, visit.minutes, visit.focus) == (
        LATER, datetime.time(13, 0), 120, "Attendance"
    )  # fmt: skip
    # The head's two weeks to agree the report run from the new date.
    assert Report.objects.get(visit=visit).due_by == LATER + datetime.timedelta(days=14)


@pytest.mark.parametrize(
    ("who", "changes", "message"),
    [
        ("lc_other", {}, "Only the visit's Leadership Consultant"),
        ("lc_a", {"minutes": 60}, "between 2 and 3 hours"),
        ("lc_a", {"date": datetime.date(2001, 1, 1)}, "is not allocated to you on 01/01/2001"),
    ],
)
def test_bad_moves_are_refused_and_the_visit_stays(request, school_a, lc_a, who, changes, message):
    visit = schedule(school_a, lc_a)
    with pytest.raises(ValidationError, match=message):
        move(visit, request.getfixturevalue(who), **changes)
    visit.refresh_from_db()
    assert (visit.date, visit.minutes, visit.focus) == (SOON, 150, "Maths")


def test_a_shared_report_fixes_its_visit(school_a, lc_a):
    visit = schedule(school_a, lc_a)
    Report.objects.filter(visit=visit).update(status=ReportStatus.SHARED)
    visit.refresh_from_db()
    with pytest.raises(ValidationError, match="shared with the head"):
        move(visit, lc_a)
    with pytest.raises(ValidationError, match="shared with the head"):
        services.visit_cancel(visit=visit, by=lc_a)
    assert Visit.objects.get().date == SOON


def test_cancelling_frees_the_visit_for_the_entitlement(school_a, lc_a):
    school_a.headship_start = datetime.date(2010, 9, 1)
    school_a.save()
    visits = [schedule(school_a, lc_a, date=SOON + datetime.timedelta(weeks=w)) for w in range(3)]
    with pytest.raises(ValidationError, match="has used all 3 visits"):
        schedule(school_a, lc_a, date=SOON + datetime.timedelta(weeks=4))

    services.visit_cancel(visit=visits[0], by=lc_a)

    assert Visit.objects.count() == 2 and Report.objects.count() == 2
    schedule(school_a, lc_a, date=SOON + datetime.timedelta(weeks=4))


def test_a_visit_whose_report_was_started_cannot_be_cancelled(school_a, lc_a):
    visit = schedule(school_a, lc_a)
    services.report_save(report=visit.report, by=lc_a, fields={"summary": "We met the SLT."})
    visit.refresh_from_db()
    with pytest.raises(ValidationError, match="has been started"):
        services.visit_cancel(visit=visit, by=lc_a)
    assert Report.objects.get().summary == "We met the SLT."


def test_the_change_page_keeps_what_was_typed_and_cancels(client_for, lc_a, school_a):
    visit = schedule(school_a, lc_a)
    client = client_for(lc_a)
    assert f"/improvement/visits/{visit.pk}/change/" in client.get("/improvement/").content.decode()
    page = client.get(f"/improvement/visits/{visit.pk}/change/").content.decode()
    assert f'type="date" name="date" value="{SOON.isoformat()}"' in page  # as the picker needs
    response = client.post(
        f"/improvement/visits/{visit.pk}/change/",
        {"date": "2001-01-01", "start_time": "10:00", "minutes": 180, "focus": "Reading at KS2"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "is not allocated to you on 01/01/2001" in page
    assert 'value="Reading at KS2"' in page

    response = client.post(f"/improvement/visits/{visit.pk}/cancel/", follow=True)
    assert f"Visit to Bonner Primary School on {SOON:%-d %B %Y} cancelled." in (
        response.content.decode()
    )
    assert not Visit.objects.exists()


def test_the_change_page_is_gone_once_the_report_is_shared(client_for, lc_a, school_a):
    visit = schedule(school_a, lc_a)
    services.report_save(report=visit.report, by=lc_a, fields={"summary": "We met the SLT."})
    services.report_share(report=visit.report, by=lc_a)
    client = client_for(lc_a)
    assert client.get(f"/improvement/visits/{visit.pk}/change/").status_code == 404
    assert client.post(f"/improvement/visits/{visit.pk}/cancel/").status_code == 404
    assert f"/visits/{visit.pk}/change/" not in client.get("/improvement/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_head_is_emailed_when_a_visit_moves_or_is_cancelled(
    celery_worker, school_a, head_a, lc_a, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    visit = schedule(school_a, lc_a)
    move(visit, lc_a, start_time=visit.start_time, date=visit.date)  # the same time: no email
    move(visit, lc_a)
    services.visit_cancel(visit=Visit.objects.get(), by=lc_a)
    deadline = time.monotonic() + 20
    while len(mail.outbox) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(0.5)  # a third, wrong email would arrive by now
    assert [message.subject for message in mail.outbox] == [
        "Visit moved: Bonner Primary School",
        "Visit cancelled: Bonner Primary School",
    ]
    assert all(message.to == [head_a.email] for message in mail.outbox)
    moved, cancelled = (message.body for message in mail.outbox)
    assert f"of {SOON:%-d %B %Y} at 09:30 to {LATER:%-d %B %Y} at 13:00" in moved
    assert f"cancelled the visit to Bonner Primary School of {LATER:%-d %B %Y}" in cancelled


@pytest.mark.parametrize("status", ReportStatus.values)
def test_the_pages_offer_a_change_exactly_when_the_service_allows_it(
    client_for, lc_a, school_a, status
):
    visit = schedule(school_a, lc_a)
    Report.objects.filter(visit=visit).update(status=status)
    visit = Visit.objects.get(pk=visit.pk)
    client = client_for(lc_a)
    page_opens = client.get(f"/improvement/visits/{visit.pk}/change/").status_code == 200
    listed = f"/visits/{visit.pk}/change/" in client.get("/improvement/").content.decode()
    try:
        move(visit, lc_a)
    except ValidationError:
        moved = False
    else:
        moved = True
    changeable = status == ReportStatus.DRAFT
    assert (page_opens, listed, moved) == (changeable, changeable, changeable)
