from django.contrib import admin

from ofsted.models import Inspection, NationalFigures, StrategyMeeting, WindowOverride
from thep.widgets import SafeAutocompleteMixin


@admin.register(Inspection)
class InspectionAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    list_display = ["school", "inspection_type", "start_date", "publication_date", "summary"]
    list_filter = ["inspection_type", "overall_effectiveness", "source"]
    search_fields = ["school__name", "=school__urn"]
    autocomplete_fields = ["school"]
    date_hierarchy = "start_date"


@admin.register(NationalFigures)
class NationalFiguresAdmin(admin.ModelAdmin):
    list_display = [
        "year",
        "phase",
        "outstanding",
        "good",
        "requires_improvement",
        "good_or_better",
    ]
    list_filter = ["year", "phase"]


@admin.register(WindowOverride)
class WindowOverrideAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    list_display = ["school", "due_by", "set_by", "set_at"]
    autocomplete_fields = ["school"]
    readonly_fields = ["set_by", "set_at"]

    def save_model(self, request, obj, form, change) -> None:
        obj.set_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(StrategyMeeting)
class StrategyMeetingAdmin(admin.ModelAdmin):
    list_display = ["school", "proposed_at", "held_on", "reasons"]
    list_filter = ["held_on"]
    search_fields = ["school__name"]
    readonly_fields = ["school", "inspection", "reasons", "proposed_at"]
