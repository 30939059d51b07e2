"""The LA commission's data packs delivered in a year (`thep.hooks.collect("delivery", ...)`):
the covered schools with a pack of that year made."""

from membership.selectors import commission_schools
from reports.models import DataPack, Status


def _packed(year: int) -> set[int]:
    packs = DataPack.objects.filter(
        year=year, status=Status.DONE, school__in=commission_schools(year=year)
    )
    return set(packs.values_list("school_id", flat=True))


def lines(*, year: int) -> list[tuple[str, int, int | None]]:
    return [("Data packs issued", len(_packed(year)), commission_schools(year=year).count())]


def by_school(*, year: int) -> list[tuple[int, str]]:
    return [(school_id, "Data pack") for school_id in _packed(year)]
