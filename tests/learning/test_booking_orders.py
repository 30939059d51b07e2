"""A head books several delegates on an event in one order: reviewed with its prices first,
places all or none, the rest on the waiting list only when the booker says so."""

import pytest
from django.core.exceptions import ValidationError

from learning.models import Booking, BookingOrder, Event, SchoolPolicy, Status
from learning.services import Delegate, booking_order_create
from membership.models import Affiliation
from tests.factories import UserFactory
from tests.learning.factories import BookingFactory, EventFactory
from tests.learning.orders import order_form
from thep.models import Role

AMY = {"name": "Amy Rahman", "email": "amy@example.org"}
TOM = {"name": "Tom Price", "email": "tom@example.org"}
SARA = {"name": "Sara Ali", "email": "sara@example.org", "dietary_needs": "Halal"}


def three() -> list[Delegate]:
    return [Delegate(**person) for person in (AMY, TOM, SARA)]


def unchanged(event: Event) -> tuple[int, int, int]:
    return Booking.objects.count(), BookingOrder.objects.count(), event.places_taken


@pytest.mark.django_db
def test_one_order_gives_each_delegate_a_place_the_booker_one_confirmation_and_each_their_own(
    member_a, school_a, head_a, mailoutbox, django_capture_on_commit_callbacks, eager_tasks
):
    event = EventFactory(title="Leadership Lab")
    with django_capture_on_commit_callbacks(execute=True):
        order = booking_order_create(
            event=event, school=school_a, delegates=three(), by=head_a, waiting_list_ok=False
        )
    places = list(order.bookings.order_by("pk"))
    assert [(b.delegate_name, b.status, b.price) for b in places] == [
        ("Amy Rahman", Status.CONFIRMED, 90), ("Tom Price", Status.CONFIRMED, 90),
        ("Sara Ali", Status.CONFIRMED, 90),
    ]  # fmt: skip
    assert places[2].dietary_needs == "Halal"
    assert Event.objects.get(pk=event.pk).places_taken == 3
    to_delegates = [m for m in mailoutbox if m.to != [head_a.email]]
    assert sorted(m.to[0] for m in to_delegates) == [
        "amy@example.org", "sara@example.org", "tom@example.org",
    ]  # fmt: skip
    for message in to_delegates:
        assert message.subject == "Place confirmed: Leadership Lab"
        assert message.attachments[0][0] == "thep-booking.ics"
        assert message.cc == []  # the booker's own confirmation lists every place
    (confirmation,) = [m for m in mailoutbox if m.to == [head_a.email]]
    assert confirmation.subject == "Your order: 3 places on Leadership Lab"
    for line in (
        "- Amy Rahman (amy@example.org): Confirmed, £90.00",
        "- Tom Price (tom@example.org): Confirmed, £90.00",
        "- Sara Ali (sara@example.org): Confirmed, £90.00",
        "Total: £270.00 at the member price, invoiced to your school.",
    ):
        assert line in confirmation.body


@pytest.mark.django_db
def test_the_review_shows_price_per_place_and_total_and_books_nothing(member_a, client_for, head_a):
    event = EventFactory(title="Leadership Lab")
    page = client_for(head_a).post(
        f"/learning/{event.pk}/book/", order_form(AMY, TOM, SARA, action="review")
    )
    text = page.content.decode()
    assert "£90.00 a place at the member price" in text
    assert '<td class="text-end" data-label="Total">£270.00</td>' in text
    assert ">Book 3 places</button>" in text
    assert "Dietary: Halal" in text
    assert not Booking.objects.exists()


@pytest.mark.django_db
def test_a_school_that_is_not_a_member_sees_the_non_member_price(client_for, head_b):
    event = EventFactory()
    text = (
        client_for(head_b)
        .post(f"/learning/{event.pk}/book/", order_form(AMY, TOM, action="review"))
        .content.decode()
    )
    assert "£150.00 a place at the non-member price" in text
    assert '<td class="text-end" data-label="Total">£300.00</td>' in text


