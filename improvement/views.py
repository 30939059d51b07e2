from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import BooleanField, ExpressionWrapper, F, OuterRef
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from improvement import services
from improvement.access import (
    invites_heads,
    schedules_visits,
    sees_allocation_letter,
    sees_good_practice,
    sees_report_openings,
    sees_reports,
    sees_review_group,
    sees_risk,
    sees_visits,
)
from improvement.calendar import (
    calendar_token,
    calendar_token_renew,
    consultant_from_token,
    visits_calendar,
)
from improvement.figures import diagnostic_figures
from improvement.forms import (
    ActionForm,
    AgreementForm,
    AnswerForm,
    CommentForm,
    CorrectionForm,
    DiagnosticForm,
    HeadInviteForm,
    InterventionActionForm,
    InterventionGroupForm,
    InterventionReviewForm,
    OpeningsFilter,
    ReportForm,
    ReviewItemForm,
    ReviewMeetingForm,
    SendBackForm,
    VisitForm,
    VisitTimeForm,
    group_people,
    review_group_people,
)
from improvement.models import (
    REPORT_FIELDS,
    Allocation,
    DiagnosticReview,
    Report,
    ReportStatus,
    RiskArea,
    Step,
    Term,
    Visit,
)
from improvement.pdf import render_letter_pdf, render_report_pdf
from improvement.risk import (
    LEVEL_LABELS,
    NOT_SHARED_LABEL,
    as_the_la_sees,
    risks_for,
    school_risks,
    school_risks_for,
)
from improvement.selectors import (
    allocation_now,
    diagnostic_of,
    directors_reports_to_act_on,
    emerging_themes,
    good_practice_search,
    head_joined,
    head_who_joined,
    intervention_group_for,
    intervention_groups_for,
    openable_reports,
    overdue_reports,
    report_for,
    report_openings_for,
    report_to_record_for,
    review_meeting_for,
    review_meetings_for,
    risk_sharing_of,
    schools_to_visit,
    visit_entitlement,
    visit_for,
    visits_for,
)
from membership.access import school_for
from membership.models import Phase, School
from ofsted.selectors import schools_needing_strategy_meeting
from thep import years
from thep.access import AuthedRequest, sees
from thep.downloads import download
from thep.links import link_to
from thep.models import Role, User
from thep.years import term_of


def _refuse(request: AuthedRequest, refused: ValidationError) -> None:
    messages.error(request, " ".join(refused.messages))


REPORT_STATES = dict(ReportStatus.choices)

# What the director's lists of reports show of each: never its text.
REPORT_LISTED = (
    "status",
    "due_by",
    "visit__date",
    "visit__school__name",
    "visit__consultant__first_name",
    "visit__consultant__last_name",
)


@sees(sees_visits)
def visit_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    year = years.year_of(today)
    # Only what the table shows (`_visit_rows`), as values: each report's state, never its
    # text, which stays in the database. Fifty rows of models of four tables took longer to
    # build than the query took to run.
    listed = (
        visits_for(user=user)
        .filter(year=year)
        .values(
            "pk",
            "date",
            "start_time",
            "focus",
            "school_id",
            school_name=F("school__name"),
            first_name=F("consultant__first_name"),
            last_name=F("consultant__last_name"),
            report_id=F("report__pk"),
            report_status=F("report__status"),
            diagnostic_id=F("diagnostic__pk"),
            diagnostic_draft=F("diagnostic__is_draft"),
            head_joined=head_joined(OuterRef("school_id")),
            overdue=ExpressionWrapper(
                Report.overdue_on(today, via="report__"), output_field=BooleanField()
            ),
        )
    )
    page = Paginator(listed, 50).get_page(request.GET.get("page"))
    visits = list(page.object_list)
    reviewed = set()
    context = {
        "page": page,
        "year_label": years.label(year),
        "show_consultant": not user.is_consultant,
    }
    if user.is_consultant:
        # Only an LC records reviews: which of the schools on this page have theirs already.
        reviewed = set(
            DiagnosticReview.objects.filter(
                year=year, school__in={visit["school_id"] for visit in visits}
            ).values_list("school_id", flat=True)
        )
        context["calendar_url"] = request.build_absolute_uri(
            reverse("improvement:calendar", args=[calendar_token(user)])
        )
    context["visits"] = _visit_rows(
        visits,
        user=user,
        openable=openable_reports(user=user, visits=[visit["pk"] for visit in visits]),
        reviewed=reviewed,
    )
    if user.is_director:
        overdue = overdue_reports(user=user, today=today)
        context["overdue"] = overdue.only(*REPORT_LISTED)[:20]  # the longest-waiting first
        context["overdue_count"] = overdue.count()
        # Reports to accept, and shared ones waiting for the head to join, in one query.
        waiting = list(directors_reports_to_act_on(user=user).only(*REPORT_LISTED, "shared_at"))
        context["to_finalise"] = [r for r in waiting if r.status == ReportStatus.SUBMITTED]
        context["to_join"] = [r for r in waiting if r.status == ReportStatus.SHARED][:20]
    return render(request, "improvement/visits.html", context)


