from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from learning.forms import EventCancelForm, TermInvoicesForm
from learning.invoicing import term_invoices_create
from learning.models import Booking, Evaluation, Event, SchoolPolicy, Session
from learning.services import capacity_check, event_cancel, event_capacity_change
from thep.access import AuthedRequest
from thep.templatetags.money import money
from thep.widgets import SafeAutocompleteMixin


class SessionInline(admin.TabularInline):
    model = Session
    extra = 1


class EventAdminForm(forms.ModelForm):
    def clean_capacity(self) -> int:
        """Too few places are refused beside the field, in words, rather than when saving."""
        capacity = self.cleaned_data["capacity"]
        if self.instance.pk:
            capacity_check(event=self.instance, capacity=capacity)
        return capacity


@admin.register(Event)
class EventAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    form = EventAdminForm
    list_display = ["title", "kind", "audience", "phase", "capacity", "places_taken", "published"]
    list_filter = ["kind", "audience", "phase", "published", "members_only", "subject"]
    search_fields = ["title", "description", "facilitator_name", "summary"]
    autocomplete_fields = ["facilitator"]
    readonly_fields = ["places_taken", "cancelled_on", "cancellation_reason"]
    inlines = [SessionInline]
    change_form_template = "admin/learning/event/change_form.html"

    def get_urls(self):
        return [
            path(
                "<int:pk>/cancel-event/",
                self.admin_site.admin_view(self.cancel_event),
                name="learning_event_cancel",
            ),
            *super().get_urls(),
        ]

    def save_model(self, request, obj, form, change) -> None:
        """A new capacity goes through the booking service: it locks the event (until the
        admin's transaction commits, so the save below writes the places taken as they are now)
        and has a worker offer new places to those waiting, in order."""
        if change and "capacity" in form.changed_data:
            locked = event_capacity_change(event=obj, capacity=obj.capacity, by=request.user)
            obj.places_taken = locked.places_taken
        super().save_model(request, obj, form, change)

    def cancel_event(self, request: AuthedRequest, pk: int) -> HttpResponse:
        """Call an event off, with the reason the delegates are told."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        event = get_object_or_404(Event, pk=pk)
        form = EventCancelForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                told = event_cancel(event=event, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(
                    request,
                    f"{event} cancelled; {told} delegates are being told.",
                    messages.SUCCESS,
                )
                return redirect("admin:learning_event_change", pk)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Cancel {event}",
            "form": form,
            "event": event,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/learning/event/cancel.html", context)


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    """Read-only here: places change only through the booking services, which keep the
    waiting list and the event's count of places taken right."""

    list_display = ["delegate_name", "event", "school", "status", "price", "created_at"]
    list_filter = ["status", "event__kind"]
    search_fields = ["delegate_name", "delegate_email", "school__name", "event__title"]
    list_select_related = ["event", "school"]
    change_list_template = "admin/learning/booking/change_list.html"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_urls(self):
        return [
            path(
                "invoice-term/",
                self.admin_site.admin_view(self.invoice_term),
                name="learning_booking_invoice_term",
            ),
            *super().get_urls(),
        ]

    def invoice_term(self, request: HttpRequest) -> HttpResponse:
        """The office makes a term's draft invoices for places, to check and then issue."""
        if not request.user.has_perm("membership.add_invoice"):
            raise PermissionDenied
        form = TermInvoicesForm(request.POST or None, today=timezone.localdate())
        if request.method == "POST" and form.is_valid():
            try:
                invoices = term_invoices_create(**form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                total = sum(invoice.amount for invoice in invoices)
                self.message_user(
                    request,
                    f"{len(invoices)} draft invoices made, {money(total)} in all. Check them, "
                    "then issue them with the action below.",
                    messages.SUCCESS,
                )
                return redirect(
                    reverse("admin:membership_invoice_changelist") + "?kind=places&status=draft"
                )
        context = {
            **self.admin_site.each_context(request),
            "title": "Invoice a term's places",
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/learning/booking/invoice_term.html", context)


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ["booking", "rating", "created_at"]
    list_select_related = ["booking__event"]


@admin.register(SchoolPolicy)
class SchoolPolicyAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    """The office records a school's wish that staff bookings wait for approval."""

    list_display = ["school", "staff_bookings_need_approval"]
    autocomplete_fields = ["school"]
