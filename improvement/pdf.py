from pathlib import Path

from django.template.loader import render_to_string

from improvement.models import Allocation

STYLESHEET = Path(__file__).with_name("letter_pdf.css")


def render_letter_pdf(allocation: Allocation) -> bytes:
    """The allocation letter to the head as a PDF. Pure: reads, writes nothing."""
    from weasyprint import CSS, HTML  # loads fonts and Pango: only when a PDF is wanted

    html = render_to_string("improvement/letter_pdf.html", {"allocation": allocation})
    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(STYLESHEET))])
