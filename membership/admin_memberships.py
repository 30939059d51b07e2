"""Admin for members, memberships, fees, packages and invoices."""

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils import timezone
from import_export.admin import ExportMixin

from membership import services
from membership.models import (
    CreditNote,
    FeeRate,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    Joining,
    Member,
    Membership,
    Price,
    Product,
    PupilCount,
    Purchase,
)
from membership.resources import MembershipResource
from thep import years
from thep.downloads import csv_download
from thep.import_jobs import may_run
from thep.widgets import SafeAutocompleteMixin


class JoiningInline(admin.TabularInline):
    model = Joining
    extra = 0
    readonly_fields = ["accepted_at"]


@admin.register(Member)
class MemberAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    list_display = ["__str__", "school", "notice_given_on", "leaves_on"]
    search_fields = ["name", "school__name", "=school__urn"]
    autocomplete_fields = ["school"]
    readonly_fields = ["notice_given_on", "leaves_on", "notice_recorded_by"]
    inlines = [JoiningInline]


@admin.register(Membership)
class MembershipAdmin(SafeAutocompleteMixin, ExportMixin, admin.ModelAdmin):
    """Memberships are imported as background jobs (thep.import_jobs, linked from the list),
    exported here."""

    resource_classes = [MembershipResource]
    import_export_change_list_template = "admin/membership/membership/change_list.html"
    list_display = ["member", "year_label", "category", "starts_on", "ends_on"]
    list_filter = ["year", "category"]
    search_fields = ["member__name", "member__school__name", "=member__school__urn"]
    autocomplete_fields = ["member"]
    list_select_related = ["member__school"]
    actions = ["renew", "create_invoices"]

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None):
        context = {**(extra_context or {}), "may_import": may_run(request.user, "memberships")}
        return super().changelist_view(request, context)

    def export_action(self, request: HttpRequest) -> HttpResponse:
        """The list's filters carried into the export: Django's own list answers a filter it
        does not know by saying so; the export would fail with a server error."""
        try:
            return super().export_action(request)
        except IncorrectLookupParameters as refused:
            raise BadRequest("The export cannot filter by that.") from refused

    @admin.action(description="Renew the selected years' members into the next year")
    def renew(self, request: HttpRequest, queryset: QuerySet[Membership]) -> None:
        for year in sorted(set(queryset.values_list("year", flat=True))):
            count = services.membership_renew_all(year=year)
            self.message_user(
                request,
                f"{count} members renewed from {years.label(year)} into {years.label(year + 1)}.",
                messages.SUCCESS,
            )

    @admin.action(description="Make draft invoices for the selected memberships")
    def create_invoices(self, request: HttpRequest, queryset: QuerySet[Membership]) -> None:
        made, refused = 0, []
        for membership in queryset.select_related("member"):
            try:
                services.invoice_create(member=membership.member, year=membership.year)
                made += 1
            except ValidationError as error:
                refused.extend(error.messages)
        self.message_user(request, f"{made} draft invoices made.", messages.SUCCESS)
        for message in refused[:20]:
            self.message_user(request, message, messages.WARNING)


@admin.register(FeeRate)
class FeeRateAdmin(admin.ModelAdmin):
    list_display = ["__str__", "year", "per_pupil", "charged_from", "associate_fee"]


@admin.register(PupilCount)
class PupilCountAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    list_display = ["school", "year", "pupils"]
    list_filter = ["year"]
    search_fields = ["school__name", "=school__urn"]
    autocomplete_fields = ["school"]


class PriceInline(admin.TabularInline):
    model = Price
    extra = 1


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "code", "members_only"]
    list_filter = ["kind"]
    inlines = [PriceInline]


@admin.register(Purchase)
class PurchaseAdmin(admin.ModelAdmin):
    list_display = ["school", "year", "product", "quantity", "unit_price", "at_member_price"]
    list_filter = ["year", "kind", "product"]
    search_fields = ["school__name", "=school__urn"]
    list_select_related = ["school", "product"]

    def has_change_permission(self, request, obj=None) -> bool:
        # Purchases are recorded through the service, which settles the price.
        return False

    def has_add_permission(self, request) -> bool:
        return False


class InvoiceLineInline(admin.TabularInline):
    model = InvoiceLine
    readonly_fields = ("description", "amount")
    fields = readonly_fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    list_display = ["__str__", "member", "what", "amount", "status", "issued_on", "paid_on"]
    list_filter = ["status", "kind", "year"]
    search_fields = ["member__school__name", "member__name", "=number"]
    list_select_related = ["member__school"]
    readonly_fields = [f.name for f in Invoice._meta.fields]
    inlines = [InvoiceLineInline]
    actions = ["issue", "mark_paid", "cancel"]
    change_list_template = "admin/membership/invoice/change_list.html"

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        # An issued invoice is cancelled with a credit note, never deleted.
        return False

    def get_urls(self):
        return [
            path(
                "export-finance-csv/",
                self.admin_site.admin_view(self.export_finance_csv),
                name="membership_invoice_finance_csv",
            ),
            *super().get_urls(),
        ]

    def export_finance_csv(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        header = ["number", "issued", "member", "URN", "for", "year", "term", "pupils",
                  "per pupil", "months", "amount", "status", "paid", "credit note"]  # fmt: skip
        invoices = (
            Invoice.objects.exclude(status=InvoiceStatus.DRAFT)
            .select_related("member__school", "credit_note")
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
            member,
            member.school.urn if member.school else "",
            invoice.get_kind_display(),
            invoice.year_label,
            invoice.get_term_display(),
            invoice.pupils or "",
            invoice.per_pupil or "",
            invoice.months or "",
            invoice.amount,
            invoice.get_status_display(),
            invoice.paid_on or "",
            note.reference if note else "",
        ]

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
        self._each(
            request, queryset.order_by("pk"), lambda i: services.invoice_issue(invoice=i), "issued"
        )

    @admin.action(description="Mark the selected invoices paid today")
    def mark_paid(self, request, queryset) -> None:
        today = timezone.localdate()
        self._each(
            request,
            queryset,
            lambda i: services.invoice_mark_paid(invoice=i, paid_on=today),
            "marked paid",
        )

    @admin.action(description="Cancel the selected invoices with credit notes")
    def cancel(self, request, queryset) -> None:
        self._each(
            request,
            queryset,
            lambda i: services.invoice_cancel(invoice=i, reason="Cancelled by the office"),
            "cancelled",
        )


@admin.register(CreditNote)
class CreditNoteAdmin(admin.ModelAdmin):
    list_display = ["__str__", "invoice", "amount", "issued_on", "reason"]
    readonly_fields = ["invoice", "number", "issued_on", "amount", "reason"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
