import datetime

import pytest
from django.urls import reverse
from pypdf import PdfReader

from membership.models import Member
from membership.services import invoice_create, invoice_issue, purchase_record
from tests.factories import AffiliationFactory, UserFactory
from tests.membership.factories import (
    FeeRateFactory,
    MembershipFactory,
    PriceFactory,
    PupilCountFactory,
)
from thep import years
from thep.models import Role


@pytest.fixture
def invoiced_a(school_a):
    year = years.current()
    FeeRateFactory(year=year)
    MembershipFactory(member__school=school_a, year=year)
    PupilCountFactory(school=school_a, year=year, pupils=420)
    invoice = invoice_create(member=Member.objects.get(school=school_a), year=year)
    return invoice_issue(invoice=invoice, make_pdf=False)


def test_head_sees_status_invoices_and_savings(client_for, head_a, school_a, invoiced_a):
    year = years.current()
    price = PriceFactory(year=year)
    purchase_record(school=school_a, year=year, product=price.product, quantity=2)
    response = client_for(head_a).get(reverse("membership:membership", args=[school_a.urn]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Full membership" in page
    assert invoiced_a.reference in page
    assert "£2,100.00" in page
    assert "Total saved" in page and "£300.00" in page  # 2 x (400 - 250)


def test_head_downloads_the_invoice_pdf(client_for, head_a, school_a, invoiced_a):
    url = reverse("membership:invoice_pdf", args=[school_a.urn, invoiced_a.number])
    response = client_for(head_a).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(__import__("io").BytesIO(response.content)).pages[0].extract_text()
    assert invoiced_a.reference in text and "Bonner Primary School" in text


def test_head_of_another_school_gets_404_for_the_invoice(client_for, head_b, school_a, invoiced_a):
    client = client_for(head_b)
    url = reverse("membership:invoice_pdf", args=[school_a.urn, invoiced_a.number])
    assert client.get(url).status_code == 404
    assert client.get(reverse("membership:membership", args=[school_a.urn])).status_code == 404


def test_staff_and_la_officer_cannot_see_membership(client_for, staff_a, la_officer, invoiced_a):
    for person in (staff_a, la_officer):
        url = reverse("membership:invoice_pdf", args=[100001, invoiced_a.number])
        assert client_for(person).get(url).status_code == 404


def test_invoice_number_of_another_school_in_my_url_is_404(
    client_for, head_b, school_a, school_b, invoiced_a
):
    url = reverse("membership:invoice_pdf", args=[school_b.urn, invoiced_a.number])
    assert client_for(head_b).get(url).status_code == 404


def test_membership_page_queries_stay_flat_as_years_grow(
    client_for, head_a, school_a, django_assert_max_num_queries
):
    member = Member.objects.create(school=school_a)
    for year in range(2016, 2026):
        MembershipFactory(member=member, year=year)
        FeeRateFactory(year=year)
        PupilCountFactory(school=school_a, year=year)
        invoice_issue(
            invoice=invoice_create(member=member, year=year),
            on=datetime.date(year, 9, 1),
            make_pdf=False,
        )
    client = client_for(head_a)
    client.get(reverse("home"))  # the first page after login sets up the session
    with django_assert_max_num_queries(15):
        response = client.get(reverse("membership:membership", args=[school_a.urn]))
    assert response.content.decode().count("Download THEP-") == 10


def test_the_menu_takes_a_head_to_their_schools_membership(client_for, head_a, school_a):
    client = client_for(head_a)
    assert 'href="/schools/membership/">Membership</a>' in client.get("/").content.decode()
    response = client.get("/schools/membership/")
    assert response.status_code == 302
    assert response["Location"] == f"/schools/{school_a.urn}/membership/"


def test_the_head_of_two_schools_chooses_which_membership(client_for, head_a, school_a, school_b):
    AffiliationFactory(person=head_a, school=school_b)
    page = client_for(head_a).get("/schools/membership/").content.decode()
    assert f'<a href="/schools/{school_a.urn}/membership/">{school_a.name}</a>' in page
    assert f'<a href="/schools/{school_b.urn}/membership/">{school_b.name}</a>' in page


def test_a_head_linked_to_no_school_is_told_who_links_them(client_for, db):
    head = UserFactory(role=Role.HEADTEACHER)
    page = client_for(head).get("/schools/membership/").content.decode()
    assert "No school is linked to your account yet" in page
