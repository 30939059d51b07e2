from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from membership.access import school_for
from membership.models import Phase, SchoolType
from membership.selectors import schools_for
from thep import panels


@login_required
def school_list(request: HttpRequest) -> HttpResponse:
    schools = schools_for(user=request.user).order_by("name")
    query = request.GET.get("q", "").strip()
    phase = request.GET.get("phase", "")
    school_type = request.GET.get("type", "")
    if query:
        urn_match = Q(urn=int(query)) if query.isdigit() else Q()
        schools = schools.filter(Q(name__icontains=query) | urn_match)
    if phase in Phase.values:
        schools = schools.filter(phase=phase)
    if school_type in SchoolType.values:
        schools = schools.filter(school_type=school_type)
    page = Paginator(schools, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "membership/school_list.html",
        {
            "page": page,
            "query": query,
            "phase": phase,
            "school_type": school_type,
            "phases": Phase.choices,
            "types": SchoolType.choices,
        },
    )


@login_required
def school_detail(request: HttpRequest, urn: int) -> HttpResponse:
    school = school_for(user=request.user, urn=urn)
    return render(
        request,
        "membership/school_detail.html",
        {"school": school, "panels": panels.gather_school(request, school)},
    )
