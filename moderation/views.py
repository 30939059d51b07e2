from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from membership.models import School
from moderation import delivery, services
from moderation.access import arranges, moderates, oversees, sees_visits, visit_for
from moderation.forms import ArrangeForm, DrawForm, OutcomeForm
from moderation.models import Kind, Pick
from moderation.selectors import draws_of, picks_of, visits_for
from thep import years
from thep.access import AuthedRequest, sees
from thep.links import link_to
from thep.models import Role, User


def _year(text: str) -> int:
    """The year a page is asked for (`?year=2025-26`), this year if none; a year that is not
    one is a page that does not exist."""
    if not text:
        return years.current()
    try:
        return years.parse(text)
    except ValueError:
        raise Http404 from None


@sees(moderates)
def mine(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "moderation/mine.html",
        {"visits": visits_for(user=request.user).order_by("-pick__draw__year", "date")},
    )


@sees(sees_visits)
def visit(request: AuthedRequest, pk: int) -> HttpResponse:
    found = visit_for(user=request.user, pk=pk)
    records = request.user.pk == found.moderator_id and not found.done
    form = OutcomeForm(request.POST or None, visit=found) if records else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            findings = [
                services.Finding(
                    subject=subject,
                    agreed=data[f"{subject}_agreed"] == "yes",
                    pupils=data.get(f"{subject}_pupils"),
                    changed=data.get(f"{subject}_changed") or 0,
                )
                for subject in form.subjects
            ]
            try:
                services.visit_record(
                    visit=found, findings=findings, by=request.user, today=timezone.localdate()
                )
            except ValidationError as refused:
                form.add_error(None, refused)
            else:
                messages.success(
                    request, f"The outcome of the visit to {found.pick.school} is recorded."
                )
                return redirect("moderation:visit", pk=found.pk)
    return render(
        request,
        "moderation/visit.html",
        {
            "visit": found,
            "judgements": found.judgements.all(),
            "form": form,
            "today": timezone.localdate(),
        },
        status=400 if form is not None and form.is_bound and form.errors else 200,
    )


def _arrange_form(year: int, data=None) -> ArrangeForm:
    draw = services.current_draw(year=year)
    return ArrangeForm(
        data,
        schools=School.objects.filter(moderation_picks__draw=draw)
        .distinct()
        .only("name")
        .order_by("name"),
        moderators=User.objects.filter(role=Role.MODERATOR, is_active=True),
    )


@sees(oversees)
def samples(request: AuthedRequest) -> HttpResponse:
    year = _year(request.GET.get("year", ""))
    return _samples_page(request, year, DrawForm(), _arrange_form(year))


def _samples_page(
    request: HttpRequest, year: int, draw_form: DrawForm, arrange_form: ArrangeForm
) -> HttpResponse:
    draws = list(draws_of(year=year))
    current = draws[0] if draws and draws[0].superseded_at is None else None
    picks = _pick_rows(picks_of(draw=current)) if current else []
    return render(
        request,
        "moderation/samples.html",
        {
            "year": year,
            "year_label": years.label(year),
            "other_years": [years.label(year - 1), years.label(year + 1)],
            "draw": current,
            "superseded": [draw for draw in draws if draw.superseded_at],
            "samples": [
                (Kind(kind).label, [pick for pick in picks if pick["kind"] == kind])
                for kind in Kind
            ],
            "lines": delivery.lines(year=year),
            "draw_form": draw_form,
            "arrange_form": arrange_form,
        },
        status=400 if draw_form.errors or arrange_form.errors else 200,
    )


def _pick_rows(picks: QuerySet[Pick]) -> list[dict]:
    """What the samples' tables show of each school, worked out here: with a few hundred
    schools, models and links built in the template took most of the page's time."""
    visit_page = link_to("moderation:visit")
    rows = []
    for pick in picks.values(
        "kind",
        "reason",
        "school__name",
        "visit__pk",
        "visit__date",
        "visit__recorded_at",
        "visit__moderator__first_name",
        "visit__moderator__last_name",
        "visit__moderator__email",
    ):
        visit, day = pick["visit__pk"], pick["visit__date"]
        name = f"{pick['visit__moderator__first_name']} {pick['visit__moderator__last_name']}"
        rows.append(
            {
                "kind": pick["kind"],
                "school": pick["school__name"],
                "reason": pick["reason"],
                "moderator": (name.strip() or pick["visit__moderator__email"]) if visit else "",
                "visit_url": visit_page(visit) if visit else "",
                "date": f"{day.day} {day:%b %Y}" if visit else "",
                "outcome": ("Recorded" if pick["visit__recorded_at"] else "To come")
                if visit
                else "",
            }
        )
    return rows


def _back(year: int) -> HttpResponse:
    return redirect(f"{reverse('moderation:samples')}?year={years.label(year)}")


@sees(arranges)
@require_POST
def draw(request: AuthedRequest) -> HttpResponse:
    year = _year(request.POST.get("year", ""))
    form = DrawForm(request.POST)
    if form.is_valid():
        try:
            made = services.sample_draw(year=year, by=request.user, **form.cleaned_data)
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(
                request, f"The samples for {made.year_label} are drawn, seed {made.seed}."
            )
            return _back(year)
    return _samples_page(request, year, form, _arrange_form(year))


@sees(arranges)
@require_POST
def arrange(request: AuthedRequest) -> HttpResponse:
    year = _year(request.POST.get("year", ""))
    form = _arrange_form(year, request.POST)
    if form.is_valid():
        try:
            arranged = services.visit_arrange(year=year, by=request.user, **form.cleaned_data)
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(
                request,
                f"{arranged.moderator} visits {arranged.pick.school} on {arranged.date:%-d %B %Y}.",
            )
            return _back(year)
    return _samples_page(request, year, DrawForm(), form)
