import hashlib
import json

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from reports.charts import answers_chart
from reports.framework import _percent
from surveys import selectors, services
from surveys.access import answers_surveys, reads_free_text, sees_results, survey_for
from surveys.forms import AnswerForm
from surveys.models import Survey, Volunteer
from surveys.services import answer_token
from thep import years
from thep.access import AuthedRequest, sees

CHART_SECONDS = 24 * 60 * 60


@sees(answers_surveys)
def mine(request: AuthedRequest) -> HttpResponse:
    invitations = list(selectors.invitations_for(user=request.user))
    today = timezone.localdate()
    return render(
        request,
        "surveys/mine.html",
        {
            "rows": [
                (invitation, answer_token(invitation), invitation.survey.is_closed(today))
                for invitation in invitations
            ],
            "volunteer": Volunteer.objects.filter(person=request.user).exists(),
        },
    )


@sees(answers_surveys)
@require_POST
def volunteer(request: AuthedRequest) -> HttpResponse:
    agreed = request.POST.get("agreed") == "yes"
    services.volunteer_set(person=request.user, agreed=agreed)
    messages.success(
        request,
        "You will be asked to answer THE Partnership's surveys of staff."
        if agreed
        else "You will no longer be asked to answer surveys of staff.",
    )
    return redirect("surveys:mine")


def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The answer form an invitation's signed link opens, with or without a login."""
    invitation = services.invitation_of(token)
    if invitation is None or invitation.survey.sent_at is None:
        raise Http404
    survey = invitation.survey
    by = request.user if request.user.is_authenticated else None
    form = AnswerForm(request.POST or None, survey=survey)
    refused = ""
    if request.method == "POST":
        if form.is_valid():
            try:
                services.response_submit(invitation=invitation, answers=form.answers(), by=by)
            except ValidationError as why:
                refused = " ".join(why.messages)
            else:
                return render(request, "surveys/thanks.html", {"invitation": invitation})
    else:
        refused = services.refusal(invitation)
    return render(
        request,
        "surveys/answer.html",
        {"invitation": invitation, "survey": survey, "form": form, "refused": refused},
        status=400 if request.method == "POST" and (refused or form.errors) else 200,
    )


@sees(sees_results)
def surveys(request: AuthedRequest) -> HttpResponse:
    listed = list(Survey.objects.all())
    found = selectors.satisfaction_by_year(years=sorted({survey.year for survey in listed}))
    return render(
        request,
        "surveys/surveys.html",
        {
            "surveys": listed,
            "satisfaction": _satisfaction_rows(found),
        },
    )


@sees(sees_results)
def survey_results(request: AuthedRequest, pk: int) -> HttpResponse:
    survey = survey_for(user=request.user, pk=pk)
    found = selectors.results(survey=survey, free_text=reads_free_text(request.user))
    for result in found.questions:
        if result.rows and result.answered:
            result.chart = _chart(found.groups, result)
    every_year = list(Survey.objects.values_list("year", flat=True).distinct())
    return render(
        request,
        "surveys/results.html",
        {
            "results": found,
            "today": timezone.localdate(),
            "free_text": reads_free_text(request.user),
            "groups_and_total": [*found.groups, "All"],
            "rates": list(zip([*found.groups, "All"], found.invited, found.answered, strict=True)),
            "satisfaction": _satisfaction_rows(selectors.satisfaction_by_year(years=every_year)),
        },
    )


def _chart(groups: list[str], result: selectors.QuestionResult) -> str:
    """Drawing a chart takes tens of milliseconds; it is kept under its own figures, so the
    next answer draws a new one and the page never shows an old picture."""
    values = [row.value for row in result.rows]
    counts = [row.by_group for row in result.rows]
    figures = json.dumps([groups, values, counts])
    key = f"surveys:chart:{hashlib.sha256(figures.encode()).hexdigest()}"
    chart = cache.get_or_set(
        key, lambda: answers_chart(groups=groups, values=values, counts=counts), CHART_SECONDS
    )
    return chart if chart is not None else ""


def _satisfaction_rows(found: dict[int, tuple[int, int]]) -> list[tuple[str, int, int, str]]:
    return [
        (years.label(year), satisfied, every, f"{_percent(satisfied, every)}%")
        for year, (satisfied, every) in sorted(found.items(), reverse=True)
    ]
