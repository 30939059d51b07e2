from coaching.models import Allocation, SessionStatus
from coaching.selectors import entitlement_of
from thep import years


def test_the_demo_coach_has_two_coachees_with_sessions(demo_db, client_for):
    coachees = Allocation.objects.filter(coach__email="coach@example.org", year=years.current())
    assert sorted(coachees.values_list("head__email", flat=True)) == [
        "head2@example.org",
        "head@example.org",
    ]
    bonner = coachees.get(head__email="head@example.org")
    entitlement = entitlement_of(school=bonner.school, year=bonner.year)
    assert (entitlement.held, entitlement.booked) == (1, 1)
    assert bonner.sessions.filter(status=SessionStatus.HELD).exists()
    page = client_for(bonner.coach).get("/coaching/").content.decode()
    assert "Helen" in page and "David" in page
