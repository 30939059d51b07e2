"""Places are invoiced to schools per term, as lines on invoices numbered with the membership
invoices, shown on the membership page and in its PDFs."""

import csv
import datetime
import io
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from learning.invoicing import term_invoices_create
from learning.models import Booking, Kind, Status
from membership.models import Invoice, InvoiceKind, InvoiceStatus, Member
from membership.services import invoice_cancel, invoice_create, invoice_issue
from tests.factories import SchoolFactory
from tests.learning.factories import BookingFactory, EventFactory, SessionFactory, in_days
from tests.membership.factories import FeeRateFactory, MembershipFactory, PupilCountFactory
from thep import years

AUTUMN_DAY = datetime.date(2023, 10, 12)


def event_on(day: datetime.date, **fields):
    fields.setdefault("booking_deadline", day - datetime.timedelta(days=7))
    event = EventFactory(sessions=[], **fields)
    SessionFactory(event=event, date=day)
    return event


def lines_of(invoice: Invoice) -> list[tuple[str, Decimal]]:
    return [(line.description, line.amount) for line in invoice.lines.all()]


@pytest.mark.django_db
def test_a_terms_places_become_a_draft_invoice_for_each_school_with_a_line_per_place(
    school_a,
):
    lab = event_on(AUTUMN_DAY, title="Leadership Lab")
    conference = event_on(datetime.date(2023, 11, 30), title="Inclusion Conference")
    network = event_on(AUTUMN_DAY, kind=Kind.NETWORK, member_price=0)
    spring = event_on(datetime.date(2024, 2, 8), title="Future Headteachers")
    BookingFactory(event=lab, school=school_a, delegate_name="Amy Khan")
    BookingFactory(event=conference, school=school_a, delegate_name="Tom Reid",
                   price=Decimal("120.00"), status=Status.CANCELLED,
                   cancellation_charged=True)  # fmt: skip
    BookingFactory(event=conference, school=school_a, status=Status.CANCELLED)  # free
    BookingFactory(event=lab, school=school_a, status=Status.WAITING)
    BookingFactory(event=network, school=school_a, price=Decimal("0"))
    BookingFactory(event=spring, school=school_a)  # another term
    outsider = SchoolFactory(name="Canary Wharf College")  # not a member: never joined
    BookingFactory(event=lab, school=outsider, delegate_name="Ola Bello",
                   price=Decimal("150.00"), at_member_price=False)  # fmt: skip

    invoices = term_invoices_create(year=2023, term="autumn")

    by_school = {invoice.member.school: invoice for invoice in invoices}
    assert set(by_school) == {school_a, outsider}
    ours = by_school[school_a]
    assert (ours.kind, ours.year, ours.term, ours.status) == (
        InvoiceKind.PLACES, 2023, "autumn", InvoiceStatus.DRAFT
    )  # fmt: skip
    assert ours.what == "Places, autumn term 2023-24"
    assert lines_of(ours) == [
        ("Leadership Lab, 12 October 2023: Amy Khan", Decimal("90.00")),
        (
            "Inclusion Conference, 30 November 2023: Tom Reid (cancelled after the deadline)",
            Decimal("120.00"),
        ),
    ]
    assert ours.amount == Decimal("210.00")
    assert lines_of(by_school[outsider]) == [
        ("Leadership Lab, 12 October 2023: Ola Bello", Decimal("150.00"))
    ]
    assert Member.objects.get(school=outsider).memberships.count() == 0


@pytest.mark.django_db
def test_places_whose_deadline_has_not_passed_wait_for_a_later_run(school_a):
    soon = event_on(AUTUMN_DAY, title="Leadership Lab")  # deadline 5 October
    BookingFactory(event=soon, school=school_a, delegate_name="Amy Khan")

    with pytest.raises(ValidationError, match="No places in the autumn term 2023-24"):
        term_invoices_create(year=2023, term="autumn", today=datetime.date(2023, 10, 5))
    assert not Invoice.objects.exists()

    [invoice] = term_invoices_create(year=2023, term="autumn", today=datetime.date(2023, 10, 6))
    assert lines_of(invoice) == [("Leadership Lab, 12 October 2023: Amy Khan", Decimal("90.00"))]


@pytest.mark.django_db
def test_running_again_invoices_only_new_places_and_never_a_place_twice(school_a):
    lab = event_on(AUTUMN_DAY, title="Leadership Lab")
    BookingFactory(event=lab, school=school_a, delegate_name="Amy Khan")
    [first] = term_invoices_create(year=2023, term="autumn")
    # A place taken after the deadline (an offer from the waiting list accepted).
    BookingFactory(event=lab, school=school_a, delegate_name="Sam Ode")

    [second] = term_invoices_create(year=2023, term="autumn")

    assert lines_of(second) == [("Leadership Lab, 12 October 2023: Sam Ode", Decimal("90.00"))]
    with pytest.raises(ValidationError, match="are waiting to be invoiced"):
        term_invoices_create(year=2023, term="autumn")
    assert Invoice.objects.count() == 2
    assert first.lines.count() == 1


@pytest.mark.django_db
def test_a_term_not_autumn_spring_or_summer_is_refused(school_a):
    with pytest.raises(ValidationError, match="Choose the autumn, spring or summer term"):
        term_invoices_create(year=2023, term="easter")


