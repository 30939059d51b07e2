"""The coaching pages: the head's panels (home and school page), the coach's coachees and
their sessions, and the directors' page of every head's sessions done and left."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coaching.models import Allocation, Session, SessionStatus
from tests.coaching.factories import CoachingFactory, SessionFactory
from tests.factories import AffiliationFactory, SchoolFactory, UserFactory
from tests.membership.factories import MembershipFactory
from thep import years
from thep.models import Role

NOTHING_RECORDED = "Nothing said in coaching is recorded"


def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def members(school_a, school_b):
    """Both schools are members this year; their heads have long been heads (3 sessions)."""
    for school in (school_a, school_b):
        MembershipFactory(member__school=school, year=years.current())


@pytest.fixture
def allocation(coach, head_a) -> Allocation:
    return Allocation.objects.get(coach=coach, head=head_a)


def test_the_head_sees_sessions_done_and_left_at_home_and_on_the_school_page(
    client_for, members, allocation, head_a, school_a
):
    SessionFactory(allocation=allocation, date=today(), status=SessionStatus.HELD)
    SessionFactory(allocation=allocation, date=today() + datetime.timedelta(days=14))
    client = client_for(head_a)
    for page in ("/", school_a.get_absolute_url()):
        text = client.get(page).content.decode()
        assert "1 done, 1 left" in text, page
        assert "Coach: Grace" in text
        assert "1 booked" in text
        assert NOTHING_RECORDED in text


def test_the_heads_panel_shows_the_coachs_changes_at_once(
    client_for, members, allocation, head_a, coach
):
    head = Client()
    head.force_login(head_a)
    assert "0 done, 3 left" in head.get("/").content.decode()  # now kept for a few minutes
    coach_client = client_for(coach)
    coach_client.post(
        reverse("coaching:coachee", args=[allocation.pk]),
        {
            "date": today().isoformat(),
            "start_time": "09:30",
            "mode": "in_person",
            "place": "Bonner",
        },
    )
    coach_client.post(reverse("coaching:session_mark", args=[Session.objects.get().pk, "held"]))
    assert "1 done, 2 left" in head.get("/").content.decode()
    Session.objects.get().delete()  # in the admin, say
    assert "0 done, 3 left" in head.get("/").content.decode()


def test_a_head_with_no_coach_yet_sees_what_they_are_entitled_to(client_for, members, head_b):
    text = client_for(head_b).get("/").content.decode()
    assert "No coach allocated yet" in text
    assert "0 done, 3 left" in text


@pytest.mark.parametrize("who", ["staff_a", "lc_a", "la_officer", "office_admin"])
def test_nobody_else_sees_whether_a_head_is_coached(request, client_for, coach, school_a, who):
    client = client_for(request.getfixturevalue(who))
    for page in ("/", school_a.get_absolute_url()):
        assert "Executive coaching" not in client.get(page).content.decode()


def test_the_coach_books_a_session_and_marks_it_held(client_for, members, allocation, coach):
    client = client_for(coach)
    page = reverse("coaching:coachee", args=[allocation.pk])
    form = {
        "date": today().isoformat(),
        "start_time": "09:30",
        "mode": "in_person",
        "place": "Bonner",
    }
    booked = client.post(page, form, follow=True).content.decode()
    assert "Session booked for" in booked
    assert "0 done, 2 left" in booked
    session = Session.objects.get()
    marked = client.post(
        reverse("coaching:session_mark", args=[session.pk, "held"]), follow=True
    ).content.decode()
    assert "is marked held" in marked
    assert "1 done, 2 left" in marked
    assert NOTHING_RECORDED in marked


def test_a_booking_beyond_the_entitlement_says_why_and_books_nothing(
    client_for, members, allocation, coach
):
    SessionFactory.create_batch(3, allocation=allocation, status=SessionStatus.HELD)
    response = client_for(coach).post(
        reverse("coaching:coachee", args=[allocation.pk]),
        {"date": today().isoformat(), "start_time": "09:30", "mode": "online"},
    )
    assert response.status_code == 400
    assert "has no coaching sessions left in" in response.content.decode()
    assert Session.objects.count() == 3


def test_a_future_session_cannot_be_marked_held_yet(client_for, members, allocation, coach):
    session = SessionFactory(allocation=allocation, date=today() + datetime.timedelta(days=3))
    text = (
        client_for(coach)
        .post(reverse("coaching:session_mark", args=[session.pk, "held"]), follow=True)
        .content.decode()
    )
    assert "on or after its day" in text
    session.refresh_from_db()
    assert session.status == SessionStatus.BOOKED


def test_a_coach_sees_only_their_own_coachees(client_for, members, allocation, coach, head_b):
    other = CoachingFactory(head=head_b, school=head_b.affiliations.get().school)
    session = SessionFactory(allocation=other)
    client = client_for(coach)
    text = client.get(reverse("coaching:coachees")).content.decode()
    assert "Helen" in text and "Cayley" not in text
    assert client.get(reverse("coaching:coachee", args=[other.pk])).status_code == 404
    mark = reverse("coaching:session_mark", args=[session.pk, "held"])
    assert client.post(mark).status_code == 404
    assert Session.objects.get(pk=session.pk).status == SessionStatus.BOOKED


def test_directors_see_each_heads_sessions_done_and_left(client_for, members, allocation, director):
    SessionFactory(allocation=allocation, status=SessionStatus.HELD)
    text = client_for(director).get(reverse("coaching:heads")).content.decode()
    assert "1 head: 1 session held, 2 left." in text
    assert "Bonner Primary School" in text
    assert NOTHING_RECORDED in text


def test_the_directors_page_stays_within_its_query_budget(
    client_for, director, django_assert_max_num_queries
):
    for _ in range(30):
        allocation = CoachingFactory()
        MembershipFactory(member__school=allocation.school, year=allocation.year)
        SessionFactory.create_batch(2, allocation=allocation, status=SessionStatus.HELD)
        AffiliationFactory(school=SchoolFactory())  # a head with no coach
    client = client_for(director)
    client.get("/")
    with django_assert_max_num_queries(10):
        assert client.get(reverse("coaching:heads")).status_code == 200


def test_a_director_allocates_a_coach_to_a_head(
    client_for, members, coach, director, head_b, school_b
):
    client = client_for(director)
    affiliation = head_b.affiliations.get()
    assert "Cayley Primary School" in client.get(reverse("coaching:heads")).content.decode()
    done = client.post(
        reverse("coaching:allocate"),
        {"year": years.label(years.current()), "head": affiliation.pk, "coach": coach.pk},
        follow=True,
    )
    assert "coach for" in done.content.decode()
    assert Allocation.objects.get(school=school_b).coach == coach


def test_a_head_who_has_a_coach_is_not_given_a_second(client_for, coach, director, head_a):
    response = client_for(director).post(
        reverse("coaching:allocate"),
        {
            "year": years.label(years.current()),
            "head": head_a.affiliations.get().pk,
            "coach": coach.pk,
        },
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert Allocation.objects.count() == 1


def test_the_menu_takes_coaches_and_directors_to_coaching(client_for, coach, director, head_a):
    assert "Coachees" in client_for(coach).get("/").content.decode()
    assert ">Coaching<" in client_for(director).get("/").content.decode()
    text = client_for(head_a).get("/").content.decode()
    assert "Coachees" not in text and ">Coaching<" not in text


def test_the_office_allocates_a_coach_in_the_admin(client_for, office_admin, head_b, school_b):
    coach = UserFactory(role=Role.COACH)
    client = client_for(office_admin)
    form = {"coach": coach.pk, "head": head_b.pk, "year": years.current()}
    refused = client.post("/admin/coaching/allocation/add/", {**form, "school": SchoolFactory().pk})
    assert "is not the head of" in refused.content.decode()
    client.post("/admin/coaching/allocation/add/", {**form, "school": school_b.pk})
    assert Allocation.objects.get(school=school_b).allocated_by == office_admin
    assert "Sessions held" in client.get("/admin/coaching/allocation/").content.decode()
