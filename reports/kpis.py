"""The KPI figures for a membership year, against the year before, in the shape of the KPI
tables in seed 000. One function gathers them from each app's selectors; the dashboard, the
JSON, the CSV and the PDFs all show what it returns."""

import datetime
from decimal import Decimal

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from commission.inspection_support import inspections_supported
from improvement.models import Report, Visit
from improvement.selectors import core_visits, served_annotation
from learning.selectors import income as learning_income
from learning.selectors import participation_by_kind
from membership.models import (
    Category,
    FeeRate,
    Membership,
    Phase,
    ProductKind,
    PupilCount,
    Purchase,
    School,
)
from membership.selectors import (
    associate_members,
    joiners_and_leavers,
    members_by_phase,
    package_figures,
)
from membership.services import membership_fee
from ofsted.figures import inspections_in_year, outcome_changes, outcomes_by_phase
from ofsted.outcomes import histories
from reports.access import sees_kpis
from reports.framework import outcome_rows
from reports.performance import performance_figures
from thep import years
from thep.models import User


def member_schools(*, year: int) -> QuerySet[School]:
    """Full member schools on the last day of the year (those who left during it are gone)."""
    last_day = years.last_day(year)
    return School.objects.filter(
        member__memberships__year=year,
        member__memberships__category=Category.FULL,
        member__memberships__ends_on__gte=last_day,
    ).distinct()


def _money(amount: Decimal) -> str:
    return f"{amount:.2f}"


def associates_to_renew(*, year: int) -> list[str]:
    """Last year's associates not yet renewed into `year` and not leaving before it begins:
    seed 000's "21 (6 still to renew)"."""
    renewed = Membership.objects.filter(year=year).values("member_id")
    due = (
        Membership.objects.filter(year=year - 1, category=Category.ASSOCIATE)
        .exclude(member_id__in=renewed)
        .exclude(member__leaves_on__lt=years.first_day(year))
        .select_related("member__school")
    )
    return sorted(str(membership.member) for membership in due)


def schools_without_sla(*, year: int) -> list[str]:
    """Full member schools that bought no package (SLA) for the year: seed 000's "NON-SLA"."""
    with_package = Purchase.objects.filter(year=year, kind=ProductKind.PACKAGE).values("school_id")
    schools = School.objects.filter(
        member__memberships__year=year, member__memberships__category=Category.FULL
    ).exclude(pk__in=with_package)
    return sorted(schools.distinct().values_list("name", flat=True))


def _membership(user: User, year: int) -> dict:
    this_year = members_by_phase(user=user, year=year)
    last_year = {row.group: row for row in members_by_phase(user=user, year=year - 1)}
    changes = joiners_and_leavers(user=user, year=year)
    associates = associate_members(user=user, year=year).count()
    to_renew = associates_to_renew(year=year)
    return {
        "by_phase": [
            {
                "phase": row.group,
                "members": row.members,
                "schools": row.schools,
                "out_of_borough_members": row.out_of_borough_members,
                "members_previous_year": last_year[row.group].members,
            }
            for row in this_year
        ],
        "associate_members": associates,
        "associate_members_previous_year": associate_members(user=user, year=year - 1).count(),
        "associates_to_renew": to_renew,
        "associates_with_renewals_due": associates + len(to_renew),
        "schools_without_sla": schools_without_sla(year=year),
        "schools_without_sla_previous_year": len(schools_without_sla(year=year - 1)),
        "joiners": [str(member) for member in changes.joiners],
        "leavers": [str(member) for member in changes.leavers],
    }


def _packages(user: User, year: int) -> dict:
    def one(figures) -> dict:
        return {
            "counts": figures.counts,
            "schools": figures.schools,
            "package_income": _money(figures.package_income),
            "extra_income": _money(figures.service_income),
            "total_income": _money(figures.income),
        }

    return {
        **one(package_figures(user=user, year=year)),
        "previous_year": one(package_figures(user=user, year=year - 1)),
    }


def subscriptions(*, year: int) -> dict[int, tuple[Decimal, int]]:
    """For `year` and the year before: the membership fees of the year's memberships, at the
    year's rate on the pupils recorded (what their fee invoices charge), and how many
    memberships have no pupils recorded yet and so are not in the sum. Three queries."""
    both = (year - 1, year)
    rates = FeeRate.objects.in_bulk([*both], field_name="year")
    pupils: dict[tuple[int, int | None], int] = {
        (start, school): count
        for start, school, count in PupilCount.objects.filter(year__in=both).values_list(
            "year", "school_id", "pupils"
        )
    }
    found = dict.fromkeys(both, (Decimal("0"), 0))
    for membership in Membership.objects.filter(year__in=both).select_related("member"):
        total, unpriced = found[membership.year]
        rate = rates.get(membership.year)
        school = membership.member.school_id
        if rate is None or (school is not None and (membership.year, school) not in pupils):
            found[membership.year] = (total, unpriced + 1)
            continue
        fee = membership_fee(
            membership=membership, rate=rate, pupils=pupils.get((membership.year, school))
        )
        found[membership.year] = (total + fee.amount, unpriced)
    return found


