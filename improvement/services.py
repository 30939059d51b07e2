"""Changes to the LC programme. Each refuses with a plain ValidationError and changes nothing
when it is not allowed."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from improvement.models import (
    REPORT_FIELDS,
    Allocation,
    DiagnosticReview,
    GoodPractice,
    InterventionAction,
    InterventionGroup,
    InterventionReview,
    Report,
    ReportComment,
    ReportCorrection,
    ReportStatus,
    ReviewItem,
    ReviewMeeting,
    RiskArea,
    RiskRating,
    Term,
    Visit,
    agreement_due,
    director_for,
)
from improvement.selectors import allocation_now, visit_entitlement
from membership import standings
from membership.models import School
from ofsted.models import StrategyMeeting
from thep import years
from thep.mail import mail_queue
from thep.models import DirectorKind, Role, User


def _require_fits(*, school: School, consultant: User, date: datetime.date, minutes: int) -> None:
    """A visit is on a day the school is allocated to the LC, and lasts 2 to 3 hours."""
    allocation = allocation_now(school=school, on=date)
    if allocation is None or allocation.consultant_id != consultant.pk:
        raise ValidationError(
            f"{school.name} is not allocated to you on {date:%d/%m/%Y}, so you cannot "
            "have a visit there that day."
        )
    if not 120 <= minutes <= 180:
        raise ValidationError("A visit lasts between 2 and 3 hours (120 to 180 minutes).")


def visit_schedule(
    *,
    school: School,
    consultant: User,
    date: datetime.date,
    start_time: datetime.time,
    minutes: int,
    focus: str,
) -> Visit:
    """Put a visit in the LC's diary, with an empty draft report to write after it."""
    _require_fits(school=school, consultant=consultant, date=date, minutes=minutes)
    year = years.year_of(date)
    with transaction.atomic():
        # One visit scheduled at a time per school, so two LCs' clicks cannot both take
        # the last visit of the entitlement.
        School.objects.select_for_update().get(pk=school.pk)
        entitlement = visit_entitlement(school=school, year=year, today=timezone.localdate())
        if entitlement.remaining == 0:
            raise ValidationError(
                f"{school.name} has used all {entitlement.total} visits of "
                f"{years.label(year)}. The school can buy extra visits from THE Partnership."
            )
        visit = Visit.objects.create(
            school=school,
            consultant=consultant,
            year=year,
            date=date,
            start_time=start_time,
            minutes=minutes,
            focus=focus,
        )
        Report.objects.create(visit=visit, due_by=agreement_due(date))
    return visit


def _changeable(visit: Visit, by: User) -> None:
    if by.pk != visit.consultant_id:
        raise ValidationError("Only the visit's Leadership Consultant can change it.")
    if not visit.is_changeable:
        raise ValidationError(
            "The report of this visit has been shared with the head, so the visit stays as it was."
        )


def _heads_of(school_id: int) -> list[str]:
    return list(
        User.objects.filter(
            role=Role.HEADTEACHER, is_active=True, affiliations__school_id=school_id
        ).values_list("email", flat=True)
    )


def _tell_head(visit: Visit, *, subject: str, what: str) -> None:
    """Email the school's heads, with the change (the caller's transaction)."""
    heads = _heads_of(visit.school_id)
    if heads:
        mail_queue(
            kind="improvement.visit_changed",
            to=heads,
            subject=f"{subject}: {visit.school.name}",
            body=f"{visit.consultant.get_full_name()} {what}.\n\nThe visits to your school are "
            "on the portal's Visits page.",
        )


