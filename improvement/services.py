"""Changes to the LC programme. Each refuses with a plain ValidationError and changes nothing
when it is not allowed."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from improvement.access import sees_review_group
from improvement.models import (
    ASKING,
    COMMENT_LENGTH,
    REPORT_FIELDS,
    WITH_THE_LC,
    Action,
    ActionStatus,
    Allocation,
    DiagnosticChange,
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
    RiskSharing,
    Step,
    Term,
    Visit,
    agreement_due,
    director_for,
)
from improvement.selectors import allocation_now, head_who_joined, visit_entitlement
from membership import standings
from membership.models import Affiliation, School
from ofsted.models import StrategyMeeting
from thep import years
from thep.mail import mail_queue
from thep.models import DirectorKind, Role, User
from thep.services import person_invite


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


class ReportChanged(ValidationError):
    """The report changed after the person read it: their change is refused, not made over
    the other one, and they are told what happened."""


def _when(moment: datetime.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local:%H:%M} on {local:%-d %B %Y}"


def _last_change(report: Report) -> str:
    """Who changed the report last, how and when, in words."""
    if report.changed_at is None or report.changed_by is None:
        return "someone else changed it"
    step = report.comments.select_related("author").last()
    how = "saved changes to its text"
    # Each step of the workflow is recorded just after the change it makes (`_changed`, then
    # `_step`); a save records none, so the last step is older than the change.
    if step is not None and step.at >= report.changed_at:
        how = step.get_kind_display()
    return f"{report.changed_by.get_full_name()} {how} at {_when(report.changed_at)}"


def _lock(report: Report, *, version: int | None = None, doing: str = "") -> None:
    """Lock the report's row for the caller's transaction and read it afresh, so that two
    people acting at once take turns and the second sees the first's change. With the
    `version` the person read, refuse if it has changed since."""
    report.refresh_from_db(from_queryset=Report.objects.select_for_update())
    if version is not None and version != report.version:
        raise ReportChanged(f"The report changed while you were {doing}: {_last_change(report)}.")


def _changed(report: Report, by: User, *fields: str) -> None:
    report.version += 1
    report.changed_at, report.changed_by = timezone.now(), by
    report.save(update_fields=[*fields, "version", "changed_at", "changed_by"])


def _step(report: Report, by: User, kind: str, text: str = "", answer_to=None) -> ReportComment:
    return ReportComment.objects.create(
        report=report, author=by, kind=kind, text=text, answer_to=answer_to
    )


def _require_lc(report: Report, by: User, what: str) -> None:
    if by.pk != report.visit.consultant_id:
        raise ValidationError(f"Only the report's Leadership Consultant can {what} it.")


def _require_owes_nothing(report: Report, message: str) -> None:
    owed = list(report.owed_answers.select_related("author"))
    if owed:
        said = "; ".join(f"{entry.author.get_full_name()} on {_when(entry.at)}" for entry in owed)
        raise ValidationError(f"{message} Still to answer: {said}.")


def _tell(report: Report, *, to: list[str], kind: str, subject: str, what: str) -> None:
    """Email the person whose turn it is: what happened and a link, never the report's words
    (the caller's transaction)."""
    if to:
        mail_queue(
            kind=f"improvement.{kind}",
            to=to,
            subject=f"{subject}: {report.visit.school.name}",
            body=render_to_string(
                "improvement/email/report_turn.txt",
                {"report": report, "what": what, "site_url": settings.SITE_URL.rstrip("/")},
            ),
        )


def _tell_lc(report: Report, *, kind: str, subject: str, what: str) -> None:
    consultant = report.visit.consultant
    if consultant.is_active:
        _tell(report, to=[consultant.email], kind=kind, subject=subject, what=what)


def report_save(
    *, report: Report, by: User, fields: dict[str, str], version: int | None = None
) -> Report:
    """The LC writes the report until the head agrees it (while shared, the head sees the
    changes). With the `version` the LC's form was filled from, a change made meanwhile (the
    head agreeing, a save from another window) refuses the save instead of being undone."""
    _require_lc(report, by, "edit")
    with transaction.atomic():
        _lock(report, version=version, doing="editing it")
        if not report.awaits_agreement:
            raise ValidationError(
                "The head has agreed this report, so it can no longer be changed by its LC."
            )
        # Only what differs: a draft saved as the LC types often has nothing new, and then
        # the version stays, so their other windows are not told of a change there was not.
        names = [
            name
            for name in [*REPORT_FIELDS, "good_practice_theme"]
            if name in fields and fields[name] != getattr(report, name)
        ]
        if names:
            for name in names:
                setattr(report, name, fields[name])
            _changed(report, by, *names)
    return report


def report_share(*, report: Report, by: User) -> Report:
    """The LC shares the draft with the head, or shares it again once every comment is
    answered. With no head on the portal yet it waits for the head to join
    (`selectors.head_has_joined`)."""
    _require_lc(report, by, "share")
    with transaction.atomic():
        _lock(report)
        if report.is_shared:
            raise ValidationError("This report has already been shared with the head.")
        if not (report.is_draft or report.is_back_with_lc):
            raise ValidationError("The head has agreed this report; it is not shared again.")
        _require_owes_nothing(
            report, "Answer each comment before sharing the report again with the head."
        )
        if not report.summary.strip():
            raise ValidationError("Write the summary of discussion before sharing the report.")
        again = report.is_back_with_lc
        report.status = ReportStatus.SHARED
        report.shared_at = timezone.now()
        _changed(report, by, "status", "shared_at")
        _step(report, by, Step.SHARED)
        _tell_head_report_shared(report, again=again)
    return report


def _tell_head_report_shared(report: Report, *, again: bool = False) -> None:
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
                {"report": report, "again": again, "site_url": settings.SITE_URL.rstrip("/")},
            ),
        )


