from pathlib import Path

from django.template.loader import render_to_string

from membership.models import Invoice
from thep.pdf import render_pdf

STYLESHEET = Path(__file__).with_name("invoice_pdf.css")


def render_invoice_pdf(invoice: Invoice) -> bytes:
    """The invoice as a PDF. Pure: reads the invoice, writes nothing."""
    html = render_to_string("membership/invoice_pdf.html", {"invoice": invoice})
    return render_pdf(html, stylesheets=[STYLESHEET])
