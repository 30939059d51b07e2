"""The annual report to the Council on the quality of education (seed 002's outcomes): Ofsted
outcomes of every open school in the borough, the risk register's summary, what the LA
commission delivered, and the members' attainment, attendance and exclusions against the LA,
London and England. Nothing in it comes from an LC report, so LA officers may read it."""

import datetime
from collections import Counter

from django.http import Http404

from improvement.models import ReviewMeeting
from improvement.risk import (
    HIGH,
    LEVEL_LABELS,
    NOT_SHARED,
    NOT_SHARED_LABEL,
    as_the_la_sees,
    school_risks,
)
from membership.models import TOWER_HAMLETS, School
from ofsted.figures import outcomes_by_phase
from reports.access import sees_council_report
from reports.performance import performance_figures
from thep import years
from thep.hooks import collect
from thep.models import User


def council_figures(*, user: User, year: int, today: datetime.date) -> dict:
    if not sees_council_report(user):
        raise Http404
    as_at = min(today, years.last_day(year))
    schools = School.objects.open_during(year).filter(la_code=TOWER_HAMLETS).order_by("name")
    # A report to the Council: academies' ratings only where their heads agreed to share.
    risks = as_the_la_sees(school_risks(schools=schools, today=as_at))
    levels = Counter(risk.level for risk in risks)
    meetings = ReviewMeeting.objects.filter(
        held_on__range=(years.first_day(year), years.last_day(year))
    ).prefetch_related("items")
    return {
        "year": years.label(year),
        "as_at": as_at.isoformat(),
        "ofsted": [
            {
                "phase": row.label,
                "schools": row.schools,
                "outstanding": row.outstanding,
                "good": row.good,
                "requires_improvement": row.requires_improvement,
                "inadequate": row.inadequate,
                "not_graded": row.not_graded,
                "report_card": row.report_card,
                "good_or_better_pct": row.good_or_better_pct or 0,
            }
            for row in outcomes_by_phase(schools=schools, as_at=as_at)
        ],
        "risk_levels": {
            **{LEVEL_LABELS[level]: levels[level] for level in LEVEL_LABELS},
            NOT_SHARED_LABEL: levels[NOT_SHARED],
        },
        "high_risk": [
            {"school": risk.school.name, "reasons": risk.reasons}
            for risk in risks
            if risk.level == HIGH
        ],
        "review_meetings": [
            {"held_on": meeting.held_on.isoformat(), "schools": len(meeting.items.all())}
            for meeting in meetings
        ],
        "commission": [
            {"what": what, "done": done, "of": of}
            for what, done, of in collect("delivery", "lines", year=year)
        ],
        "performance": performance_figures(year=year),
    }
