import datetime

from commission.models import HeadAppointment
from membership.models import SchoolType
from tests.factories import SchoolFactory

ADD = "/admin/commission/headappointment/add/"


def form(school, *people, **changes) -> dict:
    return {
        "school": school.pk,
        "interview_on": "2023-11-20",
        "attendees": [person.pk for person in people],
        "decision": "approved",
        "reason": "",
        "new_head_name": "Amina Rahman",
        "starts_on": "2024-01-08",
        **changes,
    }


def test_the_office_records_an_approval_and_the_school_has_its_new_head(
    client_for, office_admin, director, lc_a
):
    school = SchoolFactory(head_name="Old Head", headship_start=datetime.date(2010, 9, 1))
    response = client_for(office_admin).post(ADD, form(school, director, lc_a))
    assert response.status_code == 302, response.content.decode()
    school.refresh_from_db()
    assert (school.head_name, school.headship_start) == ("Amina Rahman", datetime.date(2024, 1, 8))
    appointment = HeadAppointment.objects.get()
    assert set(appointment.attendees.all()) == {director, lc_a}
    assert appointment.recorded_by == office_admin


def test_the_office_is_told_in_plain_words_when_a_school_is_outside_the_commission(
    client_for, office_admin, director
):
    academy = SchoolFactory(name="Example Academy", school_type=SchoolType.ACADEMY)
    response = client_for(office_admin).post(ADD, form(academy, director))
    assert response.status_code == 200
    assert "Example Academy is not in the LA commission in 2023-24" in response.content.decode()
    assert not HeadAppointment.objects.exists()
    academy.refresh_from_db()
    assert academy.head_name != "Amina Rahman"


def test_withholding_approval_without_a_reason_is_refused(client_for, office_admin, director):
    school = SchoolFactory()
    response = client_for(office_admin).post(
        ADD, form(school, director, decision="withheld", starts_on="")
    )
    assert "Say why the approval was withheld." in response.content.decode()
    assert not HeadAppointment.objects.exists()
