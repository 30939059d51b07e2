from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone

from commission import inspection_support as support
from commission.inspection_access import (
    assigns_support,
    call_for,
    records_calls,
    school_to_call_for,
    sees_support,
    writes_notes,
)
from commission.inspection_forms import AssignForm, CallForm, NoteForm
from commission.models import InspectionCall
from thep.access import AuthedRequest, sees


@sees(records_calls)
def call_new(request: AuthedRequest, urn: int) -> HttpResponse:
    school = school_to_call_for(user=request.user, urn=urn)
    today = timezone.localdate()
    form = CallForm(request.POST or None, today=today)
    if request.method == "POST" and form.is_valid():
        try:
            call = support.inspection_call_record(
                school=school, by=request.user, today=today, **form.cleaned_data
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            if request.user.is_office:
                messages.success(
                    request,
                    f"Recorded: Ofsted has called {school.name}. The school's LC and the "
                    "director have been emailed.",
                )
                return redirect("membership:school", urn=school.urn)
            messages.success(
                request,
                f"Thank you: THE Partnership knows Ofsted has called {school.name}. Your LC "
                "and the director have been emailed, and will be in touch.",
            )
            return redirect("commission:call", pk=call.pk)
    return render(
        request,
        "commission/call_new.html",
        {"school": school, "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


@sees(assigns_support)
def calls(request: AuthedRequest) -> HttpResponse:
    found = support.calls_for(user=request.user)
    return render(
        request,
        "commission/calls.html",
        {
            "open": found.filter(inspection__isnull=True),
            "linked": found.filter(inspection__isnull=False).order_by("-starts_on")[:20],
        },
    )


def _call_page(
    request: AuthedRequest, call: InspectionCall, *, assign=None, note=None
) -> HttpResponse:
    user = request.user
    if assign is None and assigns_support(user):
        assign = AssignForm(
            initial={
                "meets_lead_inspector": call.meets_lead_inspector_id,
                "attends_feedback": call.attends_feedback_id,
            }
        )
    if note is None and writes_notes(user):
        note = NoteForm()
    return render(
        request,
        "commission/call.html",
        {
            "call": call,
            "notes": call.notes.select_related("author"),
            "assign_form": assign,
            "note_form": note,
        },
        status=400 if (assign and assign.errors) or (note and note.errors) else 200,
    )


@sees(sees_support)
def call(request: AuthedRequest, pk: int) -> HttpResponse:
    return _call_page(request, call_for(user=request.user, pk=pk))


@sees(assigns_support)
def call_assign(request: AuthedRequest, pk: int) -> HttpResponse:
    found = call_for(user=request.user, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = AssignForm(request.POST)
    if form.is_valid():
        try:
            support.inspection_call_assign(call=found, by=request.user, **form.cleaned_data)
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, "The support is assigned.")
            return redirect("commission:call", pk=found.pk)
    return _call_page(request, found, assign=form)


@sees(writes_notes)
def call_note(request: AuthedRequest, pk: int) -> HttpResponse:
    found = call_for(user=request.user, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            support.support_note_add(call=found, by=request.user, text=form.cleaned_data["text"])
        except ValidationError as refused:
            form.add_error("text", refused)
        else:
            messages.success(request, "Note saved.")
            return redirect("commission:call", pk=found.pk)
    return _call_page(request, found, note=form)
