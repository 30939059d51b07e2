"""Demo inspection support: Bonner's head told us yesterday that Ofsted starts a report-card
inspection today; the demo LC meets the lead inspector and the Director of Primary attends
the feedback, with a note. A second run, on any day, changes nothing."""

import datetime

from django.utils import timezone

from commission.models import InspectionCall, SupportNote
from membership.models import School
from ofsted.models import InspectionType
from thep.models import User


def load() -> None:
    today = timezone.localdate()
    lc = User.objects.get(email="lc@example.org")
    call, made = InspectionCall.objects.get_or_create(
        school=School.objects.get(name="Bonner Primary School"),
        defaults={
            "called_on": today - datetime.timedelta(days=1),
            "starts_on": today,
            "inspection_type": InspectionType.REPORT_CARD,
            "recorded_by": User.objects.get(email="head@example.org"),
            "meets_lead_inspector": lc,
            "attends_feedback": User.objects.get(email="primary.director@example.org"),
            "assigned_by": User.objects.get(email="primary.director@example.org"),
        },
    )
    if made:
        SupportNote.objects.create(
            call=call,
            author=lc,
            text="Met the lead inspector at 8am with the head; shared the school's own "
            "evaluation and the LC visit notes on phonics.",
        )
