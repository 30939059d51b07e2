"""Admin for invoices, credit notes, payments, THEP's invoice settings and the aged debt."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from membership import services
from membership.models import (
    CreditNote,
    Invoice,
    InvoiceLine,
    InvoiceReminder,
    InvoiceSettings,
    InvoiceStatus,
    Payment,
    PaymentMethod,
)
from membership.selectors import AGE_BANDS, aged_debt
from thep.access import AuthedRequest
from thep.downloads import csv_download
from thep.templatetags.money import money


class InvoiceLineInline(admin.TabularInline):
    model = InvoiceLine
    readonly_fields = ("description", "amount")
    fields = readonly_fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class PaymentInline(admin.TabularInline):
    """Payments are listed here and recorded with "Record a payment", which checks them."""

    model = Payment
    fields = readonly_fields = ("received_on", "amount", "method", "reference", "recorded_by")
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class PaymentForm(forms.Form):
    received_on = forms.DateField(
        label="Date received", help_text="As on the bank statement, like 25/10/2026."
    )
    amount = forms.DecimalField(label="Amount (£)", max_digits=10, decimal_places=2)
    method = forms.ChoiceField(label="Paid by", choices=PaymentMethod.choices)
    reference = forms.CharField(
        label="Reference",
        max_length=100,
        required=False,
        help_text="The bank reference, cheque number or card receipt.",
    )


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    list_display = [
        "__str__", "member", "what", "amount", "paid_so_far", "balance_due", "status",
        "issued_on", "due_on", "purchase_order",
    ]  # fmt: skip
    list_filter = ["status", "kind", "year"]
    search_fields = ["member__school__name", "member__name", "=number", "purchase_order"]
    list_select_related = ["member__school"]
    readonly_fields = [
        *(f.name for f in Invoice._meta.fields if f.name != "purchase_order"),
        "paid_so_far",
        "balance_due",
    ]
    inlines = [InvoiceLineInline, PaymentInline]
    actions = ["issue", "cancel", "delete_drafts"]
    change_list_template = "admin/membership/invoice/change_list.html"
    change_form_template = "admin/membership/invoice/change_form.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Invoice]:
        return super().get_queryset(request).prefetch_related("payments")

    @admin.display(description="paid so far")
    def paid_so_far(self, invoice: Invoice) -> str:
        return money(invoice.paid)

    @admin.display(description="balance due")
    def balance_due(self, invoice: Invoice) -> str:
        return money(invoice.balance)

    def get_readonly_fields(self, request: HttpRequest, obj: Invoice | None = None) -> list[str]:
        # The purchase order number may be given (by the school, or the office for it) until
        # the invoice is issued; nothing on an issued invoice changes.
        if obj is not None and obj.status == InvoiceStatus.DRAFT:
            return list(self.readonly_fields)
        return [*self.readonly_fields, "purchase_order"]

    def has_change_permission(self, request: HttpRequest, obj: Invoice | None = None) -> bool:
        # An issued invoice is shown, never saved: it is paid or cancelled by the actions.
        if obj is not None and obj.status != InvoiceStatus.DRAFT:
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj: Invoice, form, change: bool) -> None:
        if "purchase_order" in form.changed_data:
            services.invoice_purchase_order_set(invoice=obj, purchase_order=obj.purchase_order)

    def has_add_permission(self, request) -> bool:
        return False

    def get_actions(self, request: HttpRequest) -> dict:
        # Django's own delete would take issued invoices with the drafts; ours refuses them.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def delete_view(self, request: HttpRequest, object_id: str, extra_context=None):
        invoice = self.get_object(request, object_id)
        if invoice is not None and invoice.status != InvoiceStatus.DRAFT:
            self.message_user(
                request,
                f"Invoice {invoice.reference} has been issued and cannot be deleted; cancel it "
                "with a credit note instead.",
                messages.ERROR,
            )
            return redirect("admin:membership_invoice_change", invoice.pk)
        return super().delete_view(request, object_id, extra_context)

    def get_deleted_objects(self, objs, request: HttpRequest):
        # A draft's lines are pointed at by what they charge (bookings' places), protected so
        # that nothing charged is lost; deleting the draft lets go of them (invoice_delete),
        # so they are not in the way here.
        deleted, counts, perms_needed, _protected = super().get_deleted_objects(objs, request)
        let_go = {
            str(rel.related_model._meta.verbose_name) for rel in InvoiceLine._meta.related_objects
        }
        return deleted, counts, perms_needed - let_go, []

    def delete_model(self, request: HttpRequest, obj: Invoice) -> None:
        services.invoice_delete(invoice=obj)

    def get_urls(self):
        return [
            path(
                "export-finance-csv/",
                self.admin_site.admin_view(self.export_finance_csv),
                name="membership_invoice_finance_csv",
            ),
            path(
                "export-payments-csv/",
                self.admin_site.admin_view(self.export_payments_csv),
                name="membership_invoice_payments_csv",
            ),
            path(
                "aged-debt/",
                self.admin_site.admin_view(self.aged_debt_view),
                name="membership_invoice_aged_debt",
            ),
            path(
                "<int:pk>/record-payment/",
                self.admin_site.admin_view(self.record_payment),
                name="membership_invoice_record_payment",
            ),
            *super().get_urls(),
        ]

    def export_finance_csv(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        header = ["number", "issued", "due", "member", "URN", "purchase order", "for", "year",
                  "term", "pupils", "per pupil", "months", "amount", "paid so far", "balance",
                  "status", "paid", "credit note"]  # fmt: skip
        invoices = (
            Invoice.objects.exclude(status=InvoiceStatus.DRAFT)
            .select_related("member__school", "credit_note")
            .prefetch_related("payments")
            .order_by("number")
        )
        return csv_download(
            filename="thep-invoices.csv",
            header=header,
            rows=map(self._csv_row, invoices.iterator(chunk_size=500)),
        )

    @staticmethod
    def _csv_row(invoice: Invoice) -> list:
        member = invoice.member
        note = getattr(invoice, "credit_note", None)
        return [
            invoice.reference,
            invoice.issued_on,
            invoice.due_on or "",
            member,
            member.school.urn if member.school else "",
            invoice.purchase_order,
            invoice.get_kind_display(),
            invoice.year_label,
            invoice.get_term_display(),
            invoice.pupils or "",
            invoice.per_pupil or "",
            invoice.months or "",
            invoice.amount,
            invoice.paid,
            invoice.balance,
            invoice.get_status_display(),
            invoice.paid_on or "",
            note.reference if note else "",
        ]

    def export_payments_csv(self, request: HttpRequest) -> HttpResponse:
        """Every payment received, for the finance office's books."""
        if not request.user.has_perm("membership.view_payment"):
            raise PermissionDenied
        header = ["received", "invoice", "member", "URN", "amount", "method", "reference",
                  "invoice amount", "invoice balance"]  # fmt: skip
        payments = (
            Payment.objects.select_related("invoice__member__school")
            .prefetch_related("invoice__payments")
            .order_by("received_on", "pk")
        )
        rows = (
            [
                payment.received_on,
                payment.invoice.reference,
                payment.invoice.member,
                payment.invoice.member.school.urn if payment.invoice.member.school else "",
                payment.amount,
                payment.get_method_display(),
                payment.reference,
                payment.invoice.amount,
                payment.invoice.balance,
            ]
            for payment in payments.iterator(chunk_size=500)
        )
        return csv_download(filename="thep-payments.csv", header=header, rows=rows)

    def aged_debt_view(self, request: HttpRequest) -> HttpResponse:
        """What each school owes, by how long it is overdue: the office's chasing list."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": "Aged debt",
            "debt": aged_debt(on=timezone.localdate()),
            "bands": AGE_BANDS,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/membership/invoice/aged_debt.html", context)

    def record_payment(self, request: AuthedRequest, pk: int) -> HttpResponse:
        if not request.user.has_perm("membership.add_payment"):
            raise PermissionDenied
        invoice = get_object_or_404(Invoice.objects.prefetch_related("payments"), pk=pk)
        form = PaymentForm(
            request.POST or None,
            initial={"received_on": timezone.localdate(), "amount": invoice.balance or None},
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.payment_record(
                    invoice=invoice, recorded_by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                invoice = Invoice.objects.prefetch_related("payments").get(pk=pk)
                self.message_user(
                    request,
                    f"Payment of {money(form.cleaned_data['amount'])} recorded on "
                    f"{invoice.reference}. Balance due: {money(invoice.balance)}.",
                    messages.SUCCESS,
                )
                return redirect("admin:membership_invoice_change", invoice.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Record a payment on {invoice.reference or invoice}",
            "invoice": invoice,
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/membership/invoice/record_payment.html", context)

    def _each(self, request: HttpRequest, queryset, action, done: str) -> None:
        count = 0
        for invoice in queryset:
            try:
                action(invoice)
                count += 1
            except ValidationError as error:
                self.message_user(request, f"{invoice}: {error.messages[0]}", messages.WARNING)
        self.message_user(request, f"{count} invoices {done}.", messages.SUCCESS)

    @admin.action(description="Issue the selected draft invoices (numbers them, makes PDFs)")
    def issue(self, request, queryset) -> None:
        if not InvoiceSettings.current().has_bank_details:
            self.message_user(
                request,
                "THEP's bank details are not set in the invoice settings, so the invoices "
                "tell schools to ask for them. Set them before issuing more.",
                messages.WARNING,
            )
        self._each(
            request, queryset.order_by("pk"), lambda i: services.invoice_issue(invoice=i), "issued"
        )

    @admin.action(description="Cancel the selected invoices with credit notes")
    def cancel(self, request, queryset) -> None:
        self._each(
            request,
            queryset,
            lambda i: services.invoice_cancel(invoice=i, reason="Cancelled by the office"),
            "cancelled",
        )

    @admin.action(description="Delete the selected draft invoices", permissions=["delete"])
    def delete_drafts(self, request, queryset) -> None:
        self._each(request, queryset, lambda i: services.invoice_delete(invoice=i), "deleted")


@admin.register(CreditNote)
class CreditNoteAdmin(admin.ModelAdmin):
    list_display = ["__str__", "invoice", "amount", "issued_on", "reason"]
    readonly_fields = ["invoice", "number", "issued_on", "amount", "reason"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    """Every payment, to look up; they are recorded from their invoice's page."""

    list_display = ["received_on", "invoice", "invoice__member", "amount", "method", "reference"]
    list_filter = ["method", "received_on"]
    search_fields = ["invoice__member__school__name", "invoice__member__name", "reference"]
    list_select_related = ["invoice__member__school"]
    readonly_fields = ["invoice", "received_on", "amount", "method", "reference", "recorded_by"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(InvoiceReminder)
class InvoiceReminderAdmin(admin.ModelAdmin):
    list_display = ["invoice", "days_overdue", "sent_on"]
    list_select_related = ["invoice__member__school"]
    readonly_fields = ["invoice", "days_overdue", "sent_on"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(InvoiceSettings)
class InvoiceSettingsAdmin(admin.ModelAdmin):
    """One row: the list opens it."""

    fieldsets = [
        ("THEP", {"fields": ["legal_name", "address", "email", "phone", "registration"]}),
        ("Bank details", {"fields": ["account_name", "sort_code", "account_number"]}),
        ("Terms", {"fields": ["payment_terms_days", "vat_statement", "reminder_days"]}),
    ]

    def changelist_view(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        InvoiceSettings.objects.get_or_create(pk=1)
        return HttpResponseRedirect(reverse("admin:membership_invoicesettings_change", args=[1]))

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
