"""Each school's stored Ofsted standing (membership.standings says when): `ofsted_for`'s
outcome and window, kept for the borough table."""

from collections.abc import Iterable

from django.utils import timezone

from membership import standings
from membership.models import School
from ofsted.models import Inspection, OfstedStanding, WindowOverride
from ofsted.selectors import ofsted_for

FIELDS = [
    "outcome",
    "outcome_on",
    "outcome_summary",
    "uses_predecessor",
    "due_by",
    "window_kind",
    "window_reasons",
    "computed_on",
]


def ofsted_standings_refresh(*, school_ids: Iterable[int]) -> None:
    today = timezone.localdate()
    schools = School.objects.filter(pk__in=list(school_ids))
    rows = [
        OfstedStanding(
            school=row.school,
            outcome=row.outcome,
            outcome_on=row.outcome.on if row.outcome else None,
            outcome_summary=row.outcome.summary if row.outcome else "",
            uses_predecessor=row.uses_predecessor,
            due_by=row.window.due_by,
            window_kind=row.window.kind,
            window_reasons=row.window.reasons,
            computed_on=today,
        )
        for row in ofsted_for(schools=schools, today=today)
    ]
    standings.store(OfstedStanding, rows, fields=FIELDS)


def _refresh(sender, school_ids: set[int], **kwargs) -> None:
    ofsted_standings_refresh(school_ids=school_ids)


def connect() -> None:
    """Called once, when the app is ready."""
    standings.schools_changed.connect(_refresh, dispatch_uid="ofsted-standings")
    standings.follow(Inspection, school_id=lambda row: row.school_id, name=Inspection._meta.label)
    standings.follow(
        WindowOverride, school_id=lambda row: row.school_id, name=WindowOverride._meta.label
    )
