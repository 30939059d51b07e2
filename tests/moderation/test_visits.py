"""Visits: the office assigns moderators to schools of the sample (never their own school,
never a school outside it); the school's head is told by email; the moderator records what
the visit found, by subject; a moderator sees their own visits and nobody else's."""

import datetime
import time

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from moderation.delivery import lines
from moderation.models import Kind, Visit
from moderation.services import Finding, visit_arrange, visit_record
from tests.factories import SchoolFactory, UserFactory
from tests.moderation.factories import DrawFactory, PickFactory, VisitFactory
from thep import years
from thep.models import OutboxMessage, Role

JUNE = datetime.date(years.current() + 1, 6, 9)


def test_a_moderator_assigned_to_the_school_they_work_at_is_refused(
    moderator, school_b, office_admin
):
    """The cast's moderator teaches at school B."""
    pick = PickFactory(draw=moderator.moderation_visits.get().pick.draw, school=school_b)
    with pytest.raises(ValidationError, match="never visits their own school"):
        visit_arrange(
            year=pick.draw.year, kind=pick.kind, school=school_b, moderator=moderator,
            date=JUNE, by=office_admin,
        )  # fmt: skip
    assert not Visit.objects.filter(pick=pick).exists()


def test_a_visit_to_a_school_not_in_the_sample_is_refused(moderator, school_a, office_admin):
    """School A is in the KS2 writing sample, not the KS1 one; another school in neither."""
    other_moderator = UserFactory(role=Role.MODERATOR)
    for kind, school in ((Kind.KS1, school_a), (Kind.KS2_WRITING, SchoolFactory())):
        with pytest.raises(ValidationError, match=r"is not in the .* sample"):
            visit_arrange(
                year=years.current(), kind=kind, school=school, moderator=other_moderator,
                date=JUNE, by=office_admin,
            )  # fmt: skip
    assert not Visit.objects.filter(moderator=other_moderator).exists()


def test_a_superseded_draw_takes_no_visits(db, office_admin):
    old = PickFactory(draw__superseded_at=datetime.datetime(2026, 10, 1, tzinfo=datetime.UTC))
    DrawFactory()
    with pytest.raises(ValidationError, match="is not in the"):
        visit_arrange(
            year=old.draw.year, kind=old.kind, school=old.school,
            moderator=UserFactory(role=Role.MODERATOR), date=JUNE, by=office_admin,
        )  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_the_head_is_emailed_the_date_by_the_worker(
    celery_worker, settings, school_a, head_a, office_admin
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    pick = PickFactory(school=school_a, kind=Kind.KS1)
    moderator = UserFactory(role=Role.MODERATOR, first_name="Joanna", last_name="Whitfield")
    visit_arrange(
        year=pick.draw.year, kind=Kind.KS1, school=school_a, moderator=moderator, date=JUNE,
        by=office_admin,
    )  # fmt: skip

    deadline = time.monotonic() + 30  # the worker sends it once the arranging has committed
    while not mail.outbox and time.monotonic() < deadline:
        time.sleep(0.1)
    [sent] = mail.outbox
    assert OutboxMessage.objects.get(kind="moderation.visit").status == OutboxMessage.Status.SENT
    assert sent.to == [head_a.email]
    assert "Bonner Primary School" in sent.subject and f"{JUNE:%-d %B %Y}" in sent.subject
    assert "Joanna Whitfield" in sent.body


def test_a_monitoring_visit_is_not_announced(school_a, head_a, office_admin):
    pick = PickFactory(school=school_a, kind=Kind.MONITORING)
    visit_arrange(
        year=pick.draw.year, kind=Kind.MONITORING, school=school_a,
        moderator=UserFactory(role=Role.MODERATOR), date=JUNE, by=office_admin,
    )  # fmt: skip
    assert not OutboxMessage.objects.exists()


def test_the_moderator_records_each_subject_and_the_visit_counts_as_done(db, office_admin):
    visit = VisitFactory(pick__kind=Kind.KS1)
    findings = [
        Finding(subject="reading", agreed=True, pupils=6, changed=0),
        Finding(subject="writing", agreed=False, pupils=6, changed=2),
        Finding(subject="maths", agreed=True, pupils=None, changed=0),
    ]
    with pytest.raises(ValidationError, match="on or after the visit"):
        visit_record(
            visit=visit,
            findings=findings,
            by=visit.moderator,
            today=visit.date - datetime.timedelta(days=1),
        )
    with pytest.raises(ValidationError, match="Only the visit's moderator"):
        visit_record(visit=visit, findings=findings, by=office_admin, today=visit.date)
    with pytest.raises(ValidationError, match="each of: reading, writing, maths"):
        visit_record(visit=visit, findings=findings[:2], by=visit.moderator, today=visit.date)
    changed_but_agreed = [*findings[:2], Finding(subject="maths", agreed=True, pupils=6, changed=1)]
    with pytest.raises(ValidationError, match="not all agreed"):
        visit_record(visit=visit, findings=changed_but_agreed, by=visit.moderator, today=visit.date)
    assert not visit.judgements.exists()

    visit_record(visit=visit, findings=findings, by=visit.moderator, today=visit.date)
    visit.refresh_from_db()
    assert visit.done
    assert {j.subject: (j.agreed, j.changed) for j in visit.judgements.all()} == {
        "reading": (True, 0), "writing": (False, 2), "maths": (True, 0),
    }  # fmt: skip
    assert lines(year=visit.pick.draw.year)[1] == ("KS1 moderation (reading, writing, maths)", 1, 1)


def test_delivery_counts_done_of_sampled_and_nothing_before_a_draw(db):
    assert lines(year=2030) == [
        ("Monitoring visits (phonics check and KS2 tests)", 0, None),
        ("KS1 moderation (reading, writing, maths)", 0, None),
        ("KS2 writing moderation", 0, None),
    ]
    draw = DrawFactory(year=2030)
    PickFactory.create_batch(3, draw=draw, kind=Kind.MONITORING)
    VisitFactory(pick__draw=draw, pick__kind=Kind.KS2_WRITING)
    VisitFactory(
        pick__draw=draw, pick__kind=Kind.KS2_WRITING,
        recorded_at=datetime.datetime(2031, 6, 10, tzinfo=datetime.UTC),
    )  # fmt: skip
    assert [line[1:] for line in lines(year=2030)] == [(0, 3), (0, 0), (1, 2)]


def test_a_moderator_opens_their_own_visits_only(client_for, moderator, school_a):
    """Another moderator's visit at school A is a 404 to the cast's moderator."""
    own = moderator.moderation_visits.get()
    others = VisitFactory(pick__draw=own.pick.draw, pick__kind=Kind.KS1, pick__school=school_a)
    client = client_for(moderator)
    page = client.get("/moderation/")
    assert "Bonner Primary School" in page.content.decode()
    assert f"/moderation/visits/{others.pk}/" not in page.content.decode()
    assert client.get(f"/moderation/visits/{own.pk}/").status_code == 200
    assert client.get(f"/moderation/visits/{others.pk}/").status_code == 404
    assert client.post(f"/moderation/visits/{others.pk}/", {}).status_code == 404
