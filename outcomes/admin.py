from typing import Any

from django import forms
from django.contrib import admin

from membership.admin_newyear import YearField
from outcomes.imports import KINDS
from outcomes.models import Figure
from thep import years
from thep.import_jobs import ImportUploadForm
from thep.widgets import SafeAutocompleteMixin


class PerformanceUploadForm(ImportUploadForm):
    """The performance data import's upload form (thep.importing.IMPORTERS["performance"])."""

    file = forms.FileField(
        label="DfE file (CSV)",
        help_text="As downloaded from 'Compare school and college performance' "
        "(england_ks2final.csv, england_ks4final.csv, england_ks5final.csv, england_abs.csv) "
        "or, for suspensions and exclusions, the school-level file from Explore Education "
        "Statistics.",
    )
    kind = forms.ChoiceField(label="Kind of file", choices=KINDS)
    year = YearField(
        label="Academic year of the results",
        help_text="Like 2024-25: the year the pupils sat the tests, or were absent or excluded.",
    )

    provisional = forms.BooleanField(
        label="Provisional figures",
        required=False,
        help_text="Tick for the DfE's provisional release (same layout as the final file): its "
        "figures are shown marked provisional until the final file for the year replaces them. "
        "It never replaces a final figure.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = years.label(years.current() - 1)

    def options(self) -> dict[str, Any]:
        return {
            "kind": self.cleaned_data["kind"],
            "year": self.cleaned_data["year"],
            "provisional": self.cleaned_data["provisional"],
        }


@admin.register(Figure)
class FigureAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    list_display = ["__str__", "area", "school", "la_code"]
    list_filter = ["year", "measure", "group", "area", "provisional"]
    search_fields = ["school__name", "=school__urn"]
    autocomplete_fields = ["school"]
