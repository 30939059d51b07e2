import io

import pytest
from pypdf import PdfReader

from learning.services import attendance_record
from tests.factories import AffiliationFactory, UserFactory
from tests.learning.factories import BookingFactory, EventFactory, SessionFactory, in_days


@pytest.mark.django_db
def test_an_attendee_downloads_a_certificate_naming_them_and_the_event(
    client_for, staff_a, school_a, director
):
    event = EventFactory(title="Primary Subject Leadership", sessions=[-40],
                         facilitator_name="Maria Lopez")  # fmt: skip
    SessionFactory(event=event, date=in_days(-10))
    booking = BookingFactory(event=event, school=school_a, delegate=staff_a,
                             delegate_name="Nadia Begum", delegate_email=staff_a.email)  # fmt: skip
    attendance_record(event=event, attended_ids={booking.pk}, by=director)
    client = client_for(staff_a)
    assert (
        f"/learning/bookings/{booking.pk}/certificate.pdf"
        in client.get("/learning/bookings/").content.decode()
    )

    response = client.get(f"/learning/bookings/{booking.pk}/certificate.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Certificate of attendance" in text
    assert "Nadia Begum" in text
    assert "Bonner Primary School" in text
    assert "Primary Subject Leadership" in text
    assert "2 sessions" in text
    assert "led by Maria Lopez" in text


@pytest.mark.django_db
def test_no_certificate_for_a_delegate_who_did_not_attend(client_for, staff_a, school_a, director):
    event = EventFactory(sessions=[-5])
    booking = BookingFactory(event=event, school=school_a, delegate=staff_a,
                             delegate_email=staff_a.email)  # fmt: skip
    attendance_record(event=event, attended_ids=set(), by=director)
    response = client_for(staff_a).get(f"/learning/bookings/{booking.pk}/certificate.pdf")
    assert response.status_code == 404


@pytest.mark.django_db
def test_a_colleague_who_booked_the_place_does_not_get_the_certificate(
    client_for, staff_a, head_a, school_a, director
):
    colleague = UserFactory(email="colleague.a@example.org")
    AffiliationFactory(person=colleague, school=school_a, is_cpd_lead=False)
    event = EventFactory(sessions=[-5])
    booking = BookingFactory(event=event, school=school_a, delegate=staff_a,
                             delegate_email=staff_a.email, booked_by=colleague)  # fmt: skip
    attendance_record(event=event, attended_ids={booking.pk}, by=director)
    url = f"/learning/bookings/{booking.pk}/certificate.pdf"
    assert client_for(colleague).get(url).status_code == 404
    for allowed in (staff_a, head_a, director):
        assert client_for(allowed).get(url).status_code == 200