def visit_move(
    *,
    visit: Visit,
    by: User,
    date: datetime.date,
    start_time: datetime.time,
    minutes: int,
    focus: str,
) -> Visit:
    """The LC moves a visit, or changes its length or focus, until its report is shared. The
    head is told when the day or time changes."""
    _changeable(visit, by)
    _require_fits(school=visit.school, consultant=by, date=date, minutes=minutes)
    if hasattr(visit, "diagnostic") and years.term_of(date) != Term.AUTUMN:
        raise ValidationError(
            "The diagnostic review was recorded at this visit, so it stays in the autumn term."
        )
    year = years.year_of(date)
    before = f"{visit.date:%-d %B %Y} at {visit.start_time:%H:%M}"
    with transaction.atomic():
        School.objects.select_for_update().get(pk=visit.school_id)
        if year != visit.year:
            entitlement = visit_entitlement(
                school=visit.school, year=year, today=timezone.localdate()
            )
            if entitlement.remaining == 0:
                raise ValidationError(
                    f"{visit.school.name} has used all {entitlement.total} visits of "
                    f"{years.label(year)}, so the visit cannot move into that year."
                )
        moved = (visit.date, visit.start_time) != (date, start_time)
        visit.year, visit.date, visit.start_time = year, date, start_time
        visit.minutes, visit.focus = minutes, focus
        visit.save()
        visit.report.due_by = agreement_due(date)
        visit.report.save(update_fields=["due_by"])
        if moved:
            _tell_head(
                visit,
                subject="Visit moved",
                what=f"moved the visit to {visit.school.name} of {before} to "
                f"{date:%-d %B %Y} at {start_time:%H:%M}",
            )
    return visit


def visit_cancel(*, visit: Visit, by: User) -> None:
    """The LC cancels a visit whose report is still an empty draft; it no longer counts
    against the entitlement. The head is told."""
    _changeable(visit, by)
    if any(getattr(visit.report, name) for name in REPORT_FIELDS):
        raise ValidationError(
            "The report of this visit has been started. A visit that took place stays; if it "
            "did not, clear the report first."
        )
    if hasattr(visit, "diagnostic"):
        raise ValidationError("The diagnostic review was recorded at this visit, so it stays.")
    with transaction.atomic():
        _tell_head(
            visit,
            subject="Visit cancelled",
            what=f"cancelled the visit to {visit.school.name} of {visit.date:%-d %B %Y} at "
            f"{visit.start_time:%H:%M}",
        )
        visit.report.delete()
        visit.delete()


def _require(report: Report, status: str, message: str) -> None:
    if report.status != status:
        raise ValidationError(message)


def report_save(*, report: Report, by: User, fields: dict[str, str]) -> Report:
    """The LC writes the report while it is a draft or shared (the head sees the changes)."""
    if by.pk != report.visit.consultant_id:
        raise ValidationError("Only the report's Leadership Consultant can edit it.")
    if not report.awaits_agreement:
        raise ValidationError(
            "The head has agreed this report, so it can no longer be changed by its LC."
        )
    for name in [*REPORT_FIELDS, "good_practice_theme"]:
        if name in fields:
            setattr(report, name, fields[name])
    report.save()
    return report


def report_share(*, report: Report, by: User) -> Report:
    if by.pk != report.visit.consultant_id:
        raise ValidationError("Only the report's Leadership Consultant can share it.")
    _require(report, ReportStatus.DRAFT, "This report has already been shared with the head.")
    if not report.summary.strip():
        raise ValidationError("Write the summary of discussion before sharing the report.")
    with transaction.atomic():
        report.status = ReportStatus.SHARED
        report.shared_at = timezone.now()
        report.save(update_fields=["status", "shared_at"])
        _tell_head_report_shared(report)
    return report


def _tell_head_report_shared(report: Report) -> None:
    """Email the school's heads that a visit report waits for their agreement. The email says
    only that there is a report, never what it says."""
    heads = _heads_of(report.visit.school_id)
    if heads:
        mail_queue(
            kind="improvement.report_shared",
            to=heads,
            subject=f"Visit report to agree: {report.visit.school.name}",
            body=render_to_string(
                "improvement/email/report_shared.txt",
                {"report": report, "site_url": settings.SITE_URL.rstrip("/")},
            ),
        )


def _require_head(report: Report, by: User) -> None:
    if not (by.is_head and report.visit.school.affiliations.filter(person=by).exists()):
        raise ValidationError("Only the school's headteacher can do this.")


def report_comment(*, report: Report, by: User, text: str) -> ReportComment:
    _require_head(report, by)
    _require(report, ReportStatus.SHARED, "Comments can be added while the report is shared.")
    if not text.strip():
        raise ValidationError("Write a comment before sending it.")
    return ReportComment.objects.create(report=report, author=by, text=text.strip())


