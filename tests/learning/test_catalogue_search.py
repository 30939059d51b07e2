import html
from decimal import Decimal

import pytest
from django.db import connection

from learning.models import Event, EventPhase, Kind, Subject
from learning.search import search_query
from learning.selectors import CatalogueFilters, catalogue
from tests.learning.factories import BookingFactory, EventFactory, in_days
from thep import years


def found(text: str, **filters) -> set[str]:
    return {event.title for event in catalogue(filters=CatalogueFilters(text=text, **filters))}


def page(client, query: str) -> str:
    return html.unescape(client.get(f"/learning/?{query}").content.decode())


def cards(client, query: str) -> list[str]:
    """The titles on the catalogue's cards, in the page's order."""
    content = page(client, query)
    return [
        part.split("</a>")[0].split(">")[-1]
        for part in content.split('<h2 class="h5 card-title">')[1:]
    ]


@pytest.mark.django_db
def test_maths_finds_mathematics_and_mathematics_finds_maths():
    EventFactory(title="Primary Mathematics Subject Network", description="Termly meetings.")
    EventFactory(title="Maths Mastery in Year 6", description="Fluency and reasoning.")
    EventFactory(title="Numeracy Across the Curriculum", description="For every subject.")
    EventFactory(title="Secondary English Subject Network", description="Termly meetings.")
    everything = {
        "Primary Mathematics Subject Network",
        "Maths Mastery in Year 6",
        "Numeracy Across the Curriculum",
    }
    assert found("maths") == everything
    assert found("Mathematics") == everything
    assert found("primary maths") == {"Primary Mathematics Subject Network"}


@pytest.mark.django_db
def test_an_acronym_finds_its_words_and_the_words_find_the_acronym():
    EventFactory(title="Primary Enhanced ECT Induction", description="Two years of support.")
    EventFactory(title="Mentoring Early Career Teachers", description="For mentors.")
    EventFactory(title="SENCO Network", description="Termly.")
    EventFactory(title="Special Educational Needs in the Classroom", description="Adaptations.")
    EventFactory(title="DSL Refresher", description="Every two years.")
    EventFactory(title="Designated Safeguarding Lead Training", description="Two days.")
    EventFactory(title="Future Headteachers", description="Preparing for headship.")
    EventFactory(title="New HT Induction", description="The first year.")
    ect = {"Primary Enhanced ECT Induction", "Mentoring Early Career Teachers"}
    assert found("early career teacher") == ect
    assert found("ECT") == ect
    assert found("NQT") == ect
    send = {"SENCO Network", "Special Educational Needs in the Classroom"}
    assert found("SEND") == send
    assert found("special educational needs") == send
    dsl = {"DSL Refresher", "Designated Safeguarding Lead Training"}
    assert found("DSL") == dsl
    assert found("designated safeguarding lead") == dsl
    heads = {"Future Headteachers", "New HT Induction"}
    assert found("HT") == heads
    assert found("headteacher") == heads


@pytest.mark.django_db
def test_short_acronyms_are_searched_not_dropped():
    EventFactory(title="PE Subject Leaders", description="Termly.")
    EventFactory(title="Physical Education in the Early Years", description="Outdoors.")
    EventFactory(title="RE Network", description="With SACRE.")
    EventFactory(title="Religious Education Today", description="A day conference.")
    EventFactory(title="Governors' Finance", description="Budgets.")
    assert found("PE") == {"PE Subject Leaders", "Physical Education in the Early Years"}
    assert found("RE") == {"RE Network", "Religious Education Today"}
    assert found("re network") == {"RE Network"}


@pytest.mark.django_db
def test_a_title_match_ranks_above_a_summary_match_above_a_description_match(client):
    # The soonest event matches least well: the search's rank, not the date, orders them.
    EventFactory(title="Curriculum Day", description="Staff wellbeing matters.", sessions=[5])
    EventFactory(title="Leading Teams", summary="Wellbeing for leaders.", sessions=[10])
    EventFactory(title="Wellbeing in Schools", description="Practical steps.", sessions=[20])
    EventFactory(title="Unrelated", sessions=[1])
    assert cards(client, "q=wellbeing") == [
        "Wellbeing in Schools",
        "Leading Teams",
        "Curriculum Day",
    ]
    # Without a search, soonest first as before.
    assert cards(client, "")[:2] == ["Unrelated", "Curriculum Day"]


@pytest.mark.django_db
def test_a_phase_shows_its_events_and_those_for_all_phases(client):
    EventFactory(title="Primary Phonics", phase=EventPhase.PRIMARY)
    EventFactory(title="Leading People", phase=EventPhase.ALL)
    EventFactory(title="GCSE Science", phase=EventPhase.SECONDARY)
    assert set(cards(client, "phase=primary")) == {"Primary Phonics", "Leading People"}
    assert set(cards(client, "phase=secondary")) == {"GCSE Science", "Leading People"}


