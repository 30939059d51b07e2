"""The head's and the director's home pages at desktop width, in a real browser: counts first,
each waiting item a link that opens it; accessible; screenshots kept in test-artifacts/."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from improvement.models import ReportStatus
from tests.browser.conftest import ARTIFACTS
from tests.improvement.factories import ReportFactory, VisitFactory

DESKTOP = {"width": 1280, "height": 900}
TODAY = timezone.localdate()


def test_the_heads_home_lists_what_waits_for_her_and_each_item_opens(
    page, log_in, accessible, head_a, lc_a, school_a, school_b
):
    report = ReportFactory(
        visit__school=school_a, visit__consultant=lc_a, status=ReportStatus.SHARED,
        visit__date=TODAY - datetime.timedelta(days=20),
    )  # fmt: skip
    ReportFactory(visit__school=school_b, status=ReportStatus.SHARED)
    VisitFactory(school=school_a, consultant=lc_a, date=TODAY + datetime.timedelta(days=9))
    page.set_viewport_size(DESKTOP)
    log_in(head_a)
    page.goto("/")

    expect(page.get_by_role("link", name="1 report to agree")).to_contain_text("1 late")
    queue = page.get_by_role("region", name="Reports to agree")
    expect(queue.get_by_role("link")).to_have_count(1)
    expect(page.get_by_text("Cayley Primary School")).to_have_count(0)
    accessible(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "home-head-desktop.png"), full_page=True)

    queue.get_by_role("link", name="Bonner Primary School").click()
    expect(page).to_have_url(
        f"{page.url.split('/improvement')[0]}/improvement/reports/{report.pk}/"
    )
    expect(page.get_by_text("We discussed the curriculum.")).to_be_visible()


def test_the_directors_home_leads_to_the_report_to_finalise(
    page, log_in, accessible, primary_director, lc_a, school_a
):
    report = ReportFactory(
        visit__school=school_a, visit__consultant=lc_a, status=ReportStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )  # fmt: skip
    page.set_viewport_size(DESKTOP)
    log_in(primary_director)
    page.goto("/")

    page.get_by_role("link", name="1 report to finalise").click()
    queue = page.get_by_role("region", name="Reports to finalise")
    expect(queue).to_be_in_viewport()
    accessible(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "home-director-desktop.png"), full_page=True)

    queue.get_by_role("link", name="Bonner Primary School").click()
    expect(page).to_have_url(
        f"{page.url.split('/improvement')[0]}/improvement/reports/{report.pk}/"
    )
    expect(page.get_by_role("button", name="Accept as final")).to_be_visible()
