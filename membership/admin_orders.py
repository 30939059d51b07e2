"""Admin for orders of packages and services (`Purchase`): the office records an order for a
school, changes or cancels one not yet invoiced, and puts the orders of a year on invoices."""

from typing import Any, cast

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from membership import services
from membership.models import Purchase
from thep import years
from thep.access import AuthedRequest
from thep.templatetags.money import money
from thep.widgets import SafeAutocompleteMixin


class OrderAddForm(forms.ModelForm):
    """An order the office records for a school: priced and checked as a head's order is."""

    class Meta:
        model = Purchase
        fields = ["school", "year", "product", "quantity", "bought_on"]
        help_texts = {
            "year": "The membership year it is for: 2026 is 2026-27.",
            "bought_on": "The member price applies when the school is a member on this day.",
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors:
            services.purchase_quote(
                school=data["school"],
                year=data["year"],
                product=data["product"],
                quantity=data["quantity"],
                on=data["bought_on"],
            )
        return data


class OrderChangeForm(forms.ModelForm):
    class Meta:
        model = Purchase
        fields = ["quantity"]

    def clean_quantity(self) -> int:
        quantity = self.cleaned_data["quantity"]
        services.purchase_quantity_check(product=self.instance.product, quantity=quantity)
        return quantity


class InvoiceOrdersForm(forms.Form):
    year = forms.TypedChoiceField(label="Orders for the membership year", coerce=int)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        this_year = years.current()
        field = cast(forms.TypedChoiceField, self.fields["year"])
        field.choices = [(y, years.label(y)) for y in range(this_year + 1, this_year - 4, -1)]
        field.initial = this_year


@admin.register(Purchase)
class OrderAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    list_display = [
        "school", "year_label", "product", "quantity", "unit_price", "at_member_price",
        "bought_on", "status",
    ]  # fmt: skip
    list_filter = ["year", "kind", "product"]
    search_fields = ["school__name", "=school__urn"]
    list_select_related = ["school", "product", "invoice_line__invoice"]
    autocomplete_fields = ["school"]
    actions = ["cancel"]
    change_list_template = "admin/membership/purchase/change_list.html"

    def get_form(self, request: HttpRequest, obj: Purchase | None = None, change=False, **kwargs):
        kwargs["form"] = OrderChangeForm if obj is not None else OrderAddForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Purchase | None = None):
        if obj is None:
            return OrderAddForm.Meta.fields
        return ["school", "year", "product", "quantity", "unit_price", "at_member_price",
                "bought_on", "recorded_by", "status"]  # fmt: skip

    def get_readonly_fields(self, request: HttpRequest, obj: Purchase | None = None):
        if obj is None:
            return []
        fields = ["school", "year", "product", "unit_price", "at_member_price", "bought_on",
                  "recorded_by", "status"]  # fmt: skip
        return fields if obj.may_change else [*fields, "quantity"]

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        return {"year": years.current(), "bought_on": timezone.localdate(), "quantity": 1}

    def has_change_permission(self, request: HttpRequest, obj: Purchase | None = None) -> bool:
        # An invoiced or cancelled order is shown, never changed.
        if obj is not None and not obj.may_change:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Purchase | None = None) -> bool:
        return False  # orders are cancelled, and kept

    def save_model(self, request: HttpRequest, obj: Purchase, form, change: bool) -> None:
        if change:
            services.purchase_change(order=obj, quantity=obj.quantity)
            return
        order = services.purchase_record(
            school=obj.school,
            year=obj.year,
            product=obj.product,
            quantity=obj.quantity,
            bought_on=obj.bought_on,
            recorded_by=cast(AuthedRequest, request).user,
        )
        obj.pk = order.pk

    @admin.action(description="Cancel the selected orders")
    def cancel(self, request: HttpRequest, queryset: QuerySet[Purchase]) -> TemplateResponse | None:
        """Only the rows ticked; more than one is first shown on a page to confirm."""
        orders = list(queryset.select_related("school", "product", "invoice_line__invoice"))
        if len(orders) > 1 and request.POST.get("confirmed") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "title": "Cancel these orders?",
                "orders": orders,
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
                "opts": self.model._meta,
            }
            return TemplateResponse(
                request, "admin/membership/purchase/cancel_confirm.html", context
            )
        cancelled = 0
        for order in orders:
            try:
                services.purchase_cancel(order=order)
            except ValidationError as error:
                self.message_user(request, f"{order}: {error.messages[0]}", messages.WARNING)
            else:
                cancelled += 1
        self.message_user(
            request, f"{cancelled} order{pluralize(cancelled)} cancelled.", messages.SUCCESS
        )
        return None

    def get_urls(self):
        return [
            path(
                "invoice/",
                self.admin_site.admin_view(self.invoice_orders),
                name="membership_purchase_invoice",
            ),
            *super().get_urls(),
        ]

    def invoice_orders(self, request: HttpRequest) -> HttpResponse:
        """The office's invoice run: the orders of a year not yet invoiced, shown, then put on
        draft invoices to check and issue."""
        if not request.user.has_perm("membership.add_invoice"):
            raise PermissionDenied
        today = timezone.localdate()
        form = InvoiceOrdersForm(request.POST or request.GET or None)
        year = form.cleaned_data["year"] if form.is_valid() else years.current()
        if request.method == "POST" and form.is_valid():
            try:
                invoices = services.orders_invoice(year=year, on=today)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(
                    request,
                    f"Orders for {years.label(year)} put on {len(invoices)} draft "
                    f"invoice{pluralize(len(invoices))}, "
                    f"{money(sum(invoice.amount for invoice in invoices))} in all. Check them, "
                    "then issue them with the action below.",
                    messages.SUCCESS,
                )
                return redirect(reverse("admin:membership_invoice_changelist") + "?status=draft")
        due = list(
            services.orders_due(year=year, on=today)
            .select_related("school", "product")
            .order_by("school__name", "kind", "product__name")
        )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Invoice the orders for {years.label(year)}",
            "form": form,
            "due": due,
            "total": sum(order.total for order in due),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/membership/purchase/invoice_orders.html", context)
