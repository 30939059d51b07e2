import datetime
from collections import defaultdict
from collections.abc import Sequence
from typing import Literal

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from membership import standings
from membership.models import School
from ofsted.models import Inspection, InspectionType, Source, StrategyMeeting, WindowOverride
from ofsted.outcomes import current_outcome, current_outcomes
from thep.mail import mail_queue
from thep.models import Role, User

# An inspection recorded long after it happened (a first import of old files) is history, not
# news: directors are only told of outcomes from the last year.
NEWS_DAYS = 365
# Ofsted publishes a graded report within about a month of the inspection; a file that gives
# only the publication date is matched to a known inspection that started in the weeks before.
PUBLICATION_LAG_DAYS = 120


def _matching(known: list[Inspection], values: dict) -> Inspection | None:
    """The inspection among `known` (one school's) that these values describe, if any."""
    same_type = [i for i in known if i.inspection_type == values["inspection_type"]]
    if values.get("start_date"):
        return next((i for i in same_type if i.start_date == values["start_date"]), None)
    published = values["publication_date"]
    by_publication = next((i for i in same_type if i.publication_date == published), None)
    if by_publication is not None:
        return by_publication
    earliest = published - datetime.timedelta(days=PUBLICATION_LAG_DAYS)
    candidates = [
        i
        for i in same_type
        if i.publication_date is None
        and i.start_date is not None
        and earliest <= i.start_date <= published
        and i.overall_effectiveness == values.get("overall_effectiveness")
    ]
    return max(candidates, key=lambda i: i.on, default=None)


RecordOutcome = Literal["created", "updated", "unchanged"]


def _given(values: dict) -> dict:
    return {name: value for name, value in values.items() if value not in (None, "", {})}


def _fill(inspection: Inspection, given: dict) -> list[str]:
    """Set on `inspection` what `given` adds or changes; returns the fields changed."""
    changed = []
    for name, value in given.items():
        if name == "grade_dates":
            value = {**inspection.grade_dates, **value}
        if getattr(inspection, name) != value:
            setattr(inspection, name, value)
            changed.append(name)
    return changed


def inspection_record(
    *, school: School, values: dict, source: str = Source.OFFICE
) -> tuple[Inspection, RecordOutcome]:
    """Add an inspection, or fill in what a known one lacks. Values that are None or blank
    never overwrite what is held, so a later, thinner file loses nothing.

    A worrying outcome that is now the school's current one puts the school forward for a
    strategy meeting and tells the directors."""
    given = _given(values)
    outcome: RecordOutcome
    with transaction.atomic():
        inspection = _matching(list(Inspection.objects.filter(school=school)), given)
        if inspection is None:
            inspection = Inspection.objects.create(school=school, source=source, **given)
            outcome = "created"
        else:
            changed = _fill(inspection, given)
            if changed:
                inspection.save(update_fields=changed)
            outcome = "updated" if changed else "unchanged"
        if outcome != "unchanged":
            strategy_meeting_propose(inspection=inspection)
    return inspection, outcome


def inspections_record(
    *, found: Sequence[tuple[School, dict]], source: str = Source.IMPORT
) -> dict[RecordOutcome, int]:
    """`inspection_record` for many inspections at once, as an import gives them: a query for
    what the schools hold, then rows created and updated in batches, and the standings of the
    schools refreshed together. Returns how many were created, updated and unchanged."""
    counts: dict[RecordOutcome, int] = {"created": 0, "updated": 0, "unchanged": 0}
    known: dict[int, list[Inspection]] = defaultdict(list)
    schools = {school.pk: school for school, _ in found}
    for held in Inspection.objects.filter(school_id__in=schools):
        held.school = schools[held.school_id]
        known[held.school_id].append(held)
    new: list[Inspection] = []
    dirty: dict[int, Inspection] = {}
    fields: set[str] = set()
    for school, values in found:
        given = _given(values)
        inspection = _matching(known[school.pk], given)
        if inspection is None:
            added = Inspection(school=school, source=source, **given)
            known[school.pk].append(added)
            new.append(added)
            counts["created"] += 1
            continue
        changed = _fill(inspection, given)
        if inspection.pk is None:
            continue  # created by this file, and counted so
        if not changed:
            counts["unchanged"] += 1
            continue
        dirty[inspection.pk] = inspection
        fields.update(changed)
        counts["updated"] += 1
    with transaction.atomic(), standings.batched():
        Inspection.objects.bulk_create(new, batch_size=1000)
        if dirty:
            Inspection.objects.bulk_update(list(dirty.values()), sorted(fields), batch_size=500)
        # Bulk writes send no model signals: the standings are told here.
        standings.changed(school_ids={written.school_id for written in [*new, *dirty.values()]})
        _strategy_meetings_propose(inspections=[*new, *dirty.values()])
    return counts


def _strategy_meetings_propose(*, inspections: list[Inspection]) -> None:
    """`strategy_meeting_propose` for the inspections an import wrote, in a few queries."""
    today = timezone.localdate()
    recent = today - datetime.timedelta(days=NEWS_DAYS)
    worrying = [i for i in inspections if i.sets_outcome and i.on >= recent and i.concerns]
    if not worrying:
        return
    outcomes = current_outcomes(schools=[i.school for i in worrying], as_at=today)
    current = [i for i in worrying if outcomes[i.school_id] == i]
    held = set(
        StrategyMeeting.objects.filter(inspection__in=current).values_list(
            "inspection_id", flat=True
        )
    )
    meetings = StrategyMeeting.objects.bulk_create(
        StrategyMeeting(school=i.school, inspection=i, reasons="; ".join(i.concerns))
        for i in current
        if i.pk not in held
    )
    directors = _directors()
    for meeting in meetings:
        _tell_directors(meeting, directors)


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
            _tell_directors(meeting, _directors())
    return meeting


def _directors() -> list[str]:
    return list(
        User.objects.filter(role=Role.DIRECTOR, is_active=True).values_list("email", flat=True)
    )


def _tell_directors(meeting: StrategyMeeting, directors: list[str]) -> None:
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