def _require_head(report: Report, by: User) -> None:
    if not (by.is_head and report.visit.school.affiliations.filter(person=by).exists()):
        raise ValidationError("Only the school's headteacher can do this.")


def _required_text(text: str, message: str) -> str:
    if not text.strip():
        raise ValidationError(message)
    if len(text.strip()) > COMMENT_LENGTH:
        raise ValidationError(f"Keep it to {COMMENT_LENGTH} characters.")
    return text.strip()


def report_ask_changes(*, report: Report, by: User, text: str) -> ReportComment:
    """The head asks for changes: the report goes back to its LC with her comment, which the
    LC answers before sharing it again."""
    _require_head(report, by)
    text = _required_text(text, "Say what you would like changed before sending it.")
    with transaction.atomic():
        _lock(report)
        _require(report, ReportStatus.SHARED, "You can ask for changes while the report is shared.")
        report.status = ReportStatus.CHANGES
        _changed(report, by, "status")
        asked = _step(report, by, Step.CHANGES, text)
        _tell_lc(
            report,
            kind="report_changes",
            subject="Changes asked for",
            what=f"{by.get_full_name()} has asked for changes to the report. Answer each "
            "comment, make the changes and share the report again.",
        )
    return asked


def report_answer(*, report: Report, by: User, entry_id: int, text: str) -> ReportComment:
    """The LC answers a comment of the head's or a director's note, once."""
    _require_lc(report, by, "answer comments on")
    text = _required_text(text, "Write your answer before sending it.")
    with transaction.atomic():
        _lock(report)
        if not report.awaits_agreement:
            raise ValidationError("This report is no longer with you, so it takes no answers.")
        entry = report.comments.filter(pk=entry_id, kind__in=ASKING).first()
        if entry is None:
            raise ValidationError("Choose a comment of this report to answer.")
        if ReportComment.objects.filter(answer_to=entry).exists():
            raise ValidationError("This comment has already been answered.")
        _changed(report, by)
        return _step(report, by, Step.ANSWER, text, answer_to=entry)