@pytest.mark.django_db
def test_each_filter_narrows_the_catalogue(client, school_a):
    EventFactory(
        title="Maths Network", kind=Kind.NETWORK, subject=Subject.MATHS, member_price=0,
        sessions=[10],
    )  # fmt: skip
    EventFactory(
        title="SEND Course", kind=Kind.COURSE, subject=Subject.SEND, member_price=Decimal("90"),
        sessions=[20],
    )  # fmt: skip
    full = EventFactory(
        title="Leadership Programme", kind=Kind.PROGRAMME, subject=Subject.LEADERSHIP,
        member_price=Decimal("450"), non_member_price=Decimal("750"), capacity=1, sessions=[30],
    )  # fmt: skip
    BookingFactory(event=full, school=school_a)
    assert cards(client, "subject=maths") == ["Maths Network"]
    assert cards(client, "subject=send") == ["SEND Course"]
    assert cards(client, "kind=programme") == ["Leadership Programme"]
    assert cards(client, "price=0") == ["Maths Network"]
    assert cards(client, "price=100") == ["Maths Network", "SEND Course"]
    assert cards(client, "places_left=on") == ["Maths Network", "SEND Course"]
    assert cards(client, "price=500&places_left=on&subject=send") == ["SEND Course"]
    term = years.term_of(in_days(20))
    assert "SEND Course" in cards(client, f"term={term}")
    assert "SEND Course" not in cards(client, f"term={next_term(term)}")
    # A card names its subject.
    assert "Network · Early career teachers · All phases · Maths" in page(client, "subject=maths")


def next_term(term: str) -> str:
    order = list(years.Term)
    return order[(order.index(years.Term(term)) + 1) % len(order)]


@pytest.mark.django_db
def test_an_empty_result_says_which_filters_are_on_and_links_to_take_each_off(client):
    EventFactory(title="Secondary Science Network", phase=EventPhase.SECONDARY, sessions=[30])
    other_term = next_term(years.term_of(in_days(30)))
    content = page(client, f"q=science&phase=secondary&term={other_term}")
    term_label = f"{years.Term(other_term).label} term"
    assert f"Nothing matches “science” with Phase: Secondary, Term: {term_label}." in content
    assert "Try without:" in content
    # Each link takes one filter off, and says how many events that would show.
    assert f'<a href="?q=science&phase=secondary">Term: {term_label}</a> (1 event)' in content
    assert f'<a href="?q=science&term={other_term}">Phase: Secondary</a> (still none)' in content
    assert (
        f'<a href="?phase=secondary&term={other_term}">the search “science”</a> (still none)'
        in content
    )
    assert "Secondary Science Network" in page(client, "q=science&phase=secondary")


@pytest.mark.django_db
def test_filters_alone_that_match_nothing_are_named_too(client):
    EventFactory(title="Free Network", kind=Kind.NETWORK, member_price=0)
    content = page(client, "kind=course&price=0")
    assert "No events with Type: Course, Member price: Free to members." in content
    assert '<a href="?price=0">Type: Course</a> (1 event)' in content


@pytest.mark.django_db
@pytest.mark.parametrize("events", [3, 30])
def test_a_search_needs_the_same_few_queries_however_many_events(
    client, django_assert_max_num_queries, events, school_a
):
    for n in range(events):
        event = EventFactory(phase=EventPhase.PRIMARY, sessions=[10 + n % 30])
        BookingFactory(event=event, school=school_a)
    # The count, the events ranked with their places left, and their sessions.
    with django_assert_max_num_queries(3):
        response = client.get("/learning/?q=early+reading&phase=primary&subject=other")
    assert response.content.decode().count('class="card mb-3"') == min(events, 25)
    # Nothing found: one more count for each filter that is on, whatever the events.
    with django_assert_max_num_queries(3 + 3):
        response = client.get("/learning/?q=maths&phase=primary&subject=other")
    assert "Nothing matches" in response.content.decode()


@pytest.mark.django_db
def test_the_search_can_be_answered_from_its_index():
    EventFactory(title="Primary Mathematics Subject Network")
    with connection.cursor() as cursor:
        # A table this small is quicker read whole, so the planner is told not to: the plan
        # shows that the catalogue's search condition is one its GIN index serves.
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = Event.objects.filter(search=search_query("maths")).explain()
    assert "Bitmap Index Scan on learning_event_search" in plan, plan


def test_in_the_demo_maths_finds_the_primary_mathematics_network(demo_db):
    network = "Primary Mathematics Subject Network"
    assert network in found("maths", phase=EventPhase.PRIMARY)
    assert network in found("", subject=Subject.MATHS, max_member_price=Decimal("0"))
