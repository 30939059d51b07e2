from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Max, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone

from reports import services
from reports.access import sees_kpis, sees_report_files
from reports.charts import membership_chart, ofsted_chart, outcome_chart
from reports.flat import rows
from reports.forms import ForewordForm, OutcomeForm, ReportRequestForm
from reports.framework import TREND_YEARS, outcome_rows
from reports.kpis import kpi_figures
from reports.models import Foreword, Kind, Outcome, OutcomeMeasure, ReportFile, Status
from thep import shared, years
from thep.access import AuthedRequest, sees
from thep.downloads import csv_download, download
from thep.models import User


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


# Working out a year's figures and charts takes a few hundred milliseconds at ten times the
# borough, and writing their tables as HTML a hundred more; directors looking at them together
# share one result, tables written, for a few minutes.
CACHE_SECONDS = 300


def _kpis(user: User, year: int) -> dict:
    """The year's figures and charts, and when they were worked out."""

    def work_out() -> dict:
        figures = kpi_figures(user=user, year=year)
        charts = {
            "membership_chart": membership_chart(figures),
            "ofsted_chart": ofsted_chart(figures),
        }
        tables = render_to_string(
            "reports/includes/kpi_tables.html",
            {"figures": figures, "previous_label": years.label(year - 1), **charts},
        )
        return {"figures": figures, "tables": tables, "worked_out_at": timezone.localtime()}

    return shared.remembered("reports-kpis", str(year), work_out, CACHE_SECONDS)


@sees(sees_kpis)
def dashboard(request: AuthedRequest) -> HttpResponse:
    year = _year(request)
    return render(
        request,
        "reports/dashboard.html",
        {
            **_kpis(request.user, year),
            "previous_label": years.label(year - 1),
            "not_held": OutcomeMeasure.NOT_HELD.label,
        },
    )


@sees(sees_kpis)
def kpi_json(request: AuthedRequest) -> HttpResponse:
    figures = _kpis(request.user, _year(request))["figures"]
    return JsonResponse(figures, json_dumps_params={"indent": 2})


@sees(sees_kpis)
def kpi_csv(request: AuthedRequest) -> HttpResponse:
    figures = _kpis(request.user, _year(request))["figures"]
    return csv_download(
        filename=f"thep-kpis-{figures['year']}.csv",
        header=["Year", "Figure", "Value"],
        rows=rows(figures),
    )


def _files_for(user: User) -> QuerySet[ReportFile]:
    """Directors see every report file; LA officers the reports to the Council only."""
    files = ReportFile.objects.select_related("requested_by")
    if user.is_director:
        return files
    if user.is_la_officer:
        return files.filter(kind=Kind.COUNCIL)
    return files.none()


def _file_for(user: User, pk: int) -> ReportFile:
    return get_object_or_404(_files_for(user), pk=pk)


@sees(sees_report_files)
def files(request: AuthedRequest) -> HttpResponse:
    user = request.user
    form = ReportRequestForm(request.POST or None) if user.is_director else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            report = services.report_request(by=user, **form.cleaned_data)
            messages.success(request, f"{report} is being made.")
            return redirect("reports:files")
    return render(
        request,
        "reports/files.html",
        {"files": _files_for(user)[:100], "form": form},
        status=400 if form is not None and form.is_bound and form.errors else 200,
    )


@login_required
def file_status(request: AuthedRequest, pk: int) -> HttpResponse:
    """One report's row, which the list page asks for again while it is being made."""
    return render(request, "reports/includes/file_row.html", {"file": _file_for(request.user, pk)})


@login_required
def file_download(request: AuthedRequest, pk: int) -> HttpResponse:
    report = _file_for(request.user, pk)
    if report.status != Status.DONE:
        raise Http404
    with report.pdf.open("rb") as stored:
        return download(stored.read(), filename=report.filename, content_type="application/pdf")


@login_required
def file_retry(request: AuthedRequest, pk: int) -> HttpResponse:
    report = _file_for(request.user, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.report_retry(report=report, by=request.user)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, f"{report} is being made again.")
    return redirect("reports:files")


@sees(sees_kpis)
def foreword(request: AuthedRequest) -> HttpResponse:
    year = _year(request)
    current = Foreword.objects.filter(year=year).first()
    form = ForewordForm(request.POST or None, initial={"text": current.text if current else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.foreword_save(year=year, text=form.cleaned_data["text"], by=request.user)
        except ValidationError as refused:
            form.add_error("text", refused)
        else:
            messages.success(request, f"Foreword for {years.label(year)} saved.")
            return redirect(f"{request.path}?year={years.label(year)}")
    return render(
        request,
        "reports/foreword.html",
        {"form": form, "year_label": years.label(year), "current": current},
        status=400 if form.is_bound and form.errors else 200,
    )


def _outcome_sections(user: User, year: int) -> str:
    """Each outcome's section (chart, figures, baseline and target) as HTML, kept for a few
    minutes like the KPIs; a change to a baseline or target makes a new key, so the page
    shows it at once."""
    changed = Outcome.objects.aggregate(changed=Max("updated_at"))["changed"]

    def work_out() -> str:
        rows = outcome_rows(user=user, year=year, trend_years=TREND_YEARS)
        measured = [
            {
                "row": row,
                "chart": outcome_chart(
                    trend=row.trend, baseline=row.outcome.baseline, target=row.outcome.target
                ),
            }
            for row in rows
            if row.outcome.measured
        ]
        return render_to_string(
            "reports/includes/outcome_sections.html",
            {
                "year_label": years.label(year),
                "measured": measured,
                "not_held": [row.outcome for row in rows if not row.outcome.measured],
            },
        )

    key = f"{year}:{changed.isoformat() if changed else ''}"
    return shared.remembered("reports-outcomes", key, work_out, CACHE_SECONDS)


@sees(sees_kpis)
def outcomes(request: AuthedRequest) -> HttpResponse:
    year = _year(request)
    return render(
        request,
        "reports/outcomes.html",
        {"year_label": years.label(year), "sections": _outcome_sections(request.user, year)},
    )


@sees(sees_kpis)
def outcome_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    outcome = get_object_or_404(Outcome, pk=pk)
    form = OutcomeForm(request.POST or None, instance=outcome)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Baseline and target of “{outcome}” saved.")
        return redirect("reports:outcomes")
    return render(
        request,
        "reports/outcome_edit.html",
        {"form": form, "outcome": outcome},
        status=400 if form.is_bound and form.errors else 200,
    )
