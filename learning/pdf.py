from pathlib import Path

from django.template.loader import render_to_string

from learning.models import Booking, Event
from thep import years
from thep.pdf import render_pdf

STYLESHEET = Path(__file__).with_name("certificate_pdf.css")
BROCHURE_STYLESHEET = Path(__file__).with_name("brochure_pdf.css")


def render_certificate_pdf(booking: Booking) -> bytes:
    """A delegate's certificate of attendance. Pure: reads the booking, writes nothing."""
    html = render_to_string(
        "learning/certificate_pdf.html",
        {"booking": booking, "sessions": list(booking.event.sessions.all())},
    )
    return render_pdf(html, stylesheets=[STYLESHEET])


def render_brochure_pdf(*, year: int, term_label: str, events: list[Event]) -> bytes:
    """The termly brochure: every published event starting in the term, by kind."""
    html = render_to_string(
        "learning/brochure_pdf.html",
        {"year_label": years.label(year), "term_label": term_label, "events": events},
    )
    return render_pdf(html, stylesheets=[BROCHURE_STYLESHEET])
