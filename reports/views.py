from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from reports.charts import membership_chart, ofsted_chart
from reports.flat import to_csv
from reports.kpis import kpi_figures, sees_kpis
from thep import years


def _year(request: HttpRequest) -> int:
    """The year asked for (?year=2017-18), or the current one; a bad year says so."""
    text = request.GET.get("year", "").strip()
    if not text:
        return years.current()
    try:
        return years.parse(text)
    except ValueError as bad:
        messages.error(request, f"{bad} Showing {years.label(years.current())} instead.")
        return years.current()


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    if not sees_kpis(request.user):
        raise Http404
    year = _year(request)
    figures = kpi_figures(user=request.user, year=year)
    return render(
        request,
        "reports/dashboard.html",
        {
            "figures": figures,
            "year": year,
            "previous_label": years.label(year - 1),
            "membership_chart": membership_chart(figures),
            "ofsted_chart": ofsted_chart(figures),
        },
    )


@login_required
def kpi_json(request: HttpRequest) -> HttpResponse:
    figures = kpi_figures(user=request.user, year=_year(request))
    return JsonResponse(figures, json_dumps_params={"indent": 2})


@login_required
def kpi_csv(request: HttpRequest) -> HttpResponse:
    figures = kpi_figures(user=request.user, year=_year(request))
    response = HttpResponse(to_csv(figures), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="thep-kpis-{figures["year"]}.csv"'
    return response
