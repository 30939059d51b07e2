"""Opening a new membership year in the admin: one guided page (fee rate, price list, pupils from
the census, who renews, the fee of each), then a confirmation. The work is membership.newyear's;
the imports are jobs like the others (thep.import_jobs)."""

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from membership.models import YearOpening
from membership.newyear import fee_rate_set, year_open, year_plan
from thep import ranges, years
from thep.access import AuthedRequest
from thep.import_jobs import ImportUploadForm, may_run

# What opening a year does: renew memberships, draft invoices, set the rate.
PERMISSIONS = (
    "membership.add_yearopening",
    "membership.add_membership",
    "membership.add_invoice",
    "membership.add_feerate",
    "membership.change_feerate",
)


class YearField(forms.CharField):
    """A membership year written like 2027-28."""

    def clean(self, value: Any) -> int:
        text = super().clean(value)
        try:
            return years.parse(text)
        except ValueError as wrong:
            raise forms.ValidationError(str(wrong)) from None


class CensusUploadForm(ImportUploadForm):
    """The census import's upload form (thep.importing.IMPORTERS["census"])."""

    file = forms.FileField(
        label="Census file (CSV)",
        help_text="The DfE's school-level file (spc_school_level_underlying_data….csv), or a "
        "sheet with the columns URN and pupils.",
    )
    year = YearField(
        label="Membership year the pupils are for",
        help_text="Like 2027-28: the fees of that year are charged on these pupils.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = years.label(years.current() + 1)

    def options(self) -> dict[str, Any]:
        return {"year": self.cleaned_data["year"]}


class PricesUploadForm(ImportUploadForm):
    """The price list's upload form (thep.importing.IMPORTERS["prices"])."""

    file = forms.FileField(
        label="Price list (CSV)",
        help_text="Columns: product code, year (like 2027-28), member price, non-member price "
        "(empty for a members-only service).",
    )


class FeeRateForm(forms.Form):
    per_pupil = forms.DecimalField(
        label="Fee per pupil (£)", min_value=Decimal("0.01"), max_digits=7, decimal_places=2
    )
    associate_fee = forms.DecimalField(
        label="Associate fee for the year (£)",
        min_value=Decimal("0"),
        max_digits=9,
        decimal_places=2,
        initial=Decimal("0"),
        help_text="What an associate organisation or person pays for the year.",
    )


class YearChoiceForm(forms.Form):
    year = YearField(label="Year to open", help_text="Like 2027-28.")


@admin.register(YearOpening)
class YearOpeningAdmin(admin.ModelAdmin):
    list_display = ["__str__", "renewed", "invoices_drafted", "opened_by"]
    list_select_related = ["opened_by"]
    change_list_template = "admin/membership/newyear/change_list.html"

    # Openings are made by the flow and never changed: they are the record.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: YearOpening | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: YearOpening | None = None) -> bool:
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("open/", view(self.choose), name="membership_newyear"),
            path("open/<int:year>/", view(self.guide), name="membership_newyear_guide"),
            path(
                "open/<int:year>/rate/",
                view(require_POST(self.rate)),
                name="membership_newyear_rate",
            ),
            path(
                "open/<int:year>/confirm/",
                view(require_POST(self.confirm)),
                name="membership_newyear_confirm",
            ),
            *super().get_urls(),
        ]

    def _check(self, request: HttpRequest, year: int) -> None:
        if not request.user.has_perms(PERMISSIONS):
            raise PermissionDenied
        low, high = ranges.YEAR
        if not low < year <= high:
            raise PermissionDenied

    def _context(self, request: HttpRequest, **context: Any) -> dict[str, Any]:
        return {**self.admin_site.each_context(request), "opts": self.model._meta, **context}

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None):
        context = {**(extra_context or {}), "may_open": request.user.has_perms(PERMISSIONS)}
        return super().changelist_view(request, context)

    def choose(self, request: AuthedRequest) -> HttpResponse:
        """Which year: the one after this, unless the office says another."""
        self._check(request, years.current() + 1)
        form = YearChoiceForm(request.GET or None)
        if form.is_valid():
            return redirect("admin:membership_newyear_guide", form.cleaned_data["year"])
        if not request.GET:
            return redirect("admin:membership_newyear_guide", years.current() + 1)
        return TemplateResponse(
            request,
            "admin/membership/newyear/choose.html",
            self._context(request, title="Open a new year", form=form),
        )

    def guide(
        self, request: AuthedRequest, year: int, rate_form: FeeRateForm | None = None
    ) -> HttpResponse:
        self._check(request, year)
        plan = year_plan(year=year)
        if rate_form is None:
            rate = plan.rate
            rate_form = FeeRateForm(
                initial={"per_pupil": rate.per_pupil, "associate_fee": rate.associate_fee}
                if rate
                else {}
            )
        return TemplateResponse(
            request,
            "admin/membership/newyear/guide.html",
            self._context(
                request,
                title=f"Open {plan.label}",
                plan=plan,
                rate_form=rate_form,
                choose=YearChoiceForm(initial={"year": plan.label}),
                may_import_prices=may_run(request.user, "prices"),
                may_import_census=may_run(request.user, "census"),
                previous_label=years.label(year - 1),
            ),
        )

    def rate(self, request: AuthedRequest, year: int) -> HttpResponse:
        self._check(request, year)
        form = FeeRateForm(request.POST)
        if not form.is_valid():
            return self.guide(request, year, rate_form=form)
        try:
            rate = fee_rate_set(year=year, **form.cleaned_data)
        except ValidationError as refused:
            for message in refused.messages:
                self.message_user(request, message, messages.ERROR)
        else:
            self.message_user(request, f"The fee rate is {rate}.", messages.SUCCESS)
        return redirect("admin:membership_newyear_guide", year)

    def confirm(self, request: AuthedRequest, year: int) -> HttpResponse:
        """First the question, then (confirmed) the opening."""
        self._check(request, year)
        seen = request.POST.get("seen", "")
        if request.POST.get("confirmed") != "yes":
            plan = year_plan(year=year)
            if plan.problems:
                for problem in plan.problems:
                    self.message_user(request, problem, messages.ERROR)
                return redirect("admin:membership_newyear_guide", year)
            return TemplateResponse(
                request,
                "admin/membership/newyear/confirm.html",
                self._context(request, title=f"Open {plan.label}?", plan=plan, seen=seen),
            )
        try:
            opened = year_open(year=year, seen=seen, by=request.user)
        except ValidationError as refused:
            for message in refused.messages:
                self.message_user(request, message, messages.ERROR)
            return redirect("admin:membership_newyear_guide", year)
        self.message_user(
            request,
            f"{years.label(year)} is open: {opened.opening.renewed} members renewed and "
            f"{opened.opening.invoices_drafted} draft fee invoices made, £{opened.total:,.2f} "
            "in all. Check them, then issue them from this list.",
            messages.SUCCESS,
        )
        drafts = reverse("admin:membership_invoice_changelist")
        return redirect(f"{drafts}?year={year}&status__exact=draft")
