from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest

from coaching.models import Allocation, SessionStatus
from coaching.services import allocation_check, coach_allocate
from thep.access import AuthedRequest


class AllocationForm(forms.ModelForm):
    class Meta:
        model = Allocation
        fields = ["coach", "head", "school", "year"]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data  # what Django's clean returns, typed without its None
        if not self.errors:
            allocation_check(
                coach=data["coach"], head=data["head"], school=data["school"], year=data["year"]
            )
        return data


@admin.register(Allocation)
class AllocationAdmin(admin.ModelAdmin):
    """Which coach each head has, a year at a time. Only dates are kept of the sessions, and
    not shown here: the office sees how many were held, never anything said in them."""

    form = AllocationForm
    list_display = ["school", "head", "coach", "year", "sessions_held"]
    list_filter = ["year"]
    search_fields = ["school__name", "=school__urn", "head__email", "coach__email"]
    autocomplete_fields = ["school"]
    list_select_related = ["school", "head", "coach"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Allocation]:
        return (
            super()
            .get_queryset(request)
            .annotate(held=Count("sessions", filter=Q(sessions__status=SessionStatus.HELD)))
        )

    @admin.display(description="sessions held", ordering="held")
    def sessions_held(self, allocation: Allocation) -> int:
        return allocation.held  # type: ignore[attr-defined]

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        # Allocated once; a wrong one with no sessions is deleted and made again.
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        has_sessions = obj is not None and obj.sessions.exists()
        return not has_sessions and super().has_delete_permission(request, obj)

    def save_model(self, request: AuthedRequest, obj: Allocation, form, change: bool) -> None:  # type: ignore[override]
        saved = coach_allocate(
            coach=obj.coach, head=obj.head, school=obj.school, year=obj.year, by=request.user
        )
        obj.pk = saved.pk
