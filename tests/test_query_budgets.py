"""Each role's list pages and dashboards ask the database a fixed number of times, however much
there is: measured on 10 schools' worth of made-up data, then again on 100 schools' (the borough
and ten times it; `make bench` times them on 1,000)."""

import datetime

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.cache import cache

from improvement import services as improvement
from improvement.models import GoodPractice, ReportOpening, ReportStatus
from learning.models import Evaluation, Event
from membership.models import School
from reports import scale
from tests.factories import SchoolFactory, UserFactory
from tests.improvement.factories import ReportFactory, VisitFactory
from tests.learning.factories import BookingFactory, EventFactory
from thep.models import Role, User

# Who opens the page, the page, and its budget: what it asks today, so that any new query shows.
SCALE_PAGES = [
    ("director", "/", 10),  # with the Ofsted inspections to assign support to (one query)
    ("director", "/schools/", 4),
    ("director", "/improvement/", 8),
    ("director", "/improvement/themes/", 4),
    ("director", "/learning/", 3),
    ("director", "/learning/bookings/", 6),
    ("director", "/reports/files/", 3),
    # the queues, executive coaching (five flat queries: coaching_of_schools), "Ofsted called"
    ("head", "/", 18),
    # Results against the country: three queries (the school's years of figures, the LA's,
    # London's and England's, the members' median), one when it has none; the head's coaching
    # (five flat queries: coaching_of_schools).
    ("head", "/schools/{urn}/", 18),
    ("head", "/schools/{urn}/membership/", 11),
    ("head", "/improvement/", 5),
    ("head", "/learning/bookings/", 8),
    ("lc", "/", 8),  # the queues (the four of reports in one query), inspections to support
    ("lc", "/improvement/", 7),
    ("lc", "/schools/{urn}/", 13),  # results against the country: three queries, as the head's
]


def queries_per_page(client_for, django_assert_max_num_queries, people, urn) -> dict:
    counts = {}
    for who, url, budget in SCALE_PAGES:
        client = client_for(people[who])
        page = url.format(urn=urn)
        client.get(page)  # a first visit also writes (the session after login, an LC's feed)
        cache.clear()  # pages that keep figures work them out again
        with django_assert_max_num_queries(budget, info=f"{who} {page}") as captured:
            response = client.get(page)
        assert response.status_code == 200, (who, page)
        counts[who, page] = len(captured.captured_queries)
    return counts


def test_each_roles_pages_keep_their_budget_with_ten_times_the_schools(
    db, client_for, director, django_assert_max_num_queries
):
    scale.generate(schools=10, years_back=2, password="x")
    people = {
        "director": director,
        "head": User.objects.get(email="scale.head0000@example.org"),
        "lc": User.objects.get(email="scale.lc000@example.org"),
    }
    TOTP.activate(people["lc"], generate_totp_secret())  # as every LC has
    urn = School.objects.get(name__startswith="Scale", urn=scale.FIRST_URN).urn
    small = queries_per_page(client_for, django_assert_max_num_queries, people, urn)

    scale.generate(schools=90, years_back=2, password="x", offset=10)
    large = queries_per_page(client_for, django_assert_max_num_queries, people, urn)

    grew = {page: (small[page], large[page]) for page in small if large[page] > small[page]}
    assert not grew, f"pages asking more with more schools: {grew}"


def good_practice(n: int, school: School) -> None:
    for k in range(n):
        report = ReportFactory(visit=VisitFactory(school=school), status=ReportStatus.FINAL)
        GoodPractice.objects.create(
            report=report, school=school, theme=f"Early reading {k}",
            description="Reading for pleasure across the school.",
            published_on=datetime.date(2024, 1, 10),
        )  # fmt: skip


def review_meetings(n: int, school: School) -> None:
    director = User.objects.get(email="director@example.org")
    for k in range(n):
        meeting = improvement.review_meeting_create(
            held_on=datetime.date(2024, 1, 10) + datetime.timedelta(days=k), by=director,
            attendees=[director], other_attendees="Two LA colleagues",
        )  # fmt: skip
        improvement.review_item_add(
            meeting=meeting, school=SchoolFactory(), discussion="Falling roll", actions="",
            by=director,
        )  # fmt: skip


def intervention_groups(n: int) -> None:
    director = User.objects.get(email="director@example.org")
    for _ in range(n):
        improvement.intervention_group_start(
            school=SchoolFactory(), chair=director, members=[UserFactory(role=Role.CONSULTANT)],
            started_on=datetime.date(2024, 1, 10), resourcing="Two extra LC visits", by=director,
        )  # fmt: skip


def report_openings(n: int, school: School) -> None:
    for _ in range(n):
        report = ReportFactory(visit=VisitFactory(school=school), status=ReportStatus.FINAL)
        ReportOpening.objects.create(report=report, person=UserFactory(role=Role.HEADTEACHER))


def evaluations(n: int, event: Event) -> None:
    for k in range(n):
        Evaluation.objects.create(booking=BookingFactory(event=event), rating=1 + k % 5)


def test_lists_of_good_practice_meetings_groups_and_evaluations_keep_their_budget(
    client_for, director, school_a, django_assert_max_num_queries
):
    n = 3
    event = EventFactory(sessions=[-10], capacity=100)
    builders = [
        ("/improvement/good-practice/?q=reading", lambda k: good_practice(k, school_a), 3),
        ("/improvement/review-group/", lambda k: review_meetings(k, school_a), 7),
        ("/improvement/report-openings/", lambda k: report_openings(k, school_a), 5),
        (
            "/improvement/report-openings/?school=bonner&since=2020-01-01",
            lambda k: report_openings(k, school_a),
            5,
        ),
        ("/improvement/intervention/", intervention_groups, 7),
        (f"/learning/{event.pk}/evaluations/", lambda k: evaluations(k, event), 6),
    ]
    client = client_for(director)
    client.get("/")
    for url, build, budget in builders:
        build(n)
        with django_assert_max_num_queries(budget, info=url):
            small = client.get(url)
        assert small.status_code == 200
        build(9 * n)
        with django_assert_max_num_queries(budget, info=url):
            large = client.get(url)
        assert len(large.content) > len(small.content), f"{url} shows no more with more"


def test_an_lcs_events_to_mark_keep_their_budget(
    client_for, django_assert_max_num_queries, school_a
):
    lc = UserFactory(role=Role.CONSULTANT)
    client = client_for(lc)
    client.get("/")
    for _ in range(2):
        BookingFactory(event=EventFactory(sessions=[-1], facilitator=lc), school=school_a)
    with django_assert_max_num_queries(4):
        assert client.get("/learning/attendance/").status_code == 200
    for _ in range(18):
        BookingFactory(event=EventFactory(sessions=[-1], facilitator=lc), school=school_a)
    with django_assert_max_num_queries(4):
        response = client.get("/learning/attendance/")
    assert response.content.decode().count("Mark attendance") >= 20