def report_agree(*, report: Report, by: User, version: int | None = None) -> Report:
    """The head agrees the report as written: as she read it (`version`), and only once
    every comment has its answer."""
    _require_head(report, by)
    with transaction.atomic():
        _lock(report)
        _require_owes_nothing(
            report, "The report cannot be agreed while an answer is owed: the LC answers "
            "each comment and shares the report again first."
        )  # fmt: skip
        if report.is_back_with_lc:
            raise ValidationError(
                "The report is back with the LC for changes; you can agree it once they "
                "share it again."
            )
        _require(report, ReportStatus.SHARED, "Only a report shared with you can be agreed.")
        if version is not None and version != report.version:
            raise ReportChanged(
                f"The report changed while you were reading it: {_last_change(report)}. "
                "Read it again before agreeing it."
            )
        report.status = ReportStatus.AGREED
        report.agreed_at = timezone.now()
        report.agreed_by = by
        _changed(report, by, "status", "agreed_at", "agreed_by")
        _step(report, by, Step.AGREED)
        _tell_lc(
            report,
            kind="report_agreed",
            subject="Visit report agreed",
            what=f"{by.get_full_name()} has agreed the report. Submit it to the director.",
        )
    return report


def report_record_agreement(
    *, report: Report, by: User, agreed_by: str, agreed_on: datetime.date, how: str = ""
) -> Report:
    """A director records an agreement the head gave outside the portal (a head not yet on
    it, say): who gave it and on what day, in the report's thread and the audit trail."""
    _require_director_of(report, by)
    agreed_by = agreed_by.strip()
    if not agreed_by:
        raise ValidationError("Say who agreed the report.")
    with transaction.atomic():
        _lock(report)
        _require_owes_nothing(report, "The report cannot be agreed while an answer is owed.")
        _require(
            report,
            ReportStatus.SHARED,
            "Only a report shared with the head, and not yet agreed, can have an agreement "
            "recorded.",
        )
        if report.shared_at and agreed_on < timezone.localdate(report.shared_at):
            raise ValidationError(
                f"The report was shared on {timezone.localdate(report.shared_at):%-d %B %Y}: "
                "it cannot have been agreed before."
            )
        if agreed_on > timezone.localdate():
            raise ValidationError("The day of the agreement cannot be in the future.")
        report.status = ReportStatus.AGREED
        report.agreed_at = timezone.make_aware(
            datetime.datetime.combine(agreed_on, datetime.time(12))
        )
        report.agreed_by = None
        report.agreed_outside_by, report.agreement_recorded_by = agreed_by, by
        _changed(
            report, by, "status", "agreed_at", "agreed_by", "agreed_outside_by",
            "agreement_recorded_by",
        )  # fmt: skip
        said = f"{agreed_by} agreed it on {agreed_on:%-d %B %Y}" + (
            f", {how.strip()}" if how.strip() else ""
        )
        _step(report, by, Step.AGREED_OUTSIDE, said[:COMMENT_LENGTH])
        _tell_lc(
            report,
            kind="report_agreed",
            subject="Visit report agreed",
            what=f"{by.get_full_name()} has recorded the head's agreement, given outside the "
            "portal. Submit the report to the director.",
        )
    return report


def _directors(kind: str) -> list[str]:
    """The directors a report goes to: its phase's, or the Executive Director's."""
    for wanted in (kind, DirectorKind.EXECUTIVE):
        found = list(
            User.objects.filter(
                role=Role.DIRECTOR, director_kind=wanted, is_active=True
            ).values_list("email", flat=True)
        )
        if found:
            return found
    return []


def report_submit(*, report: Report, by: User) -> Report:
    """The LC submits the agreed report to the Director of Primary or Secondary."""
    _require_lc(report, by, "submit")
    with transaction.atomic():
        _lock(report)
        _require(
            report,
            ReportStatus.AGREED,
            "The head has not agreed this report yet; it can be submitted once they have.",
        )
        report.status = ReportStatus.SUBMITTED
        report.submitted_at = timezone.now()
        report.submitted_to = director_for(report.visit.school.phase)
        _changed(report, by, "status", "submitted_at", "submitted_to")
        _step(report, by, Step.SUBMITTED)
        _tell(
            report,
            to=_directors(report.submitted_to),
            kind="report_submitted",
            subject="Visit report to accept",
            what=f"{by.get_full_name()} has submitted the agreed report. Accept it as final, "
            "or send it back to them with a note.",
        )
    return report


def _require_director_of(report: Report, by: User) -> None:
    if not by.is_director or by.director_kind not in (
        DirectorKind.EXECUTIVE,
        director_for(report.visit.school.phase),
    ):
        raise ValidationError("Only the Executive Director or the phase director can do this.")