@pytest.mark.django_db
def test_places_are_numbered_with_the_membership_invoices_and_a_credit_note_frees_them(
    school_a,
):
    FeeRateFactory(year=2023)
    MembershipFactory(member__school=school_a, year=2023)
    PupilCountFactory(school=school_a, year=2023, pupils=420)
    fee = invoice_issue(
        invoice=invoice_create(member=Member.objects.get(school=school_a), year=2023),
        make_pdf=False,
    )
    BookingFactory(event=event_on(AUTUMN_DAY, title="Leadership Lab"), school=school_a,
                   delegate_name="Amy Khan")  # fmt: skip
    [places] = term_invoices_create(year=2023, term="autumn")
    places = invoice_issue(invoice=places, make_pdf=False)
    assert (fee.reference, places.reference) == ("THEP-00001", "THEP-00002")

    note = invoice_cancel(invoice=places, reason="Wrong delegate")
    assert note.amount == Decimal("90.00")
    [again] = term_invoices_create(year=2023, term="autumn")

    assert lines_of(again) == [("Leadership Lab, 12 October 2023: Amy Khan", Decimal("90.00"))]
    line = Booking.objects.get(delegate_name="Amy Khan").invoice_line
    assert line is not None and line.invoice == again


@pytest.mark.django_db(transaction=True)
def test_two_people_invoicing_the_same_term_at_once_invoice_each_place_once(school_a):
    lab = event_on(AUTUMN_DAY, title="Leadership Lab", capacity=30)
    for school in (school_a, *SchoolFactory.create_batch(4)):
        BookingFactory.create_batch(5, event=lab, school=school)
    start = threading.Barrier(2)
    outcomes: list[object] = []

    def invoice() -> None:
        try:
            start.wait()
            outcomes.append(len(term_invoices_create(year=2023, term="autumn")))
        except ValidationError as refused:
            outcomes.append(refused.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=invoice) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert 5 in outcomes
    assert len(outcomes) == 2
    assert Invoice.objects.count() == 5
    assert Booking.objects.filter(invoice_line__isnull=True).count() == 0
    assert sum(invoice.lines.count() for invoice in Invoice.objects.all()) == 25


@pytest.mark.django_db
def test_the_head_downloads_the_places_invoice_and_sees_it_against_each_place(
    client_for, head_a, school_a
):
    BookingFactory(event=event_on(AUTUMN_DAY, title="Leadership Lab"), school=school_a,
                   delegate_name="Amy Khan")  # fmt: skip
    [invoice] = term_invoices_create(year=2023, term="autumn")
    client = client_for(head_a)
    page = client.get(f"/schools/{school_a.urn}/membership/").content.decode()
    assert "Places, autumn term" not in page  # a draft is the office's business

    invoice = invoice_issue(invoice=invoice, make_pdf=False)
    page = client.get(f"/schools/{school_a.urn}/membership/").content.decode()
    assert "Places, autumn term 2023-24" in page
    response = client.get(f"/schools/{school_a.urn}/membership/invoices/{invoice.number}.pdf")
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Invoice THEP-00001" in text
    assert "Places, autumn term 2023-24" in text
    assert "Leadership Lab, 12 October 2023: Amy Khan" in text
    assert "Total due £90.00" in text


@pytest.mark.django_db
def test_the_bookings_page_names_the_invoice_of_each_place(client_for, head_a, school_a):
    event = EventFactory(sessions=[0], booking_deadline=in_days(-1))
    BookingFactory(event=event, school=school_a, delegate_name="Amy Khan")
    BookingFactory(event=event, school=school_a, delegate_name="Ben Ode")
    client = client_for(head_a)
    client.get("/")  # the first page after login writes the session
    with CaptureQueriesContext(connection) as before:
        page = client.get("/learning/bookings/").content.decode()
    assert page.count("Not invoiced yet") == 2

    today = in_days(0)
    [invoice] = term_invoices_create(year=years.year_of(today), term=years.term_of(today))
    invoice_issue(invoice=invoice, make_pdf=False)
    invoice.refresh_from_db()  # issuing numbers it
    assert invoice.reference
    with CaptureQueriesContext(connection) as after:
        page = client.get("/learning/bookings/").content.decode()
    assert "Not invoiced yet" not in page
    assert page.count(invoice.reference) == 2
    assert len(after) == len(before)  # the invoices are read with the places, not one by one


@pytest.mark.django_db
def test_the_office_makes_a_terms_drafts_in_the_admin(client_for, office_admin, school_a):
    BookingFactory(event=event_on(AUTUMN_DAY, title="Leadership Lab"), school=school_a)
    client = client_for(office_admin)
    url = "/admin/learning/booking/invoice-term/"
    assert "Invoice a term's places" in client.get("/admin/membership/invoice/").content.decode()

    refused = client.post(url, {"year": "2023", "term": "spring"})
    page = refused.content.decode()
    assert "No places in the spring term 2023-24" in page
    assert 'value="spring" selected' in page  # what was chosen is kept
    assert not Invoice.objects.exists()

    response = client.post(url, {"year": "2023", "term": "autumn"}, follow=True)
    page = response.content.decode()
    assert "1 draft invoices made, £90.00 in all" in page
    assert Invoice.objects.get().lines.count() == 1


@pytest.mark.django_db
def test_the_finance_csv_says_what_each_invoice_is_for(client_for, office_admin, school_a):
    BookingFactory(event=event_on(AUTUMN_DAY, title="Leadership Lab"), school=school_a)
    [invoice] = term_invoices_create(year=2023, term="autumn")
    invoice_issue(invoice=invoice, make_pdf=False)
    response = client_for(office_admin).get("/admin/membership/invoice/export-finance-csv/")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [
        (row["number"], row["for"], row["year"], row["term"], row["amount"]) for row in rows
    ] == [("THEP-00001", "Places on courses and events", "2023-24", "Autumn", "90.00")]
