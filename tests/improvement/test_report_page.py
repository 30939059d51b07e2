"""The report page offers each person the step the workflow allows them next, from the
report's state (Report.is_draft, ...), and files the good practice theme under its field."""

import re

import pytest

from improvement.models import REPORT_FIELDS, ReportStatus

S = ReportStatus
BUTTONS = (
    "Edit the report",
    "Share with the head",
    "Share again with the head",
    "Agree as written",
    "Ask for changes",
    "Submit to the director",
    "Accept as final",
    "Send back to the LC",
    "Correct the report",
)
OFFERED = {
    (S.DRAFT, "lc_a"): {"Edit the report", "Share with the head"},
    (S.SHARED, "lc_a"): {"Edit the report"},
    (S.CHANGES, "lc_a"): {"Edit the report", "Share again with the head"},
    (S.AGREED, "lc_a"): {"Submit to the director"},
    (S.SHARED, "head_a"): {"Agree as written", "Ask for changes"},
    (S.SUBMITTED, "director"): {"Accept as final", "Send back to the LC"},
    (S.FINAL, "director"): {"Correct the report"},
}


@pytest.mark.parametrize("who", ["lc_a", "head_a", "director"])
@pytest.mark.parametrize("status", S.values)
def test_the_report_page_offers_the_next_step_of_the_workflow(
    request, client_for, report_at, status, who
):
    report = report_at(status)
    response = client_for(request.getfixturevalue(who)).get(f"/improvement/reports/{report.pk}/")
    page = response.content.decode() if response.status_code == 200 else ""
    assert {button for button in BUTTONS if button in page} == OFFERED.get((status, who), set())


def test_the_agreement_date_shows_until_the_head_agrees(client_for, report_at, lc_a):
    client = client_for(lc_a)
    for status in S.values:
        page = client.get(f"/improvement/reports/{report_at(status).pk}/").content.decode()
        assert ("Agreement due by" in page) is (status in (S.DRAFT, S.SHARED, S.CHANGES)), status


def test_the_good_practice_theme_is_shown_under_the_good_practice(client_for, report_at, lc_a):
    report = report_at(S.DRAFT)
    report.good_practice_theme = "early reading"
    report.save()
    page = client_for(lc_a).get(f"/improvement/reports/{report.pk}/").content.decode()
    sections = dict(re.findall(r'<h2 class="h5">([^<]+)</h2>(.*?)</section>', page, re.S))
    themed = [label for label, body in sections.items() if "Theme: early reading" in body]
    assert themed == [REPORT_FIELDS["good_practice"]]
