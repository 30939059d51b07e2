from collections import defaultdict

from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from commission.access import sees_delivery
from commission.selectors import covered, covered_schools
from membership.models import Phase
from thep import years
from thep.access import AuthedRequest, sees
from thep.hooks import collect

# Every app's counts for a year take a dozen queries over the commission's schools; the LA's
# officers and the directors see the same figures, so they share them for a few minutes (the
# page says when they were worked out). Nothing else invalidates them: they are counts.
CACHE_SECONDS = 300


def _delivery(year: int) -> dict:
    def work_out() -> dict:
        delivered: dict[int, list[str]] = defaultdict(list)
        for school_id, what in collect("delivery", "by_school", year=year):
            delivered[school_id].append(what)
        return {
            "lines": collect("delivery", "lines", year=year),
            "delivered": {school_id: sorted(what) for school_id, what in delivered.items()},
            "worked_out_at": timezone.localtime(),
        }

    figures = cache.get_or_set(f"commission:delivery:{year}", work_out, CACHE_SECONDS)
    return figures if figures is not None else work_out()


@sees(sees_delivery)
def delivery(request: AuthedRequest, year: int | None = None) -> HttpResponse:
    """What the LA commission delivered in a year: each app's lines, and the schools covered,
    a page at a time, found by name, URN or phase."""
    if year is None:
        year = years.current()
    if not years.FIRST <= year <= years.LAST:
        raise Http404
    figures = _delivery(year)
    delivered = figures["delivered"]
    query, phase = request.GET.get("q", "").strip(), request.GET.get("phase", "")
    page = Paginator(covered_schools(year=year, query=query, phase=phase), 50).get_page(
        request.GET.get("page")
    )
    rows = [
        (covered(school, year=year), delivered.get(school.pk, [])) for school in page.object_list
    ]
    return render(
        request,
        "commission/delivery.html",
        {
            "year": year,
            "year_label": years.label(year),
            "other_years": [
                (other, years.label(other))
                for other in (year - 1, year + 1)
                if years.FIRST <= other <= max(years.current(), year)
            ],
            "lines": figures["lines"],
            "worked_out_at": figures["worked_out_at"],
            "rows": rows,
            "page": page,
            "query": query,
            "phase": phase,
            "phases": Phase.choices,
        },
    )
