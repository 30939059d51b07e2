"""A head books three colleagues on a course in one order: two known to the school, ticked,
and one typed, with her needs; reviews the prices and the total; confirms; and gets one
confirmation while each colleague gets their own calendar file. Then one colleague cannot go,
and the head passes the place to another without losing it."""

from django.core import mail
from playwright.sync_api import expect

from learning.models import Booking
from membership.models import Affiliation, Member
from tests.browser.test_head_books_colleagues import wait_for_mail
from tests.factories import UserFactory
from tests.learning.factories import BookingFactory, EventFactory
from tests.membership.factories import MembershipFactory
from thep import years
from thep.models import Role


def test_a_head_books_three_colleagues_in_one_order_then_swaps_one(
    page, log_in, accessible, head_a, school_a, mailoutbox, celery_worker
):
    member = Member.objects.create(school=school_a)
    for year in (years.current(), years.current() + 1):
        MembershipFactory(member=member, year=year)
    teacher = UserFactory(role=Role.STAFF, email="amy@example.org", first_name="Amy",
                          last_name="Rahman")  # fmt: skip
    Affiliation.objects.create(person=teacher, school=school_a)
    BookingFactory(school=school_a, delegate_name="Tom Price", delegate_email="tom@example.org",
                   event=EventFactory(sessions=[-40]))  # fmt: skip
    event = EventFactory(title="Phonics and Early Reading", capacity=12, sessions=[21])

    log_in(head_a)
    page.goto(f"/learning/{event.pk}/")
    page.get_by_role("link", name="Book a place").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Book places on Phonics and Early Reading"
    )
    accessible(page)
    page.get_by_label("Name", exact=True).fill("Sara Ali")
    page.get_by_label("Email", exact=True).fill("sara@example.org")
    page.get_by_label("Access needs").fill("Step-free access")
    page.get_by_label("Amy Rahman (amy@example.org)").check()
    page.get_by_label("Tom Price (tom@example.org)").check()
    page.get_by_role("button", name="Add the people ticked").click()
    expect(page.get_by_role("group", name="Delegate 3")).to_be_visible()
    expect(page.get_by_label("Access needs").first).to_have_value("Step-free access")

    page.get_by_role("button", name="Review the order").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review your order")
    expect(page.get_by_text("£90.00 a place at the member price")).to_be_visible()
    expect(page.get_by_role("cell", name="£270.00")).to_be_visible()
    expect(page.get_by_role("cell", name="Access: Step-free access")).to_be_visible()
    accessible(page)
    assert not Booking.objects.filter(event=event).exists()  # nothing until confirmed

    page.get_by_role("button", name="Book 3 places").click()
    expect(
        page.get_by_text("Booked: Sara Ali, Amy Rahman and Tom Price have places on Phonics")
    ).to_be_visible()
    expect(page.get_by_text("Your confirmation listing every place")).to_be_visible()

    wait_for_mail(4)
    assert len(mail.outbox) == 4
    (confirmation,) = [m for m in mailoutbox if m.to == [head_a.email]]
    assert confirmation.subject == "Your order: 3 places on Phonics and Early Reading"
    assert "Total: £270.00 at the member price" in confirmation.body
    delegates = sorted((m.to[0], m.attachments[0][0]) for m in mailoutbox if m is not confirmation)
    assert delegates == [
        ("amy@example.org", "thep-booking.ics"),
        ("sara@example.org", "thep-booking.ics"),
        ("tom@example.org", "thep-booking.ics"),
    ]
    assert event.bookings.get(delegate_email="sara@example.org").access_needs == (
        "Step-free access"
    )

    # Tom cannot go: his place passes to Kofi, at the same price, and Kofi gets the booking.
    page.goto("/learning/bookings/")
    page.get_by_role("link", name="Swap Tom Price for a colleague").click()
    accessible(page)
    page.get_by_label("New delegate's name").fill("Kofi Mensah")
    page.get_by_label("New delegate's email").fill("amy@example.org")
    page.get_by_role("button", name="Swap").click()
    expect(page.get_by_text("already booked on Phonics and Early Reading")).to_be_visible()
    expect(page.get_by_label("New delegate's name")).to_have_value("Kofi Mensah")
    page.get_by_label("New delegate's email").fill("kofi@example.org")
    page.get_by_role("button", name="Swap").click()
    expect(page.get_by_text("Swapped: Kofi Mensah takes Tom Price's place")).to_be_visible()
    expect(page.get_by_text("Passed from Tom Price to Kofi Mensah")).to_be_visible()
    wait_for_mail(6)
    assert {m.to[0] for m in mailoutbox[4:]} == {"kofi@example.org", "tom@example.org"}
    place = event.bookings.get(delegate_email="kofi@example.org")
    assert (place.status, place.price) == ("confirmed", 90)
    assert event.bookings.filter(status="confirmed").count() == 3