def _diagnostic_link(visit: Mapping[str, Any], *, user: User, school_reviewed: bool) -> str:
    """What the visit's row says of a diagnostic review, for the LC (to record one at an
    autumn visit of a school with none, to continue or correct theirs) and the head (to read
    it, and what the LA sees); "" for none."""
    if visit["diagnostic_id"] is None:
        if user.is_consultant and term_of(visit["date"]) == Term.AUTUMN and not school_reviewed:
            return "Record the diagnostic review"
        return ""
    if user.is_consultant:
        if visit["diagnostic_draft"]:
            return "Continue the diagnostic review"
        return "Diagnostic review"
    if user.is_head and not visit["diagnostic_draft"]:
        return "Diagnostic review, and what the LA sees"
    return ""


def _visit_rows(
    visits: Sequence[Mapping[str, Any]],
    *,
    user: User,
    openable: set[int],
    reviewed: set[int],
) -> list[dict]:
    """What the visits table shows of each visit, worked out here: with fifty rows, looking up
    models' attributes and methods from the template took most of the page's time."""
    report_page = link_to("improvement:report")
    change_page = link_to("improvement:visit_change")
    diagnostic_page = link_to("improvement:diagnostic")
    consultant = user.is_consultant
    rows = []
    for visit in visits:
        day, report_id = visit["date"], visit["report_id"]
        diagnostic = _diagnostic_link(
            visit, user=user, school_reviewed=visit["school_id"] in reviewed
        )
        rows.append(
            {
                "when": f"{day:%a} {day.day} {day:%b %Y}, {visit['start_time']:%H:%M}",
                "school": visit["school_name"],
                "focus": visit["focus"],
                "consultant": f"{visit['first_name']} {visit['last_name']}".strip(),
                "report": "Shared, waiting for the head to join"
                if visit["report_status"] == ReportStatus.SHARED and not visit["head_joined"]
                else REPORT_STATES[visit["report_status"]],
                "report_url": report_page(report_id) if report_id in openable else "",
                "overdue": visit["overdue"],
                "change_url": change_page(visit["pk"])
                if consultant and Visit.changeable_with(visit["report_status"])
                else "",
                "change_label": f"the visit to {visit['school_name']} on {day.day} {day:%B}",
                "diagnostic_url": diagnostic_page(visit["pk"]) if diagnostic else "",
                "diagnostic": diagnostic,
            }
        )
    return rows


@sees(schedules_visits)
def visit_new(request: AuthedRequest) -> HttpResponse:
    schools = schools_to_visit(consultant=request.user, year=years.current())
    form = VisitForm(request.POST or None, schools=schools)
    if request.method == "POST" and form.is_valid():
        try:
            visit = services.visit_schedule(consultant=request.user, **form.cleaned_data)
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(
                request, f"Visit to {visit.school.name} on {visit.date:%-d %B %Y} scheduled."
            )
            return redirect("improvement:visits")
    return render(request, "improvement/visit_new.html", {"form": form}, status=_status(form))


def _visit_to_change(request: AuthedRequest, pk: int) -> Visit:
    """The LC's own visit while it may change; a 404 for anyone or anything else."""
    visit = visit_for(user=request.user, pk=pk)
    if request.user.pk != visit.consultant_id or not visit.is_changeable:
        raise Http404
    return visit


