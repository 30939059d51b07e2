from typing import Any

from django import forms
from django.contrib import admin

from commission.models import HeadAppointment
from commission.services import appointment_check, appointment_save
from thep.access import AuthedRequest
from thep.models import Role, User
from thep.widgets import SafeAutocompleteMixin

FIELDS = ["school", "interview_on", "attendees", "decision", "reason", "new_head_name", "starts_on"]


class HeadAppointmentForm(forms.ModelForm):
    class Meta:
        model = HeadAppointment
        fields = FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "attendees" in self.fields:
            people = User.objects.filter(role__in=[Role.DIRECTOR, Role.CONSULTANT], is_active=True)
            self.fields["attendees"].queryset = people  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data  # what Django's clean returns, typed without its None
        if not self.errors:
            fields = {name: data[name] for name in FIELDS if name != "attendees"}
            appointment_check(appointment=HeadAppointment(**fields), attendees=data["attendees"])
        return data


@admin.register(HeadAppointment)
class HeadAppointmentAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    """The final interviews for the commission's headships, recorded by the office."""

    form = HeadAppointmentForm
    list_display = ["school", "interview_on", "decision", "new_head_name", "starts_on"]
    list_filter = ["decision"]
    search_fields = ["school__name", "=school__urn", "new_head_name"]
    autocomplete_fields = ["school"]
    filter_horizontal = ["attendees"]
    list_select_related = ["school"]
    date_hierarchy = "interview_on"

    def save_model(self, request: AuthedRequest, obj: HeadAppointment, form, change: bool) -> None:  # type: ignore[override]
        appointment_save(appointment=obj, attendees=form.cleaned_data["attendees"], by=request.user)
