"""A visit report as a PDF in THEP's template (seed 003, Appendix 2), for the people who may
read the report: read back from the PDF itself."""

import datetime
import io

import pytest
from pypdf import PdfReader

from improvement.models import REPORT_FIELDS, ReportOpening, ReportStatus


def pdf_text(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def agreed_report(report_at, school_a, head_a):
    school_a.head_name = "Helen Marsh"
    school_a.save()
    report = report_at(ReportStatus.SUBMITTED, date=datetime.date(2026, 10, 6), focus="Early maths")
    report.summary = "We walked the school with the maths lead."
    report.strengths = "Number sense in Reception."
    report.areas_for_development = "Reasoning in Year 5."
    report.good_practice = "Daily counting songs."
    report.good_practice_theme = "Early number"
    report.agreed_actions = "Maths lead to visit Cayley."
    report.challenge = "How will governors know it is working?"
    report.risks = "None raised."
    report.agreed_by, report.agreed_at = (
        head_a,
        datetime.datetime(2026, 10, 12, 9, tzinfo=datetime.UTC),
    )
    report.save()
    return report


def test_the_head_downloads_the_report_with_the_templates_headings_in_order(
    client_for, head_a, lc_a, agreed_report
):
    response = client_for(head_a).get(f"/improvement/reports/{agreed_report.pk}/report.pdf")
    text = pdf_text(response)
    assert "visit-report-100001-2026-10-06.pdf" in response["Content-Disposition"]
    assert "School Improvement Programme: Leadership Consultancy".upper() in text.upper()
    for label, value in [
        ("School", "Bonner Primary School"),
        ("Headteacher", "Helen Marsh"),
        ("LC", lc_a.get_full_name()),
        ("Date of visit", "6 October 2026"),
        ("Focus", "Early maths"),
    ]:
        assert f"{label} {value}" in text
    positions = [text.index(label) for label in REPORT_FIELDS.values()]
    assert positions == sorted(positions), "the headings in the template's order"
    for words in [
        "Summary of discussion We walked the school with the maths lead.",
        "Strengths identified Number sense in Reception.",
        "Areas for development identified Reasoning in Year 5.",
        "Daily counting songs. Theme: Early number",
        "Agreed actions Maths lead to visit Cayley.",
        "How will governors know it is working?",
        "None raised.",
    ]:
        assert words in text
    assert "agreed by Helen" in text and "12 October 2026" in text


def test_lc_and_directors_download_it_and_each_download_is_an_opening(
    client_for, lc_a, director, primary_director, agreed_report
):
    for person in (lc_a, director, primary_director):
        text = pdf_text(
            client_for(person).get(f"/improvement/reports/{agreed_report.pk}/report.pdf")
        )
        assert "Number sense in Reception." in text
    openers = set(
        ReportOpening.objects.filter(report=agreed_report).values_list("person", flat=True)
    )
    assert openers == {lc_a.pk, director.pk, primary_director.pk}


def test_a_draft_says_it_is_not_agreed_and_empty_fields_say_so(client_for, lc_a, report_at):
    report = report_at(ReportStatus.DRAFT)
    report.challenge = ""
    report.save()
    text = pdf_text(client_for(lc_a).get(f"/improvement/reports/{report.pk}/report.pdf"))
    assert "Draft: not yet agreed by the head." in text
    assert (
        "Challenge, questions to consider, potential future lines of enquiry Nothing recorded."
        in text
    )


@pytest.mark.parametrize(
    "who", ["office_admin", "la_officer", "staff_a", "head_b", "lc_other", "secondary_director"]
)
def test_nobody_else_gets_the_pdf(request, client_for, agreed_report, who):
    person = request.getfixturevalue(who)
    response = client_for(person).get(f"/improvement/reports/{agreed_report.pk}/report.pdf")
    assert response.status_code == 404
    assert not ReportOpening.objects.filter(person=person).exists()


def test_the_head_cannot_download_a_draft_the_lc_has_not_shared(client_for, head_a, report_at):
    report = report_at(ReportStatus.DRAFT)
    assert client_for(head_a).get(f"/improvement/reports/{report.pk}/report.pdf").status_code == 404


def test_the_report_page_links_to_its_pdf(client_for, head_a, agreed_report):
    page = client_for(head_a).get(f"/improvement/reports/{agreed_report.pk}/").content.decode()
    assert f'href="/improvement/reports/{agreed_report.pk}/report.pdf"' in page