@pytest.mark.django_db
def test_confirming_the_reviewed_order_books_it_and_says_so(
    member_a, client_for, head_a, django_capture_on_commit_callbacks, eager_tasks
):
    event = EventFactory(title="Leadership Lab")
    client = client_for(head_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/learning/{event.pk}/book/", order_form(AMY, TOM, SARA),
                               follow=True)  # fmt: skip
    assert (
        "Booked: Amy Rahman, Tom Price and Sara Ali have places on Leadership Lab. Your "
        "confirmation listing every place is on its way by email" in response.content.decode()
    )
    assert BookingOrder.objects.get().bookings.count() == 3


@pytest.mark.django_db
def test_an_order_beyond_the_places_left_is_refused_whole_and_says_how_many_are_left(
    member_a, school_a, head_a
):
    event = EventFactory(title="Leadership Lab", capacity=5)
    for _ in range(3):
        BookingFactory(event=event, school=school_a)
    event.refresh_from_db()
    before = unchanged(event)
    with pytest.raises(ValidationError) as refusal:
        booking_order_create(
            event=event, school=school_a, delegates=three(), by=head_a, waiting_list_ok=False
        )
    assert refusal.value.messages == [
        "Only 2 places are left on Leadership Lab, for your 3 delegates. Book 2 or fewer, or "
        "put the other 1 on the waiting list."
    ]
    event.refresh_from_db()
    assert unchanged(event) == before


@pytest.mark.django_db
def test_with_the_waiting_list_ticked_the_places_left_are_booked_and_the_rest_wait(
    member_a, school_a, head_a
):
    event = EventFactory(capacity=5)
    for _ in range(3):
        BookingFactory(event=event, school=school_a)
    order = booking_order_create(
        event=event, school=school_a, delegates=three(), by=head_a, waiting_list_ok=True
    )
    assert [(b.delegate_name, b.status) for b in order.bookings.order_by("pk")] == [
        ("Amy Rahman", Status.CONFIRMED), ("Tom Price", Status.CONFIRMED),
        ("Sara Ali", Status.WAITING),
    ]  # fmt: skip
    assert Event.objects.get(pk=event.pk).places_taken == 5


@pytest.mark.django_db
def test_the_review_offers_the_waiting_list_for_the_rest_in_the_same_step(
    member_a, school_a, client_for, head_a
):
    event = EventFactory(capacity=5)
    for _ in range(3):
        BookingFactory(event=event, school=school_a)
    client = client_for(head_a)
    text = client.post(
        f"/learning/{event.pk}/book/", order_form(AMY, TOM, SARA, action="review")
    ).content.decode()
    assert "Only 2 places are left for your 3 delegates." in text
    assert '<td class="text-end" data-label="Total">£180.00</td>' in text
    assert 'value="confirm_waiting">Book 2 places, 1 on the waiting list</button>' in text
    client.post(f"/learning/{event.pk}/book/", order_form(AMY, TOM, SARA, action="confirm_waiting"))
    statuses = dict(
        Booking.objects.filter(order__isnull=False).values_list("delegate_name", "status")
    )
    assert statuses == {"Amy Rahman": "confirmed", "Tom Price": "confirmed", "Sara Ali": "waiting"}


