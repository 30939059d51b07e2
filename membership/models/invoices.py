"""Membership invoices, their credit notes, and the number sequences that name them."""

from django.db import models
from django.db.models import Q

from membership.models.members import Member, Membership
from thep import ranges, years


class NumberSeries(models.Model):
    """The last number given in a sequence. Issuing locks this row, so numbers have no gaps
    (a rolled-back issue gives its number back) and no duplicates."""

    name = models.CharField(max_length=20, primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "number series"

    def __str__(self) -> str:
        return f"{self.name}: {self.last}"


class InvoiceStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ISSUED = "issued", "Issued"
    PAID = "paid", "Paid"
    CANCELLED = "cancelled", "Cancelled"


class InvoiceKind(models.TextChoices):
    MEMBERSHIP = "membership", "Membership fee"
    PLACES = "places", "Places on courses and events"


class Invoice(models.Model):
    """A member's membership fee for a year (pupils x rate x months / 12), or a school's places
    on courses and events in a term. Both are numbered in one sequence; the lines say what is
    charged and the amount is their total."""

    PREFIX = "THEP-"

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="invoices")
    kind = models.CharField(max_length=10, choices=InvoiceKind.choices)
    year = models.PositiveSmallIntegerField(validators=ranges.between(*ranges.YEAR))
    term = models.CharField(max_length=6, choices=years.Term.choices, blank=True)
    membership = models.ForeignKey(
        Membership, on_delete=models.PROTECT, null=True, blank=True, related_name="invoices"
    )
    status = models.CharField(
        max_length=10, choices=InvoiceStatus.choices, default=InvoiceStatus.DRAFT
    )
    number = models.PositiveIntegerField(null=True, blank=True, unique=True, editable=False)
    pupils = models.PositiveIntegerField(
        null=True, blank=True, validators=ranges.between(*ranges.PUPILS)
    )
    per_pupil = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    months = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=ranges.between(*ranges.MONTHS)
    )
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    issued_on = models.DateField(null=True, blank=True)
    paid_on = models.DateField(null=True, blank=True)
    cancelled_on = models.DateField(null=True, blank=True)
    pdf = models.FileField(upload_to="invoices/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number", "-created_at"]
        indexes = [models.Index(fields=["member", "year"])]
        constraints = [
            ranges.check("year", *ranges.YEAR),
            ranges.check("pupils", *ranges.PUPILS),
            ranges.check("months", *ranges.MONTHS),
            models.UniqueConstraint(
                fields=["membership"],
                condition=~Q(status="cancelled"),
                name="one_live_invoice_per_membership",
                violation_error_message="This membership already has an invoice.",
            ),
            models.CheckConstraint(
                condition=Q(kind="membership", membership__isnull=False, term="")
                | Q(kind="places", membership__isnull=True, months__isnull=True) & ~Q(term=""),
                name="invoice_is_a_fee_or_a_term_of_places",
            ),
            models.CheckConstraint(
                condition=Q(status="draft", number__isnull=True, issued_on__isnull=True)
                | (~Q(status="draft") & Q(number__isnull=False, issued_on__isnull=False)),
                name="issued_invoices_have_a_number",
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="invoice_amount_not_negative"),
            models.CheckConstraint(
                condition=Q(months__lte=12), name="invoice_at_most_twelve_months"
            ),
        ]

    def __str__(self) -> str:
        return self.reference or f"Draft invoice to {self.member}: {self.what}"

    @property
    def reference(self) -> str:
        return f"{self.PREFIX}{self.number:05d}" if self.number else ""

    @property
    def filename(self) -> str:
        return f"{self.reference or 'draft'}.pdf"

    @property
    def year_label(self) -> str:
        return years.label(self.year)

    @property
    def what(self) -> str:
        """What the invoice is for, in a few words: "Membership fee 2026-27"."""
        if self.kind == InvoiceKind.MEMBERSHIP:
            return f"Membership fee {self.year_label}"
        return f"Places, {self.get_term_display().lower()} term {self.year_label}"


class InvoiceLine(models.Model):
    """One thing charged on an invoice: the membership fee, or one delegate's place."""

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    description = models.CharField(max_length=300)
    amount = models.DecimalField(max_digits=10, decimal_places=2)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="invoice_line_not_negative")
        ]

    def __str__(self) -> str:
        return self.description


class CreditNote(models.Model):
    """Cancels an issued invoice in full. Invoices are never deleted."""

    PREFIX = "CN-"

    invoice = models.OneToOneField(Invoice, on_delete=models.PROTECT, related_name="credit_note")
    number = models.PositiveIntegerField(unique=True)
    issued_on = models.DateField()
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    reason = models.CharField(max_length=300)

    class Meta:
        ordering = ["-number"]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"{self.PREFIX}{self.number:05d}"
