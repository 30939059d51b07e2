import pytest

from learning.models import Audience, EventPhase, Kind
from learning.selectors import CatalogueFilters, catalogue
from tests.learning.factories import BookingFactory, EventFactory, SessionFactory
from thep import years


def titles(**filters) -> list[str]:
    return [event.title for event in catalogue(filters=CatalogueFilters(**filters))]


@pytest.mark.django_db
def test_the_catalogue_shows_published_events_to_come_soonest_first():
    EventFactory(title="Later", sessions=[40])
    EventFactory(title="Sooner", sessions=[10, 50])
    EventFactory(title="Draft", published=False)
    EventFactory(title="Over", sessions=[-10])
    assert titles() == ["Sooner", "Later"]


@pytest.mark.django_db
def test_search_and_filters():
    EventFactory(
        title="Primary Subject Leadership",
        kind=Kind.PROGRAMME,
        audience=Audience.MIDDLE,
        phase=EventPhase.PRIMARY,
    )
    EventFactory(
        title="Secondary Science Network",
        kind=Kind.NETWORK,
        member_price=0,
        audience=Audience.MIDDLE,
        phase=EventPhase.SECONDARY,
        description="Practical work and assessment",
    )
    EventFactory(title="Governors: Understanding School Finances", audience=Audience.GOVERNOR)
    assert titles(text="network") == ["Secondary Science Network"]
    assert titles(text="assessment") == ["Secondary Science Network"]
    assert titles(kind=Kind.PROGRAMME) == ["Primary Subject Leadership"]
    assert titles(audience=Audience.GOVERNOR) == ["Governors: Understanding School Finances"]
    assert titles(phase=EventPhase.SECONDARY, audience=Audience.MIDDLE) == [
        "Secondary Science Network"
    ]  # fmt: skip


@pytest.mark.django_db
def test_places_left_are_counted_and_full_events_can_be_left_out(school_a):
    full = EventFactory(title="Full", capacity=2)
    for _ in range(2):
        BookingFactory(event=full, school=school_a)
    BookingFactory(event=full, school=school_a, status="waiting")
    open_event = EventFactory(title="Open", capacity=10)
    BookingFactory(event=open_event, school=school_a)
    places = {event.title: event.places_left for event in catalogue(filters=CatalogueFilters())}
    assert places == {"Full": 0, "Open": 9}
    assert titles(places_left=True) == ["Open"]


@pytest.mark.django_db
def test_a_past_year_and_a_term_can_be_chosen():
    last_year = years.current() - 1
    autumn = EventFactory(title="Autumn course", sessions=[])
    SessionFactory(event=autumn, date=years.first_day(last_year).replace(month=10, day=5))
    spring = EventFactory(title="Spring course", sessions=[])
    SessionFactory(
        event=spring, date=years.first_day(last_year).replace(year=last_year + 1, month=2, day=7)
    )
    assert titles(year=last_year) == ["Autumn course", "Spring course"]
    assert titles(year=last_year, term="spring") == ["Spring course"]
    assert titles() == []


def make_events(count: int, school) -> None:
    for n in range(count):
        event = EventFactory(sessions=[10 + n % 30, 40 + n % 30])
        BookingFactory(event=event, school=school)


@pytest.mark.django_db
@pytest.mark.parametrize("events", [3, 30])
def test_the_catalogue_page_needs_the_same_few_queries_however_many_events(
    client, django_assert_max_num_queries, events, school_a, head_a
):
    make_events(events, school_a)
    # Anonymous: the count, the events with their dates and places left, and their sessions.
    with django_assert_max_num_queries(3):
        response = client.get("/learning/?kind=course")
    assert response.status_code == 200
    assert response.content.decode().count('class="card mb-3"') == min(events, 25)
    # Signed in, the session, the person and the menu add a fixed handful.
    client.force_login(head_a)
    with django_assert_max_num_queries(9):
        assert client.get("/learning/").status_code == 200


@pytest.mark.django_db
def test_anyone_may_browse_and_is_asked_to_log_in_to_book(client):
    event = EventFactory(title="Future Headteachers")
    page = client.get(f"/learning/{event.pk}/").content.decode()
    assert "<h1>Future Headteachers</h1>" in page
    assert f"/accounts/login/?next=/learning/{event.pk}/" in page
    assert client.get(f"/learning/{event.pk}/book/").status_code == 302


@pytest.mark.django_db
def test_an_unpublished_event_is_a_404_except_to_directors(client, client_for, director):
    draft = EventFactory(published=False)
    assert client.get(f"/learning/{draft.pk}/").status_code == 404
    assert client_for(director).get(f"/learning/{draft.pk}/").status_code == 200


@pytest.mark.django_db
def test_filters_it_does_not_understand_are_ignored(client):
    EventFactory(title="Leading People")
    response = client.get("/learning/?kind=nonsense&year=abc&phase=primary")
    assert response.status_code == 200