def report_agree(*, report: Report, by: User) -> Report:
    _require_head(report, by)
    _require(report, ReportStatus.SHARED, "Only a report shared with you can be agreed.")
    report.status = ReportStatus.AGREED
    report.agreed_at = timezone.now()
    report.agreed_by = by
    report.save(update_fields=["status", "agreed_at", "agreed_by"])
    return report


def report_submit(*, report: Report, by: User) -> Report:
    """The LC submits the agreed report to the Director of Primary or Secondary."""
    if by.pk != report.visit.consultant_id:
        raise ValidationError("Only the report's Leadership Consultant can submit it.")
    _require(
        report,
        ReportStatus.AGREED,
        "The head has not agreed this report yet; it can be submitted once they have.",
    )
    report.status = ReportStatus.SUBMITTED
    report.submitted_at = timezone.now()
    report.submitted_to = director_for(report.visit.school.phase)
    report.save(update_fields=["status", "submitted_at", "submitted_to"])
    return report


def _require_director_of(report: Report, by: User) -> None:
    if not by.is_director or by.director_kind not in (
        DirectorKind.EXECUTIVE,
        director_for(report.visit.school.phase),
    ):
        raise ValidationError("Only the Executive Director or the phase director can do this.")


def report_finalise(*, report: Report, by: User) -> Report:
    """The director accepts the report: it is final and locked, and its good practice goes
    into the directory."""
    _require_director_of(report, by)
    _require(report, ReportStatus.SUBMITTED, "Only a submitted report can be made final.")
    with transaction.atomic():
        report.status = ReportStatus.FINAL
        report.finalised_at = timezone.now()
        report.finalised_by = by
        report.save(update_fields=["status", "finalised_at", "finalised_by"])
        _publish_good_practice(report)
    return report


def _publish_good_practice(report: Report) -> None:
    if not report.good_practice.strip():
        GoodPractice.objects.filter(report=report).delete()
        return
    GoodPractice.objects.update_or_create(
        report=report,
        defaults={
            "school": report.visit.school,
            "theme": report.good_practice_theme or report.visit.focus,
            "description": report.good_practice,
            "published_on": timezone.localdate(),
        },
    )


def report_correct(*, report: Report, by: User, fields: dict[str, str], reason: str) -> Report:
    """A director's correction to a final report, kept with what it replaced."""
    _require_director_of(report, by)
    _require(report, ReportStatus.FINAL, "Only a final report is corrected this way.")
    if not reason.strip():
        raise ValidationError("Say why the report is being corrected.")
    names = [*REPORT_FIELDS, "good_practice_theme"]
    before = {
        name: getattr(report, name)
        for name in names
        if name in fields and fields[name] != getattr(report, name)
    }
    if not before:
        raise ValidationError("Nothing was changed, so there is nothing to correct.")
    with transaction.atomic():
        for name in before:
            setattr(report, name, fields[name])
        report.save(update_fields=list(before))
        ReportCorrection.objects.create(report=report, by=by, reason=reason, before=before)
        _publish_good_practice(report)
    return report


def diagnostic_record(
    *,
    visit: Visit,
    by: User,
    ratings: dict[str, tuple[str, str]],
    priorities: str,
    later_visits: str,
) -> DiagnosticReview:
    """The autumn diagnostic review: a rating and note for every risk area."""
    if by.pk != visit.consultant_id:
        raise ValidationError("Only the visit's Leadership Consultant can record its review.")
    if visit.term != Term.AUTUMN:
        raise ValidationError("The diagnostic review is made at the autumn term's visit.")
    missing = [label for area, label in RiskArea.choices if area not in ratings]
    if missing:
        raise ValidationError(f"Give a rating for every risk area; missing: {', '.join(missing)}.")
    if DiagnosticReview.objects.filter(school=visit.school, year=visit.year).exists():
        raise ValidationError(
            f"{visit.school.name} already has a diagnostic review for {years.label(visit.year)}."
        )
    # The ratings go in in bulk, sending no signals: the school's risk is worked out after them.
    with transaction.atomic(), standings.batched():
        standings.changed(school_ids=[visit.school_id])
        review = DiagnosticReview.objects.create(
            visit=visit,
            school=visit.school,
            year=visit.year,
            priorities=priorities,
            later_visits=later_visits,
        )
        RiskRating.objects.bulk_create(
            RiskRating(review=review, area=area, rating=rating, note=note)
            for area, (rating, note) in ratings.items()
        )
    return review


