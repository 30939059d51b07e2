from pathlib import Path

from django.template.loader import render_to_string

from learning.models import Booking

STYLESHEET = Path(__file__).with_name("certificate_pdf.css")


def render_certificate_pdf(booking: Booking) -> bytes:
    """A delegate's certificate of attendance. Pure: reads the booking, writes nothing."""
    from weasyprint import CSS, HTML  # loads fonts and Pango: only when a PDF is wanted

    html = render_to_string(
        "learning/certificate_pdf.html",
        {"booking": booking, "sessions": list(booking.event.sessions.all())},
    )
    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(STYLESHEET))])
