"""A head's and a teacher's bookings page is kept a few minutes between their visits to it, and
anything that changes what it shows is on the page at the next visit."""

import datetime

from django.utils import timezone

from learning.invoicing import term_invoices_create
from learning.services import booking_create, booking_swap
from membership.services import invoice_issue
from tests.learning.factories import BookingFactory, EventFactory
from thep import years


def lists(client, query: str = "") -> dict:
    response = client.get(f"/learning/bookings/{query}")
    assert response.status_code == 200
    return response.context


def test_the_heads_places_change_at_once(
    client_for, django_assert_max_num_queries, member_a, school_a, head_a
):
    event = EventFactory(title="Middle Leaders Programme", capacity=3)
    head = client_for(head_a)
    assert lists(head)["upcoming"] == []
    with django_assert_max_num_queries(5):  # kept: the lists' own queries are not asked again
        assert lists(head)["upcoming"] == []

    amy = booking_create(
        event=event, school=school_a, delegate_email="amy.rahman@example.org",
        delegate_name="Amy Rahman", by=head_a,
    )  # fmt: skip
    assert [row["delegate"] for row in lists(head)["upcoming"]] == ["Amy Rahman"]

    booking_swap(
        booking=amy, delegate_name="Tom Price", delegate_email="tom.price@example.org", by=head_a
    )
    [row] = lists(head)["upcoming"]
    assert row["delegate"] == "Tom Price"
    assert row["swaps"][0].startswith("Passed from Amy Rahman to Tom Price")


def test_a_teachers_past_places_and_charges_change_at_once(
    client_for, member_a, school_a, head_a, staff_a
):
    BookingFactory.create_batch(
        51, school=school_a, delegate=staff_a, delegate_email=staff_a.email,
        event__sessions=[-10],
    )  # fmt: skip
    teacher = client_for(staff_a)
    assert len(lists(teacher)["past"]) == 50
    assert len(lists(teacher, "?page=2")["past"]) == 1
    assert lists(teacher, "?page=9")["past_page"].number == 2  # past the end: the last page
    assert lists(teacher, "?page=two")["past_page"].number == 1

    BookingFactory(
        school=school_a, delegate=staff_a, delegate_email=staff_a.email,
        event=EventFactory(sessions=[-20]),
    )  # fmt: skip
    assert len(lists(teacher, "?page=2")["past"]) == 2
    assert lists(teacher, "?page=2")["past_page"].paginator.num_pages == 2

    today = timezone.localdate()
    BookingFactory(
        school=school_a, delegate_name="Amy Rahman",
        event=EventFactory(sessions=[0], booking_deadline=today - datetime.timedelta(days=3)),
    )  # fmt: skip
    head = client_for(head_a)
    [(_, terms)] = lists(head)["charges"]
    [line] = [line for term in terms for line in term.lines if "Amy Rahman" in line.what]
    assert line.invoice == ""

    [invoice] = term_invoices_create(year=years.current(), term=years.term_of(today), today=today)
    [(_, terms)] = lists(head)["charges"]
    [line] = [line for term in terms for line in term.lines if "Amy Rahman" in line.what]
    assert line.invoice == ""  # a draft, not yet sent

    invoice = invoice_issue(invoice=invoice, make_pdf=False)

    [(_, terms)] = lists(head)["charges"]
    [line] = [line for term in terms for line in term.lines if "Amy Rahman" in line.what]
    assert line.invoice == invoice.reference
