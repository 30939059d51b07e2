from pathlib import Path

from django.template.loader import render_to_string

from learning.models import Booking, Event
from thep import years

STYLESHEET = Path(__file__).with_name("certificate_pdf.css")
BROCHURE_STYLESHEET = Path(__file__).with_name("brochure_pdf.css")


def render_certificate_pdf(booking: Booking) -> bytes:
    """A delegate's certificate of attendance. Pure: reads the booking, writes nothing."""
    from weasyprint import CSS, HTML  # loads fonts and Pango: only when a PDF is wanted

    html = render_to_string(
        "learning/certificate_pdf.html",
        {"booking": booking, "sessions": list(booking.event.sessions.all())},
    )
    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(STYLESHEET))])


def render_brochure_pdf(*, year: int, term_label: str, events: list[Event]) -> bytes:
    """The termly brochure: every published event starting in the term, by kind."""
    from weasyprint import CSS, HTML

    html = render_to_string(
        "learning/brochure_pdf.html",
        {"year_label": years.label(year), "term_label": term_label, "events": events},
    )
    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(BROCHURE_STYLESHEET))])
