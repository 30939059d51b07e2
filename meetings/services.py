"""Changes to general meetings. Each refuses, in plain words and changing nothing, what cannot be
done: above all a vote from a school that has one already, or that is not a full member."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from meetings.models import Appointment, Attendance, Delegate, Meeting, Paper, Resolution, Vote
from meetings.rules import full_member_on, passes, present_count
from membership.models import Membership, School
from thep.models import User


def _refuse_unless_manager(by: User) -> None:
    if not by.runs_partnership:
        raise ValidationError("Only THE Partnership's directors and office run general meetings.")


def meeting_create(
    *, kind: str, date: datetime.date, starts_at: datetime.time, place: str, quorum: int, by: User
) -> Meeting:
    _refuse_unless_manager(by)
    return Meeting.objects.create(
        kind=kind, date=date, starts_at=starts_at, place=place, quorum=quorum, created_by=by
    )


def paper_add(*, meeting: Meeting, title: str, file: UploadedFile, by: User) -> Paper:
    _refuse_unless_manager(by)
    return Paper.objects.create(meeting=meeting, title=title, file=file, uploaded_by=by)


def resolution_add(*, meeting: Meeting, text: str, kind: str, by: User) -> Resolution:
    _refuse_unless_manager(by)
    with transaction.atomic(durable=True):
        Meeting.objects.select_for_update().get(pk=meeting.pk)  # numbers given one at a time
        last = meeting.resolutions.aggregate(last=Max("number"))["last"] or 0
        return Resolution.objects.create(meeting=meeting, number=last + 1, text=text, kind=kind)


def voting_open(*, resolution: Resolution, by: User) -> Resolution:
    _refuse_unless_manager(by)
    with transaction.atomic(durable=True):
        resolution = Resolution.objects.select_for_update().get(pk=resolution.pk)
        if resolution.status != Resolution.Status.WAITING:
            raise ValidationError(
                f"Voting on resolution {resolution.number} has already been opened."
            )
        resolution.status = Resolution.Status.OPEN
        resolution.opened_at = timezone.now()
        resolution.save(update_fields=["status", "opened_at"])
    return resolution


def voting_close(*, resolution: Resolution, by: User) -> Resolution:
    """Close the vote and declare the result, with the quorum as it stands now."""
    _refuse_unless_manager(by)
    with transaction.atomic(durable=True):
        resolution = (
            Resolution.objects.select_for_update().select_related("meeting").get(pk=resolution.pk)
        )
        if resolution.status != Resolution.Status.OPEN:
            raise ValidationError(f"Voting on resolution {resolution.number} is not open.")
        counts = tally(resolution=resolution)
        present = present_count(meeting=resolution.meeting)
        resolution.status = Resolution.Status.CLOSED
        resolution.closed_at = timezone.now()
        resolution.present_at_close = present
        resolution.passed = passes(
            kind=resolution.kind,
            votes_for=counts[Vote.Choice.FOR],
            against=counts[Vote.Choice.AGAINST],
            present=present,
            quorum=resolution.meeting.quorum,
        )
        resolution.save(update_fields=["status", "closed_at", "present_at_close", "passed"])
    return resolution


def tally(*, resolution: Resolution) -> dict[str, int]:
    counts = dict.fromkeys(Vote.Choice.values, 0)
    for choice in resolution.votes.values_list("choice", flat=True):
        counts[choice] += 1
    return counts


def _refuse_unless_full_member(*, school: School, day: datetime.date) -> None:
    if full_member_on(school=school, day=day):
        return
    associate = Membership.objects.filter(
        member__school=school, starts_on__lte=day, ends_on__gte=day
    ).exists()
    standing = "an associate member" if associate else "not a member of THE Partnership"
    raise ValidationError(
        f"{school.name} is {standing} on {day:%-d %B %Y}. Only full member schools vote at "
        "general meetings, one school one vote."
    )


def speaks_for(*, person: User, school: School, meeting: Meeting) -> bool:
    """The school's head, or the delegate its head named for this meeting."""
    if person.is_head and person.affiliations.filter(school=school).exists():
        return True
    return Delegate.objects.filter(meeting=meeting, school=school, person=person).exists()


