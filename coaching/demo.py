"""Demo coaching this year: coach@example.org coaches the heads of Bonner (with a session held
and one booked) and Cayley (one held). Dates are counted from 1 September, so a second run
(on any day of the same year) changes nothing."""

import datetime

from coaching.models import Allocation, Mode, Session, SessionStatus
from membership.models import School
from thep import years
from thep.models import User

# (head, school, [(days after 1 September, status, where)])
COACHEES = [
    (
        "head@example.org",
        "Bonner Primary School",
        [(30, SessionStatus.HELD, ""), (120, SessionStatus.BOOKED, "Bonner Primary School")],
    ),
    ("head2@example.org", "Cayley Primary School", [(45, SessionStatus.HELD, "")]),
]


def load() -> None:
    year = years.current()
    coach = User.objects.get(email="coach@example.org")
    for email, name, sessions in COACHEES:
        head = User.objects.get(email=email)
        allocation, _ = Allocation.objects.get_or_create(
            school=School.objects.get(name=name),
            year=year,
            defaults={"coach": coach, "head": head},
        )
        for days, status, place in sessions:
            Session.objects.get_or_create(
                allocation=allocation,
                date=years.first_day(year) + datetime.timedelta(days=days),
                defaults={
                    "start_time": datetime.time(16),
                    "mode": Mode.IN_PERSON if place else Mode.ONLINE,
                    "place": place,
                    "status": status,
                    "booked_by": coach,
                },
            )
