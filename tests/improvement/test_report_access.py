"""Who may open a visit report, in each state of its workflow. Anyone else gets a 404."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from improvement.models import REPORT_FIELDS, ReportOpening, ReportStatus

S = ReportStatus
EVERYONE = [
    "lc_a", "lc_other", "head_a", "head_b", "staff_a", "director", "primary_director",
    "secondary_director", "la_officer", "office_admin",
]  # fmt: skip
MAY_OPEN = {
    S.DRAFT: {"lc_a"},
    S.SHARED: {"lc_a", "head_a"},
    S.CHANGES: {"lc_a", "head_a"},
    S.AGREED: {"lc_a", "head_a"},
    S.SUBMITTED: {"lc_a", "head_a", "director", "primary_director"},
    S.FINAL: {"lc_a", "head_a", "director", "primary_director"},
}


@pytest.mark.parametrize("status", list(MAY_OPEN))
def test_each_role_opens_a_report_only_when_allowed(request, client, report_at, status):
    report = report_at(status)
    url = f"/improvement/reports/{report.pk}/"
    for who in EVERYONE:
        client.force_login(request.getfixturevalue(who))
        expected = 200 if who in MAY_OPEN[status] else 404
        for path in (url, url + "edit/", url + "agree/"):
            response = client.get(path) if path == url else client.post(path)
            if path == url:
                assert response.status_code == expected, f"{who} on a {status} report"
            elif expected == 404:
                assert response.status_code == 404, f"{who} on {path}"


def test_la_officer_never_reaches_a_report_by_any_url(client, report_at, la_officer):
    client.force_login(la_officer)
    for status in MAY_OPEN:
        report = report_at(status)
        base = f"/improvement/reports/{report.pk}/"
        for suffix in (
            "", "edit/", "comment/", "answer/", "send-back/", "agreement/", "share/", "agree/",
            "submit/", "finalise/",
        ):  # fmt: skip
            assert client.get(base + suffix).status_code == 404
            assert client.post(base + suffix).status_code == 404
    for page in ("/improvement/", "/improvement/good-practice/"):
        assert client.get(page).status_code == 404


def test_every_opening_is_recorded_with_who_and_when(client, report_at, head_a, director):
    report = report_at(S.FINAL)
    for person in (head_a, director, head_a):
        client.force_login(person)
        client.get(f"/improvement/reports/{report.pk}/")
    openings = ReportOpening.objects.filter(report=report).order_by("at")
    assert [opening.person for opening in openings] == [head_a, director, head_a]
    assert all(opening.at is not None for opening in openings)
    client.force_login(director)
    page = client.get(f"/improvement/reports/{report.pk}/").content.decode()
    opened_by = page[page.index("Opened by") :]
    assert f"{head_a.get_full_name()} (Headteacher)" in opened_by


def test_a_refused_opening_records_nothing(client, report_at, head_b):
    report = report_at(S.FINAL)
    client.force_login(head_b)
    client.get(f"/improvement/reports/{report.pk}/")
    assert not ReportOpening.objects.exists()


def test_the_audit_trail_records_report_changes_without_their_words(
    client_for, report_at, lc_a, office_admin
):
    from improvement import services

    report = report_at(S.DRAFT)
    services.report_save(
        report=report, by=lc_a, fields={"summary": "The head is considering resigning."}
    )
    services.report_share(report=report, by=lc_a)
    page = client_for(office_admin).get("/audit/").content.decode()
    assert "considering resigning" not in page
    assert "We discussed the curriculum." not in page
    from auditlog.models import LogEntry

    changes = [entry.changes_dict for entry in LogEntry.objects.get_for_object(report)]
    assert {"status": ["draft", "shared"]} in [
        {key: value for key, value in change.items() if key == "status"} for change in changes
    ], changes
    assert all("summary" not in change for change in changes)


def test_the_visits_list_reads_no_report_text_from_the_database(client, report_at, director, lc_a):
    report_at(ReportStatus.SUBMITTED, date=timezone.localdate(), focus="Early reading")
    for person in (director, lc_a):
        client.force_login(person)
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/improvement/").content.decode()
        assert "Early reading" in page and "Submitted" in page
        read = " ".join(query["sql"] for query in queries)
        assert "improvement_report" in read
        assert not any(f'"improvement_report"."{field}"' in read for field in REPORT_FIELDS)
