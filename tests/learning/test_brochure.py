import datetime
import io

import pytest
from pypdf import PdfReader

from learning.models import Kind
from tests.learning.factories import EventFactory, SessionFactory


@pytest.mark.django_db
def test_the_termly_brochure_lists_the_terms_published_events_by_kind(client):
    def event(title: str, day: datetime.date, **fields):
        made = EventFactory(title=title, sessions=[], **fields)
        SessionFactory(event=made, date=day)

    event("Future Headteachers", datetime.date(2024, 1, 18), kind=Kind.PROGRAMME)
    event("Secondary English Subject Network", datetime.date(2024, 2, 6), kind=Kind.NETWORK,
          member_price=0)  # fmt: skip
    event("Leadership Lab", datetime.date(2023, 11, 2))  # autumn
    event("Draft course", datetime.date(2024, 2, 1), published=False)

    response = client.get("/learning/brochure/2023/spring.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Professional learning: Spring term 2023-24" in " ".join(text.split())
    assert "Future Headteachers" in text
    assert "Free for members" in text
    assert "Leadership Lab" not in text
    assert "Draft course" not in text
    # Programmes come before networks, each under its heading.
    assert text.index("Programme") < text.index("Future Headteachers") < text.index("Network")


@pytest.mark.django_db
def test_an_unknown_term_or_year_is_a_404(client):
    assert client.get("/learning/brochure/2023/winter.pdf").status_code == 404
    assert client.get("/learning/brochure/99999/autumn.pdf").status_code == 404
    assert client.get("/learning/brochure/2015/autumn.pdf").status_code == 404
