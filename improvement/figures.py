"""The school's published figures beside the diagnostic review's risk areas: attendance beside
Attendance, suspensions and exclusions beside Behaviour and exclusions, and results from the
latest national assessments (seed 003: the review starts from them) above the areas."""

from dataclasses import dataclass, field

from improvement.models import RiskArea
from membership.models import School
from outcomes.models import Measure
from outcomes.selectors import Trend, recent_benchmarks_for, trends
from thep import years
from thep.models import User

AREA_MEASURES = {
    RiskArea.ATTENDANCE: {Measure.ABSENCE_OVERALL, Measure.ABSENCE_PERSISTENT},
    RiskArea.BEHAVIOUR: {Measure.SUSPENSION_RATE, Measure.EXCLUSION_RATE},
}


@dataclass
class DiagnosticFigures:
    year_labels: list[str] = field(default_factory=list)  # oldest first
    results: list[Trend] = field(default_factory=list)  # attainment and progress
    by_area: dict[str, list[Trend]] = field(default_factory=dict)


def diagnostic_figures(*, user: User, school: School) -> DiagnosticFigures:
    """The school's last three years held, read-only, for the review of a school the person
    may open; empty while none are held."""
    held = dict(recent_benchmarks_for(user=user, school=school))
    span = sorted(held)
    found = DiagnosticFigures(year_labels=[years.label(year) for year in span])
    for trend in trends(held, span):
        area = next((area for area, ms in AREA_MEASURES.items() if trend.measure in ms), None)
        if area is None:
            found.results.append(trend)
        else:
            found.by_area.setdefault(area, []).append(trend)
    return found
