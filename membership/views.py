from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from membership.access import invoice_for, membership_school_for, school_for
from membership.models import Phase, SchoolType
from membership.pdf import render_invoice_pdf
from membership.selectors import (
    invoices_of,
    membership_savings,
    memberships_of,
    purchases_of,
    schools_for,
)
from thep import panels, years


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


@login_required
def membership_page(request: HttpRequest, urn: int) -> HttpResponse:
    school = membership_school_for(user=request.user, urn=urn)
    year = years.current()
    memberships = list(memberships_of(user=request.user, school=school))
    return render(
        request,
        "membership/membership_page.html",
        {
            "school": school,
            "year_label": years.label(year),
            "current": next((m for m in memberships if m.year == year), None),
            "member": getattr(school, "member", None),
            "memberships": memberships,
            "invoices": invoices_of(user=request.user, school=school),
            "purchases": purchases_of(user=request.user, school=school, year=year),
            "savings": membership_savings(user=request.user, school=school, year=year),
        },
    )


@login_required
def invoice_download(request: HttpRequest, urn: int, number: int) -> HttpResponse:
    invoice = invoice_for(user=request.user, urn=urn, number=number)
    # The worker stores the PDF soon after issue; until then (or if it failed) make it now.
    pdf = invoice.pdf.read() if invoice.pdf else render_invoice_pdf(invoice)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{invoice.filename}"'
    return response
