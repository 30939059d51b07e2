"""Downloads name their file safely: no path, quote or line break gets into the header."""

import pytest
from django.urls import reverse

from membership.models import Member
from membership.services import invoice_create, invoice_issue
from tests.membership.factories import FeeRateFactory, MembershipFactory, PupilCountFactory
from thep.downloads import download


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
