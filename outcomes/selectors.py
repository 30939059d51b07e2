"""A school's figures against the benchmarks, for the people who may see them (outcomes.access).

For each measure and group of a year: the school's figure (a converter academy with none of its
own shows its predecessor's, marked so); the borough's members, as the median of the full
members' published figures (the median, because the files give no cohort for every measure to
weight by, and one small school's result should not move the borough's); all schools in the
school's LA, London and England, as the DfE's own rows give them; and the school's national
percentile and quintile among every school in England with a published figure."""

import statistics
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from membership.models import TOWER_HAMLETS, Category, Membership, School
from outcomes.access import outcomes_school_check
from outcomes.models import Area, Distribution, Figure, Group, Measure
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

    @property
    def measure_label(self) -> str:
        return Measure(self.measure).label

    @property
    def group_label(self) -> str:
        return Group(self.group).label


Key = tuple[str, str]


def _figures(school_ids: list[int], year: int) -> dict[int, dict[Key, Figure]]:
    found: dict[int, dict[Key, Figure]] = {school_id: {} for school_id in school_ids}
    for figure in Figure.objects.filter(area=Area.SCHOOL, school_id__in=school_ids, year=year):
        found[figure.school_id or 0][(figure.measure, figure.group)] = figure
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


def _members_median(year: int) -> dict[Key, tuple[Decimal | None, int]]:
    """The median of the borough's full members' published figures, each member counted by
    its predecessor's figure where it has none of its own."""
    members = list(
        Membership.objects.filter(
            year=year, category=Category.FULL, member__school__la_code=TOWER_HAMLETS
        ).values_list("member__school_id", "member__school__predecessor_id")
    )
    ids = [school_id for pair in members for school_id in pair if school_id]
    figures = _figures(ids, year)
    values: dict[Key, list[Decimal]] = {}
    for school_id, predecessor_id in members:
        own = figures[school_id]
        earlier = figures.get(predecessor_id or 0, {})
        for key in own.keys() | earlier.keys():
            figure = own.get(key) or earlier[key]
            if figure.value is not None:
                values.setdefault(key, []).append(figure.value)
    return {key: (statistics.median(found), len(found)) for key, found in values.items()}


def benchmarks_for(*, user: User, school: School, year: int) -> list[Benchmark]:
    """The school's figures of the year against the benchmarks, measure by measure; a 404 to
    whoever may not see them."""
    outcomes_school_check(user=user, school=school)
    chain = _lineage(school)
    held = _figures([each.pk for each in chain], year)
    own: dict[Key, tuple[Figure, School | None]] = {}
    for each in chain:
        for key, figure in held[each.pk].items():
            own.setdefault(key, (figure, None if each is school else each))
    near = Q(area__in=[Area.LONDON, Area.ENGLAND]) | Q(area=Area.LA, la_code=school.la_code)
    areas: dict[tuple[str, Key], Decimal | None] = {
        (figure.area, (figure.measure, figure.group)): figure.value
        for figure in Figure.objects.filter(near, year=year)
    }
    spreads = {
        (spread.measure, spread.group): spread
        for spread in Distribution.objects.filter(year=year, measure__in={m for m, _ in own})
    }
    members = _members_median(year)
    found = []
    for key in sorted(own, key=lambda key: (Measure.values.index(key[0]), key[1] != Group.ALL)):
        figure, predecessor = own[key]
        spread = spreads.get(key)
        standing = (
            spread.standing(figure.value)
            if spread is not None and figure.value is not None
            else (None, None)
        )
        median, count = members.get(key, (None, 0))
        found.append(
            Benchmark(
                measure=key[0],
                group=key[1],
                value=figure.value,
                not_published=figure.not_published,
                predecessor=predecessor,
                members=median,
                members_count=count,
                la=areas.get((Area.LA, key)),
                london=areas.get((Area.LONDON, key)),
                england=areas.get((Area.ENGLAND, key)),
                percentile=standing[0],
                quintile=standing[1],
            )
        )
    return found
