import pytest

from learning.models import Booking, Status
from tests.learning.factories import BookingFactory, EventFactory, in_days
from tests.learning.orders import order_form


@pytest.mark.django_db
def test_a_head_books_a_colleague_from_the_event_page(
    member_a, client_for, head_a, mailoutbox, django_capture_on_commit_callbacks, eager_tasks
):
    event = EventFactory(title="Leadership Lab: Leading People")
    client = client_for(head_a)
    form = client.get(f"/learning/{event.pk}/book/").content.decode()
    assert 'for="id_delegate-0-email"' in form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/learning/{event.pk}/book/",
            order_form({"name": "Amy Rahman", "email": "amy@example.org"}),
        )
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert (booking.delegate_name, booking.school, booking.booked_by) == (
        "Amy Rahman", member_a.school, head_a,
    )  # fmt: skip
    assert mailoutbox[0].to == ["amy@example.org"]
    page = client.get(response.headers["Location"]).content.decode()
    assert "Booked: Amy Rahman has a place on Leadership Lab: Leading People." in page


@pytest.mark.django_db
def test_staff_book_for_themselves(member_a, client_for, staff_a):
    event = EventFactory()
    # Staff tick themselves, first among the people their school knows.
    response = client_for(staff_a).post(
        f"/learning/{event.pk}/book/", order_form(known=staff_a.email)
    )
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert (booking.delegate, booking.delegate_email) == (staff_a, "staff.a@example.org")


