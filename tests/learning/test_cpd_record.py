"""A person's CPD record: the courses they booked and attended with links to their
certificates, on a page and as CSV and PDF, for them, their head and THE Partnership."""

import csv
import io

import pytest
from django.conf import settings
from pypdf import PdfReader

from learning.models import Kind, Status
from tests.learning.factories import BookingFactory, EventFactory


@pytest.fixture
def record_of_staff_a(school_a, staff_a, school_b):
    """staff_a attended a network, has a course to come and waits for a conference; a cancelled
    place and a colleague's place are not on the record."""

    def place(title: str, days: list[int], school=school_a, **fields):
        kind = fields.pop("kind", Kind.COURSE)
        price = "0.00" if kind == Kind.NETWORK else "90.00"
        event = EventFactory(title=title, sessions=days, kind=kind, member_price=price)
        return BookingFactory(event=event, school=school, delegate=staff_a,
                              delegate_name="Lynne White", delegate_email=staff_a.email,
                              **fields)  # fmt: skip

    attended = place("Primary Mathematics Subject Network", [-90, -30], kind=Kind.NETWORK,
                     attended=True)  # fmt: skip
    place("Phonics and Early Reading", [21])
    place("Assistant and Deputy Headteachers' Conference", [60], kind=Kind.CONFERENCE,
          status=Status.WAITING)  # fmt: skip
    place("Leadership Lab: Courageous Conversations", [40], status=Status.CANCELLED)
    BookingFactory(event=EventFactory(title="Someone Else's Course"), school=school_a)
    return attended


@pytest.mark.django_db
def test_a_teacher_sees_and_downloads_their_record_with_certificates(
    record_of_staff_a, staff_a, client_for, django_assert_max_num_queries
):
    client = client_for(staff_a)
    assert client.get("/learning/record/").headers["Location"] == f"/learning/record/{staff_a.pk}/"
    with django_assert_max_num_queries(8):
        page = client.get(f"/learning/record/{staff_a.pk}/").content.decode()
    assert "My CPD record" in page and "3 courses booked with THE Partnership, 1 attended" in page
    certificate = f"/learning/bookings/{record_of_staff_a.pk}/certificate.pdf"
    assert f'href="{certificate}"' in page
    assert "Courageous Conversations" not in page and "Someone Else" not in page

    response = client.get(f"/learning/record/{staff_a.pk}/cpd-record.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    by_course = {row["Course"]: row for row in rows}
    assert set(by_course) == {
        "Primary Mathematics Subject Network", "Phonics and Early Reading",
        "Assistant and Deputy Headteachers' Conference",
    }  # fmt: skip
    network = by_course["Primary Mathematics Subject Network"]
    assert (network["Kind"], network["School"], network["Status"], network["Attended"]) == (
        "Network", "Bonner Primary School", "Confirmed", "Yes",
    )  # fmt: skip
    assert network["Certificate"] == settings.SITE_URL.rstrip("/") + certificate
    assert " to " in network["Dates"]
    waiting = by_course["Assistant and Deputy Headteachers' Conference"]
    assert (waiting["Status"], waiting["Attended"], waiting["Certificate"]) == (
        "On the waiting list", "", "",
    )  # fmt: skip
    assert by_course["Phonics and Early Reading"]["Attended"] == "Not marked yet"

    response = client.get(f"/learning/record/{staff_a.pk}/cpd-record.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert "cpd-record-" in response["Content-Disposition"]
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert f"CPD record: {staff_a}" in text and "3 courses booked, 1 attended" in text
    for title in ("Primary Mathematics Subject Network", "Phonics and Early Reading",
                  "On the waiting list", "Bonner Primary School"):  # fmt: skip
        assert title in text
    assert "Courageous Conversations" not in text


@pytest.mark.django_db
def test_the_head_and_directors_open_a_staff_record_another_schools_head_cannot(
    record_of_staff_a, staff_a, head_a, head_b, director, lc_a, client_for
):
    head = client_for(head_a)
    assert (
        f'href="/learning/record/{staff_a.pk}/"'
        in head.get("/learning/record/staff/").content.decode()
    )
    page = head.get(f"/learning/record/{staff_a.pk}/").content.decode()
    assert f"CPD record: {staff_a}" in page and "Phonics and Early Reading" in page
    assert (
        client_for(director).get(f"/learning/record/{staff_a.pk}/cpd-record.csv").status_code == 200
    )
    for outsider in (head_b, lc_a):
        client = client_for(outsider)
        for suffix in ("", "cpd-record.csv", "cpd-record.pdf"):
            assert client.get(f"/learning/record/{staff_a.pk}/{suffix}").status_code == 404
    assert (
        f"/learning/record/{staff_a.pk}/"
        not in client_for(head_b).get("/learning/record/staff/").content.decode()
    )
    # A member of staff sees their own record, not the head's.
    assert client_for(staff_a).get(f"/learning/record/{head_a.pk}/").status_code == 404
