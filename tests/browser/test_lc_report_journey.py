import datetime

from django.utils import timezone
from playwright.sync_api import expect

from improvement.models import Report, ReportStatus


def test_lc_writes_and_shares_a_report_and_the_head_agrees_it(
    page, log_in, accessible, lc_a, head_a, school_a
):
    visit_day = timezone.localdate() + datetime.timedelta(days=1)
    log_in(lc_a)
    page.get_by_role("link", name="Visits", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Leadership Consultant visits")
    accessible(page)
    page.get_by_role("link", name="Schedule a visit").click()
    accessible(page)
    page.get_by_label("School").select_option(label="Bonner Primary School")
    page.get_by_label("Date of visit").fill(visit_day.isoformat())
    page.get_by_label("Starts at").fill("09:30")
    page.get_by_label("Focus").fill("Maths in Key Stage 2")
    page.get_by_role("button", name="Schedule the visit").click()
    expect(page.get_by_role("status")).to_contain_text("Visit to Bonner Primary School on")

    # The school asks for the afternoon instead.
    page.get_by_role("link", name="Change or cancel the visit to Bonner Primary School").click()
    accessible(page)
    page.get_by_label("Starts at").fill("13:30")
    page.get_by_role("button", name="Save the change").click()
    expect(page.get_by_role("status")).to_contain_text("Visit to Bonner Primary School now on")
    expect(page.get_by_role("cell", name=f"{visit_day:%a %-d %b %Y}, 13:30")).to_be_visible()

    page.get_by_role("link", name="Draft").click()
    accessible(page)
    page.get_by_role("link", name="Edit the report").click()
    accessible(page)
    page.get_by_label("Summary of discussion").fill("Reviewed the maths curriculum with leaders.")
    page.get_by_label("Strengths identified").fill("Confident subject leadership.")
    page.get_by_label("Agreed actions").fill("Book look before half term.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Report saved.")).to_be_visible()
    page.get_by_role("button", name="Share with the head").click()
    expect(page.get_by_text("Report shared with the head.")).to_be_visible()

    page.context.clear_cookies()
    log_in(head_a)
    page.get_by_role("link", name="Visits", exact=True).click()
    page.get_by_role("link", name="Shared with the head").click()
    expect(page.get_by_text("Reviewed the maths curriculum with leaders.")).to_be_visible()
    accessible(page)
    page.get_by_role("button", name="Agree as written").click()
    expect(page.get_by_text("Report agreed.")).to_be_visible()

    report = Report.objects.get(visit__school=school_a)
    assert report.status == ReportStatus.AGREED and report.agreed_by == head_a
