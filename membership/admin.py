from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path

from membership import admin_memberships  # noqa: F401  (registers the membership admin)
from membership.gias import gias_import
from membership.models import TOWER_HAMLETS, School
from thep.csvfiles import ImportRefused
from thep.widgets import SafeAutocompleteMixin


class GiasUploadForm(forms.Form):
    file = forms.FileField(
        label="GIAS file (edubasealldata….csv)",
        help_text="The establishment download from Get Information about Schools, as CSV.",
    )
    la_codes = forms.CharField(
        label="Local authority codes",
        initial=str(TOWER_HAMLETS),
        help_text="Separated by commas. Schools already in the register are always updated.",
    )

    def clean_la_codes(self) -> list[int]:
        parts = [part.strip() for part in self.cleaned_data["la_codes"].split(",") if part.strip()]
        if not parts or not all(part.isdigit() for part in parts):
            raise forms.ValidationError("Write local authority codes as numbers, like 211, 202.")
        return [int(part) for part in parts]


@admin.register(School)
class SchoolAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    list_display = ["name", "urn", "phase", "school_type", "la_code", "is_open", "pupils"]
    list_filter = ["phase", "school_type", "is_open", "la_code"]
    search_fields = ["name", "=urn", "laestab", "head_name", "postcode"]
    list_per_page = 100
    autocomplete_fields = ["predecessor"]
    change_list_template = "admin/membership/school/change_list.html"

    def get_urls(self):
        return [
            path(
                "import-gias/",
                self.admin_site.admin_view(self.import_gias),
                name="membership_school_import_gias",
            ),
            *super().get_urls(),
        ]

    def import_gias(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request) or not self.has_change_permission(request):
            raise PermissionDenied
        form = GiasUploadForm(request.POST or None, request.FILES or None)
        errors: list[str] = []
        if request.method == "POST" and form.is_valid():
            try:
                result = gias_import(
                    source=form.cleaned_data["file"], la_codes=form.cleaned_data["la_codes"]
                )
            except ImportRefused as refused:
                errors = [str(error) for error in refused.errors[:50]]
                if len(refused.errors) > 50:
                    errors.append(f"... and {len(refused.errors) - 50} more problems")
            else:
                self.message_user(request, f"GIAS file imported: {result}.", messages.SUCCESS)
                return redirect("admin:membership_school_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": "Import schools from a GIAS file",
            "form": form,
            "errors": errors,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/membership/school/import_gias.html", context)
