"""Approval of staff bookings: each request's page, where the head or CPD lead approves it or
declines it with a reason (the approval email and the home page link to it), and the page
where they choose whether their staff need approval at all."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from learning import selectors, services
from learning.access import keeps_a_record
from learning.models import SchoolPolicy, Status
from thep.access import AuthedRequest, sees


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label="Why you decline it (the teacher is told)",
        max_length=services.DECLINE_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


@login_required
def decide(request: AuthedRequest, pk: int) -> HttpResponse:
    """A staff member's request: approve it, or decline it with a reason (POST)."""
    booking = selectors.request_for(user=request.user, pk=pk)
    form = DeclineForm(request.POST if request.POST.get("action") == "decline" else None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "approve":
                services.booking_approve(booking=booking, by=request.user)
                messages.success(
                    request,
                    f"Approved: {booking.delegate_name} has a place on {booking.event}. "
                    "They have been sent the confirmation.",
                )
                return redirect("home")
            if form.is_valid():
                services.booking_decline(
                    booking=booking, by=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(
                    request,
                    f"Declined: {booking.delegate_name} is told why, and the place held on "
                    f"{booking.event} is released.",
                )
                return redirect("home")
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
            return redirect("learning:decide", pk=booking.pk)
    decision = getattr(booking, "decision", None)
    return render(
        request,
        "learning/decide.html",
        {
            "booking": booking,
            "decision": decision,
            "open": decision is None and booking.status == Status.REQUESTED,
            "form": form,
        },
    )


class PolicyForm(forms.Form):
    need_approval = forms.TypedChoiceField(
        label="Who needs your approval to book a place",
        choices=[
            ("yes", "All staff: their requests wait for the head or a CPD lead to approve them"),
            ("no", "Nobody: staff book places straight away"),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )


@sees(keeps_a_record)
def policies(request: AuthedRequest) -> HttpResponse:
    """The way in from the home page: the school's policy, or a choice of the schools."""
    schools = list(selectors.schools_managed_by(user=request.user))
    if not schools:
        raise Http404
    if len(schools) == 1:
        return redirect("learning:policy", pk=schools[0].pk)
    return render(request, "learning/policies.html", {"schools": schools})


@login_required
def policy(request: AuthedRequest, pk: int) -> HttpResponse:
    """The head or CPD lead chooses whether their school's staff need approval to book."""
    school = selectors.policy_school_for(user=request.user, pk=pk)
    current = SchoolPolicy.objects.filter(school=school).first()
    needs = bool(current and current.staff_bookings_need_approval)
    form = PolicyForm(request.POST or None, initial={"need_approval": "yes" if needs else "no"})
    if request.method == "POST" and form.is_valid():
        need_approval = form.cleaned_data["need_approval"]
        try:
            services.school_policy_set(school=school, by=request.user, need_approval=need_approval)
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(
                request,
                f"Saved: {'all staff need' if need_approval else 'nobody needs'} approval to "
                f"book at {school}.",
            )
            return redirect("learning:policy", pk=school.pk)
    return render(
        request,
        "learning/policy.html",
        {
            "school": school,
            "form": form,
            "needs": needs,
            "waiting": selectors.bookings_for(user=request.user)
            .filter(school=school, status=Status.REQUESTED)
            .count(),
        },
    )
