import time

from django.core import mail
from icalendar import Calendar
from playwright.sync_api import expect

from membership.models import Member
from tests.learning.factories import EventFactory, in_days
from tests.membership.factories import MembershipFactory
from thep import years


def wait_for_mail(count: int) -> None:
    """The worker sends after the live server's transaction commits."""
    deadline = time.monotonic() + 10
    while len(mail.outbox) < count and time.monotonic() < deadline:
        time.sleep(0.1)


def test_a_head_books_two_colleagues_and_each_gets_a_calendar_file(
    page, log_in, accessible, head_a, school_a, mailoutbox, celery_worker
):
    member = Member.objects.create(school=school_a)
    for year in (years.current(), years.current() + 1):
        MembershipFactory(member=member, year=year)
    event = EventFactory(title="Phonics and Early Reading", capacity=12, sessions=[21])

    log_in(head_a)
    page.get_by_role("link", name="Professional learning").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Professional learning")
    accessible(page)
    page.get_by_role("link", name="Phonics and Early Reading").click()
    expect(page.get_by_text("£90.00 for members")).to_be_visible()
    accessible(page)

    for name, email in [("Amy Rahman", "amy@example.org"), ("Tom Price", "tom@example.org")]:
        page.get_by_role("link", name="Book a place").click()
        accessible(page)
        page.get_by_label("Name", exact=True).fill(name)
        page.get_by_label("Email", exact=True).fill(email)
        page.get_by_role("button", name="Review the order").click()
        accessible(page)
        page.get_by_role("button", name="Book 1 place").click()
        expect(page.get_by_text(f"Booked: {name} has a place")).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Our bookings").click()
    expect(page.get_by_role("cell", name="Amy Rahman", exact=True)).to_be_visible()
    expect(page.get_by_role("cell", name="Tom Price", exact=True)).to_be_visible()
    accessible(page)

    wait_for_mail(2)
    assert sorted(m.to[0] for m in mailoutbox) == ["amy@example.org", "tom@example.org"]
    for message in mailoutbox:
        assert message.subject == "Place confirmed: Phonics and Early Reading"
        name, content, mimetype = message.attachments[0]
        assert (name, mimetype) == ("thep-booking.ics", "text/calendar")
        session = Calendar.from_ical(content).walk("VEVENT")[0]
        assert str(session["SUMMARY"]) == "Phonics and Early Reading"
        assert session.decoded("DTSTART").date() == in_days(21)
    assert event.bookings.count() == 2
