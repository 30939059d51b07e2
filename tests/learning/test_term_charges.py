import datetime
from decimal import Decimal

import pytest

from learning.invoicing import term_charges
from learning.models import Kind, Status
from tests.learning.factories import BookingFactory, EventFactory, SessionFactory


def event_on(day: datetime.date, **fields):
    event = EventFactory(sessions=[], **fields)
    SessionFactory(event=event, date=day)
    return event


@pytest.mark.django_db
def test_a_school_is_charged_per_term_for_confirmed_places_and_late_cancellations(
    school_a, school_b
):
    autumn = event_on(datetime.date(2023, 10, 12), title="Leadership Lab")
    spring = event_on(datetime.date(2024, 2, 8), title="Future Headteachers")
    network = event_on(datetime.date(2024, 2, 9), kind=Kind.NETWORK, member_price=0)
    BookingFactory(event=autumn, school=school_a, delegate_name="Amy", price=Decimal("90.00"))
    BookingFactory(event=spring, school=school_a, delegate_name="Tom", price=Decimal("450.00"),
                   non_member_price=Decimal("750.00"), status=Status.CANCELLED,
                   cancellation_charged=True)  # fmt: skip
    BookingFactory(event=spring, school=school_a, status=Status.CANCELLED)  # free: before deadline
    BookingFactory(event=spring, school=school_a, status=Status.WAITING)
    BookingFactory(event=network, school=school_a, price=Decimal("0"))
    BookingFactory(event=autumn, school=school_b)  # another school's

    terms = {t.term: t for t in term_charges(school=school_a, year=2023)}
    assert [(line.what, line.amount) for line in terms["autumn"].lines] == [
        ("Leadership Lab, 12 October 2023: Amy", Decimal("90.00"))
    ]
    assert [(line.what, line.amount) for line in terms["spring"].lines] == [
        (
            "Future Headteachers, 8 February 2024: Tom (cancelled after the deadline)",
            Decimal("450.00"),
        )
    ]
    assert terms["summer"].lines == []
    assert [t.total for t in terms.values()] == [Decimal("90.00"), Decimal("450.00"), 0]
    assert all(not t.lines for t in term_charges(school=school_a, year=2024))


@pytest.mark.django_db
def test_the_head_sees_this_years_charges_and_staff_do_not(client_for, head_a, staff_a, school_a):
    BookingFactory(school=school_a, delegate_name="Amy", event=EventFactory(sessions=[0]))
    page = client_for(head_a).get("/learning/bookings/").content.decode()
    assert "Places charged to Bonner Primary School" in page
    assert "Not invoiced yet" in page
    page = client_for(staff_a).get("/learning/bookings/").content.decode()
    assert "Places charged" not in page


def test_the_bookings_page_title_is_plain_words(client_for, head_a, school_a):
    BookingFactory(school=school_a, delegate_name="Amy", event=EventFactory(sessions=[0]))
    page = client_for(head_a).get("/learning/bookings/").content.decode()
    assert "<title>Our bookings · THE Partnership portal</title>" in page
    assert page.count("Places charged to Bonner Primary School") == 1