def report_send_back(*, report: Report, by: User, note: str) -> ReportComment:
    """A director sends a submitted report back to its LC with a note. The head's agreement
    was of the text as it stood, so the LC answers, shares again and the head agrees again."""
    _require_director_of(report, by)
    note = _required_text(note, "Write a note saying what should change.")
    with transaction.atomic():
        _lock(report)
        _require(report, ReportStatus.SUBMITTED, "Only a submitted report can be sent back.")
        report.status = ReportStatus.CHANGES
        report.submitted_at, report.submitted_to = None, ""
        report.agreed_at, report.agreed_by = None, None
        report.agreed_outside_by, report.agreement_recorded_by = "", None
        _changed(
            report, by, "status", "submitted_at", "submitted_to", "agreed_at", "agreed_by",
            "agreed_outside_by", "agreement_recorded_by",
        )  # fmt: skip
        sent = _step(report, by, Step.SENT_BACK, note)
        _tell_lc(
            report,
            kind="report_sent_back",
            subject="Visit report sent back",
            what=f"{by.get_full_name()} has sent the report back to you with a note. Answer "
            "it, make the changes and share the report with the head again.",
        )
    return sent


def report_finalise(*, report: Report, by: User) -> Report:
    """The director accepts the report: it is final and locked, and its good practice goes
    into the directory."""
    _require_director_of(report, by)
    with transaction.atomic():
        _lock(report)
        _require(report, ReportStatus.SUBMITTED, "Only a submitted report can be made final.")
        report.status = ReportStatus.FINAL
        report.finalised_at = timezone.now()
        report.finalised_by = by
        _changed(report, by, "status", "finalised_at", "finalised_by")
        _step(report, by, Step.FINAL)
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


class DiagnosticChanged(ReportChanged):
    """The diagnostic review changed after the LC's form was filled (another window)."""


# A person's changes to one field within this time are one change in the history: a note
# typed over a few minutes, saved every few seconds, is one correction.
CHANGE_SPELL = datetime.timedelta(minutes=30)


def _note_change(review: DiagnosticReview, by: User, what: str, before: str, after: str) -> None:
    now = timezone.now()
    last = review.changes.filter(what=what).first()
    if last is not None and last.by_id == by.pk and last.at >= now - CHANGE_SPELL:
        if last.before == after and what in RiskArea.values:
            last.delete()  # changed back: no change after all
            return
        last.after, last.at = after, now
        last.save(update_fields=["after", "at"])
        return
    DiagnosticChange.objects.create(
        review=review, by=by, at=now, what=what, before=before, after=after
    )


