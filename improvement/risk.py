"""Each school's current risk level, with its reasons: the autumn diagnostic's ratings, the
Ofsted outcome, the budget, a falling roll and a new head. Computed, never typed in, so the
register is never out of date; the reasons say why.

The register shows risk areas and their ratings, never the diagnostic's notes: LA officers see
it, and what an LC wrote is for the school. Of an academy, LA officers see only what comes from
public data (Ofsted, the roll), unless its head has agreed to share the rating (RiskSharing):
the LA's commission covers maintained schools (seed 004), and academies buy in."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, Exists, F, JSONField, OuterRef, QuerySet, Value, When
from django.http import Http404

from improvement.access import sees_risk
from improvement.models import (
    AREA_ORDER,
    Rating,
    RiskArea,
    RiskLevel,
    RiskRating,
    RiskSharing,
    RiskStanding,
)
from improvement.selectors import is_new_head
from membership.models import PupilCount, School, SchoolType
from membership.selectors import schools_for
from ofsted.outcomes import current_outcomes
from thep import years
from thep.models import User

HIGH, MEDIUM, LOW = RiskLevel.HIGH.value, RiskLevel.MEDIUM.value, RiskLevel.LOW.value
LEVEL_LABELS = dict(RiskLevel.choices)
# The level shown to the LA for an academy whose head has not agreed to share its rating.
NOT_SHARED = ""
NOT_SHARED_LABEL = "Not shared by the academy"
# A roll that falls by this share over two years is a risk to the budget (seed 001).
FALLING_ROLL = 0.10


@dataclass
class SchoolRisk:
    school: School
    level: str = LOW
    reasons: list[str] = field(default_factory=list)
    # The reasons from public data (Ofsted, the roll), which the LA sees of every school.
    public_reasons: list[str] = field(default_factory=list)

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS.get(self.level, NOT_SHARED_LABEL)

    def raise_to(self, level: str, reason: str, *, public: bool = False) -> None:
        order = [LOW, MEDIUM, HIGH]
        if order.index(level) > order.index(self.level):
            self.level = level
        self.reasons.append(reason)
        if public:
            self.public_reasons.append(reason)


def _agreed_to_share(school: str) -> Exists:
    """Whether the school (OuterRef to its id) has a head's current agreement to share."""
    return Exists(RiskSharing.objects.filter(school=OuterRef(school), withdrawn_at__isnull=True))


def risks_for(*, user: User, level: str = "") -> QuerySet:
    """The open schools this person may see, highest risk first, at one level if given: one
    query on the stored risks (improvement.standings), however many schools. Rows are dicts
    of what the register shows (a page has a hundred: models of each cost more to build and
    to look up in the template than the query takes): `risk` (a level, or NOT_SHARED) and
    `why` (the reasons). An LA officer gets an academy's public reasons only, with no level,
    unless its head agreed to share."""
    if not sees_risk(user):
        raise Http404
    rows = RiskStanding.objects.filter(school__in=schools_for(user=user).filter(is_open=True))
    if user.is_la_officer:
        rows = rows.annotate(
            shared=Case(
                When(school__school_type=SchoolType.LA_MAINTAINED, then=Value(True)),
                When(_agreed_to_share("school_id"), then=Value(True)),
                default=Value(False),
            )
        ).annotate(
            risk=Case(When(shared=True, then=F("level")), default=Value(NOT_SHARED)),
            why=Case(
                When(shared=True, then=F("reasons")),
                default=F("public_reasons"),
                output_field=JSONField(),
            ),
        )
    else:
        rows = rows.annotate(risk=F("level"), why=F("reasons"))
    if level:
        rows = rows.filter(risk=level)
    order = Case(When(risk=HIGH, then=0), When(risk=MEDIUM, then=1), When(risk=LOW, then=2),
                 default=3)  # fmt: skip
    return rows.order_by(order, "school__name", "school_id").values(
        "risk", "why", name=F("school__name"), phase=F("school__phase"), urn=F("school__urn")
    )


def as_the_la_sees(risks: list[SchoolRisk]) -> list[SchoolRisk]:
    """The risks as the LA may see them: whole for maintained schools and for academies whose
    head agreed to share; otherwise no level and only the reasons from public data."""
    agreed = set(
        RiskSharing.objects.filter(
            school__in=[risk.school.pk for risk in risks], withdrawn_at__isnull=True
        ).values_list("school_id", flat=True)
    )
    return [
        risk
        if risk.school.school_type == SchoolType.LA_MAINTAINED or risk.school.pk in agreed
        else SchoolRisk(
            risk.school, NOT_SHARED, list(risk.public_reasons), list(risk.public_reasons)
        )
        for risk in risks
    ]


def school_risks_for(
    *, user: User, schools: QuerySet[School], today: datetime.date
) -> list[SchoolRisk]:
    """`school_risks`, as this person may see them (`as_the_la_sees` for LA officers)."""
    if not sees_risk(user):
        raise Http404
    risks = school_risks(schools=schools, today=today)
    return as_the_la_sees(risks) if user.is_la_officer else risks


def school_risks(*, schools: QuerySet[School], today: datetime.date) -> list[SchoolRisk]:
    listed = list(schools)  # read once, used by each query below
    year = years.year_of(today)
    # Plain tuples, and only the ratings that raise a risk: a borough has thousands of greens.
    ratings: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for school_id, area, rating in RiskRating.objects.filter(
        review__school__in=listed,
        review__year=year,
        review__is_draft=False,
        rating__in=(Rating.RED, Rating.AMBER),
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
            risk.raise_to(HIGH, f"Ofsted: {'; '.join(outcome.concerns)}", public=True)
        before, now = rolls[school.pk].get(year - 2), rolls[school.pk].get(year)
        if before and now is not None and (before - now) / before >= FALLING_ROLL:
            risk.raise_to(
                MEDIUM, f"Falling roll: {before} pupils two years ago, {now} now", public=True
            )
        if is_new_head(school=school, year=year):
            risk.raise_to(MEDIUM, "Headteacher in the first two years of headship")
        found.append(risk)
    order = {HIGH: 0, MEDIUM: 1, LOW: 2}
    found.sort(key=lambda risk: order[risk.level])
    return found
