from pathlib import Path

from django.template.loader import render_to_string

from membership.models import CreditNote, Invoice, InvoiceSettings
from thep.pdf import render_pdf

STYLESHEET = Path(__file__).with_name("invoice_pdf.css")


def render_invoice_pdf(invoice: Invoice) -> bytes:
    """The invoice as a PDF, with what has been paid on it. Pure: reads, writes nothing."""
    html = render_to_string(
        "membership/invoice_pdf.html",
        {"invoice": invoice, "details": InvoiceSettings.current()},
    )
    return render_pdf(html, stylesheets=[STYLESHEET])


def render_credit_note_pdf(note: CreditNote) -> bytes:
    html = render_to_string(
        "membership/credit_note_pdf.html",
        {"note": note, "invoice": note.invoice, "details": InvoiceSettings.current()},
    )
    return render_pdf(html, stylesheets=[STYLESHEET])
