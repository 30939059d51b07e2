import datetime
import time

import pytest
from django.core import mail
from django.utils import timezone

from ofsted.models import CardGrade, InspectionType, Source, StrategyMeeting
from ofsted.selectors import schools_needing_strategy_meeting
from ofsted.services import inspection_record
from tests.factories import SchoolFactory


def wait_for_mail(count: int) -> None:
    deadline = time.monotonic() + 20
    while len(mail.outbox) < count and time.monotonic() < deadline:
        time.sleep(0.1)


@pytest.mark.django_db(transaction=True)
def test_requires_improvement_tells_directors_and_proposes_a_meeting(
    celery_worker, director, primary_director, head_a, school_a, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    inspection, outcome = inspection_record(
        school=school_a,
        values={
            "inspection_type": InspectionType.GRADED,
            "start_date": timezone.localdate() - datetime.timedelta(days=20),
            "overall_effectiveness": 3,
        },
        source=Source.IMPORT,
    )
    assert outcome == "created"
    wait_for_mail(1)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["director@example.org", "primary.director@example.org"]
    assert "Strategy meeting proposed: Bonner Primary School" in message.subject
    assert "Overall effectiveness Requires improvement" in message.body
    assert list(schools_needing_strategy_meeting()) == [school_a]
    assert StrategyMeeting.objects.get().inspection == inspection


@pytest.mark.django_db
def test_needs_attention_on_a_report_card_proposes_a_meeting_once(school_a):
    values = {
        "inspection_type": InspectionType.REPORT_CARD,
        "start_date": timezone.localdate() - datetime.timedelta(days=5),
        "achievement": CardGrade.NEEDS_ATTENTION,
        "inclusion": CardGrade.STRONG,
    }
    inspection_record(school=school_a, values=values)
    inspection_record(school=school_a, values={**values, "safeguarding_met": True})
    meeting = StrategyMeeting.objects.get()
    assert meeting.reasons == "Achievement: Needs attention"


@pytest.mark.django_db
def test_good_outcomes_and_old_history_propose_nothing(school_a, school_b):
    today = timezone.localdate()
    inspection_record(
        school=school_a,
        values={"inspection_type": "graded", "start_date": today, "overall_effectiveness": 2},
    )
    inspection_record(
        school=school_b,
        values={
            "inspection_type": "graded",
            "start_date": datetime.date(2015, 3, 3),
            "overall_effectiveness": 4,
        },
    )
    assert not StrategyMeeting.objects.exists()
    assert not schools_needing_strategy_meeting().exists()


@pytest.mark.django_db
def test_selector_with_a_user_keeps_to_their_schools(school_a, head_b):
    inspection_record(
        school=school_a,
        values={
            "inspection_type": "graded",
            "start_date": timezone.localdate(),
            "overall_effectiveness": 4,
        },
    )
    other = SchoolFactory()
    assert list(schools_needing_strategy_meeting()) == [school_a]
    assert not schools_needing_strategy_meeting(user=head_b).exists()
    assert other not in schools_needing_strategy_meeting()
