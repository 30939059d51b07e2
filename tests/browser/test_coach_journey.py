import datetime

from django.utils import timezone
from playwright.sync_api import expect

from membership.models import School
from tests.membership.factories import MembershipFactory
from thep import years


def test_the_coach_books_a_session_marks_it_held_and_the_head_sees_it(
    page, log_in, accessible, coach, head_a, school_a
):
    MembershipFactory(member__school=school_a, year=years.current())
    School.objects.filter(pk=school_a.pk).update(headship_start=datetime.date(2010, 9, 1))

    log_in(coach)
    page.get_by_role("link", name="Coachees").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Your coachees")
    accessible(page)
    page.get_by_role("link", name="Helen").click()
    expect(page.get_by_text("0 done, 3 left")).to_be_visible()
    expect(page.get_by_text("Nothing said in coaching is recorded")).to_be_visible()
    accessible(page)

    page.get_by_label("Date").fill(timezone.localdate().isoformat())
    page.get_by_label("Time").fill("09:30")
    page.get_by_role("combobox", name="How").select_option("in_person")
    page.get_by_label("Place (face to face only)").fill("Bonner Primary School")
    page.get_by_role("button", name="Book the session").click()
    expect(page.get_by_text("Session booked for")).to_be_visible()
    expect(page.get_by_text("0 done, 2 left")).to_be_visible()
    page.get_by_role("button", name="Held").click()
    expect(page.get_by_role("status")).to_contain_text("is marked held")
    expect(page.get_by_text("1 done, 2 left")).to_be_visible()
    accessible(page)
    page.context.clear_cookies()

    log_in(head_a)
    panel = page.get_by_role("region", name="Executive coaching")
    expect(panel).to_contain_text("1 done, 2 left")
    expect(panel).to_contain_text("Coach: Grace")
    accessible(page)
