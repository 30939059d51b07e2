"""Changes to monitoring and moderation: drawing a year's samples, arranging visits and
recording what they found. Each refuses, in plain words and changing nothing, what cannot be
done."""

import datetime
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from membership.models import Affiliation, School
from moderation import draw as drawing
from moderation.models import Draw, Judgement, Kind, Pick, Subject, Visit
from thep import years
from thep.mail import mail_queue
from thep.models import Role, User

SEEDS = 1_000_000  # seeds short enough to read out and type again


def sample_draw(
    *, year: int, by: User, seed: int | None = None, include_special: bool = False, reason: str = ""
) -> Draw:
    """Draw a year's three samples. A year that has them is drawn again only with a reason;
    the earlier draw is kept, marked superseded."""
    reason = reason.strip()
    with transaction.atomic():  # not durable: the demo draws inside its own transaction
        current = (
            Draw.objects.select_for_update(of=("self",))
            .select_related("drawn_by")
            .filter(year=year, superseded_at__isnull=True)
            .first()
        )
        if current is not None and not reason:
            raise ValidationError(
                f"The samples for {years.label(year)} were drawn on "
                f"{timezone.localtime(current.drawn_at):%-d %B %Y} by "
                f"{current.drawn_by or 'the office'}. "
                "To draw them again, say why: the first draw is kept beside the new one."
            )
        schools = drawing.pool(year=year, include_special=include_special)
        if not schools:
            raise ValidationError(
                "No school in the register gives the KS1 or KS2 assessments in "
                f"{years.label(year)}."
            )
        if current is not None:
            current.superseded_at = timezone.now()
            current.save(update_fields=["superseded_at"])
        made = Draw.objects.create(
            year=year,
            seed=secrets.randbelow(SEEDS) if seed is None else seed,
            include_special=include_special,
            pool=len(schools),
            rule=drawing.RULE,
            reason=reason,
            drawn_by=by,
        )
        for kind in Kind:
            # One by one, so the audit log has every school drawn.
            for chosen in drawing.choose(kind=kind, year=year, seed=made.seed, schools=schools):
                Pick.objects.create(
                    draw=made, kind=kind, school=chosen.school, reason=chosen.reason
                )
    return made


def current_draw(*, year: int) -> Draw | None:
    return Draw.objects.filter(year=year, superseded_at__isnull=True).first()


def visit_arrange(
    *, year: int, kind: str, school: School, moderator: User, date: datetime.date, by: User
) -> Visit:
    """Assign a moderator to a school of the year's sample and date the visit. The school's
    head is emailed the date of a moderation visit (monitoring visits are unannounced)."""
    with transaction.atomic(durable=True):
        draw = current_draw(year=year)
        if draw is None:
            raise ValidationError(f"No samples are drawn for {years.label(year)} yet.")
        pick = (
            Pick.objects.select_for_update()
            .select_related("school")
            .filter(draw=draw, kind=kind, school=school)
            .first()
        )
        if pick is None:
            raise ValidationError(
                f"{school.name} is not in the {years.label(year)} sample for "
                f"{Kind(kind).label}: visits are arranged for the schools drawn only."
            )
        if moderator.role != Role.MODERATOR or not moderator.is_active:
            raise ValidationError(f"{moderator} is not a moderator.")
        if Affiliation.objects.filter(person=moderator, school=school).exists():
            raise ValidationError(
                f"{moderator} works at {school.name}: a moderator never visits their own school."
            )
        first, last = years.first_day(year), years.last_day(year)
        if not first <= date <= last:
            raise ValidationError(
                f"Visits of {years.label(year)} fall between {first:%-d %B %Y} and "
                f"{last:%-d %B %Y}."
            )
        visit = Visit.objects.filter(pick=pick).first()
        if visit is not None and visit.done:
            raise ValidationError(f"The visit to {school.name} is done and its outcome recorded.")
        new_date = visit is None or visit.date != date
        if visit is None:
            visit = Visit(pick=pick)
        visit.moderator, visit.date, visit.arranged_by = moderator, date, by
        visit.save()
        if new_date and kind != Kind.MONITORING:
            _tell_school(visit)
    return visit


def _tell_school(visit: Visit) -> None:
    heads = list(
        Affiliation.objects.filter(
            school=visit.pick.school, person__role=Role.HEADTEACHER, person__is_active=True
        ).values_list("person__email", flat=True)
    )
    if not heads:
        return
    school, kind = visit.pick.school, Kind(visit.pick.kind)
    mail_queue(
        kind="moderation.visit",
        to=heads,
        subject=f"{kind.label}: {school.name}, {visit.date:%-d %B %Y}",
        body=(
            f"{school.name} is in this year's sample for {kind.label}, drawn for the local "
            f"authority by THE Partnership.\n\n"
            f"Date of the visit: {visit.date:%A %-d %B %Y}\n"
            f"Moderator: {visit.moderator.get_full_name() or visit.moderator.email}\n\n"
            "Please have the teacher assessments and the evidence behind them ready. "
            "THE Partnership office can answer any question about the visit."
        ),
    )


@dataclass(frozen=True)
class Finding:
    subject: str
    agreed: bool
    pupils: int | None
    changed: int


def visit_record(*, visit: Visit, findings: list[Finding], by: User, today: datetime.date) -> Visit:
    """The moderator records what the visit found, subject by subject, on or after its day."""
    with transaction.atomic(durable=True):
        visit = Visit.objects.select_for_update().select_related("pick").get(pk=visit.pk)
        if by.pk != visit.moderator_id:
            raise ValidationError("Only the visit's moderator records its outcome.")
        if visit.done:
            raise ValidationError("This visit's outcome is already recorded.")
        if visit.date > today:
            raise ValidationError(
                f"The outcome is recorded on or after the visit, {visit.date:%-d %B %Y}."
            )
        if sorted(f.subject for f in findings) != sorted(visit.subjects):
            raise ValidationError(
                "Give the outcome in each of: "
                + ", ".join(Subject(s).label.lower() for s in visit.subjects)
                + "."
            )
        for finding in findings:
            label = Subject(finding.subject).label
            if finding.pupils is not None and finding.changed > finding.pupils:
                raise ValidationError(f"{label}: no more judgements changed than pupils looked at.")
            if finding.agreed and finding.changed:
                raise ValidationError(
                    f"{label}: judgements were changed, so they were not all agreed."
                )
            Judgement.objects.create(
                visit=visit,
                subject=finding.subject,
                agreed=finding.agreed,
                pupils=finding.pupils,
                changed=finding.changed,
            )
        visit.recorded_at = timezone.now()
        visit.save(update_fields=["recorded_at"])
    return visit
