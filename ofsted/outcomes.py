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


def _latest(inspections: list[Inspection], as_at: datetime.date | None) -> Inspection | None:
    return next(
        (
            inspection
            for inspection in inspections
            if inspection.sets_outcome and (as_at is None or inspection.on <= as_at)
        ),
        None,
    )


def outcome_from(
    school: School, by_school: dict, as_at: datetime.date | None = None
) -> Inspection | None:
    """The school's outcome from its `histories`, as at a day if they run later than it."""
    own = _latest(by_school.get(school.pk, []), as_at)
    if own is None and school.predecessor_id:
        return _latest(by_school.get(school.predecessor_id, []), as_at)
    return own


def current_outcomes(
    *, schools: Iterable[School], as_at: datetime.date, by_school: dict | None = None
) -> dict[int, Inspection | None]:
    """Each school's outcome as at a day; `by_school` are `histories` already loaded that
    include these schools (for several days, one load)."""
    schools = list(schools)
    if by_school is None:
        by_school = histories(schools=schools, as_at=as_at)
    return {school.pk: outcome_from(school, by_school, as_at) for school in schools}


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