def diagnostic_save(
    *,
    visit: Visit,
    by: User,
    ratings: dict[str, tuple[str, str]],
    priorities: str,
    later_visits: str,
    version: int | None = None,
    record: bool = False,
) -> DiagnosticReview:
    """Save the autumn diagnostic review: a rating and note for each risk area, the priorities
    and the plan. A draft may be partial; `record` needs every area rated and the priorities.
    A recorded review may be corrected (always whole) while the visit's report is with its LC
    (a draft, or back for changes), each change kept in its history; once the report is
    shared the head has read it, and it stays. With the `version` the LC's form was filled
    from, a change made meanwhile refuses the save."""
    if by.pk != visit.consultant_id:
        raise ValidationError("Only the visit's Leadership Consultant can record its review.")
    if visit.term != Term.AUTUMN:
        raise ValidationError("The diagnostic review is made at the autumn term's visit.")
    ratings = {area: given for area, given in ratings.items() if area in RiskArea.values}
    with transaction.atomic(), standings.batched():
        # The report's row first, as sharing it does: a correction and the sharing take turns.
        report = Report.objects.select_for_update().filter(visit=visit).first()
        review = DiagnosticReview.objects.select_for_update().filter(visit=visit).first()
        if review is None and (
            DiagnosticReview.objects.filter(school=visit.school, year=visit.year).exists()
        ):
            raise ValidationError(
                f"{visit.school.name} already has a diagnostic review for "
                f"{years.label(visit.year)}."
            )
        if review is not None and version is not None and version != review.version:
            who = review.changed_by.get_full_name() if review.changed_by else "Someone"
            when = f" at {_when(review.changed_at)}" if review.changed_at else ""
            raise DiagnosticChanged(
                f"The diagnostic review changed while you were editing it: {who} saved it"
                f"{when}. Your ratings and notes are kept below."
            )
        recorded = review is not None and not review.is_draft
        if recorded and report is not None and report.status not in WITH_THE_LC:
            raise ValidationError(
                "The report of this visit has been shared with the head, so the diagnostic "
                "review stays as it was recorded."
            )
        if record or recorded:
            missing = [label for area, label in RiskArea.choices if not ratings.get(area, ("",))[0]]
            if missing:
                raise ValidationError(
                    f"Give a rating for every risk area; missing: {', '.join(missing)}."
                )
            if not priorities.strip():
                raise ValidationError("Write the agreed priorities for the year.")
        if review is None:
            review = DiagnosticReview(visit=visit, school=visit.school, year=visit.year)
        before = _diagnostic_values(review) if review.pk else {}
        after = {
            "priorities": priorities,
            "later_visits": later_visits,
            **{area: given[0] for area, given in ratings.items()},
            **{f"{area}_note": given[1] for area, given in ratings.items()},
        }
        differs = {key: value for key, value in after.items() if before.get(key, "") != value}
        if not differs and review.pk and not (record and review.is_draft):
            return review
        review.priorities, review.later_visits = priorities, later_visits
        review.is_draft = not (record or recorded)
        review.version = review.version + 1 if review.pk else 1
        review.changed_at, review.changed_by = timezone.now(), by
        review.save()
        standings.changed(school_ids=[visit.school_id])
        RiskRating.objects.filter(review=review).delete()
        RiskRating.objects.bulk_create(
            RiskRating(review=review, area=area, rating=rating, note=note)
            for area, (rating, note) in ratings.items()
            if rating or note
        )
        if recorded:
            for key, value in differs.items():
                rating = key in RiskArea.values
                _note_change(
                    review, by, key, before.get(key, "") if rating else "", value if rating else ""
                )
    return review


def _diagnostic_values(review: DiagnosticReview) -> dict[str, str]:
    """What the review says now, keyed as `diagnostic_save` compares it."""
    values = {"priorities": review.priorities, "later_visits": review.later_visits}
    for rating in review.ratings.all():
        values[rating.area] = rating.rating
        values[f"{rating.area}_note"] = rating.note
    return values


def diagnostic_record(
    *,
    visit: Visit,
    by: User,
    ratings: dict[str, tuple[str, str]],
    priorities: str,
    later_visits: str,
) -> DiagnosticReview:
    """The autumn diagnostic review, recorded: a rating and note for every risk area."""
    return diagnostic_save(
        visit=visit,
        by=by,
        ratings=ratings,
        priorities=priorities,
        later_visits=later_visits,
        record=True,
    )


def _require_head_of(school: School, by: User) -> None:
    if not (by.is_head and school.affiliations.filter(person=by).exists()):
        raise ValidationError("Only the school's headteacher can do this.")


def risk_sharing_give(*, school: School, by: User) -> RiskSharing:
    """An academy's head agrees that the LA may see THEP's risk rating of the school: its
    level and the areas rated red or amber, never notes or report words."""
    _require_head_of(school, by)
    if not school.is_academy:
        raise ValidationError(
            f"{school.name} is maintained by the Local Authority, whose commission includes "
            "its risk assessment: there is nothing to agree."
        )
    with transaction.atomic():
        School.objects.select_for_update().get(pk=school.pk)
        if RiskSharing.objects.filter(school=school, withdrawn_at__isnull=True).exists():
            raise ValidationError("You have already agreed to share the risk rating.")
        return RiskSharing.objects.create(school=school, given_by=by, given_at=timezone.now())


def risk_sharing_withdraw(*, school: School, by: User) -> None:
    """The head withdraws the agreement: from now on the LA sees public data only."""
    _require_head_of(school, by)
    with transaction.atomic():
        School.objects.select_for_update().get(pk=school.pk)
        withdrawn = RiskSharing.objects.filter(school=school, withdrawn_at__isnull=True).update(
            withdrawn_at=timezone.now(), withdrawn_by=by
        )
        if not withdrawn:
            raise ValidationError(
                "The risk rating is not shared with the LA, so there is nothing to withdraw."
            )


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


