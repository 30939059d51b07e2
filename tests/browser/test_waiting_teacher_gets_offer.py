import time

from playwright.sync_api import expect

from learning.models import Booking, Status
from learning.services import booking_create
from membership.models import Member
from tests.learning.factories import EventFactory
from tests.membership.factories import MembershipFactory
from thep import years


def wait_for_offer(booking: Booking) -> None:
    """The worker makes the offer after the admin's save commits."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if Booking.objects.get(pk=booking.pk).status == Status.OFFERED:
            return
        time.sleep(0.1)


def test_a_waiting_teacher_takes_a_place_when_the_office_adds_places(
    page, log_in, accessible, school_a, head_a, staff_a, office_admin, celery_worker
):
    member = Member.objects.create(school=school_a)
    for year in (years.current(), years.current() + 1):
        MembershipFactory(member=member, year=year)
    event = EventFactory(title="Phonics and Early Reading", capacity=2, sessions=[21])
    for n in range(3):  # two places taken, and one person waiting
        booking_create(event=event, school=school_a, delegate_email=f"t{n}@example.org",
                       delegate_name=f"Teacher {n}", by=head_a)  # fmt: skip
    name = staff_a.get_full_name()
    mine = booking_create(event=event, school=school_a, delegate_email=staff_a.email,
                          delegate_name=name, by=staff_a)  # fmt: skip

    log_in(staff_a)
    page.goto("/learning/bookings/")
    expect(page.get_by_role("cell", name="You are 2nd on the waiting list")).to_be_visible()
    accessible(page)
    page.get_by_role("link", name="Phonics and Early Reading").first.click()
    expect(page.get_by_text("You are 2nd on the waiting list")).to_be_visible()

    page.context.clear_cookies()
    log_in(office_admin, next_url="/admin/")
    page.goto(f"/admin/learning/event/{event.pk}/change/")
    page.get_by_label("Capacity").fill("1")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("cannot have fewer than 2 places: that many are taken")).to_be_visible()
    page.get_by_label("Capacity").fill("4")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()

    wait_for_offer(mine)
    page.context.clear_cookies()
    log_in(staff_a)
    page.goto("/learning/bookings/")
    expect(page.get_by_role("cell", name="Place offered")).to_be_visible()
    page.get_by_role("link", name=f"Accept the place for {name}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "A place on Phonics and Early Reading is free"
    )
    accessible(page)
    page.get_by_role("button", name="Accept the place").click()
    expect(
        page.get_by_text(f"Place confirmed: {name} on Phonics and Early Reading.")
    ).to_be_visible()
    expect(page.get_by_role("cell", name="Confirmed", exact=True)).to_be_visible()
    assert Booking.objects.get(pk=mine.pk).status == Status.CONFIRMED
