"""What the commission delivered in a year, for the LA's page and the Council report
(`thep.hooks.collect("delivery", ...)` gathers every app's): schools covered, risk assessments,
LC visits, headteacher appointments and Ofsted inspection support. Counts only, never what a
report or a note says."""

from django.db.models import Count
from django.utils import timezone

from commission.inspection_support import inspection_support_lines
from commission.models import Decision, HeadAppointment
from improvement.models import DiagnosticReview, Visit
from improvement.selectors import core_visits_due
from membership.selectors import commission_schools
from thep import years


def _visits_made(year: int) -> dict[int, int]:
    on = min(timezone.localdate(), years.last_day(year))
    made = (
        Visit.objects.filter(year=year, date__lte=on, school__in=commission_schools(year=year))
        .values_list("school_id")
        .annotate(n=Count("pk"))
    )
    return dict(made)


def _assessed(year: int) -> set[int]:
    reviews = DiagnosticReview.objects.filter(
        year=year, is_draft=False, school__in=commission_schools(year=year)
    )
    return set(reviews.values_list("school_id", flat=True))


def _appointments(year: int) -> list[HeadAppointment]:
    first, last = years.first_day(year), years.last_day(year)
    return list(HeadAppointment.objects.filter(interview_on__range=(first, last)))


def lines(*, year: int) -> list[tuple[str, int, int | None]]:
    covered, visits_due = core_visits_due(schools=commission_schools(year=year), year=year)
    appointments = _appointments(year)
    approved = sum(1 for one in appointments if one.decision == Decision.APPROVED)
    return [
        ("Schools covered", covered, None),
        ("Risk assessments done", len(_assessed(year)), covered),
        ("Leadership Consultant visits made", sum(_visits_made(year).values()), visits_due),
        ("Headteacher appointments approved", approved, len(appointments)),
        *inspection_support_lines(year=year),
    ]


def by_school(*, year: int) -> list[tuple[int, str]]:
    """(school id, what was delivered to it) for the school list."""
    delivered = [(school_id, "Risk assessment") for school_id in _assessed(year)]
    delivered += [
        (school_id, f"{n} LC visit{'s' if n != 1 else ''}")
        for school_id, n in _visits_made(year).items()
    ]
    delivered += [
        (one.school_id, f"Headteacher appointment {one.get_decision_display().lower()}")
        for one in _appointments(year)
    ]
    return delivered