def _require_owner_sees(action: Action, owner: User | None) -> None:
    """An action's owner is someone who can open the page it is on: a review-group action's,
    a member of the School Review Group (directors, LA officers); a TIG action's, a member of
    the group or a director."""
    if owner is None:
        return
    if isinstance(action, InterventionAction):
        allowed = owner.is_director or action.group.members.filter(pk=owner.pk).exists()
    else:
        allowed = sees_review_group(owner)
    if not (allowed and owner.is_active):
        raise ValidationError(f"{owner} cannot open this page, so cannot own its actions.")


def review_item_add(
    *,
    meeting: ReviewMeeting,
    school: School,
    discussion: str,
    actions: str,
    by: User,
    owner: User | None = None,
    due_on: datetime.date | None = None,
) -> ReviewItem:
    _require_director(by)
    if meeting.items.filter(school=school).exists():
        raise ValidationError(f"{school.name} is already on this meeting's agenda.")
    item = ReviewItem(
        meeting=meeting,
        school=school,
        discussion=discussion,
        actions=actions,
        owner=owner,
        due_on=due_on,
    )
    _require_owner_sees(item, owner)
    item.save()
    return item


def action_update(
    *,
    action: Action,
    owner: User | None,
    due_on: datetime.date | None,
    status: str,
    on: datetime.date,
    by: User,
) -> None:
    """A director sets who sees to an action (a review group's or a TIG's), by when, and
    whether it is done (done today, when it was open)."""
    if isinstance(action, InterventionAction):
        _require_open(action.group, by)
    else:
        _require_director(by)
    _require_owner_sees(action, owner)
    if status == ActionStatus.DONE:
        action.done_on = action.done_on or on
    else:
        action.done_on = None
    action.owner, action.due_on, action.status = owner, due_on, status
    action.save(update_fields=["owner", "due_on", "status", "done_on"])


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
    *, group: InterventionGroup, action: str, owner: User, due_on: datetime.date, by: User
) -> InterventionAction:
    _require_open(group, by)
    made = InterventionAction(group=group, action=action, owner=owner, due_on=due_on)
    _require_owner_sees(made, owner)
    made.save()
    return made


def intervention_action_done(*, action: InterventionAction, on: datetime.date, by: User) -> None:
    _require_open(action.group, by)
    action.status, action.done_on = ActionStatus.DONE, on
    action.save(update_fields=["status", "done_on"])


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


def head_invite(*, school: School, by: User, email: str, first_name: str, last_name: str) -> User:
    """The school's LC or the office gives a school without a head on the portal a head's
    account and emails its invitation (allauth's set-password link, thep.services), with the
    reports already shared with the school. An invitation not yet used is sent again."""
    allocation = allocation_now(school=school, on=timezone.localdate())
    if not (by.is_office or (allocation is not None and allocation.consultant_id == by.pk)):
        raise ValidationError("Only the school's LC or the THE Partnership office can do this.")
    joined = head_who_joined(school=school)
    if joined is not None:
        raise ValidationError(
            f"{school.name} already has a head on the portal: {joined.get_full_name()}."
        )
    email = email.strip().lower()
    with transaction.atomic():
        person = User.objects.filter(email__iexact=email).first()
        if person is None:
            person = User.objects.create_user(
                email,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                role=Role.HEADTEACHER,
            )  # no password: they choose one from the invitation
            Affiliation.objects.create(person=person, school=school)
        elif not (
            person.is_head
            and person.is_active
            and person.last_login is None
            and not person.has_usable_password()
            and person.affiliations.filter(school=school).exists()
        ):
            raise ValidationError(
                f"{email} already belongs to someone on the portal. Ask the THE Partnership "
                "office to link their account to the school."
            )
        person_invite(person=person, by=by)
        for report in Report.objects.filter(visit__school=school, status=ReportStatus.SHARED):
            _tell_head_report_shared(report)
    return person
