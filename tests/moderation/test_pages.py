"""The pages: the office draws and assigns on the samples page, directors read it, the
moderator finds their visits from the home page and records the outcome."""

import datetime
import math

from django.utils import timezone

from membership.models import School
from moderation.models import Draw, Kind, Visit
from moderation.selectors import visits_for
from tests.factories import SchoolFactory, UserFactory
from tests.moderation.factories import PickFactory, VisitFactory
from thep import years
from thep.models import Role, User

YEAR = years.label(years.current())


def test_the_office_draws_then_is_asked_why_before_drawing_again(client_for, office_admin):
    School.objects.bulk_create([SchoolFactory.build() for _ in range(8)])
    client = client_for(office_admin)
    drawn = client.post("/moderation/samples/draw/", {"year": YEAR, "seed": "123"})
    assert drawn.status_code == 302
    page = client.get(drawn["Location"]).content.decode()
    assert "seed <strong>123</strong>" in page and "random, seed 123" in page
    assert "at least once every 4 years" in page  # the rule, recorded with the draw

    again = client.post("/moderation/samples/draw/", {"year": YEAR, "seed": "9"})
    assert again.status_code == 400 and "say why" in again.content.decode()
    assert Draw.objects.count() == 1
    client.post("/moderation/samples/draw/", {"year": YEAR, "reason": "A school was missing"})
    page = client.get("/moderation/samples/").content.decode()
    assert "Earlier draws, superseded" in page and "A school was missing" in page


def test_the_office_assigns_a_moderator_and_is_told_plainly_what_it_cannot(
    client_for, office_admin, moderator, school_a, school_b
):
    draw = moderator.moderation_visits.get().pick.draw
    PickFactory(draw=draw, kind=Kind.KS1, school=school_b)
    client = client_for(office_admin)
    own = {"year": YEAR, "kind": Kind.KS1, "school": school_b.pk, "moderator": moderator.pk,
           "date": f"{draw.year + 1}-06-08"}  # fmt: skip
    refused = client.post("/moderation/samples/arrange/", own)
    assert refused.status_code == 400
    assert "never visits their own school" in refused.content.decode()
    unsampled = client.post("/moderation/samples/arrange/", {**own, "school": school_a.pk})
    assert "is not in the" in unsampled.content.decode()

    colleague = UserFactory(role=Role.MODERATOR, mfa=False)
    done = client.post("/moderation/samples/arrange/", {**own, "moderator": colleague.pk})
    assert done.status_code == 302
    assert Visit.objects.get(pick__school=school_b).moderator == colleague


def test_directors_read_the_samples_but_neither_draw_nor_assign(
    client_for, director, moderator, django_assert_max_num_queries
):
    draw = moderator.moderation_visits.get().pick.draw
    for _ in range(6):
        VisitFactory(pick__draw=draw, moderator=moderator)
    client = client_for(director)
    with django_assert_max_num_queries(10):  # was 14; what it asks today
        page = client.get("/moderation/samples/").content.decode()
    assert "Bonner Primary School" in page and "Assign a moderator" not in page
    assert "KS2 writing moderation: 0 of 7" in page
    assert client.post("/moderation/samples/draw/", {"year": YEAR}).status_code == 404


def test_the_moderator_goes_from_home_to_the_visit_and_records_it(client_for, moderator):
    visit = moderator.moderation_visits.get()
    visit.date = timezone.localdate() - datetime.timedelta(days=1)
    visit.save()
    client = client_for(moderator)
    home = client.get("/").content.decode()
    assert "Moderation visits" in home and "Bonner Primary School" in home
    assert "outcome to record" in home

    refused = client.post(
        f"/moderation/visits/{visit.pk}/",
        {"writing_agreed": "yes", "writing_pupils": "4", "writing_changed": "5"},
    )
    assert refused.status_code == 400
    assert "no more judgements changed than pupils" in refused.content.decode()
    recorded = client.post(
        f"/moderation/visits/{visit.pk}/",
        {"writing_agreed": "no", "writing_pupils": "8", "writing_changed": "2"},
    )
    assert recorded.status_code == 302
    page = client.get(recorded["Location"]).content.decode()
    assert "Not agreed" in page and "Record the outcome" not in page


def test_the_demo_moderator_teaches_at_cayley_and_never_visits_it(demo_db):
    moderator = User.objects.get(email="moderator@example.org")
    assert moderator.check_password("thep-demo-2026")
    visits = visits_for(user=moderator)
    assert visits.filter(pick__draw__year=years.current()).count() == 3
    assert visits.filter(recorded_at__isnull=False).count() == 2
    assert not visits.filter(pick__school__name="Cayley Primary School").exists()
    draw = Draw.objects.get(year=years.current())
    assert draw.picks.filter(kind=Kind.MONITORING).count() == math.ceil(draw.pool / 10)


def test_the_samples_table_shows_each_visits_moderator_date_and_outcome(
    client_for, director, moderator
):
    visit = moderator.moderation_visits.get()
    visit.date = datetime.date(2026, 6, 8)
    visit.save()
    page = client_for(director).get("/moderation/samples/").content.decode()
    row = (
        f"<td>{moderator.get_full_name() or moderator.email}</td>\n"
        f'      <td><a href="/moderation/visits/{visit.pk}/">8 Jun 2026</a></td>\n'
        "      <td>To come</td>"
    )
    assert row in page
    visit.recorded_at = timezone.now()
    visit.save()
    assert "<td>Recorded</td>" in client_for(director).get("/moderation/samples/").content.decode()
