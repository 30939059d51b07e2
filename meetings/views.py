import mimetypes

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from meetings import services
from meetings.access import (
    manages_meetings,
    meeting_for,
    opens_meetings,
    paper_for,
    resolution_for,
    sees_meetings,
)
from meetings.forms import AppointmentForm, DelegateForm, MeetingForm, PaperForm, ResolutionForm
from meetings.models import QUORUM_SOURCE, Meeting, Resolution
from meetings.rules import present_count
from meetings.selectors import (
    SchoolAtMeeting,
    board_on,
    meetings_for,
    register_of,
    register_rows,
    resolutions_of,
    schools_at,
)
from membership.models import Phase, School
from thep.access import AuthedRequest, sees
from thep.downloads import download


@sees(opens_meetings)
def meeting_list(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "meetings/list.html",
        {
            "meetings": meetings_for(user=request.user),
            "member": sees_meetings(request.user),
            "manages": manages_meetings(request.user),
        },
    )


@sees(manages_meetings)
def meeting_create(request: AuthedRequest) -> HttpResponse:
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = services.meeting_create(by=request.user, **form.cleaned_data)
        messages.success(request, f"{meeting} added.")
        return redirect("meetings:detail", pk=meeting.pk)
    return render(
        request,
        "meetings/create.html",
        {"form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


def _meeting_page(
    request: AuthedRequest,
    meeting: Meeting,
    *,
    paper_form: PaperForm | None = None,
    resolution_form: ResolutionForm | None = None,
) -> HttpResponse:
    manages = manages_meetings(request.user)
    schools = schools_at(user=request.user, meeting=meeting)
    voting = [row for row in schools if row.votes_here]
    bound = [form for form in (paper_form, resolution_form) if form is not None]
    return render(
        request,
        "meetings/detail.html",
        {
            "meeting": meeting,
            "papers": meeting.papers.all(),
            # Each resolution with, for each school the person votes for, its vote if cast.
            "resolutions": [
                (resolution, [(row, row.votes.get(resolution.pk)) for row in voting])
                for resolution in resolutions_of(meeting=meeting)
            ],
            "present": present_count(meeting=meeting),
            "quorum_source": QUORUM_SOURCE,
            "schools": schools,
            "delegate_forms": {
                row.school.pk: DelegateForm(
                    school=row.school, initial={"person": row.delegate and row.delegate.person}
                )
                for row in schools
                if row.is_head and row.votes_here
            },
            "today": timezone.localdate(),
            "manages": manages,
            "paper_form": paper_form or PaperForm(),
            "resolution_form": resolution_form or ResolutionForm(),
        },
        status=400 if any(form.errors for form in bound) else 200,
    )


@sees(sees_meetings)
def meeting(request: AuthedRequest, pk: int) -> HttpResponse:
    return _meeting_page(request, meeting_for(user=request.user, pk=pk))


@sees(sees_meetings)
def paper(request: AuthedRequest, pk: int, paper: int) -> HttpResponse:
    found = paper_for(user=request.user, meeting_pk=pk, pk=paper)
    content_type = mimetypes.guess_type(found.filename)[0] or "application/octet-stream"
    with found.file.open("rb") as stored:
        return download(stored.read(), filename=found.filename, content_type=content_type)


@sees(manages_meetings)
@require_POST
def paper_add(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = meeting_for(user=request.user, pk=pk)
    form = PaperForm(request.POST, request.FILES)
    if not form.is_valid():
        return _meeting_page(request, meeting, paper_form=form)
    added = services.paper_add(meeting=meeting, by=request.user, **form.cleaned_data)
    messages.success(request, f"Paper added: {added.title}.")
    return redirect("meetings:detail", pk=meeting.pk)


@sees(manages_meetings)
@require_POST
def resolution_add(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = meeting_for(user=request.user, pk=pk)
    form = ResolutionForm(request.POST)
    if not form.is_valid():
        return _meeting_page(request, meeting, resolution_form=form)
    added = services.resolution_add(meeting=meeting, by=request.user, **form.cleaned_data)
    messages.success(request, f"Resolution {added.number} added.")
    return redirect("meetings:detail", pk=meeting.pk)


@sees(manages_meetings)
@require_POST
def voting(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    resolution = resolution_for(user=request.user, pk=pk)
    change = {"open": services.voting_open, "close": services.voting_close}.get(action)
    if change is None:
        raise Http404
    try:
        resolution = change(resolution=resolution, by=request.user)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, f"Resolution {resolution.number}: {_state(resolution)}.")
    return redirect("meetings:detail", pk=resolution.meeting_id)


def _state(resolution: Resolution) -> str:
    if resolution.status != Resolution.Status.CLOSED:
        return resolution.get_status_display().lower()
    return "voting closed, " + ("passed" if resolution.passed else "not passed")


def _school_at(request: AuthedRequest, meeting: Meeting, urn: int) -> SchoolAtMeeting:
    """One of the schools the person heads or is the delegate of; a 404 for any other."""
    for row in schools_at(user=request.user, meeting=meeting):
        if row.school.urn == urn:
            return row
    raise Http404


@sees(sees_meetings)
@require_POST
def vote(request: AuthedRequest, pk: int) -> HttpResponse:
    resolution = resolution_for(user=request.user, pk=pk)
    try:
        urn = int(request.POST.get("school", ""))
    except ValueError:
        raise Http404 from None
    school = _school_at(request, resolution.meeting, urn).school
    try:
        cast = services.vote_cast(
            resolution=resolution,
            school=school,
            choice=request.POST.get("choice", ""),
            by=request.user,
        )
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(
            request,
            f"{school.name}'s vote on resolution {resolution.number} is recorded: "
            f"{cast.get_choice_display().lower()}.",
        )
    return redirect("meetings:detail", pk=resolution.meeting_id)


@sees(sees_meetings)
@require_POST
def delegate(request: AuthedRequest, pk: int, urn: int) -> HttpResponse:
    meeting = meeting_for(user=request.user, pk=pk)
    row = _school_at(request, meeting, urn)
    form = DelegateForm(request.POST, school=row.school)
    if not form.is_valid():
        messages.error(request, "Choose someone at the school to be its delegate.")
        return redirect("meetings:detail", pk=meeting.pk)
    try:
        named = services.delegate_name(
            meeting=meeting, school=row.school, person=form.cleaned_data["person"], by=request.user
        )
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, f"{named.person} votes for {row.school.name} at this meeting.")
    return redirect("meetings:detail", pk=meeting.pk)


@sees(sees_meetings)
@require_POST
def check_in(request: AuthedRequest, pk: int, urn: int) -> HttpResponse:
    meeting = meeting_for(user=request.user, pk=pk)
    school = _school_at(request, meeting, urn).school
    try:
        services.check_in(
            meeting=meeting, school=school, by=request.user, today=timezone.localdate()
        )
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, f"{school.name} is recorded present.")
    return redirect("meetings:detail", pk=meeting.pk)


@sees(manages_meetings)
def attendance(request: AuthedRequest, pk: int) -> HttpResponse:
    """The register: the schools that are members on the meeting's day, a page at a time, found
    by name, URN or phase, to tick who came. Saving a page changes only the schools on it."""
    meeting = meeting_for(user=request.user, pk=pk)
    if request.method == "POST":
        members = {
            row["member__school_id"]
            for row in register_of(meeting=meeting).filter(
                member__school_id__in=_ids(request.POST.getlist("shown"))
                + _ids(request.POST.getlist("present"))
            )
        }
        among = members & set(_ids(request.POST.getlist("shown")))
        ticked = School.objects.filter(pk__in=members & set(_ids(request.POST.getlist("present"))))
        present = services.attendance_record(
            meeting=meeting, schools=ticked, by=request.user, among=among
        )
        messages.success(request, f"Attendance recorded: {present} school{'s' * (present != 1)}.")
        return redirect("meetings:detail", pk=meeting.pk)
    query, phase = request.GET.get("q", "").strip(), request.GET.get("phase", "")
    page = Paginator(register_of(meeting=meeting, query=query, phase=phase), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "meetings/attendance.html",
        {
            "meeting": meeting,
            "page": page,
            "register": register_rows(meeting=meeting, rows=page.object_list),
            "query": query,
            "phase": phase,
            "phases": Phase.choices,
        },
    )


def _ids(values: list[str]) -> list[int]:
    return [int(value) for value in values if value.isdigit()]


def _appointment_form(data=None) -> AppointmentForm:
    return AppointmentForm(data, schools=School.objects.order_by("name"))


@sees(sees_meetings)
def board(request: AuthedRequest) -> HttpResponse:
    return _board_page(request)


def _board_page(request: AuthedRequest, form: AppointmentForm | None = None) -> HttpResponse:
    today = timezone.localdate()
    manages = manages_meetings(request.user)
    return render(
        request,
        "meetings/board.html",
        {
            "board": board_on(user=request.user, day=today),
            "today": today,
            "manages": manages,
            "form": (form or _appointment_form()) if manages else None,
        },
        status=400 if form is not None and form.errors else 200,
    )


@sees(manages_meetings)
@require_POST
def appoint(request: AuthedRequest) -> HttpResponse:
    form = _appointment_form(request.POST)
    if not form.is_valid():
        return _board_page(request, form)
    appointed = services.appointment_record(by=request.user, **form.cleaned_data)
    messages.success(request, f"{appointed} recorded.")
    return redirect("meetings:board")
