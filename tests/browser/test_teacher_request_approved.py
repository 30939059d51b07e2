"""A teacher at a school that asks for approval requests a place; her head approves it from the
home page on a desktop and on a phone, and she gets the confirmation with the calendar file.
Then she opens her CPD record. Screenshots of each page are kept in test-artifacts/."""

import time

import pytest
from django.core import mail
from playwright.sync_api import expect

from learning.models import Booking, SchoolPolicy, Status
from membership.models import Member
from tests.browser.conftest import ARTIFACTS
from tests.learning.factories import EventFactory
from tests.membership.factories import MembershipFactory
from thep import years

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 800}}


def wait_for_mail(subject: str) -> mail.EmailMessage:
    """The worker sends after the live server's transaction commits."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        found = [message for message in mail.outbox if message.subject == subject]
        if found:
            return found[-1]
        time.sleep(0.1)
    raise AssertionError(f"no email {subject!r}: {[m.subject for m in mail.outbox]}")


@pytest.mark.parametrize("device", WIDTHS)
def test_a_teacher_requests_a_place_and_her_head_approves_it_from_home(
    device, page, log_in, accessible, staff_a, head_a, school_a, mailoutbox, celery_worker
):
    member = Member.objects.create(school=school_a)
    for year in (years.current(), years.current() + 1):
        MembershipFactory(member=member, year=year)
    SchoolPolicy.objects.create(school=school_a, staff_bookings_need_approval=True)
    event = EventFactory(title="Leadership Lab: Leading People", capacity=10, sessions=[28])
    page.set_viewport_size(WIDTHS[device])
    ARTIFACTS.mkdir(exist_ok=True)

    def shot(name: str) -> None:
        page.screenshot(path=str(ARTIFACTS / f"approval-{name}-{device}.png"), full_page=True)

    log_in(staff_a)
    page.goto(f"/learning/{event.pk}/book/")
    page.get_by_label("Name", exact=True).fill(str(staff_a))
    page.get_by_label("Email", exact=True).fill(staff_a.email)
    page.get_by_role("button", name="Review the order").click()
    # Before she sends it, the teacher is told her head approves it.
    page.get_by_role("button", name="Request a place (your head approves)").click()
    expect(page.get_by_text("awaiting the school's approval")).to_be_visible()
    request = Booking.objects.get(event=event, delegate_email=staff_a.email)
    assert request.status == Status.REQUESTED
    asking = wait_for_mail("Booking to approve: Leadership Lab: Leading People")
    assert f"/learning/bookings/{request.pk}/decide/" in asking.body

    page.context.clear_cookies()
    log_in(head_a)
    waiting = page.get_by_role("region", name="Bookings by staff to approve")
    expect(waiting).to_contain_text("Leadership Lab: Leading People")
    shot("1-head-home")
    accessible(page)
    waiting.get_by_role("link", name="Approve", exact=False).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("asks for a place")
    shot("2-request")
    accessible(page)
    page.get_by_role("button", name="Approve the place").click()
    expect(page.get_by_text("Approved:")).to_be_visible()
    expect(page.get_by_role("region", name="Bookings by staff to approve")).to_have_count(0)
    assert Booking.objects.get(pk=request.pk).status == Status.CONFIRMED
    told = wait_for_mail("Place confirmed: Leadership Lab: Leading People")
    assert told.to == [staff_a.email] and told.attachments[0][0] == "thep-booking.ics"

    page.goto("/")
    page.get_by_role("link", name="Who needs your approval to book").click()
    expect(page.get_by_label("Nobody: staff book places straight away")).to_be_visible()
    shot("3-policy")
    accessible(page)
    page.goto("/")
    page.get_by_role("link", name="Staff CPD records").click()
    page.get_by_role("link", name=str(staff_a)).click()
    expect(page.get_by_role("cell", name="Confirmed")).to_be_visible()
    shot("4-record")
    accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    assert download.value.suggested_filename.startswith("cpd-record-")
