from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from coaching import services
from coaching.access import coachee_for, coaches, sees_every_head, session_for
from coaching.forms import AllocateForm, SessionForm, year_asked
from coaching.models import SessionStatus
from coaching.selectors import coaching_rows, entitlement_of, heads_without_coach, sessions_of
from thep import years
from thep.access import AuthedRequest, sees
from thep.models import Role, User

MARKS = {
    "held": SessionStatus.HELD,
    "missed": SessionStatus.MISSED,
    "cancelled": SessionStatus.CANCELLED,
}


@sees(coaches)
def coachees(request: AuthedRequest) -> HttpResponse:
    year, wrong_year = year_asked(request.GET.get("year", ""))
    return render(
        request,
        "coaching/coachees.html",
        {
            "rows": coaching_rows(user=request.user, year=year),
            "year": year,
            "year_label": years.label(year),
            "wrong_year": wrong_year,
            "other_years": _other_years(year),
        },
    )


@sees(coaches)
def coachee(request: AuthedRequest, pk: int) -> HttpResponse:
    allocation = coachee_for(user=request.user, pk=pk)
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_book(
                allocation=allocation, by=request.user, **form.cleaned_data
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(
                request,
                f"Session booked for {session.date:%-d %B %Y} at {session.start_time:%H:%M}.",
            )
            return redirect("coaching:coachee", pk=allocation.pk)
    return render(
        request,
        "coaching/coachee.html",
        {
            "allocation": allocation,
            "entitlement": entitlement_of(school=allocation.school, year=allocation.year),
            "sessions": sessions_of(allocation=allocation),
            "form": form,
            "today": timezone.localdate(),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@sees(coaches)
def session_mark(request: AuthedRequest, pk: int, status: str) -> HttpResponse:
    session = session_for(user=request.user, pk=pk)
    if status not in MARKS:
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.session_mark(
            session=session, status=MARKS[status], by=request.user, today=timezone.localdate()
        )
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(
            request,
            f"The session of {session.date:%-d %B %Y} is marked {MARKS[status].label.lower()}.",
        )
    return redirect("coaching:coachee", pk=session.allocation_id)


def _allocate_form(request: AuthedRequest, year: int, data=None) -> AllocateForm:
    return AllocateForm(
        data,
        heads=heads_without_coach(user=request.user, year=year),
        coaches=User.objects.filter(role=Role.COACH, is_active=True),
    )


@sees(sees_every_head)
def heads(request: AuthedRequest) -> HttpResponse:
    year, wrong_year = year_asked(request.GET.get("year", ""))
    return _heads_page(request, year, _allocate_form(request, year), wrong_year=wrong_year)


def _heads_page(
    request: AuthedRequest, year: int, form: AllocateForm, wrong_year: str = ""
) -> HttpResponse:
    rows = coaching_rows(user=request.user, year=year)
    return render(
        request,
        "coaching/heads.html",
        {
            "rows": rows,
            "form": form,
            "year": year,
            "year_label": years.label(year),
            "wrong_year": wrong_year,
            "other_years": _other_years(year),
            "held": sum(row.entitlement.held for row in rows),
            "left": sum(row.entitlement.left for row in rows),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@sees(sees_every_head)
@require_POST
def allocate(request: AuthedRequest) -> HttpResponse:
    year, wrong_year = year_asked(request.POST.get("year", ""))
    if wrong_year:
        raise Http404
    form = _allocate_form(request, year, request.POST)
    if form.is_valid():
        head = form.cleaned_data["head"]
        try:
            allocation = services.coach_allocate(
                coach=form.cleaned_data["coach"],
                head=head.person,
                school=head.school,
                year=year,
                by=request.user,
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(
                request,
                f"{allocation.coach} is {allocation.head}'s coach for {allocation.year_label}.",
            )
            return redirect(f"{reverse('coaching:heads')}?year={years.label(year)}")
    return _heads_page(request, year, form)


def _other_years(year: int) -> list[str]:
    return [years.label(year - 1), years.label(year + 1)]
