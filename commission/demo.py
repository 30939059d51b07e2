"""Demo commission this year: Bygrove Primary School, an academy that is not a member, buys the
LA commission; Harbinger Primary School's headship had a final interview whose approval was
withheld, and a second one approved (the new head's start date still to come). A second run
changes nothing."""

import datetime
from decimal import Decimal

from commission.models import Decision, HeadAppointment
from membership.models import Price, Product, ProductKind, Purchase, School
from membership.selectors import LA_COMMISSION
from membership.services import purchase_record
from thep import years
from thep.models import User

ACADEMY = "Bygrove Primary School"
HEADSHIP = "Harbinger Primary School"


def load() -> None:
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
