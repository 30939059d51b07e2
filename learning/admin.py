from django.contrib import admin

from learning.models import Booking, Evaluation, Event, SchoolPolicy, Session


class SessionInline(admin.TabularInline):
    model = Session
    extra = 1


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "audience", "phase", "capacity", "places_taken", "published"]
    list_filter = ["kind", "audience", "phase", "published", "members_only"]
    search_fields = ["title", "description", "facilitator_name"]
    autocomplete_fields = ["facilitator"]
    readonly_fields = ["places_taken"]
    inlines = [SessionInline]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    """Read-only here: places change only through the booking services, which keep the
    waiting list and the event's count of places taken right."""

    list_display = ["delegate_name", "event", "school", "status", "price", "created_at"]
    list_filter = ["status", "event__kind"]
    search_fields = ["delegate_name", "delegate_email", "school__name", "event__title"]
    list_select_related = ["event", "school"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ["booking", "rating", "created_at"]
    list_select_related = ["booking__event"]


@admin.register(SchoolPolicy)
class SchoolPolicyAdmin(admin.ModelAdmin):
    """The office records a school's wish that staff bookings wait for approval."""

    list_display = ["school", "staff_bookings_need_approval"]
    autocomplete_fields = ["school"]
