from pathlib import Path

from django.template.loader import render_to_string

from membership.models import Invoice

STYLESHEET = Path(__file__).with_name("invoice_pdf.css")


def render_invoice_pdf(invoice: Invoice) -> bytes:
    """The invoice as a PDF. Pure: reads the invoice, writes nothing."""
    from weasyprint import CSS, HTML  # loads fonts and Pango: only when a PDF is wanted

    html = render_to_string("membership/invoice_pdf.html", {"invoice": invoice})
    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(STYLESHEET))])
