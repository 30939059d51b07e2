"""A credit note has its own PDF; a credited invoice says so; drafts go, issued invoices stay."""

import datetime

from django.urls import reverse

from membership.models import Invoice, InvoiceStatus
from membership.pdf import render_invoice_pdf
from membership.services import invoice_cancel
from tests.membership.invoicing import draft_for, issued_for, pdf_text


def test_a_credit_note_has_its_own_pdf_for_the_head(client_for, head_a, school_a):
    invoice = issued_for(school_a)
    note = invoice_cancel(
        invoice=invoice, reason="Wrong pupil number", on=datetime.date(2017, 9, 20)
    )
    client = client_for(head_a)
    page = client.get(reverse("membership:membership", args=[school_a.urn])).content.decode()
    url = reverse("membership:credit_note_pdf", args=[school_a.urn, note.number])
    assert url in page
    response = client.get(url)
    assert response.status_code == 200
    text = pdf_text(
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    assert "Credit note CN-00001" in text
    assert "Credits invoice: THEP-00001 of 1 September 2017" in text
    assert "Reason: Wrong pupil number" in text
    assert "Total credited £2,100.00" in text


def test_a_credited_invoice_says_by_which_note_and_never_total_due(school_a):
    invoice = issued_for(school_a)
    invoice_cancel(invoice=invoice, reason="Wrong pupil number", on=datetime.date(2017, 9, 20))
    invoice.refresh_from_db()
    text = pdf_text(render_invoice_pdf(invoice))
    assert "credited in full by credit note CN-00001 on 20 September 2017" in text
    assert "Total due" not in text and "Balance due" not in text and "How to pay" not in text


def test_another_schools_credit_note_is_a_404(client_for, head_b, school_a):
    note = invoice_cancel(invoice=issued_for(school_a), reason="Wrong pupil number")
    url = reverse("membership:credit_note_pdf", args=[school_a.urn, note.number])
    assert client_for(head_b).get(url).status_code == 404


def test_the_office_deletes_a_draft_but_never_an_issued_invoice(
    client_for, office_admin, school_a, school_b
):
    draft = draft_for(school_a)
    issued = issued_for(school_b)
    client = client_for(office_admin)
    response = client.post(
        reverse("admin:membership_invoice_changelist"),
        {"action": "delete_drafts", "_selected_action": [draft.pk, issued.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "THEP-00001 has been issued and cannot be deleted; cancel it with a credit note" in page
    assert "1 invoices deleted." in page
    assert list(Invoice.objects.values_list("pk", flat=True)) == [issued.pk]

    response = client.post(
        reverse("admin:membership_invoice_delete", args=[issued.pk]), {"post": "yes"}, follow=True
    )
    assert "has been issued and cannot be deleted" in response.content.decode()
    issued.refresh_from_db()
    assert issued.status == InvoiceStatus.ISSUED

    another = draft_for(school_a, year=2018)
    response = client.post(
        reverse("admin:membership_invoice_delete", args=[another.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Invoice.objects.filter(pk=another.pk).exists()


def test_deleting_a_places_draft_leaves_its_places_to_invoice_again(
    client_for, office_admin, school_a
):
    from learning.invoicing import term_invoices_create
    from learning.models import Booking
    from tests.learning.factories import BookingFactory
    from tests.learning.test_term_invoices import AUTUMN_DAY, event_on

    BookingFactory(event=event_on(AUTUMN_DAY), school=school_a)
    [draft] = term_invoices_create(year=2023, term="autumn")
    response = client_for(office_admin).post(
        reverse("admin:membership_invoice_delete", args=[draft.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Invoice.objects.exists()
    assert Booking.objects.get().invoice_line is None
    assert len(term_invoices_create(year=2023, term="autumn")) == 1