@login_required
def visit_change(request: AuthedRequest, pk: int) -> HttpResponse:
    visit = _visit_to_change(request, pk)
    form = VisitTimeForm(
        request.POST or None,
        initial={
            "date": visit.date,
            "start_time": visit.start_time,
            "minutes": visit.minutes,
            "focus": visit.focus,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.visit_move(visit=visit, by=request.user, **form.cleaned_data)
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(
                request, f"Visit to {visit.school.name} now on {visit.date:%-d %B %Y}."
            )
            return redirect("improvement:visits")
    return render(
        request,
        "improvement/visit_change.html",
        {"form": form, "visit": visit},
        status=_status(form),
    )


@login_required
def visit_cancel(request: AuthedRequest, pk: int) -> HttpResponse:
    visit = _visit_to_change(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    school, date = visit.school.name, visit.date
    try:
        services.visit_cancel(visit=visit, by=request.user)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
        return redirect("improvement:visit_change", pk=pk)
    messages.success(request, f"Visit to {school} on {date:%-d %B %Y} cancelled.")
    return redirect("improvement:visits")


def _status(form) -> int:
    return 400 if form.is_bound and form.errors else 200


@login_required
def report(request: AuthedRequest, pk: int) -> HttpResponse:
    return _report_page(request, report_for(user=request.user, pk=pk))


def _report_page(
    request: AuthedRequest,
    found: Report,
    *,
    bound: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The report with its thread and the forms of the next steps open to this person;
    `bound` is a form refused, shown again with what the person typed."""
    user = request.user
    is_lc, is_head = user.pk == found.visit.consultant_id, user.is_head
    entries = list(found.comments.select_related("author"))
    answers = {entry.answer_to_id: entry for entry in entries if entry.kind == Step.ANSWER}
    owed = [entry for entry in entries if entry.asks and entry.pk not in answers]
    bound = bound or {}
    answering = is_lc and found.awaits_agreement
    offered = {
        "changes": is_head and found.is_shared,
        "send_back": user.is_director and found.is_submitted,
        **{f"answer-{entry.pk}": answering for entry in owed},
    }
    # What a refused form held, when the report has moved on and the form is no longer offered
    # (a second window acted first): shown, so that nothing typed is lost.
    kept = [
        value
        for name, form in bound.items()
        if not offered.get(name)
        for value in [form.data.get("text") or form.data.get("note")]
        if value
    ]
    thread = [(entry, answers.get(entry.pk)) for entry in entries if entry.kind != Step.ANSWER]
    waiting_to_join = found.is_shared and head_who_joined(school=found.visit.school_id) is None
    return render(
        request,
        "improvement/report.html",
        {
            "report": found,
            "fields": _report_fields(found),
            "thread": thread,
            "owed": [
                (entry, bound.get(f"answer-{entry.pk}") or AnswerForm(initial={"entry": entry.pk}))
                for entry in owed
            ]
            if answering
            else [],
            "answer_owed": bool(owed),
            "kept": kept,
            "waiting_to_join": waiting_to_join,
            "changes_form": bound.get("changes") or CommentForm() if offered["changes"] else None,
            "send_back_form": bound.get("send_back") or SendBackForm()
            if offered["send_back"]
            else None,
            "is_lc": is_lc,
            "is_head": is_head,
            "overdue": found.is_overdue(timezone.localdate()),
            "openings": found.openings.select_related("person")[:20] if user.is_director else [],
            "corrections": found.corrections.select_related("by"),
            "diagnostic": DiagnosticReview.objects.filter(visit=found.visit, is_draft=False)
            .prefetch_related("ratings")
            .first(),
        },
        status=status,
    )


def _report_fields(report: Report) -> list[dict]:
    """The template's fields in order; the good practice one with the theme it is filed under."""
    return [
        {
            "label": label,
            "text": getattr(report, name),
            "theme": report.good_practice_theme if name == "good_practice" else "",
        }
        for name, label in REPORT_FIELDS.items()
    ]


@login_required
def report_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """The LC writes the report; after it is final, a director corrects it. A save refused
    because the report changed meanwhile shows the form again with the LC's text in it."""
    # Saves as the LC types are not openings: the audit lists each time the page was opened.
    found = report_for(user=request.user, pk=pk, opening=not _autosaving(request))
    correcting = found.is_locked and request.user.is_director
    is_lc = request.user.pk == found.visit.consultant_id
    # A POST from its LC goes to the service even once the head has agreed: the refusal says
    # what happened, and the form comes back with what they typed.
    if not (correcting or (is_lc and (found.awaits_agreement or request.method == "POST"))):
        messages.error(
            request,
            f"This report is {found.get_status_display().lower()}: it cannot be edited now.",
        )
        return redirect("improvement:report", pk=found.pk)
    form_class = CorrectionForm if correcting else ReportForm
    # The form edits a copy, so the service still sees what the report said before.
    copy = Report.objects.get(pk=found.pk)
    form = form_class(request.POST or None, instance=copy, initial={"version": found.version})
    status = 200
    htmx = _from_htmx(request) and not correcting
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in ReportForm.Meta.fields}
        try:
            if correcting:
                services.report_correct(
                    report=found, by=request.user, fields=fields, reason=form.cleaned_data["reason"]
                )
            else:
                services.report_save(
                    report=found,
                    by=request.user,
                    fields=fields,
                    version=form.cleaned_data["version"],
                )
        except services.ReportChanged as changed:
            if htmx:
                return _not_saved(
                    request,
                    ValidationError(
                        f"{changed.message} What you typed is still in the form: copy it "
                        "before you reload the page."
                    ),
                )
            # The typed text stays; saving again now would knowingly replace the new version.
            data = request.POST.copy()
            data["version"] = str(found.version)
            form = form_class(data, instance=copy)
            form.is_valid()
            form.add_error(None, f"{changed.message} Your text is kept below.")
            status = 409
        except ValidationError as refused:
            if htmx:
                return _not_saved(request, refused)
            form.add_error(None, refused)
        else:
            if htmx and _autosaving(request):
                return _saved(request, version=found.version)
            messages.success(request, "Report saved.")
            return _go(request, reverse("improvement:report", args=[found.pk]))
    if htmx and request.method == "POST":
        return _not_saved(request, ValidationError(_form_errors(form)))
    return render(
        request,
        "improvement/report_edit.html",
        {"report": found, "form": form, "correcting": correcting},
        status=status if status != 200 else _status(form),
    )


def _from_htmx(request: AuthedRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _autosaving(request: AuthedRequest) -> bool:
    """A draft saved as the person types (the form's htmx triggers), not by a button. htmx
    names the element that fired; a save as the person leaves a field for the button may carry
    the button's value too, so the fired element decides, not the values."""
    return _from_htmx(request) and request.headers.get("HX-Trigger-Name") != "save"


def _saved(request: AuthedRequest, *, version: int) -> HttpResponse:
    """The form's status line after a draft was saved, and the version it now edits."""
    return render(
        request,
        "improvement/includes/autosave.html",
        {"saved_at": timezone.localtime(), "version": version},
    )


def _not_saved(request: AuthedRequest, refused: ValidationError) -> HttpResponse:
    """The form's status line saying why nothing was saved; what was typed stays in the form.
    A 200, so that htmx shows it."""
    return render(request, "improvement/includes/autosave.html", {"error": refused.messages})


def _go(request: AuthedRequest, url: str) -> HttpResponse:
    """To another page after a button's save: htmx follows HX-Redirect, a plain form a 302."""
    if _from_htmx(request):
        return HttpResponse(headers={"HX-Redirect": url})
    return redirect(url)


def _form_errors(form) -> list[str]:
    return [
        f"{form[name].label if name in form.fields else ''}: {error}".lstrip(": ")
        for name, errors in form.errors.items()
        for error in errors
    ]


def _shared_message(report: Report) -> str:
    school = report.visit.school
    if head_who_joined(school=school) is not None:
        return "Report shared with the head."
    if school.affiliations.filter(person__role=Role.HEADTEACHER, person__is_active=True).exists():
        return (
            "Report shared, waiting for the head to join: they have been invited to the portal "
            "but have not logged in yet, so they cannot agree it until they do."
        )
    return (
        f"Report shared, waiting for the head to join: {school.name} has no head on the portal "
        "yet, so nobody can agree it there. Invite the head from the school page, or a "
        "director can record an agreement given outside the portal."
    )


def _version(request: AuthedRequest) -> int | None:
    version = request.POST.get("version", "")
    return int(version) if version.isdecimal() else None


ACTIONS = {
    "share": lambda request, report: services.report_share(report=report, by=request.user),
    "agree": lambda request, report: services.report_agree(
        report=report, by=request.user, version=_version(request)
    ),
    "submit": lambda request, report: services.report_submit(report=report, by=request.user),
    "finalise": lambda request, report: services.report_finalise(report=report, by=request.user),
}
DONE = {
    "agree": "Report agreed. Your LC can now submit it.",
    "submit": "Report submitted to the director.",
    "finalise": "Report is final.",
}


@login_required
def report_action(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    found = report_for(user=request.user, pk=pk)
    if action not in ACTIONS:
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        ACTIONS[action](request, found)
    except ValidationError as refused:
        _refuse(request, refused)
    else:
        messages.success(request, _shared_message(found) if action == "share" else DONE[action])
    return redirect("improvement:report", pk=found.pk)


@login_required
def report_comment(request: AuthedRequest, pk: int) -> HttpResponse:
    """The head asks for changes, with her comment."""
    found = report_for(user=request.user, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = CommentForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(list(form.errors["text"]))
        services.report_ask_changes(report=found, by=request.user, text=form.cleaned_data["text"])
    except ValidationError as refused:
        return _refused_on_page(request, found, refused, name="changes", form=form)
    messages.success(request, "Your comments went back to the LC, who will answer them.")
    return redirect("improvement:report", pk=found.pk)


def _refused_on_page(
    request: AuthedRequest, found: Report, refused: ValidationError, *, name: str, form
) -> HttpResponse:
    """The report page again, saying why, with the refused form still holding its text."""
    _refuse(request, refused)
    return _report_page(request, found, bound={name: form}, status=400)


@login_required
def report_answer(request: AuthedRequest, pk: int) -> HttpResponse:
    """The LC answers a comment of the head's or a director's note."""
    found = report_for(user=request.user, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = AnswerForm(request.POST)
    entry = request.POST.get("entry", "")
    try:
        if not form.is_valid():
            raise ValidationError([error for errors in form.errors.values() for error in errors])
        services.report_answer(
            report=found,
            by=request.user,
            entry_id=form.cleaned_data["entry"],
            text=form.cleaned_data["text"],
        )
    except ValidationError as refused:
        return _refused_on_page(request, found, refused, name=f"answer-{entry}", form=form)
    messages.success(request, "Answer added.")
    return redirect("improvement:report", pk=found.pk)


@login_required
def report_send_back(request: AuthedRequest, pk: int) -> HttpResponse:
    """A director sends a submitted report back to its LC with a note."""
    found = report_for(user=request.user, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = SendBackForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(list(form.errors["note"]))
        services.report_send_back(report=found, by=request.user, note=form.cleaned_data["note"])
    except ValidationError as refused:
        return _refused_on_page(request, found, refused, name="send_back", form=form)
    # Back with its LC, the report is no longer the director's to open.
    messages.success(
        request, f"Report sent back to {found.visit.consultant.get_full_name()} with your note."
    )
    return redirect("improvement:visits")


@sees(lambda user: user.is_director)
def report_agreement(request: AuthedRequest, pk: int) -> HttpResponse:
    """A director records the head's agreement given outside the portal. The page shows the
    report's school, visit and LC, never its text."""
    found = report_to_record_for(user=request.user, pk=pk)
    school = found.visit.school
    form = AgreementForm(request.POST or None, initial={"agreed_by": school.head_name})
    if request.method == "POST" and form.is_valid():
        try:
            services.report_record_agreement(report=found, by=request.user, **form.cleaned_data)
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(
                request,
                f"Agreement recorded: the report of the visit to {school.name} is agreed, and "
                f"{found.visit.consultant.get_full_name()} can submit it.",
            )
            return redirect("improvement:visits")
    return render(
        request,
        "improvement/report_agreement.html",
        {
            "report": found,
            "form": form,
            "waiting_to_join": head_who_joined(school=school) is None,
        },
        status=_status(form),
    )


@sees(invites_heads)
def head_invite(request: AuthedRequest, urn: int) -> HttpResponse:
    """The school's LC or the office invites the school's head to the portal."""
    school = school_for(user=request.user, urn=urn)
    first, _, last = school.head_name.partition(" ")
    form = HeadInviteForm(request.POST or None, initial={"first_name": first, "last_name": last})
    if request.method == "POST" and form.is_valid():
        try:
            person = services.head_invite(school=school, by=request.user, **form.cleaned_data)
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(
                request,
                f"Invitation sent to {person.email}. Reports shared with {school.name} wait "
                "for them to join.",
            )
            return redirect("membership:school", urn=school.urn)
    invited = school.affiliations.filter(
        person__role=Role.HEADTEACHER, person__is_active=True
    ).select_related("person")
    return render(
        request,
        "improvement/head_invite.html",
        {
            "school": school,
            "form": form,
            "joined": head_who_joined(school=school),
            "invited": [affiliation.person for affiliation in invited],
        },
        status=_status(form),
    )


@login_required
def diagnostic(request: AuthedRequest, pk: int) -> HttpResponse:
    """The LC records the autumn diagnostic review, saved as a draft as they type and
    corrected until the report is shared; the head reads it and, for an academy, agrees or
    not to share its risk rating with the LA. Both are told what the LA sees."""
    visit = visit_for(user=request.user, pk=pk)
    if request.user.is_head:
        return _diagnostic_for_head(request, visit)
    if request.user.pk != visit.consultant_id:
        raise Http404
    review = diagnostic_of(visit=visit)
    form = DiagnosticForm(request.POST or None, review=review)
    recording = request.POST.get("save", "record") == "record"
    if request.method == "POST":
        try:
            if not form.is_valid():
                raise ValidationError(_form_errors(form))
            review = services.diagnostic_save(
                visit=visit,
                by=request.user,
                ratings=form.ratings(),
                priorities=form.cleaned_data["priorities"],
                later_visits=form.cleaned_data["later_visits"],
                version=form.cleaned_data["version"],
                record=recording and not _autosaving(request),
            )
        except ValidationError as refused:
            if _from_htmx(request):
                return _not_saved(request, refused)
            form.add_error(None, refused)
        else:
            if _autosaving(request):
                return _saved(request, version=review.version)
            if review.is_draft:
                messages.success(request, "Draft of the diagnostic review saved.")
                return _go(request, reverse("improvement:diagnostic", args=[visit.pk]))
            messages.success(request, "Diagnostic review recorded.")
            return _go(request, reverse("improvement:visits"))
    return render(
        request,
        "improvement/diagnostic.html",
        {
            "visit": visit,
            "form": form,
            "review": review,
            "changeable": review is None or review.is_draft or visit.diagnostic_correctable,
            **_what_the_la_sees(request, visit.school),
            **_figures_beside(request, visit.school, form),
        },
        status=_status(form),
    )


def _figures_beside(request: AuthedRequest, school: School, form: DiagnosticForm) -> dict:
    """The school's published figures of the last three years, beside the risk areas they
    bear on (read-only)."""
    figures = diagnostic_figures(user=request.user, school=school)
    return {
        "figures": figures,
        "area_rows": [
            (label, rating, note, figures.by_area.get(area, []))
            for area, (label, rating, note) in zip(RiskArea.values, form.area_rows(), strict=True)
        ],
    }


def _diagnostic_for_head(request: AuthedRequest, visit: Visit) -> HttpResponse:
    """The recorded review of the head's school, and the agreement to share its risk rating
    with the LA, which the head of an academy gives or withdraws here."""
    school = visit.school
    if request.method == "POST":
        try:
            if request.POST.get("la_sharing") == "give":
                services.risk_sharing_give(school=school, by=request.user)
                messages.success(
                    request,
                    "Agreed: the LA now sees the risk level and the areas rated red or amber.",
                )
            elif request.POST.get("la_sharing") == "withdraw":
                services.risk_sharing_withdraw(school=school, by=request.user)
                messages.success(request, "Withdrawn: the LA now sees public data only.")
            else:
                raise ValidationError("Choose whether to share the risk rating with the LA.")
        except ValidationError as refused:
            _refuse(request, refused)
        return redirect("improvement:diagnostic", pk=visit.pk)
    review = diagnostic_of(visit=visit)
    return render(
        request,
        "improvement/diagnostic.html",
        {
            "visit": visit,
            "review": review if review is not None and not review.is_draft else None,
            **_what_the_la_sees(request, school),
        },
    )


def _what_the_la_sees(request: AuthedRequest, school: School) -> dict[str, Any]:
    """What the LA sees of the school's risk now, and the head's agreement to share it."""
    (risk,) = as_the_la_sees(
        school_risks(schools=School.objects.filter(pk=school.pk), today=timezone.localdate())
    )
    return {
        "la_risk": risk,
        "sharing": risk_sharing_of(school=school),
        "is_academy": school.is_academy,
    }


def calendar(request: HttpRequest, token: str) -> HttpResponse:
    """The LC's visits as an ICS feed that calendar apps fetch without logging in: the secret
    token in the address stands for the login."""
    consultant = consultant_from_token(token)
    return download(
        visits_calendar(consultant), filename="thep-visits.ics", content_type="text/calendar"
    )


@sees(schedules_visits)
def calendar_renew(request: AuthedRequest) -> HttpResponse:
    """The LC makes a new feed address, as when the old one was shared by mistake."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    calendar_token_renew(request.user)
    messages.success(
        request,
        "Your calendar feed has a new address: the old one no longer works. Add the new one "
        "to your calendar app.",
    )
    return redirect("improvement:visits")


def _letter_allocation(request: AuthedRequest, urn: int) -> Allocation:
    """The school's current allocation, if it has one; a 404 otherwise."""
    school = school_for(user=request.user, urn=urn)
    allocation = allocation_now(school=school, on=timezone.localdate())
    if allocation is None:
        raise Http404
    return allocation


@sees(sees_allocation_letter)
def letter(request: AuthedRequest, urn: int) -> HttpResponse:
    allocation = _letter_allocation(request, urn)
    today = timezone.localdate()
    return render(
        request,
        "improvement/letter.html",
        {
            "allocation": allocation,
            "entitlement": visit_entitlement(
                school=allocation.school, year=allocation.year, today=today
            ),
        },
    )


@sees(sees_allocation_letter)
def letter_pdf(request: AuthedRequest, urn: int) -> HttpResponse:
    allocation = _letter_allocation(request, urn)
    return download(
        render_letter_pdf(allocation),
        filename=f"lc-letter-{allocation.school.urn}.pdf",
        content_type="application/pdf",
    )


@sees(sees_good_practice)
def good_practice(request: AuthedRequest) -> HttpResponse:
    """The directory, twenty-five entries a page: the search finds any of them."""
    query = request.GET.get("q", "")
    entries = good_practice_search(user=request.user, query=query).only(
        "theme", "description", "published_on", "school__name"
    )
    page = Paginator(entries, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "improvement/good_practice.html",
        {"entries": page.object_list, "page": page, "query": query},
    )


PHASES = dict(Phase.choices)


@sees(sees_risk)
def risk_register(request: AuthedRequest) -> HttpResponse:
    level = request.GET.get("level", "")
    page = Paginator(risks_for(user=request.user, level=level), 100).get_page(
        request.GET.get("page")
    )
    school_page = link_to("membership:school")
    rows = [
        {
            "name": row["name"],
            "url": school_page(row["urn"]),
            "phase": PHASES[row["phase"]],
            "level": row["risk"],
            "level_label": LEVEL_LABELS.get(row["risk"], NOT_SHARED_LABEL),
            "reasons": row["why"],
        }
        for row in page.object_list
    ]
    return render(
        request,
        "improvement/risk.html",
        {"risks": rows, "page": page, "level": level, "for_la": request.user.is_la_officer},
    )


@sees(sees_review_group)
def review_meetings(request: AuthedRequest) -> HttpResponse:
    form = ReviewMeetingForm(request.POST or None) if request.user.is_director else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            meeting = services.review_meeting_create(by=request.user, **form.cleaned_data)
            return redirect("improvement:review_meeting", pk=meeting.pk)
    return render(
        request,
        "improvement/review_meetings.html",
        {"meetings": review_meetings_for(user=request.user), "form": form},
        status=_status(form) if form else 200,
    )


@login_required
def review_meeting(request: AuthedRequest, pk: int) -> HttpResponse:
    """The meeting's papers; directors add schools, and set who sees to each school's actions,
    by when, and whether they are done."""
    meeting = review_meeting_for(user=request.user, pk=pk)
    director, today = request.user.is_director, timezone.localdate()
    posted = request.POST if request.method == "POST" else None
    if posted is not None and not director:
        raise Http404
    changing = (
        posted.get("action_id", "") if posted is not None and posted.get("form") == "change" else ""
    )
    items = list(meeting.items.select_related("school", "owner"))
    form = ReviewItemForm(None if changing else posted) if director else None
    people = list(review_group_people()) if director else []
    action_forms = {
        str(item.pk): ActionForm(
            posted if changing == str(item.pk) else None,
            owners=people,
            prefix=f"action-{item.pk}",
            initial={"owner": item.owner_id, "due_on": item.due_on, "status": item.status},
        )
        for item in items
        if director
    }
    if changing and changing not in action_forms:
        raise Http404
    bound = action_forms[changing] if changing else form
    if bound is not None and bound.is_bound and bound.is_valid():
        try:
            if changing:
                services.action_update(
                    action=next(item for item in items if str(item.pk) == changing),
                    on=today,
                    by=request.user,
                    **bound.cleaned_data,
                )
            else:
                services.review_item_add(meeting=meeting, by=request.user, **bound.cleaned_data)
        except ValidationError as refused:
            bound.add_error(None, refused)
        else:
            if changing:
                messages.success(request, "Action updated.")
            return redirect("improvement:review_meeting", pk=meeting.pk)
    risks = {
        risk.school.pk: risk
        for risk in school_risks_for(
            user=request.user,
            schools=School.objects.filter(pk__in=[item.school_id for item in items]),
            today=meeting.held_on,
        )
    }
    return render(
        request,
        "improvement/review_meeting.html",
        {
            "meeting": meeting,
            "items": [
                (item, risks[item.school_id], action_forms.get(str(item.pk)), item.is_late(today))
                for item in items
            ],
            "form": form,
        },
        status=_status(bound) if bound else 200,
    )


@login_required
def intervention_groups(request: AuthedRequest) -> HttpResponse:
    groups = intervention_groups_for(user=request.user)
    if not request.user.is_director and not groups.exists():
        raise Http404
    form = InterventionGroupForm(request.POST or None) if request.user.is_director else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                group = services.intervention_group_start(by=request.user, **form.cleaned_data)
            except ValidationError as refused:
                form.add_error(None, refused)
            else:
                return redirect("improvement:intervention_group", pk=group.pk)
    return render(
        request,
        "improvement/intervention_groups.html",
        {
            "groups": groups,
            "form": form,
            "waiting": schools_needing_strategy_meeting() if request.user.is_director else [],
        },
        status=_status(form) if form else 200,
    )


INTERVENTION_FORMS = {"action": InterventionActionForm, "review": InterventionReviewForm}


@login_required
def intervention_group(request: AuthedRequest, pk: int) -> HttpResponse:
    group = intervention_group_for(user=request.user, pk=pk)
    user = request.user
    bound = request.POST.get("form") if request.method == "POST" else None
    if bound and not user.is_director:
        raise Http404
    people = list(group_people(group))
    forms = {
        "action": InterventionActionForm(
            request.POST if bound == "action" else None, prefix="action", owners=group_people(group)
        ),
        "review": InterventionReviewForm(
            request.POST if bound == "review" else None, prefix="review"
        ),
    }
    if bound:
        try:
            if bound in ("done", "change"):
                action_id = request.POST.get("action_id", "")
                if not action_id.isdecimal():
                    raise ValidationError("Choose an action.")
                action = get_object_or_404(group.actions, pk=int(action_id))
                if bound == "done":
                    services.intervention_action_done(
                        action=action, on=timezone.localdate(), by=user
                    )
                else:
                    change = ActionForm(request.POST, prefix=f"action-{action.pk}", owners=people)
                    if not change.is_valid():
                        raise ValidationError("Choose who sees to it, a due date and a status.")
                    services.action_update(
                        action=action, on=timezone.localdate(), by=user, **change.cleaned_data
                    )
            elif bound == "close":
                services.intervention_group_close(group=group, on=timezone.localdate(), by=user)
            elif bound in forms and forms[bound].is_valid():
                data = forms[bound].cleaned_data
                if bound == "action":
                    services.intervention_action_add(group=group, by=user, **data)
                else:
                    services.intervention_review_add(group=group, by=user, **data)
            else:
                raise ValidationError("Please correct the errors below.")
        except ValidationError as refused:
            _refuse(request, refused)
        else:
            return redirect("improvement:intervention_group", pk=group.pk)
    actions, today = list(group.actions.select_related("owner")), timezone.localdate()
    return render(
        request,
        "improvement/intervention_group.html",
        {
            "group": group,
            "forms": forms,
            "actions": [
                (
                    action,
                    ActionForm(
                        prefix=f"action-{action.pk}",
                        owners=people,
                        initial={
                            "owner": action.owner_id,
                            "due_on": action.due_on,
                            "status": action.status,
                        },
                    )
                    if user.is_director and not group.closed_on
                    else None,
                    action.is_late(today),
                )
                for action in actions
            ],
        },
        status=400 if bound else 200,
    )


@login_required
def themes(request: AuthedRequest) -> HttpResponse:
    year = years.current()
    try:
        year = years.parse(request.GET["year"]) if request.GET.get("year") else year
    except ValueError as bad:
        messages.error(request, str(bad))
    phase = request.GET.get("phase", "")
    phase = phase if phase in Phase.values else ""
    return render(
        request,
        "improvement/themes.html",
        {
            "rows": emerging_themes(user=request.user, year=year, phase=phase),
            "year_label": years.label(year),
            "phase": phase,
            "phases": Phase.choices,
            "terms": Term.choices,
        },
    )


@sees(sees_reports)
def report_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    """The report in THEP's template, for governors and the file; recorded as an opening."""
    found = report_for(user=request.user, pk=pk)
    visit = found.visit
    return download(
        render_report_pdf(found),
        filename=f"visit-report-{visit.school.urn}-{visit.date:%Y-%m-%d}.pdf",
        content_type="application/pdf",
    )


@sees(sees_report_openings)
def report_openings(request: AuthedRequest) -> HttpResponse:
    """Who opened which report and when, filtered by school, person and days. Filters that do
    not make sense are said so, and the list shown unfiltered."""
    form = OpeningsFilter(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    openings = report_openings_for(user=request.user, **filters)
    # The page's fifty are found by id alone (a deep page walks the index of times, not the
    # joins), then read with their report, visit, school and person.
    page = Paginator(openings.values_list("pk", flat=True), 50).get_page(request.GET.get("page"))
    rows = list(
        openings.filter(pk__in=page.object_list).values(
            "at",
            "report_id",
            "report__status",
            "report__visit_id",
            "report__visit__date",
            "report__visit__school__name",
            "person_id",
        )
    )
    return render(
        request,
        "improvement/report_openings.html",
        {"form": form, "page": page, "openings": _opening_rows(rows, user=request.user)},
        status=_status(form),
    )


def _opening_rows(openings: Sequence[Mapping[str, Any]], *, user: User) -> list[dict]:
    """What the openings table shows of each, worked out here: fifty rows of dates, names and
    links took most of the page's time in the template."""
    people = User.objects.only("first_name", "last_name", "email", "role", "director_kind").in_bulk(
        {opening["person_id"] for opening in openings}
    )
    who = {
        pk: f"{person.get_full_name() or person.email} ({person.role_label})"
        for pk, person in people.items()
    }
    emails = {pk: person.email for pk, person in people.items()}
    openable = openable_reports(user=user, visits=[one["report__visit_id"] for one in openings])
    report_page = link_to("improvement:report")
    rows = []
    for opening in openings:
        at, day = timezone.localtime(opening["at"]), opening["report__visit__date"]
        report_id = opening["report_id"]
        rows.append(
            {
                "when": f"{at.day} {at:%b %Y %H:%M}",
                "who": who[opening["person_id"]],
                "email": emails[opening["person_id"]],
                "school": opening["report__visit__school__name"],
                "visit_on": f"{day.day} {day:%B %Y}",
                "report_url": report_page(report_id) if report_id in openable else "",
                "status": REPORT_STATES[opening["report__status"]].lower(),
            }
        )
    return rows
