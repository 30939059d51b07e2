from celery import shared_task
from django.core.files.base import ContentFile

from membership.models import Invoice
from membership.pdf import render_invoice_pdf


@shared_task
def invoice_pdf_store(invoice_id: int) -> None:
    """Render an issued invoice and keep the file, replacing any earlier one."""
    invoice = Invoice.objects.select_related("membership__member__school").get(pk=invoice_id)
    pdf = render_invoice_pdf(invoice)
    if invoice.pdf:
        invoice.pdf.delete(save=False)
    invoice.pdf.save(invoice.filename, ContentFile(pdf), save=False)
    Invoice.objects.filter(pk=invoice.pk).update(pdf=invoice.pdf.name)
