"""The good-practice directory finds entries with every word of a search, best first."""

import datetime

import pytest

from improvement.models import GoodPractice
from tests.improvement.factories import ReportFactory


def entry(school, theme: str, description: str, published_on=datetime.date(2025, 12, 1)):
    return GoodPractice.objects.create(
        report=ReportFactory(visit__school=school), school=school, theme=theme,
        description=description, published_on=published_on,
    )  # fmt: skip


@pytest.fixture
def directory(school_a, school_b):
    entry(school_a, "Reading buddies", "Year 6 pupils read with Reception children each week.")
    entry(school_b, "Playground buddies", "Older pupils run games at lunchtime.")
    entry(school_b, "Early reading", "Same-day phonics catch-up.")
    entry(school_a, "Attendance", "Morning calls to families.")
    entry(
        school_b, "Transition", "Buddies from Year 7 help new pupils with reading their timetables."
    )


def themes(client, query: str) -> list[str]:
    response = client.get("/improvement/good-practice/", {"q": query})
    assert response.status_code == 200
    return [entry.theme for entry in response.context["entries"]]


def test_a_search_of_two_words_finds_only_entries_with_both(client_for, staff_a, directory):
    found = themes(client_for(staff_a), "reading buddies")
    assert set(found) == {"Reading buddies", "Transition"}


def test_entries_with_the_words_in_their_theme_come_first(client_for, staff_a, directory):
    assert themes(client_for(staff_a), "reading buddies") == ["Reading buddies", "Transition"]


def test_one_word_finds_every_entry_with_it_in_any_form(client_for, staff_a, directory):
    found = themes(client_for(staff_a), "buddy")
    assert set(found) == {"Reading buddies", "Playground buddies", "Transition"}


def test_a_search_nothing_matches_says_so(client_for, staff_a, directory):
    client = client_for(staff_a)
    assert themes(client, "reading swimming") == []
    page = client.get("/improvement/good-practice/", {"q": "reading swimming"}).content.decode()
    assert "Nothing matches “reading swimming”." in page


def test_or_and_quotes_work_as_on_a_search_engine(client_for, staff_a, directory):
    client = client_for(staff_a)
    assert set(themes(client, "attendance or phonics")) == {"Attendance", "Early reading"}
    assert themes(client, '"reading buddies"') == ["Reading buddies"]


def test_without_a_search_every_entry_shows_newest_first(client_for, staff_a, school_a, directory):
    entry(school_a, "Governance", "Link governors.", published_on=datetime.date(2026, 3, 1))
    found = themes(client_for(staff_a), "")
    assert found[0] == "Governance" and len(found) == 6


def test_the_directory_comes_a_page_at_a_time_and_every_entry_can_be_reached(
    client_for, staff_a, school_a
):
    for n in range(30):
        entry(school_a, f"Practice {n:02}", "Shared widely.", datetime.date(2025, 1, 1 + n))
    client = client_for(staff_a)
    first = client.get("/improvement/good-practice/").content.decode()
    assert "Page 1 of 2" in first and "Practice 29" in first and "Practice 00" not in first
    second = client.get("/improvement/good-practice/", {"page": 2}).content.decode()
    assert "Practice 00" in second
    assert themes(client, "practice 00") == ["Practice 00"]
