import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.utils import timezone

from improvement.models import Report, RiskStanding, Visit
from improvement.risk import school_risks
from learning.models import Booking, Event
from membership.models import School
from ofsted.models import OfstedStanding
from ofsted.selectors import ofsted_for
from outcomes.models import Area, Figure
from reports import scale
from reports.datapack import data_pack_context
from thep import years


def test_scale_data_fills_every_part_and_refuses_a_second_run(db, capsys):
    call_command("generate_scale_data", "--schools", "40", "--years", "2")
    assert "Made 40 schools" in capsys.readouterr().out
    assert School.objects.count() == 40
    assert Visit.objects.count() == 40 * 2 * 3 == Report.objects.count()
    assert Booking.objects.count() == 40 * 20 * 2  # 20 places a school a year
    assert all(event.places_taken == event.bookings.count() for event in Event.objects.all())
    # Every school has figures for both years, beside Tower Hamlets', London's and England's.
    schools = Figure.objects.filter(area=Area.SCHOOL).values_list("school", "year").distinct()
    assert schools.count() == 40 * 2
    assert set(Figure.objects.values_list("area", flat=True).distinct()) == set(Area.values)
    with pytest.raises(CommandError, match="already here"):
        call_command("generate_scale_data", "--schools", "5", "--years", "1")


def test_dashboard_and_risk_register_keep_their_budget_with_ten_times_the_schools(
    db, client_for, director, django_assert_max_num_queries
):
    scale.generate(schools=10, years_back=2, password="x")
    client = client_for(director)
    client.get("/")
    with django_assert_max_num_queries(60) as dashboard:
        cache.clear()  # the figures are kept for five minutes; work them out again
        client.get("/reports/")
    with django_assert_max_num_queries(20) as risk:
        client.get("/improvement/risk/")
    with django_assert_max_num_queries(12) as ofsted:
        client.get("/ofsted/")
    # Counted now: Django's query log, which the counts read, is emptied by the next request.
    budgets = {"dashboard": len(dashboard), "risk": len(risk), "ofsted": len(ofsted)}
    scale.generate(schools=90, years_back=2, password="x", offset=10)
    # Making the schools can take over a minute, after which the next request notes the
    # session's activity (three queries, thep.middleware): let that request be this one.
    client.get("/")
    with django_assert_max_num_queries(budgets["dashboard"]):
        cache.clear()  # the figures are kept for five minutes; work them out again
        client.get("/reports/")
    with django_assert_max_num_queries(budgets["risk"]):
        response = client.get("/improvement/risk/")
    assert len(response.context["risks"]) == 100
    with django_assert_max_num_queries(budgets["ofsted"]):
        response = client.get("/ofsted/")
    assert len(response.context["rows"]) == 100


def test_stored_standings_are_what_the_rules_work_out(db):
    scale.generate(schools=60, years_back=3, password="x")
    today = timezone.localdate()
    schools = School.objects.all()
    stored = {
        row.school_id: row
        for row in OfstedStanding.objects.select_related("school__window_override")
    }
    for live in ofsted_for(schools=schools, today=today):
        row = stored[live.school.pk]
        assert (row.outcome, row.uses_predecessor) == (live.outcome, live.uses_predecessor)
        assert (row.window.label, row.window.reasons) == (live.window.label, live.window.reasons)
    risks = {row.school_id: row for row in RiskStanding.objects.all()}
    for risk in school_risks(schools=schools, today=today):
        assert (risks[risk.school.pk].level, risks[risk.school.pk].reasons) == (
            risk.level,
            risk.reasons,
        )


def test_a_data_pack_keeps_its_budget_with_ten_years_of_figures(db, django_assert_max_num_queries):
    scale.generate(schools=3, years_back=10, password="x")
    school = School.objects.filter(phase="primary").first()
    assert school is not None
    with django_assert_max_num_queries(8):
        context = data_pack_context(school, years.current())
    assert context["headlines"]
