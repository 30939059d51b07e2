from coaching.models import Allocation
from coaching.selectors import coaching_rows
from thep import years
from thep.models import User


def test_the_demo_coach_has_two_coachees_with_sessions(demo_db):
    coach = User.objects.get(email="coach@example.org")
    rows = coaching_rows(user=coach, year=years.current())
    assert [(row.allocation.head.email, row.entitlement.held) for row in rows] == [
        ("head@example.org", 1),
        ("head2@example.org", 1),
    ]
    bonner = rows[0].entitlement
    assert (bonner.booked, bonner.bought) == (1, 3)  # Bonner buys three sessions a year
    assert not Allocation.objects.exclude(coach=coach).exists()
