"""The report conversation in a real browser, on a desktop and on a phone: the head asks for a
change, the LC answers it and shares the report again, the head agrees as written, the LC
submits it and the director accepts it as final; each from the queue on their home page.
Each home page is kept as a screenshot in test-artifacts/."""

import pytest
from playwright.sync_api import expect

from improvement.models import ReportStatus
from tests.browser.conftest import ARTIFACTS
from tests.improvement.factories import ReportFactory

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 800}}


@pytest.mark.parametrize("device", WIDTHS)
def test_head_asks_for_a_change_lc_answers_head_agrees_director_finalises(
    device, page, log_in, accessible, lc_a, head_a, primary_director, school_a
):
    report = ReportFactory(
        visit__school=school_a, visit__consultant=lc_a, status=ReportStatus.SHARED
    )
    page.set_viewport_size(WIDTHS[device])
    ARTIFACTS.mkdir(exist_ok=True)

    def from_home(queue: str, shot: str) -> None:
        page.goto("/")
        waiting = page.get_by_role("region", name=queue)
        expect(waiting).to_be_visible()
        page.screenshot(path=str(ARTIFACTS / f"conversation-{shot}-{device}.png"), full_page=True)
        waiting.get_by_role("link", name="Bonner Primary School").click()
        expect(page).to_have_url(
            f"{page.url.split('/improvement/')[0]}/improvement/reports/{report.pk}/"
        )

    log_in(head_a)
    from_home("Reports to agree", "1-head")
    expect(page.get_by_text("We discussed the curriculum.")).to_be_visible()
    accessible(page)
    page.get_by_label("What would you like changed?").fill(
        "Please add the governors' maths link visit."
    )
    page.get_by_role("button", name="Ask for changes").click()
    expect(page.get_by_role("status")).to_contain_text("Your comments went back to the LC")
    expect(page.get_by_text("Waiting for the LC's answer.")).to_be_visible()
    expect(page.get_by_role("button", name="Agree as written")).to_have_count(0)

    page.context.clear_cookies()
    log_in(lc_a)
    from_home("Comments to answer", "2-lc")
    accessible(page)
    page.get_by_role("link", name="Edit the report").click()
    page.get_by_label("Agreed actions").fill("Governors' maths link visit before half term.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Report saved.")).to_be_visible()
    page.get_by_label(f"Your answer to {head_a.get_full_name()}").fill(
        "Added to the agreed actions."
    )
    page.get_by_role("button", name=f"Send the answer to {head_a.get_full_name()}").click()
    expect(page.get_by_text("Answer added.")).to_be_visible()
    page.get_by_role("button", name="Share again with the head").click()
    expect(page.get_by_text("Report shared with the head.")).to_be_visible()

    page.context.clear_cookies()
    log_in(head_a)
    from_home("Reports to agree", "3-head")
    thread = page.get_by_role("region", name="Conversation")
    expect(thread).to_contain_text("asked for changes")
    expect(thread).to_contain_text("Added to the agreed actions.")
    expect(page.get_by_text("Governors' maths link visit before half term.")).to_be_visible()
    accessible(page)
    page.get_by_role("button", name="Agree as written").click()
    expect(page.get_by_text("Report agreed.")).to_be_visible()

    page.context.clear_cookies()
    log_in(lc_a)
    from_home("Agreed by the head, to submit to the director", "4-lc")
    page.get_by_role("button", name="Submit to the director").click()
    expect(page.get_by_text("Report submitted to the director.")).to_be_visible()

    page.context.clear_cookies()
    log_in(primary_director)
    from_home("Reports to finalise", "5-director")
    accessible(page)
    page.get_by_role("button", name="Accept as final").click()
    expect(page.get_by_text("Report is final.")).to_be_visible()
    thread = page.get_by_role("region", name="Conversation")
    for step in (
        "shared the report with the head",
        "asked for changes",
        "answered",
        "agreed the report as written",
        "submitted the report to the director",
        "accepted the report as final",
    ):
        expect(thread).to_contain_text(step)

    report.refresh_from_db()
    assert report.status == ReportStatus.FINAL and report.agreed_by == head_a
