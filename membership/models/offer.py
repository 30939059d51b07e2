"""Packages and additional services, their prices per year, and what schools bought."""

from django.conf import settings
from django.db import models
from django.db.models import Q

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


class Purchase(models.Model):
    """A package or service a school bought for a year, at the price it paid then.

    Both prices are kept so that what membership saved stays true when prices change."""

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
    bought_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-year", "school__name", "product"]
        constraints = [
            ranges.check("year", *ranges.YEAR),
            models.UniqueConstraint(
                fields=["school", "year"],
                condition=Q(kind="package"),
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
    def total(self):
        return self.unit_price * self.quantity
