from collections import defaultdict

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render

from commission.access import sees_delivery
from commission.selectors import covered, covered_schools
from membership.models import Phase
from thep import years
from thep.access import AuthedRequest, sees
from thep.hooks import collect


@sees(sees_delivery)
def delivery(request: AuthedRequest, year: int | None = None) -> HttpResponse:
    """What the LA commission delivered in a year: each app's lines, and the schools covered,
    a page at a time, found by name, URN or phase."""
    if year is None:
        year = years.current()
    if not years.FIRST <= year <= years.LAST:
        raise Http404
    delivered: dict[int, list[str]] = defaultdict(list)
    for school_id, what in collect("delivery", "by_school", year=year):
        delivered[school_id].append(what)
    query, phase = request.GET.get("q", "").strip(), request.GET.get("phase", "")
    page = Paginator(covered_schools(year=year, query=query, phase=phase), 50).get_page(
        request.GET.get("page")
    )
    rows = [
        (covered(school, year=year), sorted(delivered[school.pk])) for school in page.object_list
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
            "lines": collect("delivery", "lines", year=year),
            "rows": rows,
            "page": page,
            "query": query,
            "phase": phase,
            "phases": Phase.choices,
        },
    )
