"""A school's outcome as at a day: its latest graded inspection or report card, or, when it has
none of its own yet, its predecessor's (as Ofsted counts a converter academy)."""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q

from membership.models import School
from ofsted.models import OUTCOME_TYPES, Inspection


def histories(*, schools: Iterable[School], as_at: datetime.date | None = None) -> dict:
    """Inspections of these schools and their predecessors (up to `as_at`), newest first,
    keyed by school id. Two queries, however many schools."""
    schools = list(schools)
    ids = {school.pk for school in schools} | {
        school.predecessor_id for school in schools if school.predecessor_id
    }
    found = Inspection.objects.filter(school_id__in=ids)
    if as_at is not None:
        found = found.filter(
            Q(start_date__lte=as_at) | Q(start_date__isnull=True, publication_date__lte=as_at)
        )
    by_school: dict[int, list[Inspection]] = defaultdict(list)
    for inspection in found:
        by_school[inspection.school_id].append(inspection)
    for inspections in by_school.values():
        inspections.sort(key=lambda inspection: inspection.on, reverse=True)
    return by_school


def _latest(inspections: list[Inspection]) -> Inspection | None:
    return next((inspection for inspection in inspections if inspection.sets_outcome), None)


def outcome_from(school: School, by_school: dict) -> Inspection | None:
    own = _latest(by_school.get(school.pk, []))
    if own is None and school.predecessor_id:
        return _latest(by_school.get(school.predecessor_id, []))
    return own


def current_outcomes(
    *, schools: Iterable[School], as_at: datetime.date
) -> dict[int, Inspection | None]:
    schools = list(schools)
    by_school = histories(schools=schools, as_at=as_at)
    return {school.pk: outcome_from(school, by_school) for school in schools}


def current_outcome(*, school: School, as_at: datetime.date) -> Inspection | None:
    """The inspection that gives the school's outcome on that day, or None if it has none."""
    found = Inspection.objects.filter(
        Q(start_date__lte=as_at) | Q(start_date__isnull=True, publication_date__lte=as_at),
        inspection_type__in=OUTCOME_TYPES,
    )
    for candidate in (school.pk, school.predecessor_id):
        if candidate is None:
            continue
        inspections = sorted(
            found.filter(school_id=candidate), key=lambda inspection: inspection.on
        )
        if inspections:
            return inspections[-1]
    return None