@pytest.mark.django_db
def test_places_gone_between_review_and_confirm_are_refused_keeping_the_order(
    member_a, school_a, client_for, head_a
):
    event = EventFactory(capacity=5, title="Leadership Lab")
    for _ in range(4):
        BookingFactory(event=event, school=school_a)
    response = client_for(head_a).post(f"/learning/{event.pk}/book/", order_form(AMY, TOM))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Only 1 place is left on Leadership Lab, for your 2 delegates." in text
    assert 'value="confirm_waiting">Book 1 place, 1 on the waiting list</button>' in text
    assert 'value="Tom Price"' in text  # carried, ready to confirm with the waiting list
    assert not Booking.objects.filter(order__isnull=False).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("delegates", "message"),
    [
        ([], "Add at least one delegate: a name and an email address."),
        ([AMY, {"name": "Amy R", "email": "AMY@example.org"}],
         "Amy R (amy@example.org) is in this order twice."),
        ([AMY, {"name": "Tom", "email": "tom-at-school"}],
         "Delegate 2: 'tom-at-school' is not an email address; the delegate needs one for the "
         "joining details."),
        ([AMY, {"name": "Booked Before", "email": "booked@example.org"}],
         "Booked Before (booked@example.org) already has a place on Leadership Lab."),
        ([AMY, {"name": " ", "email": "tom@example.org"}], "Delegate 2: give the delegate's name."),
    ],
)  # fmt: skip
def test_a_bad_order_is_refused_whole_and_changes_nothing(
    member_a, school_a, head_a, delegates, message
):
    event = EventFactory(title="Leadership Lab")
    BookingFactory(event=event, school=school_a, delegate_email="booked@example.org")
    event.refresh_from_db()
    before = unchanged(event)
    with pytest.raises(ValidationError) as refusal:
        booking_order_create(
            event=event, school=school_a, delegates=[Delegate(**d) for d in delegates],
            by=head_a, waiting_list_ok=True,
        )  # fmt: skip
    assert refusal.value.messages == [message]
    event.refresh_from_db()
    assert unchanged(event) == before


@pytest.mark.django_db
def test_the_page_refuses_the_same_person_twice_and_keeps_every_row(member_a, client_for, head_a):
    event = EventFactory()
    twice = {"name": "Amy Again", "email": "Amy@example.org", "access_needs": "Step-free"}
    text = (
        client_for(head_a)
        .post(f"/learning/{event.pk}/book/", order_form(AMY, TOM, twice))
        .content.decode()
    )
    assert "Amy Again (amy@example.org) is in this order twice." in text
    for typed in ('value="Amy Rahman"', 'value="Tom Price"', 'value="Amy Again"',
                  'value="Step-free"'):  # fmt: skip
        assert typed in text
    assert not Booking.objects.exists()


@pytest.mark.django_db
def test_while_anyone_waits_a_newcomer_joins_the_waiting_list_even_with_places_free(
    member_a, school_a, client_for, head_a
):
    event = EventFactory(capacity=3, title="Leadership Lab")
    BookingFactory(event=event, school=school_a, status=Status.WAITING)
    with pytest.raises(ValidationError) as refusal:
        booking_order_create(
            event=event, school=school_a, delegates=three()[:1], by=head_a, waiting_list_ok=False
        )
    assert refusal.value.messages == [
        "Leadership Lab has people waiting for places, who come first. Put your 1 delegate on "
        "the waiting list, or choose another event."
    ]
    text = (
        client_for(head_a)
        .post(f"/learning/{event.pk}/book/", order_form(AMY, action="review"))
        .content.decode()
    )
    assert "People are waiting for places on this event, and they come first" in text
    assert 'value="confirm_waiting">Join the waiting list</button>' in text
    order = booking_order_create(
        event=event, school=school_a, delegates=three()[:1], by=head_a, waiting_list_ok=True
    )
    assert order.bookings.get().status == Status.WAITING
    assert Event.objects.get(pk=event.pk).places_taken == 0


@pytest.mark.django_db
def test_a_full_event_offers_to_join_the_waiting_list(member_a, school_a, client_for, head_a):
    event = EventFactory(capacity=1)
    BookingFactory(event=event, school=school_a)
    text = (
        client_for(head_a)
        .post(f"/learning/{event.pk}/book/", order_form(AMY, TOM, action="review"))
        .content.decode()
    )
    assert "The event is full: your order can join the waiting list." in text
    assert 'value="confirm_waiting">Join the waiting list</button>' in text


