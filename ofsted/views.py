import datetime

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone

from membership.models import TOWER_HAMLETS, Phase, SchoolType
from ofsted import services
from ofsted.access import sets_inspection_windows
from ofsted.forms import WindowOverrideForm
from ofsted.outcomes import histories
from ofsted.selectors import (
    OUTCOME_FILTERS,
    BoroughFilters,
    borough_table,
    ofsted_for,
    ofsted_school_for,
)
from ofsted.windows import Window
from thep.access import AuthedRequest, sees
from thep.downloads import csv_download
from thep.links import link_to
from thep.years import next_term


@login_required
def borough(request: AuthedRequest) -> HttpResponse:
    today = timezone.localdate()
    filters = BoroughFilters.from_query(request.GET)
    table = borough_table(user=request.user, today=today, filters=filters)
    page = Paginator(table.rows, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "ofsted/borough.html",
        {
            "rows": _table_rows(list(page.object_list), today),
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


def _table_rows(rows: list[dict], today: datetime.date) -> list[dict]:
    """What the table shows of each school, worked out here rather than in the template: the
    template looks each value up by name, which is several times slower for a model's
    attributes and methods than for a dict's keys, and the table has a hundred rows."""
    school_page = link_to("ofsted:school")
    return [_table_row(row, today, school_page(row["urn"])) for row in rows]


def _table_row(row: dict, today: datetime.date, url: str) -> dict:
    """One of `borough_table`'s rows, as the table and its CSV show it."""
    window = Window(row["due_by"], row["window_kind"])
    inspected = row["outcome_on"] is not None
    return {
        "url": url,
        "urn": row["urn"],
        "name": row["name"],
        "phase": PHASES[row["phase"]],
        "not_member": row["is_member"] is False,
        "member_known": row["is_member"] is not None,
        "academy": row["school_type"] != SchoolType.LA_MAINTAINED,
        "out_of_borough": row["la_code"] != TOWER_HAMLETS,
        "outcome": row["outcome_summary"],
        "predecessor": inspected and row["uses_predecessor"],
        "inspected": f"{row['outcome_on']:%d/%m/%Y}" if inspected else "",
        "window": window.label,
        "set_by_director": row["override_id"] is not None,
        "overdue": window.is_overdue(today),
    }


@login_required
def borough_csv(request: AuthedRequest) -> HttpResponse:
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
                row["phase"],
                row["name"],
                row["urn"],
                row["outcome"] or "Not inspected yet",
                row["inspected"],
                row["window"],
                "yes" if row["not_member"] else "" if row["member_known"] else "not known",
                "yes" if row["academy"] else "",
                "yes" if row["out_of_borough"] else "",
            ]
            for row in (_table_row(row, today, url="") for row in table.rows)
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
def school(request: AuthedRequest, urn: int) -> HttpResponse:
    found = ofsted_school_for(user=request.user, urn=urn)
    form = None
    if request.user.is_director:
        override = getattr(found, "window_override", None)
        form = WindowOverrideForm(
            initial={"due_by": override.due_by, "note": override.note} if override else None
        )
    return _school_page(request, found, form)


@sees(sets_inspection_windows)
def school_window(request: AuthedRequest, urn: int) -> HttpResponse:
    found = ofsted_school_for(user=request.user, urn=urn)
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
