"""What booking at member prices saved a school: lines for the membership page's savings table
(membership finds this module by name; see `membership.selectors.SAVINGS_APPS`)."""

from django.db.models import Count, Q, Sum

from learning.models import Booking, Status
from membership.models import School
from membership.selectors import SavingLine
from thep import years


def saving_lines(*, school: School, year: int) -> list[SavingLine]:
    """One line per event the school paid member prices for that year, for the places it pays
    for (confirmed, or cancelled late)."""
    paid = (
        Booking.objects.filter(
            school=school,
            event__starts_on__range=(years.first_day(year), years.last_day(year)),
            at_member_price=True,
        )
        .filter(Q(status=Status.CONFIRMED) | Q(cancellation_charged=True))
        .values("event__title")
        .annotate(places=Count("id"), member=Sum("price"), full=Sum("non_member_price"))
        .order_by("event__title")
    )
    return [
        SavingLine(
            what=f"{row['places']} x {row['event__title']}",
            member_cost=row["member"],
            non_member_cost=row["full"],
        )
        for row in paid
        if row["full"] > row["member"]
    ]
