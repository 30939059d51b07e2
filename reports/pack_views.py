"""Pages of the comparative data analysis packs: the directors' list (make one school's pack or
every school's), a school's packs (the latest offered, older versions listed), each version's
progress and its download."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Max
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from membership.access import school_for
from outcomes.models import Area, Figure
from reports import packs
from reports.access import sees_kpis
from reports.forms import DataPackForm
from reports.models import DataPack, Status
from thep import years
from thep.access import AuthedRequest, sees
from thep.downloads import download


def _latest_results_year() -> int:
    """The latest academic year any school has figures for, else the one before this."""
    latest = Figure.objects.filter(area=Area.SCHOOL).aggregate(y=Max("year"))["y"]
    return latest or years.current() - 1


LISTED = 50


@sees(sees_kpis)
def data_packs(request: AuthedRequest) -> HttpResponse:
    year = _latest_results_year()
    schools = packs.pack_schools(year=years.current())
    form = DataPackForm(request.POST or None, schools=schools, initial={"year": years.label(year)})
    if request.method == "POST" and form.is_valid():
        school, chosen = form.cleaned_data["urn"], form.cleaned_data["year"]
        try:
            if school:
                made = [packs.data_pack_request(school=school, year=chosen, by=request.user)]
            else:
                made = packs.data_packs_request_all(year=chosen, by=request.user)
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
        else:
            count = "1 data pack is" if len(made) == 1 else f"{len(made)} data packs are"
            messages.success(request, f"{count} being made for {years.label(chosen)}.")
            return redirect("reports:data_packs")
    # Packs for every school make a thousand rows at ten times the borough: the page counts
    # them by status and lists the latest asked for.
    counts = dict(DataPack.objects.values_list("status").annotate(n=Count("pk")).order_by("status"))
    return render(
        request,
        "reports/data_packs.html",
        {
            "form": form,
            "schools_count": schools.count(),
            "counts": [(label, counts.get(value, 0)) for value, label in Status.choices],
            "packs": DataPack.objects.select_related("school", "requested_by")[:LISTED],
            "listed": LISTED,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def school_data_packs(request: AuthedRequest, urn: int) -> HttpResponse:
    school = school_for(user=request.user, urn=urn)
    packs.data_pack_school_check(user=request.user, school=school)
    if request.method == "POST":
        if not request.user.is_director:
            raise Http404
        try:
            year = years.parse(request.POST.get("year", ""))
            pack = packs.data_pack_request(school=school, year=year, by=request.user)
        except (ValueError, ValidationError) as refused:
            messages.error(request, str(getattr(refused, "message", refused)))
        else:
            messages.success(request, f"{pack} is being made.")
        return redirect("reports:school_data_packs", urn=school.urn)
    versions = list(DataPack.objects.filter(school=school).select_related("requested_by", "school"))
    ready = [pack for pack in versions if pack.status == Status.DONE]
    return render(
        request,
        "reports/school_data_packs.html",
        {
            "school": school,
            "latest": max(ready, key=lambda pack: (pack.year, pack.version), default=None),
            "versions": versions,
            "year_label": years.label(_latest_results_year()),
        },
    )


@login_required
def data_pack_status(request: AuthedRequest, pk: int) -> HttpResponse:
    """One version's row, which the pages ask for again while it is being made."""
    pack = packs.data_pack_for(user=request.user, pk=pk)
    return render(request, "reports/includes/pack_row.html", {"pack": pack})


@login_required
def data_pack_download(request: AuthedRequest, pk: int) -> HttpResponse:
    pack = packs.data_pack_for(user=request.user, pk=pk)
    if pack.status != Status.DONE:
        raise Http404
    with pack.pdf.open("rb") as stored:
        return download(stored.read(), filename=pack.filename, content_type="application/pdf")
