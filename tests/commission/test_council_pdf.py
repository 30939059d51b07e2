import datetime
import io

from pypdf import PdfReader

from reports.council import council_figures
from reports.pdf import render_council_pdf
from tests.commission.test_delivery_page import delivered_to
from tests.factories import SchoolFactory


def test_the_council_pdf_has_the_commissions_delivery_and_no_report_words(la_officer, director):
    delivered_to(SchoolFactory(), director)
    figures = council_figures(user=la_officer, year=2023, today=datetime.date(2024, 7, 1))
    pages = PdfReader(io.BytesIO(render_council_pdf(figures))).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert "The LA commission's delivery" in text
    assert "Risk assessments done 1 1" in text
    assert "Leadership Consultant visits made 1 3" in text
    assert "Headteacher appointments approved 1 1" in text
    assert "Words only the school may read" not in text