def _income(year: int, packages: dict, learning: dict) -> dict:
    """Every kind of income side by side, this year and last: subscriptions (membership fees),
    packages, extras (additional services) and places on courses and events."""
    fees = subscriptions(year=year)

    def one(start: int, packages: dict, learning: dict) -> dict:
        amount, unpriced = fees[start]
        parts = [packages["package_income"], packages["extra_income"], learning["income"]]
        return {
            "subscriptions": _money(amount),
            "memberships_without_pupils": unpriced,
            "packages": packages["package_income"],
            "extras": packages["extra_income"],
            "places": learning["income"],
            "total_income": _money(amount + sum(map(Decimal, parts))),
        }

    return {
        **one(year, packages, learning),
        "previous_year": one(year - 1, packages["previous_year"], learning["previous_year"]),
    }


def _ofsted(year: int, schools: list[School]) -> dict:
    as_at = years.last_day(year)
    by_school = histories(schools=schools, as_at=as_at)
    rows = outcomes_by_phase(schools=schools, as_at=as_at, national_year=year, by_school=by_school)
    changes = outcome_changes(
        schools=schools, start=years.first_day(year), end=as_at, by_school=by_school
    )
    return {
        "as_at": as_at.isoformat(),
        "by_phase": [
            {
                "phase": row.label,
                "members": row.schools,
                "outstanding": row.outstanding,
                "good": row.good,
                "requires_improvement": row.requires_improvement,
                "inadequate": row.inadequate,
                "not_graded": row.not_graded,
                "report_card": row.report_card,
                "outstanding_pct": row.outstanding_pct or 0,
                "good_pct": row.good_pct or 0,
                "requires_improvement_pct": row.requires_improvement_pct or 0,
                "inadequate_pct": row.inadequate_pct or 0,
                "good_or_better_pct": row.good_or_better_pct or 0,
                "national": (
                    {
                        "outstanding_pct": row.national.outstanding,
                        "good_pct": row.national.good,
                        "requires_improvement_pct": row.national.requires_improvement,
                        "good_or_better_pct": row.national.good_or_better,
                    }
                    if row.national
                    else None
                ),
            }
            for row in rows
        ],
        "changes": [
            {
                "school": change.school.name,
                "phase": Phase(change.phase).label,
                "before": change.before.summary,
                "after": change.after.summary,
            }
            for change in changes
        ],
        "inspections_by_phase": {
            row.label: len(row.inspections)
            for row in inspections_in_year(schools=schools, year=year)
        },
    }


def _visits(year: int, today: datetime.date) -> dict:
    """LC visits done against the core entitlement of the schools allocated that year, and the
    reports not agreed two weeks after their visit."""
    allocated = list(
        School.objects.filter(allocations__year=year)
        .distinct()
        .annotate(served=served_annotation(year=year))
    )
    entitled = sum(
        core_visits(school=school, year=year, served=school.served) for school in allocated
    )
    on = min(today, years.last_day(year))
    done = Visit.objects.filter(year=year, date__lte=on).count()
    overdue = Report.objects.filter(Report.overdue_on(on), visit__year=year).count()
    return {
        "schools": len(allocated),
        "entitlement": entitled,
        "done": done,
        "reports_overdue": overdue,
    }


def _learning(user: User, year: int) -> dict:
    """Participation in networks, programmes, conferences and the rest (seed 000), and what
    schools paid for places, this year and last."""

    def one(start: int) -> dict:
        return {
            "by_kind": [
                {"kind": row.label, "events": row.events, "delegates": row.delegates,
                 "schools": row.schools}
                for row in participation_by_kind(user=user, year=start)
            ],
            "income": _money(learning_income(user=user, year=start)),
        }  # fmt: skip

    return {**one(year), "previous_year": one(year - 1)}


def kpi_figures(*, user: User, year: int) -> dict:
    if not sees_kpis(user):
        raise Http404
    schools = list(member_schools(year=year))
    packages, learning = _packages(user, year), _learning(user, year)
    return {
        "year": years.label(year),
        "membership": _membership(user, year),
        "performance": performance_figures(year=year),
        "packages": packages,
        "income": _income(year, packages, learning),
        "ofsted": _ofsted(year, schools),
        "visits": _visits(year, timezone.localdate()),
        "learning": learning,
        "outcomes": _outcomes(user, year, schools),
        "inspections_supported": inspections_supported(year=year),
    }


def _outcomes(user: User, year: int, schools: list[School]) -> list[dict]:
    """The outcomes framework's values for the year, against their baselines and targets."""

    def number(value: Decimal | None) -> str | None:
        return None if value is None else str(value)

    return [
        {
            "outcome": row.outcome.name,
            "measure": row.outcome.get_measure_display(),
            "year": years.label(year),
            "value": number(row.value),
            "baseline": number(row.outcome.baseline),
            "target": number(row.outcome.target),
            "on_track": row.on_track,
        }
        for row in outcome_rows(user=user, year=year, members={year: schools})
    ]
