"""Changes to executive coaching: allocating a coach, booking sessions and marking them. Each
refuses, in plain words and changing nothing, what cannot be done."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from coaching.models import Allocation, Mode, Session, SessionStatus
from coaching.selectors import entitlement_of
from membership.models import School
from thep import years
from thep.models import User


def allocation_check(*, coach: User, head: User, school: School, year: int) -> None:
    """Refuses an allocation that cannot be made."""
    if not coach.is_coach or not coach.is_active:
        raise ValidationError(f"{coach} is not an executive coach.")
    if not head.is_head or not head.affiliations.filter(school=school).exists():
        raise ValidationError(f"{head} is not the head of {school.name}.")
    taken = Allocation.objects.filter(school=school, year=year).select_related("coach").first()
    if taken is not None:
        raise ValidationError(
            f"The head of {school.name} already has a coach for {years.label(year)}: {taken.coach}."
        )


def coach_allocate(*, coach: User, head: User, school: School, year: int, by: User) -> Allocation:
    """Allocate a coach to the head of a school for a year (the office or a director)."""
    with transaction.atomic():
        School.objects.select_for_update().get(pk=school.pk)  # one allocation at a time
        allocation_check(coach=coach, head=head, school=school, year=year)
        return Allocation.objects.create(
            coach=coach, head=head, school=school, year=year, allocated_by=by
        )


def session_book(
    *,
    allocation: Allocation,
    date: datetime.date,
    start_time: datetime.time,
    mode: str,
    place: str,
    by: User,
) -> Session:
    """The coach books a session with their coachee, within the year and within what the head
    is entitled to (two bookings at once cannot both take the last session)."""
    place = place.strip() if mode == Mode.IN_PERSON else ""
    with transaction.atomic(durable=True):
        allocation = (
            Allocation.objects.select_for_update()
            .select_related("school", "head")
            .get(pk=allocation.pk)
        )
        if by.pk != allocation.coach_id:
            raise ValidationError("Only the head's coach books their sessions.")
        first, last = years.first_day(allocation.year), years.last_day(allocation.year)
        if not first <= date <= last:
            raise ValidationError(
                f"Sessions of {allocation.year_label} fall between {first:%-d %B %Y} and "
                f"{last:%-d %B %Y}."
            )
        if mode == Mode.IN_PERSON and not place:
            raise ValidationError("Say where the face-to-face session takes place.")
        entitlement = entitlement_of(school=allocation.school, year=allocation.year)
        if entitlement.left == 0:
            raise ValidationError(
                f"{allocation.head.get_full_name() or allocation.head} has no coaching sessions "
                f"left in {allocation.year_label}: {entitlement.total} in all, "
                f"{entitlement.held} held, {entitlement.missed} missed and {entitlement.booked} "
                "booked. The school can buy more sessions from THE Partnership office; "
                "cancelling a booked session frees it."
            )
        return Session.objects.create(
            allocation=allocation,
            date=date,
            start_time=start_time,
            mode=mode,
            place=place,
            booked_by=by,
        )


def session_mark(*, session: Session, status: str, by: User, today: datetime.date) -> Session:
    """The coach marks a booked session held, missed (on or after its day) or cancelled."""
    with transaction.atomic(durable=True):
        session = (
            Session.objects.select_for_update().select_related("allocation").get(pk=session.pk)
        )
        if by.pk != session.allocation.coach_id:
            raise ValidationError("Only the head's coach marks their sessions.")
        if session.status != SessionStatus.BOOKED:
            raise ValidationError(
                f"This session is already {session.get_status_display().lower()}."
            )
        if status in (SessionStatus.HELD, SessionStatus.MISSED):
            if not session.can_be_marked(today):
                raise ValidationError(
                    f"A session is marked {SessionStatus(status).label.lower()} on or after its "
                    f"day, {session.date:%-d %B %Y}."
                )
        elif status != SessionStatus.CANCELLED:
            raise ValidationError("A session is marked held, missed or cancelled.")
        session.status = status
        session.marked_at = timezone.now()
        session.save(update_fields=["status", "marked_at"])
    return session
