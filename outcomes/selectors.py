"""A school's figures against the benchmarks, for the people who may see them (outcomes.access).

For each measure and group of a year: the school's figure (a converter academy with none of its
own shows its predecessor's, marked so); the borough's members, as the median of the full
members' published figures (the median, because the files give no cohort for every measure to
weight by, and one small school's result should not move the borough's); all schools in the
school's LA, London and England, as the DfE's own rows give them; and the school's national
percentile and quintile among every school in England with a published figure.

A figure from the DfE's provisional release, or entered by the school, is marked provisional,
and so is a benchmark worked out from any provisional figure."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.db.models import Q, QuerySet
from django.http import Http404

from membership.models import TOWER_HAMLETS, Category, Member, Membership, School
from outcomes.access import outcomes_school_check, role_sees_outcomes
from outcomes.models import Area, Figure, Group, Measure
from thep import shared
from thep.models import User


@dataclass(frozen=True)
class Benchmark:
    measure: str
    group: str
    value: Decimal | None
    not_published: str  # why the school has no value, when the DfE withheld it
    predecessor: School | None  # whose figure the school shows, when not its own
    members: Decimal | None
    members_count: int
    la: Decimal | None
    london: Decimal | None
    england: Decimal | None
    percentile: int | None
    quintile: int | None
    provisional: bool = False  # the school's figure
    grade: str = ""  # the DfE's grade of the school's average point score, where it gives one
    # The benchmarks worked out from provisional figures: "members", "LA", "London", "England".
    provisional_benchmarks: tuple[str, ...] = ()

    @property
    def measure_label(self) -> str:
        return Measure(self.measure).label

    @property
    def group_label(self) -> str:
        return Group(self.group).label


Key = tuple[str, str]
# Figures by year, then school id, then (measure, group).
Held = dict[int, dict[int, dict[Key, Figure]]]


def _figures(school_ids: set[int], years: list[int] | QuerySet) -> Held:
    found: Held = {}
    for figure in Figure.objects.filter(area=Area.SCHOOL, school_id__in=school_ids, year__in=years):
        found.setdefault(figure.year, {}).setdefault(figure.school_id or 0, {})[
            (figure.measure, figure.group)
        ] = figure
    return found


def _lineage(school: School) -> list[School]:
    """The school, its predecessor, theirs, and so on (a converter's figures follow it)."""
    chain = [school]
    while chain[-1].predecessor_id and len(chain) < 10:
        predecessor = School.objects.filter(pk=chain[-1].predecessor_id).first()
        if predecessor is None or predecessor in chain:
            break
        chain.append(predecessor)
    return chain


# Each full member of the borough in a year, with the figures it is counted by: its own, or
# its predecessor's where it has none of its own for that measure and group. The median is
# worked out in the database, as the mean of the two middle values (one, for an odd count),
# each a figure as published: the same as statistics.median of the values.
MEMBERS_MEDIAN_SQL = """
WITH members AS (
    SELECT membership.year, school.id AS school_id, school.predecessor_id
    FROM {membership} membership
    JOIN {member} member ON member.id = membership.member_id
    JOIN {school} school ON school.id = member.school_id
    WHERE membership.year = ANY(%(years)s) AND membership.category = %(full)s
        AND school.la_code = %(la)s
),
counted AS (
    SELECT members.year, own.measure, own."group", own.value, own.provisional
    FROM members JOIN {figure} own ON own.area = %(school)s AND own.year = ANY(%(years)s)
        AND own.school_id = members.school_id AND own.year = members.year
    WHERE %(measures)s::text[] IS NULL OR own.measure = ANY(%(measures)s)
    UNION ALL
    SELECT members.year, earlier.measure, earlier."group", earlier.value, earlier.provisional
    FROM members JOIN {figure} earlier ON earlier.area = %(school)s
        AND earlier.school_id = members.predecessor_id AND earlier.year = members.year
    WHERE (%(measures)s::text[] IS NULL OR earlier.measure = ANY(%(measures)s)) AND NOT EXISTS (
        SELECT 1 FROM {figure} own WHERE own.area = %(school)s
            AND own.school_id = members.school_id AND own.year = members.year
            AND own.measure = earlier.measure AND own."group" = earlier."group"
    )
)
SELECT year, measure, "group",
    percentile_disc(0.5) WITHIN GROUP (ORDER BY value),
    percentile_disc(0.5) WITHIN GROUP (ORDER BY value DESC),
    count(*), bool_or(provisional)
FROM counted WHERE value IS NOT NULL
GROUP BY year, measure, "group"
"""


# The members' median is the borough's, the same whoever asks, and its query takes tens of
# milliseconds at ten times the borough: every school page asks it, so they share one result for
# five minutes, as directors share the KPI dashboard's. An import of figures starts afresh
# (outcomes.imports); a change of membership shows within the five minutes.
MEDIAN_CACHE_SECONDS = 300
MEDIANS = "members-median"


def _members_median(
    years: list[int], measures: set[str] | None = None
) -> dict[int, dict[Key, tuple[Decimal, int, bool]]]:
    """By year, the median of the borough's full members' published figures (how many there
    were, and whether any was provisional), each member counted by its predecessor's figure
    where it has none of its own; of these measures only, or of all. One query, however many
    members and figures, and none while the same medians are shared (thep.shared)."""
    shown = "*" if measures is None else ",".join(sorted(measures))
    return shared.remembered(
        MEDIANS,
        f"{','.join(map(str, sorted(years)))}:{shown}",
        lambda: _members_median_worked_out(years, measures),
        MEDIAN_CACHE_SECONDS,
    )


def _members_median_worked_out(
    years: list[int], measures: set[str] | None
) -> dict[int, dict[Key, tuple[Decimal, int, bool]]]:
    sql = MEMBERS_MEDIAN_SQL.format(
        membership=Membership._meta.db_table,
        member=Member._meta.db_table,
        school=School._meta.db_table,
        figure=Figure._meta.db_table,
    )
    found: dict[int, dict[Key, tuple[Decimal, int, bool]]] = {year: {} for year in years}
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            {
                "years": list(years),
                "full": Category.FULL,
                "la": TOWER_HAMLETS,
                "school": Area.SCHOOL,
                "measures": None if measures is None else sorted(measures),
            },
        )
        for year, measure, group, lower, upper, count, provisional in cursor.fetchall():
            found[year][(measure, group)] = ((lower + upper) / 2, count, provisional)
    return found


