import datetime

from django.utils import timezone
from playwright.sync_api import expect

from bulletins.models import Bulletin, Status
from tests.bulletins.factories import member_now
from tests.bulletins.mail import wait_for_sent
from tests.learning.factories import EventFactory, SessionFactory


def next_month(day: int) -> datetime.date:
    today = timezone.localdate()
    return (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=day)


def test_the_office_writes_a_bulletin_previews_next_months_courses_and_sends_it(
    page, log_in, office_admin, school_a, head_a, school_b, head_b, mailoutbox, celery_worker
):
    member_now(school_a)  # school B is not a member: the bulletin is for full members
    course = EventFactory(title="Middle Leaders Network", sessions=[])
    SessionFactory(event=course, date=next_month(8))
    EventFactory(title="Summer Conference", sessions=[120])

    log_in(office_admin, next_url="/admin/bulletins/bulletin/add/")
    page.locator("#id_title").fill("December training and events")
    page.locator("#id_weeks").fill("6")
    page.locator("#id_items-0-title").fill("Spring LC visits")
    page.locator("#id_items-0-text").fill("Your Leadership Consultant will write to agree a date.")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.get_by_text("was added successfully")).to_be_visible()

    page.get_by_role("link", name="Preview").click()
    expect(page.get_by_role("link", name="Middle Leaders Network")).to_be_visible()
    expect(page.get_by_text("Spring LC visits").first).to_be_visible()
    expect(page.get_by_text("Summer Conference")).to_have_count(0)

    page.get_by_role("link", name="Send…").first.click()
    page.get_by_role("button", name="Send it to 1 people").click()
    expect(page.get_by_text("is being sent to 1 people")).to_be_visible()

    (email,) = wait_for_sent(1)
    assert email.to == ["head.a@example.org"]
    assert "Middle Leaders Network" in email.body
    assert Bulletin.objects.get().status == Status.SENT
    page.goto("/admin/thep/outboxmessage/")
    expect(page.get_by_text("THEP Bulletin: December training and events")).to_be_visible()
