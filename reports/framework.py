"""The outcomes framework: each outcome's value, year by year, worked out from the data the
portal holds, against the baseline and target set with members (reports.models.Outcome).

One function per kind of measure, each taking the years and answering {year: value}; a value is
None when the year's data is missing (never 0). Figures compare the median of the borough's full
members' published figures (outcomes.selectors) with England's row in the DfE's files."""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Min
from django.http import Http404

from learning.selectors import schools_with_places
from membership.models import Membership, ProductKind, Purchase, School
from membership.selectors import members_by_phase
from ofsted.figures import outcomes_by_phase
from ofsted.outcomes import histories
from outcomes.models import Area, Figure, Group
from outcomes.models import Measure as DfE
from outcomes.selectors import members_medians
from reports.access import sees_kpis
from reports.models import Outcome, OutcomeMeasure
from surveys.selectors import satisfaction_by_year
from thep import years as membership_years
from thep.models import User

Values = dict[int, Decimal | None]

# How many years the dashboard's trends go back.
TREND_YEARS = 10


def _tenth(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _percent(part: int, whole: int) -> Decimal | None:
    return _tenth(Decimal(100 * part) / whole) if whole else None


def _difference(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return None if a is None or b is None else _tenth(a - b)


class _Data:
    """What the measures read, loaded once for all the years asked about."""

    def __init__(self, user: User, years: list[int], members: dict[int, list[School]]) -> None:
        from reports.kpis import member_schools  # the KPIs show the outcomes: import late

        self.user, self.years = user, years
        self.members = {
            year: members[year] if year in members else list(member_schools(year=year))
            for year in years
        }
        self.medians = members_medians(user=user, years=years)
        self.england = {
            (figure.year, figure.measure): figure.value
            for figure in Figure.objects.filter(area=Area.ENGLAND, group=Group.ALL, year__in=years)
        }

    def median(self, year: int, measure: str, group: str = Group.ALL) -> Decimal | None:
        return self.medians.get(year, {}).get((measure, group))

    def against_england(self, measure: str) -> Values:
        return {
            year: _difference(self.median(year, measure), self.england.get((year, measure)))
            for year in self.years
        }


def good_or_better(data: _Data) -> Values:
    """Member schools whose latest graded outcome at the year's end is good or outstanding, as
    a share of those with a grade (report cards and ungraded schools are left out)."""
    everyone = {school.pk: school for year in data.years for school in data.members[year]}
    by_school = histories(
        schools=everyone.values(), as_at=membership_years.last_day(max(data.years))
    )
    found: Values = {}
    for year in data.years:
        rows = outcomes_by_phase(
            schools=data.members[year], as_at=membership_years.last_day(year), by_school=by_school
        )
        found[year] = _percent(
            sum(row.good_or_better for row in rows), sum(row.graded for row in rows)
        )
    return found


def ks2_vs_england(data: _Data) -> Values:
    return data.against_england(DfE.KS2_RWM_EXPECTED)


def ks4_vs_england(data: _Data) -> Values:
    return data.against_england(DfE.KS4_ATTAINMENT8)


def absence_vs_england(data: _Data) -> Values:
    return data.against_england(DfE.ABSENCE_OVERALL)


def suspensions_vs_england(data: _Data) -> Values:
    return data.against_england(DfE.SUSPENSION_RATE)


def disadvantaged_gap(data: _Data) -> Values:
    """Members' median KS2 RWM expected for all pupils minus that for disadvantaged pupils."""
    return {
        year: _difference(
            data.median(year, DfE.KS2_RWM_EXPECTED),
            data.median(year, DfE.KS2_RWM_EXPECTED, Group.DISADVANTAGED),
        )
        for year in data.years
    }


def membership(data: _Data) -> Values:
    """Full members in the borough as a share of the LA's open schools that year."""
    found: Values = {}
    for year in data.years:
        rows = members_by_phase(user=data.user, year=year)
        found[year] = _percent(sum(row.members for row in rows), sum(row.schools for row in rows))
    return found


def participation(data: _Data) -> Values:
    """Member schools that bought an additional service or had a confirmed place on a course or
    event that year, as a share of the member schools; no data in a year with no members."""
    served: dict[int, set[int]] = {year: set() for year in data.years}
    bought = Purchase.objects.live().filter(year__in=data.years, kind=ProductKind.SERVICE)
    for year, school_id in bought.order_by().values_list("year", "school_id").distinct():
        served[year].add(school_id)
    booked = schools_with_places(user=data.user, span=data.years)
    found: Values = {}
    for year in data.years:
        members = {school.pk for school in data.members[year]}
        found[year] = _percent(len(members & (served[year] | booked[year])), len(members))
    return found


def satisfaction(data: _Data) -> Values:
    """Ratings of 4 or 5 as a share of all ratings given on the satisfaction questions of the
    year's surveys; no data in a year with no rating."""
    found = satisfaction_by_year(years=data.years)
    return {year: _percent(*found.get(year, (0, 0))) for year in data.years}


MEASURES: dict[str, Callable[[_Data], Values]] = {
    OutcomeMeasure.GOOD_OR_BETTER: good_or_better,
    OutcomeMeasure.KS2_VS_ENGLAND: ks2_vs_england,
    OutcomeMeasure.KS4_VS_ENGLAND: ks4_vs_england,
    OutcomeMeasure.DISADVANTAGED_GAP: disadvantaged_gap,
    OutcomeMeasure.ABSENCE_VS_ENGLAND: absence_vs_england,
    OutcomeMeasure.SUSPENSIONS_VS_ENGLAND: suspensions_vs_england,
    OutcomeMeasure.MEMBERSHIP: membership,
    OutcomeMeasure.PARTICIPATION: participation,
    OutcomeMeasure.SATISFACTION: satisfaction,
}


@dataclass(frozen=True)
class OutcomeRow:
    outcome: Outcome
    year: int
    values: Values  # every year asked about, oldest first

    @property
    def value(self) -> Decimal | None:
        return self.values.get(self.year)

    @property
    def on_track(self) -> bool | None:
        return self.outcome.on_track(year=self.year, value=self.value)

    @property
    def trend(self) -> list[tuple[str, Decimal | None]]:
        return [(membership_years.label(year), value) for year, value in self.values.items()]


def outcome_rows(
    *,
    user: User,
    year: int,
    trend_years: int = 1,
    members: dict[int, list[School]] | None = None,
) -> list[OutcomeRow]:
    """Every outcome with its values for `year` and the years before it held (memberships
    recorded), `trend_years` at most; a 404 to whoever may not see the KPIs. `members` are the
    full member schools of years the caller has already looked up (reports.kpis). Outcomes
    measured outside the portal have no values."""
    if not sees_kpis(user):
        raise Http404
    span = [year]
    if trend_years > 1:
        first = Membership.objects.aggregate(first=Min("year"))["first"] or year
        span = list(range(min(max(year - trend_years + 1, first), year), year + 1))
    outcomes = list(Outcome.objects.all())
    data = _Data(user, span, members or {})
    worked_out = {
        measure: MEASURES[measure](data)
        for measure in {outcome.measure for outcome in outcomes}
        if measure in MEASURES
    }
    return [
        OutcomeRow(outcome=outcome, year=year, values=worked_out.get(outcome.measure, {}))
        for outcome in outcomes
    ]