def benchmarks_for(*, user: User, school: School, year: int) -> list[Benchmark]:
    """The school's figures of the year against the benchmarks, measure by measure; a 404 to
    whoever may not see them."""
    outcomes_school_check(user=user, school=school)
    chain = _lineage(school)
    held = _figures({each.pk for each in chain}, [year])
    return _benchmarks(school, chain, held).get(year, [])


def recent_benchmarks_for(
    *, user: User, school: School, count: int = 3
) -> list[tuple[int, list[Benchmark]]]:
    """(year, benchmarks) of the last `count` years the school (or its predecessor) has
    figures for, newest first, of a school the person may open (`membership.access.school_for`,
    as the school page's panels have it); a 404 if their role does not see its figures."""
    if not role_sees_outcomes(user, school):
        raise Http404
    chain = _lineage(school)
    ids = {each.pk for each in chain}
    latest = (
        Figure.objects.filter(area=Area.SCHOOL, school_id__in=ids)
        .values("year")
        .distinct()
        .order_by("-year")[:count]
    )
    found = _benchmarks(school, chain, _figures(ids, latest))
    return sorted(found.items(), reverse=True)


def _benchmarks(school: School, chain: list[School], held: Held) -> dict[int, list[Benchmark]]:
    """The benchmarks of each year the school's (or its predecessors') figures are held for;
    no query at all when there are none."""
    if not held:
        return {}
    years = list(held)
    near = Q(area__in=[Area.LONDON, Area.ENGLAND]) | Q(area=Area.LA, la_code=school.la_code)
    areas: dict[tuple[int, str, Key], Figure] = {
        (figure.year, figure.area, (figure.measure, figure.group)): figure
        for figure in Figure.objects.filter(near, year__in=years)
    }
    # Only the measures the school has figures for: a primary's page needs no key stage 4.
    shown = {measure for by_school in held.values() for found in by_school.values()
             for measure, _ in found}  # fmt: skip
    members = _members_median(years, shown)
    return {
        year: _year(school, chain, held[year], areas, members.get(year, {}), year) for year in years
    }


