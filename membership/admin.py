from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from membership import (  # noqa: F401  (register the membership and order admins)
    admin_memberships,
    admin_orders,
)
from membership.models import TOWER_HAMLETS, School
from thep.import_jobs import ImportUploadForm, may_run
from thep.widgets import SafeAutocompleteMixin


class GiasUploadForm(ImportUploadForm):
    """The GIAS import's upload form (thep.importing.IMPORTERS["gias"])."""

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

    def options(self) -> dict[str, Any]:
        return {"la_codes": self.cleaned_data["la_codes"]}


@admin.register(School)
class SchoolAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    list_display = ["name", "urn", "phase", "school_type", "la_code", "is_open", "pupils"]
    list_filter = ["phase", "school_type", "is_open", "la_code"]
    search_fields = ["name", "=urn", "laestab", "head_name", "postcode"]
    list_per_page = 100
    autocomplete_fields = ["predecessor"]
    change_list_template = "admin/membership/school/change_list.html"

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None):
        # GIAS files are imported as background jobs (thep.import_jobs), once registered.
        context = {**(extra_context or {}), "gias_import": may_run(request.user, "gias")}
        return super().changelist_view(request, context)