def vote_cast(*, resolution: Resolution, school: School, choice: str, by: User) -> Vote:
    """The school's one vote. A second, even at the same moment, is refused and the first kept
    (the database holds one vote per school and resolution). A school that votes is present."""
    if choice not in Vote.Choice.values:
        raise ValidationError("Vote for, against, or abstain.")
    with transaction.atomic(durable=True):
        # Locked so that voting cannot close between the check below and the vote.
        resolution = (
            Resolution.objects.select_for_update().select_related("meeting").get(pk=resolution.pk)
        )
        meeting = resolution.meeting
        if resolution.status != Resolution.Status.OPEN:
            state = "not open yet" if resolution.status == Resolution.Status.WAITING else "closed"
            raise ValidationError(f"Voting on resolution {resolution.number} is {state}.")
        _refuse_unless_full_member(school=school, day=meeting.date)
        if not speaks_for(person=by, school=school, meeting=meeting):
            raise ValidationError(
                f"Only the head of {school.name}, or the delegate they name for this meeting, "
                "votes for the school."
            )
        _refuse_second_vote(resolution=resolution, school=school)
        try:
            with transaction.atomic():
                vote = Vote.objects.create(
                    resolution=resolution, school=school, choice=choice, cast_by=by
                )
        except IntegrityError:
            _refuse_second_vote(resolution=resolution, school=school)
            raise
        Attendance.objects.get_or_create(
            meeting=meeting,
            school=school,
            defaults={"how": Attendance.How.VOTED, "recorded_by": by},
        )
    return vote


def _refuse_second_vote(*, resolution: Resolution, school: School) -> None:
    first = Vote.objects.filter(resolution=resolution, school=school).first()
    if first is not None:
        raise ValidationError(
            f"{school.name} has already voted on resolution {resolution.number} "
            f"({first.get_choice_display().lower()}). One school, one vote: the first vote stands."
        )


def delegate_name(*, meeting: Meeting, school: School, person: User, by: User) -> Delegate:
    """The head names who votes for their school at this meeting (named again, it replaces)."""
    if not (by.is_head and by.affiliations.filter(school=school).exists()):
        raise ValidationError(f"Only the head of {school.name} names its delegate.")
    if not person.is_active or not person.affiliations.filter(school=school).exists():
        raise ValidationError(f"A delegate is someone at {school.name} with a login to the portal.")
    _refuse_unless_full_member(school=school, day=meeting.date)
    delegate, _ = Delegate.objects.update_or_create(
        meeting=meeting, school=school, defaults={"person": person, "named_by": by}
    )
    return delegate


def check_in(*, meeting: Meeting, school: School, by: User, today: datetime.date) -> Attendance:
    """The school's head or delegate says the school is present, on the day of the meeting."""
    if today != meeting.date:
        raise ValidationError(
            f"Schools check in on the day of the meeting, {meeting.date:%-d %B %Y}."
        )
    if not speaks_for(person=by, school=school, meeting=meeting):
        raise ValidationError(
            f"Only the head of {school.name} or its delegate checks the school in."
        )
    attendance, _ = Attendance.objects.get_or_create(
        meeting=meeting, school=school, defaults={"how": Attendance.How.CHECK_IN, "recorded_by": by}
    )
    return attendance


def attendance_record(
    *,
    meeting: Meeting,
    schools: Iterable[School],
    by: User,
    among: Iterable[int] | None = None,
) -> int:
    """The office's register: the schools ticked are present; of the others `among` (the ids of
    a page of the register; every school when None), only those that voted (a vote is
    presence). Returns how many are present."""
    _refuse_unless_manager(by)
    ticked = {school.pk for school in schools}
    with transaction.atomic(durable=True):
        Meeting.objects.select_for_update().get(pk=meeting.pk)
        voted = set(
            Vote.objects.filter(resolution__meeting=meeting).values_list("school_id", flat=True)
        )
        unticked = meeting.attendances.exclude(school_id__in=ticked | voted)
        if among is not None:
            unticked = unticked.filter(school_id__in=list(among))
        unticked.delete()
        already = set(meeting.attendances.values_list("school_id", flat=True))
        for pk in ticked - already:  # one by one, for the audit trail
            Attendance.objects.create(
                meeting=meeting, school_id=pk, how=Attendance.How.OFFICE, recorded_by=by
            )
        return meeting.attendances.count()


def appointment_record(
    *,
    person_name: str,
    role: str,
    school: School | None,
    meeting: Meeting | None,
    appointed_on: datetime.date,
    term_ends_on: datetime.date,
    by: User,
) -> Appointment:
    """A director appointed (or re-appointed) by the members, usually at the AGM."""
    _refuse_unless_manager(by)
    appointment = Appointment(
        person_name=person_name.strip(),
        role=role,
        school=school,
        meeting=meeting,
        appointed_on=appointed_on,
        term_ends_on=term_ends_on,
    )
    appointment.full_clean()
    appointment.save()
    return appointment