def _year(
    school: School,
    chain: list[School],
    held: dict[int, dict[Key, Figure]],
    areas: dict[tuple[int, str, Key], Figure],
    members: dict[Key, tuple[Decimal, int, bool]],
    year: int,
) -> list[Benchmark]:
    own: dict[Key, tuple[Figure, School | None]] = {}
    for each in chain:
        for key, figure in held.get(each.pk, {}).items():
            own.setdefault(key, (figure, None if each is school else each))
    found = []
    for key in sorted(own, key=lambda key: (Measure.values.index(key[0]), key[1] != Group.ALL)):
        figure, predecessor = own[key]
        median, count, members_provisional = members.get(key, (None, 0, False))
        near = [areas.get((year, area, key)) for area in (Area.LA, Area.LONDON, Area.ENGLAND)]
        la, london, england = (None if each is None else each.value for each in near)
        found.append(
            Benchmark(
                measure=key[0],
                group=key[1],
                value=figure.value,
                not_published=figure.not_published,
                predecessor=predecessor,
                members=median,
                members_count=count,
                la=la,
                london=london,
                england=england,
                percentile=figure.percentile,
                quintile=figure.quintile,
                provisional=figure.provisional,
                grade=figure.grade,
                provisional_benchmarks=(("members",) if members_provisional else ())
                + tuple(
                    name
                    for name, each in zip(("LA", "London", "England"), near, strict=True)
                    if each is not None and each.provisional
                ),
            )
        )
    return found


def members_medians(*, user: User, years: list[int]) -> dict[int, dict[Key, Decimal]]:
    """By year, the borough's full members' median figure of each (measure, group), as the
    benchmarks count it, for the partnership's own reports; a 404 to anyone else."""
    if not (user.is_authenticated and user.runs_partnership):
        raise Http404
    return {
        year: {key: median for key, (median, *_) in found.items()}
        for year, found in _members_median(years).items()
    }


def school_benchmarks(*, school: School, years: list[int]) -> dict[int, list[Benchmark]]:
    """The school's benchmarks of each of these years it (or its predecessor) has figures for,
    whoever asks: for work the system does on a request already checked, such as a data pack
    made by a worker (reports.datapack)."""
    chain = _lineage(school)
    return _benchmarks(school, chain, _figures({each.pk for each in chain}, years))


@dataclass(frozen=True)
class Trend:
    """One measure for one group over a run of years: the benchmarks of each year, oldest
    first, None for a year with no figure."""

    measure: str
    group: str
    cells: list[Benchmark | None]

    @property
    def measure_label(self) -> str:
        return Measure(self.measure).label

    @property
    def group_label(self) -> str:
        return Group(self.group).label


def trends(held: dict[int, list[Benchmark]], years: list[int]) -> list[Trend]:
    """The benchmarks of these years (as `school_benchmarks` or `recent_benchmarks_for` give
    them), measure by measure, in the order of the measures."""
    by_year = {year: {(row.measure, row.group): row for row in rows} for year, rows in held.items()}
    keys = {key for rows in by_year.values() for key in rows}
    ordered = sorted(keys, key=lambda key: (Measure.values.index(key[0]), key[1] != Group.ALL))
    return [
        Trend(measure, group, [by_year.get(year, {}).get((measure, group)) for year in years])
        for measure, group in ordered
    ]


@dataclass(frozen=True)
class BoroughFigure:
    """The borough's full members' median of one measure for one group in one year (how many
    members had a published figure), beside Tower Hamlets', London's and England's rows."""

    year: int
    measure: str
    group: str
    members: Decimal | None
    members_count: int
    la: Decimal | None
    london: Decimal | None
    england: Decimal | None
    provisional: bool = False  # whether any of these was worked out from provisional figures


def borough_figures(*, years: list[int]) -> dict[tuple[int, str, str], BoroughFigure]:
    """By (year, measure, group), every measure the members or the areas have figures for in
    these years, whoever asks: for the partnership's reports, whose pages have already checked
    who may read them (reports.kpis, reports.council). Two queries, however many measures."""
    members = _members_median(years)
    near = Q(area__in=[Area.LONDON, Area.ENGLAND]) | Q(area=Area.LA, la_code=TOWER_HAMLETS)
    areas = {
        (figure.year, figure.measure, figure.group, figure.area): figure
        for figure in Figure.objects.filter(near, year__in=years)
    }
    keys = {(year, *key) for year, found in members.items() for key in found} | {
        key[:3] for key in areas
    }
    found = {}
    for year, measure, group in keys:
        median, count, provisional = members.get(year, {}).get((measure, group), (None, 0, False))
        la, london, england = (
            areas.get((year, measure, group, area)) for area in (Area.LA, Area.LONDON, Area.ENGLAND)
        )
        found[(year, measure, group)] = BoroughFigure(
            year=year,
            measure=measure,
            group=group,
            members=median,
            members_count=count,
            la=None if la is None else la.value,
            london=None if london is None else london.value,
            england=None if england is None else england.value,
            provisional=provisional
            or any(each is not None and each.provisional for each in (la, london, england)),
        )
    return found
