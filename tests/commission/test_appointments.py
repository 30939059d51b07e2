import datetime

import pytest
from django.core.exceptions import ValidationError

from coaching.selectors import entitlement_of
from commission.models import Decision, HeadAppointment
from commission.services import appointment_save
from improvement.selectors import visit_entitlement
from membership.models import SchoolType
from tests.commission.factories import buy_commission
from tests.factories import SchoolFactory
from tests.membership.factories import MembershipFactory

YEAR = 2023
TODAY = datetime.date(2024, 1, 15)
INTERVIEW = datetime.date(2023, 11, 20)


def appointment(school, **fields) -> HeadAppointment:
    values = {"interview_on": INTERVIEW, "decision": Decision.APPROVED, **fields}
    return HeadAppointment(school=school, **values)


def test_an_approval_with_a_start_date_gives_the_new_head_six_visits_and_more_coaching(
    db, director, lc_a, office_admin
):
    school = SchoolFactory(head_name="Old Head", headship_start=datetime.date(2010, 9, 1))
    MembershipFactory(member__school=school, year=YEAR)
    assert visit_entitlement(school=school, year=YEAR, today=TODAY).core == 3
    assert entitlement_of(school=school, year=YEAR).core == 3
    saved = appointment_save(
        appointment=appointment(
            school, new_head_name="Amina Rahman", starts_on=datetime.date(2024, 1, 8)
        ),
        attendees=[director, lc_a],
        by=office_admin,
    )
    school.refresh_from_db()
    assert (school.head_name, school.headship_start) == ("Amina Rahman", datetime.date(2024, 1, 8))
    assert visit_entitlement(school=school, year=YEAR, today=TODAY).core == 6
    assert entitlement_of(school=school, year=YEAR).core == 6
    assert set(saved.attendees.all()) == {director, lc_a}
    assert saved.recorded_by == office_admin


def test_an_approval_without_a_start_date_changes_no_entitlement_yet(db, director, office_admin):
    school = SchoolFactory(headship_start=datetime.date(2010, 9, 1))
    appointment_save(appointment=appointment(school), attendees=[director], by=office_admin)
    school.refresh_from_db()
    assert school.headship_start == datetime.date(2010, 9, 1)
    assert visit_entitlement(school=school, year=YEAR, today=TODAY).core == 3


def test_an_academy_that_bought_the_commission_may_have_its_appointment_approved(
    db, director, office_admin
):
    academy = SchoolFactory(school_type=SchoolType.ACADEMY)
    buy_commission(academy, YEAR)
    appointment_save(appointment=appointment(academy), attendees=[director], by=office_admin)
    assert HeadAppointment.objects.filter(school=academy).count() == 1


def test_an_approval_for_a_school_outside_the_commission_is_refused_and_changes_nothing(
    db, director, office_admin
):
    academy = SchoolFactory(
        name="Example Academy", school_type=SchoolType.ACADEMY, headship_start=None
    )
    with pytest.raises(ValidationError) as refused:
        appointment_save(
            appointment=appointment(academy, starts_on=datetime.date(2024, 1, 8)),
            attendees=[director],
            by=office_admin,
        )
    assert refused.value.messages == [
        "Example Academy is not in the LA commission in 2023-24: THEP approves headteacher "
        "appointments only for the schools the commission covers."
    ]
    academy.refresh_from_db()
    assert academy.headship_start is None
    assert not HeadAppointment.objects.exists()


def test_approval_withheld_needs_a_reason(db, director, office_admin):
    school = SchoolFactory()
    with pytest.raises(ValidationError) as refused:
        appointment_save(
            appointment=appointment(school, decision=Decision.WITHHELD, reason="  "),
            attendees=[director],
            by=office_admin,
        )
    assert refused.value.messages == ["Say why the approval was withheld."]
    assert not HeadAppointment.objects.exists()
    appointment_save(
        appointment=appointment(school, decision=Decision.WITHHELD, reason="Not ready yet."),
        attendees=[director],
        by=office_admin,
    )
    assert HeadAppointment.objects.get().reason == "Not ready yet."


def test_a_withheld_appointment_has_no_start_date_and_only_thep_attends(
    db, director, head_a, office_admin
):
    school = SchoolFactory(headship_start=datetime.date(2010, 9, 1))
    withheld = appointment(
        school, decision=Decision.WITHHELD, reason="No.", starts_on=datetime.date(2024, 1, 8)
    )
    with pytest.raises(ValidationError, match="Only a head whose appointment was approved"):
        appointment_save(appointment=withheld, attendees=[director], by=office_admin)
    with pytest.raises(ValidationError, match="Only THEP's directors and Leadership Consultants"):
        appointment_save(appointment=appointment(school), attendees=[head_a], by=office_admin)
    school.refresh_from_db()
    assert school.headship_start == datetime.date(2010, 9, 1)
    assert not HeadAppointment.objects.exists()


def test_an_interview_date_out_of_any_year_is_refused(db, director, office_admin):
    school = SchoolFactory()
    far = appointment(school, interview_on=datetime.date(9999, 12, 31))
    with pytest.raises(ValidationError, match="Give the date of the final interview"):
        appointment_save(appointment=far, attendees=[director], by=office_admin)
    assert not HeadAppointment.objects.exists()
