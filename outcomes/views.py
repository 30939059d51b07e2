from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from outcomes.access import headlines_school_for
from outcomes.forms import HeadlinesForm
from outcomes.models import HEADLINES, Area, Figure, Group
from outcomes.services import headlines_enter, year_just_ended
from thep import years
from thep.access import AuthedRequest


@login_required
def headlines(request: AuthedRequest, urn: int) -> HttpResponse:
    """The head enters their school's headline figures for the year just ended."""
    school = headlines_school_for(user=request.user, urn=urn)
    year = year_just_ended(timezone.localdate())
    measures = HEADLINES.get(school.phase, ())
    held = list(
        Figure.objects.filter(
            area=Area.SCHOOL, school=school, year=year, group=Group.ALL, measure__in=measures
        )
    )
    form = HeadlinesForm(request.POST or None, measures=measures, year=year, held=held)
    if request.method == "POST" and form.is_valid():
        try:
            headlines_enter(school=school, year=year, figures=form.figures(), by=request.user)
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(
                request,
                f"Headline figures for {years.label(year)} saved: they are shown as provisional "
                "until the DfE publishes its final figures.",
            )
            return redirect("membership:school", urn=school.urn)
    return render(
        request,
        "outcomes/headlines.html",
        {
            "form": form,
            "school": school,
            "year_label": years.label(year),
            "final": form.final,
            "measures": measures,
        },
        status=400 if form.is_bound and form.errors else 200,
    )
