from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from learning.models import Kind, Status
from learning.selectors import income, participation_by_kind, participation_by_school
from membership.selectors import membership_savings
from tests.factories import SchoolFactory
from tests.learning.factories import BookingFactory, EventFactory
from thep import years


@pytest.fixture
def year_of_bookings(school_a, school_b):
    """This year: a course with two places from school A (one cancelled late) and one from
    school B; a network with one from school A; and a waiting-list place that counts nowhere."""
    # Today, so that "this year" on the membership page is the year of the bookings.
    course = EventFactory(kind=Kind.COURSE, sessions=[0])
    network = EventFactory(kind=Kind.NETWORK, member_price=0, sessions=[0])
    BookingFactory(event=course, school=school_a)
    BookingFactory(event=course, school=school_a, status=Status.CANCELLED,
                   cancellation_charged=True)  # fmt: skip
    BookingFactory(event=course, school=school_b, price=Decimal("150.00"), at_member_price=False)
    BookingFactory(event=network, school=school_a, price=Decimal("0"))
    BookingFactory(event=course, school=SchoolFactory(), status=Status.WAITING)
    return course, network


def year_of(event) -> int:
    return years.year_of(event.sessions.first().date)


@pytest.mark.django_db
def test_delegates_and_schools_per_kind_of_event(year_of_bookings, director):
    course, _ = year_of_bookings
    rows = {row.kind: row for row in participation_by_kind(user=director, year=year_of(course))}
    assert (rows["course"].delegates, rows["course"].schools) == (2, 2)
    assert (rows["network"].delegates, rows["network"].schools) == (1, 1)
    assert rows["conference"].delegates == 0


@pytest.mark.django_db
def test_participation_per_school_and_income(year_of_bookings, director, school_a, school_b):
    course, _ = year_of_bookings
    year = year_of(course)
    schools = {
        s.name: (s.delegates, s.events) for s in participation_by_school(user=director, year=year)
    }
    assert schools == {school_a.name: (2, 2), school_b.name: (1, 1)}
    # 90 + 90 (cancelled after the deadline) + 150 + 0
    assert income(user=director, year=year) == Decimal("330.00")
    assert income(user=director, year=year - 1) == Decimal("0")


@pytest.mark.django_db
def test_figures_are_for_directors_and_the_office(year_of_bookings, head_a):
    with pytest.raises(PermissionDenied):
        income(user=head_a, year=years.current())


@pytest.mark.django_db
def test_the_membership_page_shows_what_member_prices_saved(
    year_of_bookings, head_a, school_a, client_for
):
    course, network = year_of_bookings
    year = year_of(course)
    savings = membership_savings(school=school_a, year=year)
    lines = {line.what: line.saved for line in savings.lines}
    # Two places paid at £90 instead of £150, and a free network place worth £150.
    assert lines == {
        f"2 x {course.title}": Decimal("120.00"),
        f"1 x {network.title}": Decimal("150.00"),
    }
    page = client_for(head_a).get(f"/schools/{school_a.urn}/membership/").content.decode()
    assert f"2 x {course.title}" in page
    assert "£270.00" in page  # the total saved