def _require_director(by: User) -> None:
    if not by.is_director:
        raise ValidationError("Only THE Partnership's directors can do this.")


def review_meeting_create(
    *, held_on: datetime.date, attendees: list[User], other_attendees: str, by: User
) -> ReviewMeeting:
    _require_director(by)
    with transaction.atomic():
        meeting = ReviewMeeting.objects.create(held_on=held_on, other_attendees=other_attendees)
        meeting.attendees.set(attendees)
    return meeting


def review_item_add(
    *, meeting: ReviewMeeting, school: School, discussion: str, actions: str, by: User
) -> ReviewItem:
    _require_director(by)
    if meeting.items.filter(school=school).exists():
        raise ValidationError(f"{school.name} is already on this meeting's agenda.")
    return ReviewItem.objects.create(
        meeting=meeting, school=school, discussion=discussion, actions=actions
    )


def intervention_group_start(
    *,
    school: School,
    chair: User,
    members: list[User],
    started_on: datetime.date,
    resourcing: str,
    by: User,
) -> InterventionGroup:
    """A Targeted Intervention Group for the school, linked to its pending strategy meeting
    (which is then held)."""
    _require_director(by)
    if InterventionGroup.objects.filter(school=school, closed_on__isnull=True).exists():
        raise ValidationError(f"{school.name} already has an open intervention group.")
    with transaction.atomic():
        meeting = StrategyMeeting.objects.filter(school=school).order_by("-proposed_at").first()
        if meeting is not None and meeting.held_on is None:
            meeting.held_on = started_on
            meeting.save(update_fields=["held_on"])
        group = InterventionGroup.objects.create(
            school=school,
            strategy_meeting=meeting,
            chair=chair,
            started_on=started_on,
            resourcing=resourcing,
        )
        group.members.set({*members, chair})
    return group


def _require_open(group: InterventionGroup, by: User) -> None:
    _require_director(by)
    if group.closed_on is not None:
        raise ValidationError("This intervention group is closed.")


def intervention_action_add(
    *, group: InterventionGroup, action: str, owner: str, due_on: datetime.date, by: User
) -> InterventionAction:
    _require_open(group, by)
    return InterventionAction.objects.create(group=group, action=action, owner=owner, due_on=due_on)


def intervention_action_done(*, action: InterventionAction, on: datetime.date, by: User) -> None:
    _require_open(action.group, by)
    action.done_on = on
    action.save(update_fields=["done_on"])


def intervention_review_add(
    *, group: InterventionGroup, held_on: datetime.date, notes: str, by: User
) -> InterventionReview:
    _require_open(group, by)
    return InterventionReview.objects.create(group=group, held_on=held_on, notes=notes, by=by)


def intervention_group_close(*, group: InterventionGroup, on: datetime.date, by: User) -> None:
    _require_open(group, by)
    group.closed_on = on
    group.save(update_fields=["closed_on"])


def allocation_check(*, school: School, consultant: User, on: datetime.date) -> None:
    """Refuses, in plain words, a change of LC that cannot be made."""
    if not consultant.is_consultant or not consultant.is_active:
        raise ValidationError(f"{consultant} is not a Leadership Consultant.")
    current = Allocation.objects.filter(
        school=school, year=years.year_of(on), ends_on__isnull=True
    ).first()
    if current is None:
        return
    if current.consultant_id == consultant.pk:
        raise ValidationError(f"{consultant} is already {school.name}'s LC.")
    if on <= current.starts_on:
        raise ValidationError(
            f"The new LC must start after {current.starts_on:%d/%m/%Y}, when the current one "
            "started."
        )


def allocation_change(*, school: School, consultant: User, on: datetime.date) -> Allocation:
    """Give the school a new LC from a day: the current allocation ends the day before, so the
    history of who was the school's LC stays."""
    year = years.year_of(on)
    with transaction.atomic():
        School.objects.select_for_update().get(pk=school.pk)  # one change at a time
        allocation_check(school=school, consultant=consultant, on=on)
        Allocation.objects.filter(school=school, year=year, ends_on__isnull=True).update(
            ends_on=on - datetime.timedelta(days=1)
        )
        return Allocation.objects.create(
            school=school, consultant=consultant, year=year, starts_on=on
        )
