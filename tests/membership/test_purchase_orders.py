"""The head gives the school's purchase order number before the invoice is issued."""

import datetime

from django.urls import reverse

from membership.models import Invoice
from membership.pdf import render_invoice_pdf
from membership.services import invoice_issue
from tests.membership.invoicing import draft_for, pdf_text


def po_url(school, invoice: Invoice) -> str:
    return reverse("membership:invoice_purchase_order", args=[school.urn, invoice.pk])


def test_the_head_gives_a_po_number_that_the_issued_invoice_carries(client_for, head_a, school_a):
    draft = draft_for(school_a)
    client = client_for(head_a)
    page = client.get(reverse("membership:membership", args=[school_a.urn])).content.decode()
    assert "Invoices being prepared" in page and "Membership fee 2017-18" in page
    response = client.post(po_url(school_a, draft), {"purchase_order": " PO-4471 "}, follow=True)
    assert "Purchase order number saved for Membership fee 2017-18." in response.content.decode()
    invoice = invoice_issue(invoice=draft, on=datetime.date(2017, 9, 1), make_pdf=False)
    assert invoice.purchase_order == "PO-4471"
    assert "Your purchase order: PO-4471" in pdf_text(render_invoice_pdf(invoice))
    page = client.get(reverse("membership:membership", args=[school_a.urn])).content.decode()
    assert "PO-4471" in page


def test_a_po_number_on_an_issued_invoice_is_refused_and_changes_nothing(
    client_for, head_a, school_a
):
    draft = draft_for(school_a)
    invoice = invoice_issue(invoice=draft, on=datetime.date(2017, 9, 1), make_pdf=False)
    response = client_for(head_a).post(
        po_url(school_a, invoice), {"purchase_order": "PO-9"}, follow=True
    )
    assert (
        "Invoice THEP-00001 has already been issued, so its purchase order number cannot be "
        "changed." in response.content.decode()
    )
    invoice.refresh_from_db()
    assert invoice.purchase_order == ""


def test_a_po_number_too_long_or_with_a_null_is_refused(client_for, head_a, school_a):
    draft = draft_for(school_a)
    client = client_for(head_a)
    response = client.post(po_url(school_a, draft), {"purchase_order": "9" * 51}, follow=True)
    assert "at most 50 characters" in response.content.decode()
    assert client.post(po_url(school_a, draft), {"purchase_order": "PO\x00"}).status_code == 400
    draft.refresh_from_db()
    assert draft.purchase_order == ""


def test_only_that_schools_head_may_give_it(
    client_for, head_b, staff_a, director, office_admin, school_a
):
    draft = draft_for(school_a)
    for person in (head_b, staff_a, director, office_admin):
        response = client_for(person).post(po_url(school_a, draft), {"purchase_order": "PO-1"})
        assert response.status_code == 404, person
    draft.refresh_from_db()
    assert draft.purchase_order == ""


def test_the_office_can_give_it_in_the_admin_while_a_draft(client_for, office_admin, school_a):
    draft = draft_for(school_a)
    url = reverse("admin:membership_invoice_change", args=[draft.pk])
    client = client_for(office_admin)
    form = {
        "purchase_order": "PO-77",
        **{f"{prefix}-{key}": value for prefix in ("lines", "payments")
           for key, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))},
    }  # fmt: skip
    form["lines-TOTAL_FORMS"] = form["lines-INITIAL_FORMS"] = str(draft.lines.count())
    for index, line in enumerate(draft.lines.all()):
        form[f"lines-{index}-id"] = str(line.pk)
        form[f"lines-{index}-invoice"] = str(draft.pk)
    assert client.post(url, form).status_code == 302
    draft.refresh_from_db()
    assert draft.purchase_order == "PO-77"
