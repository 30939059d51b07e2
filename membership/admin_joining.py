"""Schools asking to join, in the admin: the office approves one (choosing the day membership
starts, shown the pro rata fee first) or declines it with a reason (membership.joining)."""

import datetime
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from membership.joining import first_fee, join_request_approve, join_request_decline
from membership.models import JoinRequest, JoinRequestStatus
from thep import years
from thep.access import AuthedRequest

PERMISSIONS = ("membership.change_joinrequest", "membership.add_membership")


class ApproveForm(forms.Form):
    starts_on = forms.DateField(
        label="Membership starts on",
        help_text="The fee is charged for the whole months from this day to 31 August.",
    )

    def clean_starts_on(self) -> datetime.date:
        starts_on = self.cleaned_data["starts_on"]
        if starts_on > timezone.localdate() + datetime.timedelta(days=366):
            raise ValidationError("A membership cannot start more than a year ahead.")
        return starts_on


class DeclineForm(forms.Form):
    reason = forms.CharField(label="Why", max_length=300, widget=forms.Textarea(attrs={"rows": 3}))


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = ["school", "category", "asked_by_name", "asked_at", "status", "decided_at"]
    list_filter = ["status"]
    list_select_related = ["school"]
    search_fields = ["school__name", "=school__urn"]
    readonly_fields = [
        "school", "category", "accepts_aims_and_values", "accepts_guarantee", "accepts_fee",
        "asked_by", "asked_by_name", "asked_at", "status", "decided_by", "decided_at",
        "decline_reason", "joining",
    ]  # fmt: skip
    change_form_template = "admin/membership/joinrequest/change_form.html"

    # Heads ask on the portal; the office decides here. Nothing is added or deleted.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: JoinRequest | None = None) -> bool:
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/approve/", view(self.approve), name="membership_joinrequest_approve"),
            path("<int:pk>/decline/", view(self.decline), name="membership_joinrequest_decline"),
            *super().get_urls(),
        ]

    def _waiting(self, request: HttpRequest, pk: int) -> JoinRequest:
        if not request.user.has_perms(PERMISSIONS):
            raise PermissionDenied
        return get_object_or_404(JoinRequest.objects.select_related("school"), pk=pk)

    def _context(self, request: HttpRequest, **context: Any) -> dict[str, Any]:
        return {**self.admin_site.each_context(request), "opts": self.model._meta, **context}

    def approve(self, request: AuthedRequest, pk: int) -> HttpResponse:
        """A preview of the membership and its pro rata fee for the day chosen, then (confirmed)
        the school joins."""
        join_request = self._waiting(request, pk)
        today = timezone.localdate()
        form = ApproveForm(request.POST or None, initial={"starts_on": today})
        fee, starts_on = None, today
        if request.method == "POST" and form.is_valid():
            starts_on = form.cleaned_data["starts_on"]
            if request.POST.get("confirmed") == "yes":
                try:
                    membership = join_request_approve(
                        join_request=join_request, starts_on=starts_on, by=request.user
                    )
                except ValidationError as refused:
                    form.add_error(None, refused)
                else:
                    self.message_user(
                        request,
                        f"{join_request.school} is a member from "
                        f"{membership.starts_on:%-d %B %Y} ({membership.year_label}).",
                        messages.SUCCESS,
                    )
                    return redirect("admin:membership_joinrequest_changelist")
            fee = first_fee(school=join_request.school, starts_on=starts_on)
        return TemplateResponse(
            request,
            "admin/membership/joinrequest/approve.html",
            self._context(
                request,
                title=f"Approve {join_request.school} joining",
                join_request=join_request,
                form=form,
                fee=fee,
                starts_on=starts_on,
                year_label=years.label(years.year_of(starts_on)),
                waiting=join_request.status == JoinRequestStatus.WAITING,
            ),
        )

    def decline(self, request: AuthedRequest, pk: int) -> HttpResponse:
        join_request = self._waiting(request, pk)
        form = DeclineForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                join_request_decline(
                    join_request=join_request, reason=form.cleaned_data["reason"], by=request.user
                )
            except ValidationError as refused:
                form.add_error(None, refused)
            else:
                self.message_user(request, f"{join_request.school}: declined.", messages.SUCCESS)
                return redirect("admin:membership_joinrequest_changelist")
        return TemplateResponse(
            request,
            "admin/membership/joinrequest/decline.html",
            self._context(
                request, title=f"Decline {join_request.school} joining", join_request=join_request,
                form=form, waiting=join_request.status == JoinRequestStatus.WAITING,
            ),
        )  # fmt: skip
