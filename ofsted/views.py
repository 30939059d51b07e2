import datetime

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone

from membership.models import Phase
from ofsted import services
from ofsted.forms import WindowOverrideForm
from ofsted.models import OfstedStanding
from ofsted.outcomes import histories
from ofsted.selectors import (
    OUTCOME_FILTERS,
    BoroughFilters,
    borough_table,
    ofsted_for,
    ofsted_school_for,
)
from ofsted.windows import next_term
from thep.downloads import csv_download
from thep.links import link_to


@login_required
def borough(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    filters = BoroughFilters.from_query(request.GET)
    table = borough_table(user=request.user, today=today, filters=filters)
    page = Paginator(table.rows, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "ofsted/borough.html",
        {
            "rows": _table_rows(page.object_list, today),
            "page": page,
            "filters": filters,
            "phases": Phase.choices,
            "outcomes": OUTCOME_FILTERS.items(),
            "members_known": bool(filters.member)
            or (table.members_recorded and page.paginator.count > 0),
            "next_term": next_term(today),
        },
    )


PHASES = dict(Phase.choices)


def _table_rows(standings: list[OfstedStanding], today: datetime.date) -> list[dict]:
    """What the table shows of each school, worked out here rather than in the template: the
    template looks each value up by name, which is several times slower for a model's
    attributes and methods than for a dict's keys, and the table has a hundred rows."""
    school_page = link_to("ofsted:school")
    return [_table_row(standing, today, school_page(standing.school.urn)) for standing in standings]


def _table_row(standing: OfstedStanding, today: datetime.date, url: str) -> dict:
    school, outcome, window = standing.school, standing.outcome, standing.window
    return {
        "url": url,
        "name": school.name,
        "phase": PHASES[school.phase],
        "not_member": standing.is_member is False,
        "academy": school.is_academy,
        "out_of_borough": not school.in_borough,
        "outcome": outcome.summary if outcome else "",
        "predecessor": outcome is not None and standing.uses_predecessor,
        "inspected": f"{outcome.on:%d/%m/%Y}" if outcome else "",
        "window": window.label,
        "set_by_director": window.override is not None,
        "overdue": window.is_overdue(today),
    }


@login_required
def borough_csv(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    table = borough_table(
        user=request.user, today=today, filters=BoroughFilters.from_query(request.GET)
    )
    header = ["Phase", "School", "URN", "Outcome", "Inspection date", "Next inspection",
              "Not a member", "Academy", "Out of borough"]  # fmt: skip
    return csv_download(
        filename=f"ofsted-{today:%Y-%m-%d}.csv",
        header=header,
        rows=(
            [
                row.school.get_phase_display(),
                row.school.name,
                row.school.urn,
                row.outcome.summary if row.outcome else "Not inspected yet",
                row.outcome.on.strftime("%d/%m/%Y") if row.outcome else "",
                row.window.label,
                {True: "", False: "yes", None: "not known"}[row.is_member],
                "yes" if row.school.is_academy else "",
                "" if row.school.in_borough else "yes",
            ]
            for row in table.rows
        ),
    )


def _school_page(request: HttpRequest, found, form, status: int = 200) -> HttpResponse:
    today = timezone.localdate()
    (ofsted,) = ofsted_for(schools=[found], today=today)
    timeline = histories(schools=[found])
    return render(
        request,
        "ofsted/school.html",
        {
            "school": found,
            "ofsted": ofsted,
            "own": timeline.get(found.pk, []),
            "inherited": timeline.get(found.predecessor_id, []) if found.predecessor_id else [],
            "form": form,
            "today": today,
        },
        status=status,
    )


@login_required
def school(request: HttpRequest, urn: int) -> HttpResponse:
    found = ofsted_school_for(user=request.user, urn=urn)
    form = None
    if request.user.is_director:
        override = getattr(found, "window_override", None)
        form = WindowOverrideForm(
            initial={"due_by": override.due_by, "note": override.note} if override else None
        )
    return _school_page(request, found, form)


@login_required
def school_window(request: HttpRequest, urn: int) -> HttpResponse:
    found = ofsted_school_for(user=request.user, urn=urn)
    if not request.user.is_director:
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if "clear" in request.POST:
        services.window_override_clear(school=found)
        return redirect("ofsted:school", urn=found.urn)
    form = WindowOverrideForm(request.POST)
    if form.is_valid():
        services.window_override_set(school=found, by=request.user, **form.cleaned_data)
        return redirect("ofsted:school", urn=found.urn)
    return _school_page(request, found, form, status=400)
