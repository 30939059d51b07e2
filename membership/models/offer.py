"""Packages and additional services, their prices per year, and what schools ordered."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q

from membership.models.invoices import Invoice, InvoiceLine, InvoiceStatus
from membership.models.register import School
from thep import ranges, years


class ProductKind(models.TextChoices):
    PACKAGE = "package", "Package"
    SERVICE = "service", "Additional service"


class Product(models.Model):
    """A service package (Bronze, Silver, Gold, Nursery) or an additional service."""

    kind = models.CharField(max_length=10, choices=ProductKind.choices)
    code = models.SlugField(unique=True, help_text="A short name other parts of the portal use.")
    name = models.CharField(max_length=100, unique=True)
    members_only = models.BooleanField(
        default=False, help_text="Refused to schools that are not members (like THERS)."
    )

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class Price(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="prices")
    year = models.PositiveIntegerField(
        help_text="2017 is 2017-18.", validators=ranges.between(*ranges.YEAR)
    )
    member_price = models.DecimalField("member price (£)", max_digits=9, decimal_places=2)
    non_member_price = models.DecimalField(
        "non-member price (£)",
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Leave empty for a members-only service.",
    )

    class Meta:
        ordering = ["-year", "product"]
        constraints = [
            ranges.check("year", *ranges.YEAR),
            models.UniqueConstraint(fields=["product", "year"], name="one_price_per_year"),
            models.CheckConstraint(
                condition=Q(member_price__gte=0)
                & (
                    Q(non_member_price__isnull=True)
                    | Q(non_member_price__gte=models.F("member_price"))
                ),
                name="member_price_not_above_non_member_price",
                violation_error_message="The member price cannot be above the non-member price.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product} {years.label(self.year)}"

    @property
    def year_label(self) -> str:
        return years.label(self.year)


class PurchaseQuerySet(models.QuerySet["Purchase"]):
    def live(self) -> "PurchaseQuerySet":
        """Orders that stand: not cancelled. What entitlements, savings and income count."""
        return self.filter(cancelled_on__isnull=True)

    def to_invoice(self) -> "PurchaseQuerySet":
        """Standing orders on no invoice yet, or on one a credit note cancelled."""
        return self.live().filter(
            Q(invoice_line__isnull=True) | Q(invoice_line__invoice__status=InvoiceStatus.CANCELLED)
        )


class Purchase(models.Model):
    """A package or service a school ordered for a year, at the price of the day it ordered.

    Both prices are kept so that what membership saved stays true when prices change. An
    order may be changed or cancelled until it is invoiced; a cancelled order is kept, and
    counts for nothing."""

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="purchases")
    year = models.PositiveIntegerField(validators=ranges.between(*ranges.YEAR))
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="purchases")
    # A copy of product.kind, so the database can hold one package per school per year.
    kind = models.CharField(max_length=10, choices=ProductKind.choices, editable=False)
    quantity = models.PositiveIntegerField(default=1, validators=ranges.between(*ranges.PLACES))
    unit_price = models.DecimalField(max_digits=9, decimal_places=2)
    non_member_unit_price = models.DecimalField(
        max_digits=9, decimal_places=2, null=True, blank=True
    )
    at_member_price = models.BooleanField()
    bought_on = models.DateField("ordered on")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancelled_on = models.DateField(null=True, blank=True, editable=False)
    # The line that charges this order; a line on a cancelled invoice leaves it to invoice again.
    invoice_line = models.ForeignKey(
        InvoiceLine,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="purchases",
        editable=False,
    )

    objects = PurchaseQuerySet.as_manager()

    class Meta:
        verbose_name = "order"
        ordering = ["-year", "school__name", "product"]
        constraints = [
            ranges.check("year", *ranges.YEAR),
            models.UniqueConstraint(
                fields=["school", "year"],
                condition=Q(kind="package", cancelled_on__isnull=True),
                name="one_package_per_school_and_year",
                violation_error_message="This school already has a package for that year.",
            ),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="purchase_quantity_one_up"),
            ranges.check("quantity", *ranges.PLACES),
        ]
        indexes = [models.Index(fields=["year", "kind"])]

    def __str__(self) -> str:
        return f"{self.school}: {self.quantity} x {self.product} {years.label(self.year)}"

    @property
    def total(self) -> Decimal:
        return self.unit_price * self.quantity

    @property
    def year_label(self) -> str:
        return years.label(self.year)

    @property
    def invoice(self) -> Invoice | None:
        """The live invoice (draft or issued) that charges this order, if any."""
        line = self.invoice_line
        if line is None or line.invoice.status == InvoiceStatus.CANCELLED:
            return None
        return line.invoice

    @property
    def may_change(self) -> bool:
        return self.cancelled_on is None and self.invoice is None

    @property
    def status(self) -> str:
        if self.cancelled_on is not None:
            return f"Cancelled on {self.cancelled_on:%-d %B %Y}"
        invoice = self.invoice
        if invoice is None:
            return "Ordered, to be invoiced"
        if invoice.status == InvoiceStatus.DRAFT:
            return "On an invoice being prepared"
        return f"Invoiced on {invoice.reference}"
