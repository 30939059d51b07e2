from pathlib import Path

from django.template.loader import render_to_string

from improvement.models import Allocation
from thep.pdf import render_pdf

STYLESHEET = Path(__file__).with_name("letter_pdf.css")


def render_letter_pdf(allocation: Allocation) -> bytes:
    """The allocation letter to the head as a PDF. Pure: reads, writes nothing."""
    html = render_to_string("improvement/letter_pdf.html", {"allocation": allocation})
    return render_pdf(html, stylesheets=[STYLESHEET])
