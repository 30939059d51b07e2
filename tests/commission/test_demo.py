from commission.models import Decision, HeadAppointment
from commission.selectors import coverage
from thep import years


def test_the_demo_commission_has_a_bought_academy_and_a_headship_decided_twice(demo_db):
    rows = {row.school.name: row for row in coverage(year=years.current())}
    assert rows["Bygrove Primary School"].bought
    assert not rows["Bygrove Primary School"].is_member
    assert "Canon Barnett Primary School" not in rows  # a member academy that did not buy it
    decisions = HeadAppointment.objects.filter(school__name="Harbinger Primary School")
    assert sorted(decisions.values_list("decision", flat=True)) == [
        Decision.APPROVED,
        Decision.WITHHELD,
    ]