@pytest.mark.django_db
def test_staff_whose_places_need_approval_are_asked_to_request_them(
    member_a, school_a, client_for, staff_a
):
    SchoolPolicy.objects.create(school=school_a, staff_bookings_need_approval=True)
    event = EventFactory()
    client = client_for(staff_a)
    text = client.post(
        f"/learning/{event.pk}/book/", order_form(action="review", known=staff_a.email)
    ).content.decode()
    assert ">Request a place (your head approves)</button>" in text
    text = client.post(
        f"/learning/{event.pk}/book/", order_form(AMY, TOM, action="review")
    ).content.decode()
    assert ">Request 2 places (your head approves)</button>" in text


@pytest.mark.django_db
def test_the_people_the_school_knows_are_offered_and_added_as_rows(
    client_for, head_a, staff_a, school_a, school_b
):
    event = EventFactory()
    BookingFactory(school=school_a, delegate_name="Past Delegate",
                   delegate_email="past@example.org")  # fmt: skip
    BookingFactory(school=school_b, delegate_name="Other School",
                   delegate_email="other@example.org")  # fmt: skip
    client = client_for(head_a)
    text = client.get(f"/learning/{event.pk}/book/").content.decode()
    offered = text[text.index("People your school knows") :]
    assert offered.index("Helen") < offered.index("staff.a@example.org")  # the booker first
    assert "Past Delegate (past@example.org)" in offered
    assert "other@example.org" not in text
    typed = {"name": "Amy Rahman", "email": "amy@example.org"}
    text = client.post(
        f"/learning/{event.pk}/book/",
        order_form(typed, action="add_known", known=["past@example.org", staff_a.email]),
    ).content.decode()
    for value in ("Amy Rahman", "Past Delegate", "past@example.org", staff_a.email):
        assert f'value="{value}"' in text
    assert "Delegate 3" in text and "Delegate 4" not in text


@pytest.mark.django_db
def test_adding_and_removing_rows_keeps_what_was_typed(member_a, client_for, head_a):
    event = EventFactory()
    client = client_for(head_a)
    text = client.post(
        f"/learning/{event.pk}/book/", order_form(AMY, {"name": "Tom", "email": "tom@"},
                                                  action="add")
    ).content.decode()  # fmt: skip
    assert 'value="Amy Rahman"' in text and 'value="tom@"' in text
    assert 'name="delegate-TOTAL_FORMS" value="3"' in text
    text = client.post(
        f"/learning/{event.pk}/book/", order_form(AMY, TOM, SARA, action="remove-1")
    ).content.decode()
    assert 'value="Amy Rahman"' in text and 'value="Sara Ali"' in text
    assert "Tom Price" not in text
    assert not Booking.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("people", [2, 40])
def test_the_booking_page_needs_the_same_queries_however_many_people_the_school_knows(
    client_for, head_a, school_a, django_assert_max_num_queries, people
):
    event = EventFactory()
    for n in range(people):
        colleague = UserFactory(role=Role.STAFF, email=f"colleague{n}@example.org")
        Affiliation.objects.create(person=colleague, school=school_a)
        BookingFactory(school=school_a, delegate_email=f"past{n}@example.org")
    client = client_for(head_a)
    client.get("/")  # the first page after login writes the session
    # The person, the event, whether they book for any school, the school's staff, the people
    # it booked before, and the schools they book for (to ask which only if several).
    with django_assert_max_num_queries(6):
        text = client.get(f"/learning/{event.pk}/book/").content.decode()
    assert text.count('name="known"') == 1 + 2 * people


@pytest.mark.django_db
@pytest.mark.parametrize("delegates", [2, 30])
def test_the_review_needs_the_same_queries_however_many_delegates(
    member_a, client_for, head_a, django_assert_max_num_queries, delegates
):
    event = EventFactory(capacity=50)
    rows = [{"name": f"Delegate {n}", "email": f"d{n}@example.org"} for n in range(delegates)]
    client = client_for(head_a)
    client.get("/")
    # The page's six, then the quote: membership, people already booked, anyone waiting, and
    # whether the school asks for approval.
    with django_assert_max_num_queries(10):
        text = client.post(
            f"/learning/{event.pk}/book/", order_form(*rows, action="review")
        ).content.decode()
    assert f">Book {delegates} places</button>" in text