@pytest.mark.django_db
def test_a_refused_booking_keeps_what_was_typed_and_says_why(member_a, client_for, head_a):
    event = EventFactory(title="Future Headteachers")
    BookingFactory(event=event, school=member_a.school, delegate_email="amy@example.org")
    response = client_for(head_a).post(
        f"/learning/{event.pk}/book/",
        order_form({"name": "Amy Rahman", "email": "amy@example.org"}),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Amy Rahman (amy@example.org) already has a place on Future Headteachers." in page
    assert 'value="Amy Rahman"' in page
    assert Booking.objects.count() == 1


@pytest.mark.django_db
def test_a_delegate_needs_a_name_and_an_email(member_a, client_for, head_a):
    event = EventFactory()
    response = client_for(head_a).post(
        f"/learning/{event.pk}/book/",
        order_form({"name": "", "email": "amy@"}),
    )
    page = response.content.decode()
    assert "Give the delegate&#x27;s name." in page
    assert "Enter a valid email address." in page
    assert 'value="amy@"' in page
    assert not Booking.objects.exists()


@pytest.mark.django_db
def test_cancelling_from_the_bookings_page(member_a, client_for, head_a, staff_a):
    event = EventFactory(booking_deadline=in_days(3))
    booking = BookingFactory(event=event, school=member_a.school, delegate=staff_a,
                             delegate_email=staff_a.email)  # fmt: skip
    client = client_for(head_a)
    assert (
        "Cancelling is free until"
        in client.get(f"/learning/bookings/{booking.pk}/cancel/").content.decode()
    )
    response = client.post(f"/learning/bookings/{booking.pk}/cancel/")
    assert response.headers["Location"] == "/learning/bookings/"
    booking.refresh_from_db()
    assert booking.status == Status.CANCELLED
    assert booking.cancelled_by == head_a
    # A cancelled booking has no cancel page any more.
    assert client.get(f"/learning/bookings/{booking.pk}/cancel/").status_code == 404


@pytest.mark.django_db
def test_after_the_deadline_the_cancel_page_warns_of_the_charge(member_a, client_for, head_a):
    booking = BookingFactory(
        school=member_a.school, event=EventFactory(booking_deadline=in_days(-1))
    )
    page = client_for(head_a).get(f"/learning/bookings/{booking.pk}/cancel/").content.decode()
    assert "so the price of £90.00 stays due if you cancel" in page


@pytest.mark.django_db
def test_the_delegate_accepts_an_offer(member_a, client_for, staff_a):
    booking = BookingFactory(school=member_a.school, delegate=staff_a,
                             delegate_email=staff_a.email, status=Status.OFFERED)  # fmt: skip
    client = client_for(staff_a)
    assert (
        "Accept the place" in client.get(f"/learning/bookings/{booking.pk}/offer/").content.decode()
    )
    client.post(f"/learning/bookings/{booking.pk}/offer/")
    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED
    assert client.get(f"/learning/bookings/{booking.pk}/offer/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("bookings", [2, 20])
def test_the_bookings_page_needs_the_same_queries_however_many_bookings(
    client_for, head_a, school_a, django_assert_max_num_queries, bookings
):
    for n in range(bookings):
        # Half in the past, half to come: both lists fill.
        BookingFactory(
            school=school_a, booked_by=head_a, event=EventFactory(sessions=[-4 if n % 2 else 30])
        )
    client = client_for(head_a)
    client.get("/")  # the first page after login writes the session
    # The person, the past-page count, both lists, evaluations due, and the schools the head
    # looks after with their charges this year.
    with django_assert_max_num_queries(7):
        page = client.get("/learning/bookings/").content.decode()
    rows = page.count('<td data-label="Event"><a href="/learning/')
    assert rows == bookings  # one row, led by its event, each


@pytest.mark.django_db
def test_a_cancellation_is_in_the_audit_trail_with_who_did_it(member_a, client_for, head_a):
    from auditlog.models import LogEntry

    booking = BookingFactory(school=member_a.school, delegate_name="Amy Rahman")
    client_for(head_a).post(f"/learning/bookings/{booking.pk}/cancel/")
    entry = LogEntry.objects.get_for_object(booking).filter(actor=head_a).get()
    assert entry.changes_dict["status"] == ["confirmed", "cancelled"]


@pytest.mark.django_db
def test_the_event_page_shows_who_the_school_has_booked(client_for, head_a, school_a, school_b):
    event = EventFactory()
    BookingFactory(event=event, school=school_a, delegate_name="Amy Rahman")
    BookingFactory(event=event, school=school_a, delegate_name="Tom Price", status=Status.WAITING)
    BookingFactory(event=event, school=school_b, delegate_name="Other School Person")
    page = client_for(head_a).get(f"/learning/{event.pk}/").content.decode()
    assert "Amy Rahman: confirmed" in page
    assert "Tom Price: on the waiting list" in page
    assert "Other School Person" not in page


def _row(page: str, delegate: str) -> str:
    """The bookings table's row of one delegate's place."""
    start = page.rindex("<tr>", 0, page.index(f'<td data-label="Delegate">{delegate}</td>'))
    return page[start : page.index("</tr>", start)]


@pytest.mark.django_db
def test_each_place_shows_its_state_price_and_what_the_head_can_do_with_it(
    client_for, head_a, school_a
):
    coming = EventFactory(title="Leadership Lab", sessions=[30])
    ran = EventFactory(title="Phonics Network", sessions=[-4])
    places = {
        "Amy Khan": BookingFactory(event=coming, school=school_a, delegate_name="Amy Khan"),
        "Ben Ode": BookingFactory(event=coming, school=school_a, delegate_name="Ben Ode",
                                  status=Status.OFFERED),
        "Cara Lee": BookingFactory(event=coming, school=school_a, delegate_name="Cara Lee",
                                   status=Status.REQUESTED),
        "Dev Shah": BookingFactory(event=coming, school=school_a, delegate_name="Dev Shah",
                                   price=0),
        "Eve Fox": BookingFactory(event=coming, school=school_a, delegate_name="Eve Fox",
                                  status=Status.CANCELLED, cancellation_charged=True),
        "Fay Ng": BookingFactory(event=coming, school=school_a, delegate_name="Fay Ng",
                                 status=Status.CANCELLED),
        "Gil Roy": BookingFactory(event=ran, school=school_a, delegate_name="Gil Roy",
                                  attended=True),
        "Hal Orr": BookingFactory(event=ran, school=school_a, delegate_name="Hal Orr",
                                  attended=False),
    }  # fmt: skip
    page = client_for(head_a).get("/learning/bookings/").content.decode()
    rows = {name: _row(page, name) for name in places}
    pk = {name: booking.pk for name, booking in places.items()}
    assert coming.starts_on is not None
    start = f"{coming.starts_on.day} {coming.starts_on:%b %Y}"
    assert (
        f'<td data-label="Event"><a href="/learning/{coming.pk}/">Leadership Lab</a></td>'
        in rows["Amy Khan"]
    )
    assert f'<td data-label="Starts">{start}</td>' in rows["Amy Khan"]
    assert f'<td data-label="School">{school_a.name}</td>' in rows["Amy Khan"]
    price = '<td class="text-end" data-label="Price (charged if cancelled)">'
    assert f"{price}£90.00</td>" in rows["Amy Khan"]
    assert f'href="/learning/bookings/{pk["Amy Khan"]}/cancel/"' in rows["Amy Khan"]
    assert f'href="/learning/bookings/{pk["Ben Ode"]}/offer/"' in rows["Ben Ode"]
    assert "Accept the place for Ben Ode" in rows["Ben Ode"]
    assert f'action="/learning/bookings/{pk["Cara Lee"]}/approve/"' in rows["Cara Lee"]
    assert "Approve Cara Lee's place" in rows["Cara Lee"]
    assert f"{price}Free</td>" in rows["Dev Shah"]
    assert "Cancelled (charged)" in rows["Eve Fox"]
    assert f"{price}£90.00</td>" in rows["Eve Fox"]
    assert "/cancel/" not in rows["Eve Fox"]
    assert f"{price}£0.00</td>" in rows["Fay Ng"]
    certificate = f'href="/learning/bookings/{pk["Gil Roy"]}/certificate.pdf"'
    assert certificate in rows["Gil Roy"] and "certificate for Gil Roy" in rows["Gil Roy"]
    assert "· absent" in rows["Hal Orr"] and "certificate" not in rows["Hal Orr"]
    assert "/cancel/" not in rows["Gil Roy"]  # past places have no actions
