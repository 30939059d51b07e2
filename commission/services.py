from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from commission.models import Decision, HeadAppointment
from membership.models import School
from membership.selectors import commission_schools
from thep import years
from thep.models import User


def appointment_check(*, appointment: HeadAppointment, attendees: Iterable[User]) -> None:
    """Refuses an appointment record that cannot stand, in words the office understands."""
    school, year = appointment.school, appointment.year
    if not years.FIRST <= year < years.LAST:
        raise ValidationError("Give the date of the final interview, such as 20/11/2023.")
    if not commission_schools(year=year).filter(pk=school.pk).exists():
        raise ValidationError(
            f"{school.name} is not in the LA commission in {years.label(year)}: THEP approves "
            "headteacher appointments only for the schools the commission covers."
        )
    if appointment.decision == Decision.WITHHELD and not appointment.reason.strip():
        raise ValidationError("Say why the approval was withheld.")
    if appointment.starts_on is not None and appointment.decision != Decision.APPROVED:
        raise ValidationError("Only a head whose appointment was approved has a start date.")
    if appointment.starts_on is not None and appointment.starts_on < appointment.interview_on:
        raise ValidationError("The new head cannot start before the final interview.")
    outsiders = [
        str(person) for person in attendees if not (person.is_director or person.is_consultant)
    ]
    if outsiders:
        raise ValidationError(
            f"Only THEP's directors and Leadership Consultants attend for THEP, not "
            f"{', '.join(outsiders)}."
        )


def appointment_save(
    *, appointment: HeadAppointment, attendees: Iterable[User], by: User
) -> HeadAppointment:
    """Record (or correct) a final interview and the LA's decision. An approval with the new
    head's start date makes it the school's headship start, and the new head's name its head's:
    the new-head entitlements (LC visits, coaching) follow from that date."""
    attendees = list(attendees)
    with transaction.atomic():
        School.objects.select_for_update().get(pk=appointment.school_id)
        appointment_check(appointment=appointment, attendees=attendees)
        appointment.reason = appointment.reason.strip()
        if appointment.recorded_by_id is None:
            appointment.recorded_by = by
        appointment.save()
        appointment.attendees.set(attendees)
        if appointment.decision == Decision.APPROVED and appointment.starts_on is not None:
            school = appointment.school
            school.headship_start = appointment.starts_on
            fields = ["headship_start", "updated_at"]
            if appointment.new_head_name.strip():
                school.head_name = appointment.new_head_name.strip()
                fields.append("head_name")
            school.save(update_fields=fields)
    return appointment
