"""Membership invoices, their credit notes and payments, the number sequences that name them,
and THEP's own details printed on them."""

import datetime
import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
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
    ORDERS = "orders", "Packages and services"


class LineKind(models.TextChoices):
    FEE = "fee", "Membership fee"
    PACKAGE = "package", "Package"
    SERVICE = "service", "Additional service"
    PLACE = "place", "Place on a course or event"


class Invoice(models.Model):
    """A member's membership fee for a year (pupils x rate x months / 12, and its package when
    the office puts them together), a school's packages and services ordered for a year, or its
    places on courses and events in a term. All are numbered in one sequence; the lines say what
    is charged and the amount is their total."""

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
    due_on = models.DateField(
        null=True, blank=True, help_text="The issue date plus the payment terms of the day."
    )
    purchase_order = models.CharField(
        "purchase order number",
        max_length=50,
        blank=True,
        help_text="The school's own order number, given before the invoice is issued.",
    )
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
                | Q(kind="places", membership__isnull=True, months__isnull=True) & ~Q(term="")
                | Q(kind="orders", membership__isnull=True, months__isnull=True, term=""),
                name="invoice_is_a_fee_orders_or_a_term_of_places",
            ),
            models.CheckConstraint(
                condition=Q(status="draft", number__isnull=True, issued_on__isnull=True)
                | (~Q(status="draft") & Q(number__isnull=False, issued_on__isnull=False)),
                name="issued_invoices_have_a_number",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(due_on__gte=models.F("issued_on")),
                name="issued_invoices_fall_due_after_issue",
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
        if self.kind == InvoiceKind.ORDERS:
            return f"Packages and services {self.year_label}"
        return f"Places, {self.get_term_display().lower()} term {self.year_label}"

    @property
    def paid(self) -> Decimal:
        """What has been paid so far: summed by the query in lists (`paid_total`), else from
        `payments` (prefetched in the admin's lists)."""
        summed = getattr(self, "paid_total", None)
        if summed is not None:
            return summed
        return sum((payment.amount for payment in self.payments.all()), Decimal("0"))

    @property
    def balance(self) -> Decimal:
        """What is still owed: nothing on a draft (not yet owed) or a cancelled invoice."""
        if self.status in (InvoiceStatus.DRAFT, InvoiceStatus.CANCELLED):
            return Decimal("0")
        return self.amount - self.paid

    def days_overdue(self, on: datetime.date) -> int:
        """Whole days past the due date on a day, for an invoice still owing; 0 otherwise."""
        if self.due_on is None or self.balance <= 0:
            return 0
        return max((on - self.due_on).days, 0)


class InvoiceLine(models.Model):
    """One thing charged on an invoice: the membership fee, a package, a service ordered, or
    one delegate's place. What it charges points at it (`purchases`, `bookings`)."""

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(max_length=10, choices=LineKind.choices)
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

    @property
    def filename(self) -> str:
        return f"{self.reference}.pdf"


class PaymentMethod(models.TextChoices):
    BACS = "bacs", "BACS transfer"
    CHEQUE = "cheque", "Cheque"
    CARD = "card", "Card"
    OTHER = "other", "Other"


class Payment(models.Model):
    """Money received against an issued invoice; several part payments may settle it.
    Recorded only through `payment_record`, which keeps the total within the invoice."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="payments")
    received_on = models.DateField("date received")
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    method = models.CharField(max_length=10, choices=PaymentMethod.choices)
    reference = models.CharField(
        max_length=100, blank=True, help_text="The bank reference, cheque number or receipt."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["received_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive")
        ]

    def __str__(self) -> str:
        return f"£{self.amount:,} on {self.received_on:%d %b %Y} ({self.get_method_display()})"


class InvoiceReminder(models.Model):
    """A reminder sent about an overdue invoice at one of the chosen days overdue: at most one
    per invoice and day (the unique constraint, whatever beat or a retried task does)."""

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="reminders")
    days_overdue = models.PositiveSmallIntegerField()
    sent_on = models.DateField()

    class Meta:
        ordering = ["invoice", "days_overdue"]
        constraints = [
            models.UniqueConstraint(
                fields=["invoice", "days_overdue"], name="one_reminder_per_invoice_and_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.invoice}: reminder at {self.days_overdue} days overdue"


SORT_CODE = re.compile(r"\d{2}-\d{2}-\d{2}")
ACCOUNT_NUMBER = re.compile(r"\d{8}")
REMINDER_DAYS = re.compile(r"\s*\d{1,3}\s*(,\s*\d{1,3}\s*)*")


def parse_days(text: str) -> list[int]:
    """ "7, 30, 60" as [7, 30, 60]; nothing for an empty text."""
    return sorted({int(part) for part in text.split(",") if part.strip()})


class InvoiceSettings(models.Model):
    """THEP's details printed on every invoice and credit note, and when to remind: one row,
    edited by the office in the admin (audited). Invoices keep their due date from the terms
    of the day they were issued."""

    legal_name = models.CharField(max_length=200, default="Tower Hamlets Education Partnership")
    address = models.TextField(
        default="c/o Professional Development Centre\n229 Bethnal Green Road\nLondon E2 6AB"
    )
    email = models.EmailField("contact email", default="info@the-partnership.org.uk")
    phone = models.CharField("contact phone", max_length=30, blank=True)
    registration = models.CharField(
        max_length=300,
        blank=True,
        help_text="Company and charity numbers, as they should be printed.",
    )
    account_name = models.CharField("bank account name", max_length=100, blank=True)
    sort_code = models.CharField(max_length=8, blank=True, help_text="Like 12-34-56.")
    account_number = models.CharField(max_length=8, blank=True, help_text="Eight digits.")
    payment_terms_days = models.PositiveSmallIntegerField(
        "payment terms (days)",
        default=30,
        validators=[
            MinValueValidator(0, "Give the payment terms as a number of days from 0 to 120."),
            MaxValueValidator(120, "Give the payment terms as a number of days from 0 to 120."),
        ],
    )
    vat_statement = models.CharField(
        "VAT statement", max_length=300, default="No VAT is charged on this invoice."
    )
    reminder_days = models.CharField(
        "remind at days overdue",
        max_length=50,
        default="7, 30, 60",
        blank=True,
        help_text="Days after the due date when the head and the school's finance contact are "
        "reminded of an unpaid invoice, separated by commas. Empty: no reminders.",
    )

    class Meta:
        verbose_name = "invoice settings"
        verbose_name_plural = "invoice settings"
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="invoice_settings_one_row")]

    def __str__(self) -> str:
        return "Invoice settings"

    @classmethod
    def current(cls) -> "InvoiceSettings":
        """The office's settings, or the defaults until it has saved them."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)

    @property
    def has_bank_details(self) -> bool:
        return bool(self.account_name and self.sort_code and self.account_number)

    @property
    def reminder_day_list(self) -> list[int]:
        return parse_days(self.reminder_days)

    def due_date(self, issued_on: datetime.date) -> datetime.date:
        return issued_on + datetime.timedelta(days=self.payment_terms_days)

    def clean(self) -> None:
        errors = {}
        if self.sort_code and not SORT_CODE.fullmatch(self.sort_code):
            errors["sort_code"] = "Write the sort code as three pairs of digits, like 12-34-56."
        if self.account_number and not ACCOUNT_NUMBER.fullmatch(self.account_number):
            errors["account_number"] = "An account number is eight digits, like 12345678."
        if self.reminder_days.strip() and not REMINDER_DAYS.fullmatch(self.reminder_days):
            errors["reminder_days"] = (
                "Write whole numbers of days separated by commas, like 7, 30, 60."
            )
        if errors:
            raise ValidationError(errors)
