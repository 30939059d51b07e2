"""THEP's own details on an invoice: kept as settings the office edits, printed on every PDF."""

import datetime

from auditlog.models import LogEntry
from django.urls import reverse

from membership.models import InvoiceSettings
from membership.pdf import render_invoice_pdf
from membership.services import invoice_issue
from tests.membership.invoicing import bank_details, draft_for, issued_for, pdf_text

SETTINGS_URL = "/admin/membership/invoicesettings/1/change/"


def settings_form(**changes) -> dict:
    return {
        "legal_name": "Tower Hamlets Education Partnership",
        "address": "c/o Professional Development Centre\n229 Bethnal Green Road\nLondon E2 6AB",
        "email": "info@the-partnership.org.uk",
        "phone": "020 7000 0000",
        "registration": "",
        "account_name": "Tower Hamlets Education Partnership",
        "sort_code": "20-45-77",
        "account_number": "43218765",
        "payment_terms_days": "30",
        "vat_statement": "No VAT is charged on this invoice.",
        "reminder_days": "7, 30, 60",
        **changes,
    }


def test_the_office_sets_the_bank_details_and_the_change_is_audited(client_for, office_admin):
    client = client_for(office_admin)
    assert client.get("/admin/membership/invoicesettings/").url == SETTINGS_URL
    response = client.post(SETTINGS_URL, settings_form())
    assert response.status_code == 302
    details = InvoiceSettings.current()
    assert (details.sort_code, details.account_number) == ("20-45-77", "43218765")
    entry = LogEntry.objects.get_for_object(details).latest("timestamp")
    assert entry.actor == office_admin and "sort_code" in entry.changes_dict


def test_a_wrong_sort_code_or_account_number_is_refused_in_plain_words(client_for, office_admin):
    client = client_for(office_admin)
    client.get("/admin/membership/invoicesettings/")
    response = client.post(
        SETTINGS_URL,
        settings_form(sort_code="204577", account_number="4321", reminder_days="7 days"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Write the sort code as three pairs of digits, like 12-34-56." in page
    assert "An account number is eight digits, like 12345678." in page
    assert "Write whole numbers of days separated by commas, like 7, 30, 60." in page
    details = InvoiceSettings.current()
    assert (details.sort_code, details.account_number) == ("", "")


def test_the_invoice_carries_thep_the_school_and_how_to_pay(school_a):
    school_a.street, school_a.town, school_a.postcode = "Stepney Way", "London", "E1 2ST"
    school_a.save()
    bank_details(phone="020 7000 0000", registration="Company 10000000, charity 1100000.")
    invoice = issued_for(school_a, on=datetime.date(2017, 9, 1))
    text = pdf_text(render_invoice_pdf(invoice))
    assert "Tower Hamlets Education Partnership" in text
    assert "229 Bethnal Green Road" in text and "info@the-partnership.org.uk" in text
    assert "Bonner Primary School" in text and "Stepney Way, London, E1 2ST" in text
    assert "Sort code: 20-45-77" in text and "Account number: 43218765" in text
    assert "Reference to quote: THEP-00001" in text
    assert "Due date: 1 October 2017" in text  # 30 days' terms
    assert "No VAT is charged on this invoice." in text
    assert "Company 10000000, charity 1100000." in text
    assert "Balance due £2,100.00" in text


def test_the_due_date_follows_the_terms_of_the_day_of_issue(school_a, school_b):
    bank_details(payment_terms_days=14)
    first = issued_for(school_a, on=datetime.date(2017, 9, 1))
    assert first.due_on == datetime.date(2017, 9, 15)
    bank_details(payment_terms_days=60)
    first.refresh_from_db()
    assert first.due_on == datetime.date(2017, 9, 15)  # an issued invoice does not change
    second = invoice_issue(
        invoice=draft_for(school_b), on=datetime.date(2017, 9, 1), make_pdf=False
    )
    assert second.due_on == datetime.date(2017, 10, 31)


def test_without_bank_details_the_invoice_says_where_to_ask_and_issuing_warns(
    client_for, office_admin, school_a
):
    draft = draft_for(school_a)
    response = client_for(office_admin).post(
        reverse("admin:membership_invoice_changelist"),
        {"action": "issue", "_selected_action": [draft.pk]},
        follow=True,
    )
    assert "bank details are not set" in response.content.decode()
    draft.refresh_from_db()
    text = pdf_text(render_invoice_pdf(draft))
    assert "Please ask info@the-partnership.org.uk for our bank details" in text
