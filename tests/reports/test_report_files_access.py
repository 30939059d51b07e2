import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from reports import services
from reports.models import Kind, ReportFile, Status


def made(kind: str, by) -> ReportFile:
    report = ReportFile.objects.create(kind=kind, year=2025, version=1, requested_by=by,
                                       status=Status.DONE)  # fmt: skip
    report.pdf.save(report.filename, ContentFile(b"%PDF-1.7 test"), save=True)
    return report


def test_la_officers_download_the_council_report_and_nothing_else(client_for, la_officer, director):
    council, kpi = made(Kind.COUNCIL, director), made(Kind.KPI, director)
    client = client_for(la_officer)
    assert client.get(f"/reports/files/{council.pk}/download/").status_code == 200
    assert client.get(f"/reports/files/{kpi.pk}/download/").status_code == 404
    page = client.get("/reports/files/").content.decode()
    assert council.filename in page and kpi.filename not in page
    assert client.post("/reports/files/", {"kind": "council", "year": "2025-26"}).status_code == 404


@pytest.mark.parametrize("who", ["head_a", "staff_a", "lc_a", "office_admin"])
def test_others_get_not_found(request, client_for, director, who):
    council = made(Kind.COUNCIL, director)
    client = client_for(request.getfixturevalue(who))
    assert client.get("/reports/files/").status_code == 404
    assert client.get(f"/reports/files/{council.pk}/download/").status_code == 404


def test_a_bad_request_says_why_and_queues_nothing(client_for, director):
    response = client_for(director).post("/reports/files/", {"kind": "kpi", "year": "2017"})
    assert response.status_code == 400
    assert "is not a membership year" in response.content.decode()
    assert not ReportFile.objects.exists()


def test_an_empty_foreword_is_refused_and_the_old_one_kept(client_for, director):
    services.foreword_save(year=2025, text="Our year.", by=director)
    response = client_for(director).post("/reports/foreword/?year=2025-26", {"text": "  "})
    assert response.status_code == 400
    with pytest.raises(ValidationError, match="Write the foreword"):
        services.foreword_save(year=2025, text=" ", by=director)
    page = client_for(director).get("/reports/foreword/?year=2025-26").content.decode()
    assert "Our year." in page
