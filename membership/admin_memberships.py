"""Admin for members, memberships, fees and packages (invoices: admin_invoices; orders:
admin_orders)."""

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import BadRequest, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from import_export.admin import ExportMixin

from membership import (
    admin_invoices,  # noqa: F401  (registers the invoice admin)
    admin_joining,  # noqa: F401  (registers the admin of schools asking to join)
    admin_newyear,  # noqa: F401  (registers the opening of a new year)
    services,
)
from membership.models import (
    FeeRate,
    Joining,
    Member,
    Membership,
    Price,
    Product,
    PupilCount,
)
from membership.resources import MembershipResource
from thep import years
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

    @admin.action(description="Renew the selected memberships into the next year")
    def renew(
        self, request: HttpRequest, queryset: QuerySet[Membership]
    ) -> TemplateResponse | None:
        """Only the rows ticked; more than one is first shown on a page to confirm."""
        memberships = list(queryset.select_related("member__school").order_by("year", "pk"))
        if len(memberships) > 1 and request.POST.get("confirmed") != "yes":
            planned, refused = [], []
            for membership in memberships:
                try:
                    planned.append(services.membership_renewal(membership))
                except ValidationError as error:
                    refused.append(error.messages[0])
            context = {
                **self.admin_site.each_context(request),
                "title": "Renew these memberships?",
                "planned": planned,
                "refused": refused,
                "selected": [membership.pk for membership in memberships],
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
                "opts": self.model._meta,
            }
            return TemplateResponse(
                request, "admin/membership/membership/renew_confirm.html", context
            )
        renewed: dict[int, int] = {}
        for membership in memberships:
            try:
                services.membership_renew(membership=membership)
            except ValidationError as error:
                self.message_user(request, error.messages[0], messages.WARNING)
            else:
                renewed[membership.year] = renewed.get(membership.year, 0) + 1
        for year, count in sorted(renewed.items()):
            self.message_user(
                request,
                f"{count} members renewed from {years.label(year)} into {years.label(year + 1)}.",
                messages.SUCCESS,
            )
        return None

    @admin.action(description="Make draft invoices for the selected memberships")
    def create_invoices(
        self, request: HttpRequest, queryset: QuerySet[Membership]
    ) -> TemplateResponse | None:
        """Only the rows ticked; more than one is first shown on a page to confirm."""
        memberships = list(queryset.select_related("member__school").order_by("year", "pk"))
        if len(memberships) > 1 and request.POST.get("confirmed") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "title": "Make draft invoices for these memberships?",
                "memberships": memberships,
                "selected": [membership.pk for membership in memberships],
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
                "opts": self.model._meta,
            }
            return TemplateResponse(
                request, "admin/membership/membership/invoices_confirm.html", context
            )
        made, refused = 0, []
        for membership in memberships:
            try:
                services.invoice_create(member=membership.member, year=membership.year)
                made += 1
            except ValidationError as error:
                refused.extend(error.messages)
        self.message_user(request, f"{made} draft invoices made.", messages.SUCCESS)
        for message in refused[:20]:
            self.message_user(request, message, messages.WARNING)
        return None


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
