"""Demo commission this year. Bonner's head told us yesterday that Ofsted starts a report-card
inspection today; the demo LC meets the lead inspector and the Director of Primary attends the
feedback, with a note. Bygrove Primary School, an academy that is not a member, buys the LA
commission; Harbinger Primary School's headship had a final interview whose approval was
withheld, and a second one approved (the new head's start date still to come). A second run, on
any day, changes nothing."""

import datetime
from decimal import Decimal

from django.utils import timezone

from commission.models import Decision, HeadAppointment, InspectionCall, SupportNote
from membership.models import Price, Product, ProductKind, Purchase, School
from membership.selectors import LA_COMMISSION
from membership.services import purchase_record
from ofsted.models import InspectionType
from thep import years
from thep.models import User

ACADEMY = "Bygrove Primary School"
HEADSHIP = "Harbinger Primary School"


def load() -> None:
    _inspection_support()
    _commission()


def _inspection_support() -> None:
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


def _commission() -> None:
    year = years.current()
    product, _ = Product.objects.get_or_create(
        code=LA_COMMISSION,
        defaults={"kind": ProductKind.SERVICE, "name": "LA school-improvement commission"},
    )
    Price.objects.get_or_create(
        product=product,
        year=year,
        defaults={"member_price": Decimal("3500"), "non_member_price": Decimal("3500")},
    )
    academy = School.objects.get(name=ACADEMY)
    if not Purchase.objects.filter(school=academy, year=year, product=product).exists():
        purchase_record(school=academy, year=year, product=product, bought_on=years.first_day(year))
    _appointments(year)


def _appointments(year: int) -> None:
    school = School.objects.get(name=HEADSHIP)
    if HeadAppointment.objects.filter(school=school).exists():
        return
    thep = list(User.objects.filter(email__in=["director@example.org", "lc@example.org"]))
    office = User.objects.get(email="admin@example.org")
    first = years.first_day(year)
    withheld = HeadAppointment.objects.create(
        school=school,
        interview_on=first + datetime.timedelta(days=20),
        decision=Decision.WITHHELD,
        reason="The panel did not find the candidate ready for this headship; the governors "
        "will advertise again.",
        recorded_by=office,
    )
    approved = HeadAppointment.objects.create(
        school=school,
        interview_on=first + datetime.timedelta(days=60),
        decision=Decision.APPROVED,
        new_head_name="Amina Rahman",
        recorded_by=office,
    )
    for appointment in (withheld, approved):
        appointment.attendees.set(thep)
