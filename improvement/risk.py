"""Each school's current risk level, with its reasons: the autumn diagnostic's ratings, the
Ofsted outcome, the budget, a falling roll and a new head. Computed, never typed in, so the
register is never out of date; the reasons say why.

The register shows risk areas and their ratings, never the diagnostic's notes: LA officers see
it, and what an LC wrote is for the school."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, F, QuerySet, When
from django.http import Http404

from improvement.access import sees_risk
from improvement.models import AREA_ORDER, Rating, RiskArea, RiskLevel, RiskRating, RiskStanding
from improvement.selectors import is_new_head
from membership.models import PupilCount, School
from membership.selectors import schools_for
from ofsted.outcomes import current_outcomes
from thep import years
from thep.models import User

HIGH, MEDIUM, LOW = RiskLevel.HIGH.value, RiskLevel.MEDIUM.value, RiskLevel.LOW.value
LEVEL_LABELS = dict(RiskLevel.choices)
# A roll that falls by this share over two years is a risk to the budget (seed 001).
FALLING_ROLL = 0.10


@dataclass
class SchoolRisk:
    school: School
    level: str = LOW
    reasons: list[str] = field(default_factory=list)

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS[self.level]

    def raise_to(self, level: str, reason: str) -> None:
        order = [LOW, MEDIUM, HIGH]
        if order.index(level) > order.index(self.level):
            self.level = level
        self.reasons.append(reason)


def risks_for(*, user: User, level: str = "") -> QuerySet:
    """The open schools this person may see, highest risk first, at one level if given: one
    query on the stored risks (improvement.standings), however many schools. Rows are dicts
    of what the register shows (a page has a hundred: models of each cost more to build and
    to look up in the template than the query takes)."""
    if not sees_risk(user):
        raise Http404
    rows = RiskStanding.objects.filter(school__in=schools_for(user=user).filter(is_open=True))
    if level:
        rows = rows.filter(level=level)
    order = Case(When(level=HIGH, then=0), When(level=MEDIUM, then=1), default=2)
    return rows.order_by(order, "school__name", "school_id").values(
        "level",
        "reasons",
        name=F("school__name"),
        phase=F("school__phase"),
        urn=F("school__urn"),
    )


def school_risks(*, schools: QuerySet[School], today: datetime.date) -> list[SchoolRisk]:
    listed = list(schools)  # read once, used by each query below
    year = years.year_of(today)
    # Plain tuples, and only the ratings that raise a risk: a borough has thousands of greens.
    ratings: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for school_id, area, rating in RiskRating.objects.filter(
        review__school__in=listed, review__year=year, rating__in=(Rating.RED, Rating.AMBER)
    ).values_list("review__school_id", "area", "rating"):
        ratings[school_id].append((area, rating))
    outcomes = current_outcomes(schools=listed, as_at=today)
    rolls: dict[int, dict[int, int]] = defaultdict(dict)
    for school_id, count_year, pupils in PupilCount.objects.filter(
        school__in=listed, year__in=(year - 2, year)
    ).values_list("school_id", "year", "pupils"):
        rolls[school_id][count_year] = pupils
    found = []
    for school in listed:
        risk = SchoolRisk(school)
        for area, rating in sorted(ratings[school.pk], key=lambda pair: AREA_ORDER[pair[0]]):
            label = RiskArea(area).label
            if rating == Rating.RED:
                risk.raise_to(HIGH, f"{label} rated red at the diagnostic review")
            else:
                risk.raise_to(MEDIUM, f"{label} rated amber at the diagnostic review")
        outcome = outcomes[school.pk]
        if outcome is not None and outcome.concerns:
            risk.raise_to(HIGH, f"Ofsted: {'; '.join(outcome.concerns)}")
        before, now = rolls[school.pk].get(year - 2), rolls[school.pk].get(year)
        if before and now is not None and (before - now) / before >= FALLING_ROLL:
            risk.raise_to(MEDIUM, f"Falling roll: {before} pupils two years ago, {now} now")
        if is_new_head(school=school, year=year):
            risk.raise_to(MEDIUM, "Headteacher in the first two years of headship")
        found.append(risk)
    order = {HIGH: 0, MEDIUM: 1, LOW: 2}
    found.sort(key=lambda risk: order[risk.level])
    return found
