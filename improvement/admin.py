from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from improvement.models import Allocation
from improvement.services import allocation_change, allocation_check
from thep.widgets import SafeAutocompleteMixin


class AllocationForm(forms.ModelForm):
    class Meta:
        model = Allocation
        fields = ["school", "consultant", "starts_on"]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data  # what Django's clean returns, typed without its None
        if not self.errors:
            allocation_check(
                school=data["school"], consultant=data["consultant"], on=data["starts_on"]
            )
        return data


@admin.register(Allocation)
class AllocationAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    """Who is each school's LC. A new allocation for a school that has one ends the current one
    the day before, so the history stays; an allocation is never edited or deleted."""

    form = AllocationForm
    list_display = ["school", "consultant", "year", "starts_on", "ends_on"]
    list_filter = ["year", ("ends_on", admin.EmptyFieldListFilter)]
    search_fields = ["school__name", "=school__urn", "consultant__email", "consultant__last_name"]
    autocomplete_fields = ["school"]
    list_select_related = ["school", "consultant"]

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Allocation, form, change: bool) -> None:
        saved = allocation_change(school=obj.school, consultant=obj.consultant, on=obj.starts_on)
        obj.pk, obj.year = saved.pk, saved.year
