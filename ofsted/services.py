import datetime
from typing import Literal

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from membership.models import School
from ofsted.models import Inspection, InspectionType, Source, StrategyMeeting, WindowOverride
from ofsted.outcomes import current_outcome
from thep.mail import mail_queue
from thep.models import Role, User

# An inspection recorded long after it happened (a first import of old files) is history, not
# news: directors are only told of outcomes from the last year.
NEWS_DAYS = 365
# Ofsted publishes a graded report within about a month of the inspection; a file that gives
# only the publication date is matched to a known inspection that started in the weeks before.
PUBLICATION_LAG_DAYS = 120


def _matching(*, school: School, values: dict) -> Inspection | None:
    """The inspection already held that these values describe, if any."""
    known = Inspection.objects.filter(school=school, inspection_type=values["inspection_type"])
    if values.get("start_date"):
        return known.filter(start_date=values["start_date"]).first()
    published = values["publication_date"]
    return (
        known.filter(publication_date=published).first()
        or known.filter(
            publication_date__isnull=True,
            start_date__range=(
                published - datetime.timedelta(days=PUBLICATION_LAG_DAYS),
                published,
            ),
            overall_effectiveness=values.get("overall_effectiveness"),
        )
        .order_by("-start_date")
        .first()
    )


RecordOutcome = Literal["created", "updated", "unchanged"]


def inspection_record(
    *, school: School, values: dict, source: str = Source.OFFICE
) -> tuple[Inspection, RecordOutcome]:
    """Add an inspection, or fill in what a known one lacks. Values that are None or blank
    never overwrite what is held, so a later, thinner file loses nothing.

    A worrying outcome that is now the school's current one puts the school forward for a
    strategy meeting and tells the directors."""
    given = {name: value for name, value in values.items() if value not in (None, "")}
    outcome: RecordOutcome
    with transaction.atomic():
        inspection = _matching(school=school, values=given)
        if inspection is None:
            inspection = Inspection.objects.create(school=school, source=source, **given)
            outcome = "created"
        else:
            changed = [name for name, value in given.items() if getattr(inspection, name) != value]
            for name in changed:
                setattr(inspection, name, given[name])
            if changed:
                inspection.save(update_fields=changed)
            outcome = "updated" if changed else "unchanged"
        if outcome != "unchanged":
            strategy_meeting_propose(inspection=inspection)
    return inspection, outcome


def strategy_meeting_propose(*, inspection: Inspection) -> StrategyMeeting | None:
    """Put the school forward for a strategy meeting if this inspection's outcome is a worry,
    is recent and is the school's current outcome; the directors' email goes into the outbox
    with the meeting, so they are told once."""
    today = timezone.localdate()
    if (
        inspection.inspection_type not in (InspectionType.GRADED, InspectionType.REPORT_CARD)
        or not inspection.concerns
        or inspection.on < today - datetime.timedelta(days=NEWS_DAYS)
        or current_outcome(school=inspection.school, as_at=today) != inspection
    ):
        return None
    with transaction.atomic():
        meeting, created = StrategyMeeting.objects.get_or_create(
            inspection=inspection,
            defaults={"school": inspection.school, "reasons": "; ".join(inspection.concerns)},
        )
        if created:
            _tell_directors(meeting)
    return meeting


def _tell_directors(meeting: StrategyMeeting) -> None:
    directors = list(
        User.objects.filter(role=Role.DIRECTOR, is_active=True).values_list("email", flat=True)
    )
    if directors:
        mail_queue(
            kind="ofsted.strategy_meeting",
            to=directors,
            subject=f"Strategy meeting proposed: {meeting.school.name}",
            body=render_to_string(
                "ofsted/email/strategy_meeting.txt",
                {"meeting": meeting, "site_url": settings.SITE_URL.rstrip("/")},
            ),
        )


def window_override_set(
    *, school: School, due_by: datetime.date, note: str, by: User
) -> WindowOverride:
    with transaction.atomic():
        override, _ = WindowOverride.objects.update_or_create(
            school=school, defaults={"due_by": due_by, "note": note, "set_by": by}
        )
    return override


def window_override_clear(*, school: School) -> None:
    with transaction.atomic():
        WindowOverride.objects.filter(school=school).delete()
