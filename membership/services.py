"""Changes to memberships, fees, orders (purchases) and invoices. Each refuses bad input with a
ValidationError in plain words and then changes nothing."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from membership import fees
from membership.models import (
    Category,
    CreditNote,
    FeeRate,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceReminder,
    InvoiceSettings,
    InvoiceStatus,
    LineKind,
    Member,
    Membership,
    NumberSeries,
    Payment,
    PaymentMethod,
    Price,
    Product,
    ProductKind,
    PupilCount,
    Purchase,
    PurchaseQuerySet,
    School,
)
from membership.selectors import is_member
from thep import ranges, years
from thep.mail import mail_queue
from thep.models import Role, User
from thep.templatetags.money import money

INVOICE_SERIES = "invoice"
CREDIT_NOTE_SERIES = "credit-note"


@dataclass(frozen=True)
class Fee:
    pupils: int | None  # None for associates, who pay a flat fee
    per_pupil: Decimal | None
    months: int
    amount: Decimal


def membership_fee(*, membership: Membership, rate: FeeRate, pupils: int | None) -> Fee:
    """The fee of a membership at a rate: full members by pupils, associates a flat fee."""
    months = fees.months_charged(
        year=membership.year,
        starts_on=membership.starts_on,
        ends_on=membership.ends_on,
        charged_from=rate.charged_from,
    )
    if membership.category == Category.ASSOCIATE and not membership.member.school_id:
        return Fee(None, None, months, fees.flat_fee(annual=rate.associate_fee, months=months))
    if pupils is None:
        raise ValidationError(
            f"No pupils on roll are recorded for {membership.member} in "
            f"{membership.year_label}; record them before invoicing."
        )
    amount = fees.fee(pupils=pupils, per_pupil=rate.per_pupil, months=months)
    return Fee(pupils, rate.per_pupil, months, amount)


def _rate_for(year: int) -> FeeRate:
    rate = FeeRate.objects.filter(year=year).first()
    if rate is None:
        raise ValidationError(
            f"There is no fee rate for {years.label(year)}; set one in the fee rates first."
        )
    return rate


def membership_renewal(membership: Membership) -> Membership:
    """The next year's membership a renewal would make (not saved), or a ValidationError
    saying why there is none: what the admin's confirmation page lists."""
    member, next_year = membership.member, membership.year + 1
    start = years.first_day(next_year)
    if member.memberships.filter(year=next_year).exists():
        raise ValidationError(f"{member} is already renewed into {years.label(next_year)}.")
    if membership.ends_on < years.last_day(membership.year):
        raise ValidationError(
            f"{member}'s membership ended on {membership.ends_on:%-d %B %Y}, so it is not renewed."
        )
    if member.leaves_on and member.leaves_on < start:
        raise ValidationError(
            f"{member} gave notice and leaves on {member.leaves_on:%-d %B %Y}, before "
            f"{years.label(next_year)} begins."
        )
    return Membership(
        member=member,
        year=next_year,
        category=membership.category,
        starts_on=start,
        ends_on=min(member.leaves_on or years.last_day(next_year), years.last_day(next_year)),
    )


@transaction.atomic
def membership_renew(*, membership: Membership) -> Membership:
    """Roll one membership into the next year, unless the member's notice ends it first. The
    member's row is locked, so two people renewing it at once make one membership."""
    Member.objects.select_for_update().get(pk=membership.member_id)
    renewal = membership_renewal(Membership.objects.select_related("member").get(pk=membership.pk))
    renewal.save()
    return renewal


@transaction.atomic
def membership_renew_all(*, year: int) -> int:
    """Roll every member of `year` into the next year, unless their notice ends their membership
    first. Members already renewed are left as they are. Returns how many were renewed."""
    renewed = 0
    for membership in Membership.objects.filter(year=year).order_by("pk"):
        try:
            membership_renew(membership=membership)
        except ValidationError:
            continue
        renewed += 1
    return renewed


@transaction.atomic
def membership_give_notice(
    *, member: Member, given_on: datetime.date, recorded_by: User | None = None
) -> datetime.date:
    """Record notice of withdrawal. Membership (and its fees) runs at least a year after it;
    memberships already made for later years end on that day or go. Returns the last day."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    current = member.memberships.filter(starts_on__lte=given_on, ends_on__gte=given_on).first()
    if current is None:
        raise ValidationError(
            f"{member} is not a member on {given_on:%d %B %Y}, so it cannot give notice."
        )
    if member.notice_given_on:
        raise ValidationError(f"{member} already gave notice on {member.notice_given_on:%d %B %Y}.")
    leaves_on = fees.leaving_date(given_on)
    later = member.memberships.filter(ends_on__gt=leaves_on)
    for membership in later:
        if membership.starts_on > leaves_on:
            if membership.invoices.exclude(status=InvoiceStatus.CANCELLED).exists():
                raise ValidationError(
                    f"{membership} is already invoiced; cancel that invoice before recording "
                    "notice."
                )
            membership.delete()
        else:
            membership.ends_on = leaves_on
            membership.save(update_fields=["ends_on"])
    member.notice_given_on = given_on
    member.leaves_on = leaves_on
    member.notice_recorded_by = recorded_by
    member.save(update_fields=["notice_given_on", "leaves_on", "notice_recorded_by"])
    return leaves_on


@transaction.atomic
def invoice_create(*, member: Member, year: int) -> Invoice:
    """A draft membership invoice for a member's year, at that year's rate and pupils, with the
    year's package not yet invoiced when the office puts the member's fee and package on one
    invoice."""
    membership = member.memberships.filter(year=year).first()
    if membership is None:
        raise ValidationError(
            f"{member} has no membership for {years.label(year)}, so there is nothing to invoice."
        )
    if membership.invoices.exclude(status=InvoiceStatus.CANCELLED).exists():
        raise ValidationError(f"{membership} already has an invoice.")
    rate = _rate_for(year)
    pupils = None
    if member.school_id:
        count = PupilCount.objects.filter(school_id=member.school_id, year=year).first()
        pupils = count.pupils if count else None
    fee = membership_fee(membership=membership, rate=rate, pupils=pupils)
    invoice = Invoice.objects.create(
        member=member,
        kind=InvoiceKind.MEMBERSHIP,
        year=year,
        membership=membership,
        pupils=fee.pupils,
        per_pupil=fee.per_pupil,
        months=fee.months,
        amount=fee.amount,
    )
    by_pupils = (
        f"{fee.pupils} pupils at {money(fee.per_pupil)} per pupil, "
        if fee.pupils is not None
        else ""
    )
    invoice.lines.create(
        kind=LineKind.FEE,
        description=f"{invoice.what}: {by_pupils}{fee.months} of 12 months",
        amount=fee.amount,
    )
    if member.fee_and_package_together and member.school_id:
        package = (
            Purchase.objects.to_invoice()
            .select_for_update(of=("self",))
            .select_related("product")
            .filter(school_id=member.school_id, year=year, kind=ProductKind.PACKAGE)
            .first()
        )
        if package is not None:
            _order_line_add(invoice, package)
    return invoice


@transaction.atomic
def places_invoice_create(
    *, school: School, year: int, term: str, lines: list[tuple[str, Decimal]]
) -> list[InvoiceLine]:
    """A draft invoice to a school for places in a term of a year, one line per place; the
    school need not be a member. Returns the lines, for the caller to link to what they
    charge."""
    if term not in years.Term.values:
        raise ValidationError("Choose the autumn, spring or summer term.")
    if not lines:
        raise ValidationError(f"{school} has nothing to invoice for that term.")
    if any(amount < 0 for _, amount in lines):
        raise ValidationError("An invoice line cannot be negative.")
    member, _ = Member.objects.get_or_create(school=school)
    invoice = Invoice.objects.create(
        member=member,
        kind=InvoiceKind.PLACES,
        year=year,
        term=term,
        amount=sum((amount for _, amount in lines), Decimal("0")),
    )
    # One by one, not in bulk: each line reaches the audit trail.
    return [
        invoice.lines.create(kind=LineKind.PLACE, description=description, amount=amount)
        for description, amount in lines
    ]


def _next_number(series: str) -> int:
    """The next number in a series. The row lock is held until the caller's transaction ends,
    so a second issuer waits, and a rolled-back issue leaves no gap."""
    NumberSeries.objects.get_or_create(name=series)
    counter = NumberSeries.objects.select_for_update().get(name=series)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def _pdf_remake(invoice: Invoice) -> None:
    """The stored PDF no longer says what is true (a payment, a credit note): forget it, so a
    download renders the invoice afresh, and have a worker store the new one."""
    from membership.tasks import invoice_pdf_store

    if invoice.pdf:
        invoice.pdf = ""
        invoice.save(update_fields=["pdf"])
    transaction.on_commit(lambda: invoice_pdf_store.delay(invoice.pk))


@transaction.atomic
def invoice_issue(
    *, invoice: Invoice, on: datetime.date | None = None, make_pdf: bool = True
) -> Invoice:
    """Give a draft its number, date and due date (by the payment terms of the day); its PDF
    is made by a worker once this commits."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.status != InvoiceStatus.DRAFT:
        raise ValidationError(f"{invoice} is already issued.")
    invoice.number = _next_number(INVOICE_SERIES)
    invoice.issued_on = on or timezone.localdate()
    invoice.due_on = InvoiceSettings.current().due_date(invoice.issued_on)
    invoice.status = InvoiceStatus.ISSUED
    invoice.save(update_fields=["number", "issued_on", "due_on", "status"])
    if make_pdf:
        from membership.tasks import invoice_pdf_store

        transaction.on_commit(lambda: invoice_pdf_store.delay(invoice.pk))
    return invoice


@transaction.atomic
def invoice_purchase_order_set(*, invoice: Invoice, purchase_order: str) -> Invoice:
    """The school's purchase order number, printed on the invoice: only before it is issued,
    since an issued invoice is never changed."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    purchase_order = purchase_order.strip()
    if invoice.status != InvoiceStatus.DRAFT:
        raise ValidationError(
            f"Invoice {invoice.reference} has already been issued, so its purchase order number "
            "cannot be changed. Please ask the THEP office if it needs correcting."
        )
    if len(purchase_order) > 50:
        raise ValidationError("A purchase order number can be at most 50 characters long.")
    invoice.purchase_order = purchase_order
    invoice.save(update_fields=["purchase_order"])
    return invoice


@transaction.atomic
def invoice_delete(*, invoice: Invoice) -> None:
    """Delete a draft. What its lines charged (places, for one) is left to invoice again. An
    issued invoice is never deleted: it is cancelled with a credit note."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.status != InvoiceStatus.DRAFT:
        raise ValidationError(
            f"Invoice {invoice.reference} has been issued and cannot be deleted; cancel it with "
            "a credit note instead."
        )
    # Other apps point at lines (a booking at the line that charges its place), protected so
    # nothing charged is forgotten; a deleted draft charged nothing.
    for relation in InvoiceLine._meta.related_objects:
        relation.related_model._default_manager.filter(
            **{f"{relation.field.name}__invoice": invoice}
        ).update(**{relation.field.name: None})
    invoice.delete()


@transaction.atomic
def payment_record(
    *,
    invoice: Invoice,
    amount: Decimal,
    received_on: datetime.date,
    method: str,
    reference: str = "",
    recorded_by: User | None = None,
) -> Payment:
    """Money received against an issued invoice, in part or in full; the invoice is paid when
    nothing is left. The row lock makes a second person recording a payment at the same moment
    wait and then see this one, so together they can never pay more than is owed."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if amount <= 0:
        raise ValidationError("A payment must be more than £0.00.")
    if method not in PaymentMethod.values:
        raise ValidationError("Choose how it was paid: BACS, cheque, card or other.")
    if invoice.status == InvoiceStatus.DRAFT:
        raise ValidationError(
            "This invoice is still a draft: issue it before recording a payment against it."
        )
    if invoice.status == InvoiceStatus.CANCELLED:
        raise ValidationError(
            f"Invoice {invoice.reference} was cancelled by a credit note, so nothing is owed on it."
        )
    if invoice.status == InvoiceStatus.PAID:
        raise ValidationError(f"Invoice {invoice.reference} is already paid in full.")
    if received_on > timezone.localdate():
        raise ValidationError("The payment date is in the future.")
    balance = invoice.balance
    if amount > balance:
        raise ValidationError(
            f"{money(amount)} is more than the {money(balance)} still owed on invoice "
            f"{invoice.reference}."
        )
    payment = Payment.objects.create(
        invoice=invoice,
        amount=amount,
        received_on=received_on,
        method=method,
        reference=reference.strip(),
        recorded_by=recorded_by,
    )
    if amount == balance:
        invoice.status = InvoiceStatus.PAID
        invoice.paid_on = received_on
        invoice.save(update_fields=["status", "paid_on"])
    _pdf_remake(invoice)
    return payment


def invoice_mark_paid(*, invoice: Invoice, paid_on: datetime.date) -> Invoice:
    """Record the whole balance as paid by BACS on a day (the demo's history)."""
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if invoice.status != InvoiceStatus.ISSUED:
            raise ValidationError(
                f"Only an issued invoice can be paid; this one is {invoice.status}."
            )
        payment_record(
            invoice=invoice, amount=invoice.balance, received_on=paid_on, method=PaymentMethod.BACS
        )
    invoice.refresh_from_db()
    return invoice


@transaction.atomic
def invoice_cancel(*, invoice: Invoice, reason: str, on: datetime.date | None = None) -> CreditNote:
    """Cancel an issued invoice with a credit note for the full amount. Nothing is deleted."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.status != InvoiceStatus.ISSUED:
        raise ValidationError(
            "Only an issued, unpaid invoice can be cancelled; "
            f"this one is {invoice.get_status_display().lower()}."
        )
    if invoice.payments.exists():
        raise ValidationError(
            f"{money(invoice.paid)} has been paid on {invoice.reference}; a credit note cancels "
            "an unpaid invoice only."
        )
    if not reason.strip():
        raise ValidationError("Give a reason for the credit note.")
    on = on or timezone.localdate()
    invoice.status = InvoiceStatus.CANCELLED
    invoice.cancelled_on = on
    invoice.save(update_fields=["status", "cancelled_on"])
    note = CreditNote.objects.create(
        invoice=invoice,
        number=_next_number(CREDIT_NOTE_SERIES),
        issued_on=on,
        amount=invoice.amount,
        reason=reason.strip(),
    )
    _pdf_remake(invoice)
    return note


def _reminder_recipients(member: Member) -> list[str]:
    """The school's heads and the member's finance contact, each once."""
    emails: list[str] = []
    if member.school_id:
        emails += User.objects.filter(
            role=Role.HEADTEACHER, is_active=True, affiliations__school_id=member.school_id
        ).values_list("email", flat=True)
    if member.finance_email:
        emails.append(member.finance_email)
    return list(dict.fromkeys(email.lower() for email in emails))


@transaction.atomic(durable=True)
def invoice_reminders_send(*, on: datetime.date) -> int:
    """Remind the head and the finance contact of each invoice still owing at the days overdue
    the office chose: once per invoice and day, and a day missed (no worker that night) is
    caught up the next, for the furthest day reached only. Returns how many were sent."""
    details = InvoiceSettings.current()
    days = details.reminder_day_list
    if not days:
        return 0
    owing = (
        Invoice.objects.select_for_update(of=("self",))
        .filter(status=InvoiceStatus.ISSUED, due_on__lte=on - datetime.timedelta(days=days[0]))
        .select_related("member__school")
        .prefetch_related("payments")
    )
    sent = 0
    for invoice in owing:
        overdue = invoice.days_overdue(on)
        reached = max(day for day in days if day <= overdue)
        reminded = InvoiceReminder.objects.filter(invoice=invoice, days_overdue__gte=reached)
        if invoice.balance <= 0 or reminded.exists():
            continue
        to = _reminder_recipients(invoice.member)
        if not to:
            continue
        InvoiceReminder.objects.create(invoice=invoice, days_overdue=reached, sent_on=on)
        mail_queue(
            kind="membership.invoice_reminder",
            to=to,
            subject=f"Invoice {invoice.reference} is overdue: {money(invoice.balance)} to pay",
            body=render_to_string(
                "membership/email/invoice_reminder.txt",
                {
                    "invoice": invoice,
                    "overdue": overdue,
                    "details": details,
                    "link": _membership_link(invoice),
                },
            ),
        )
        sent += 1
    return sent


def _membership_link(invoice: Invoice) -> str:
    school = invoice.member.school
    if school is None:
        return ""
    path = reverse("membership:membership", kwargs={"urn": school.urn})
    return settings.SITE_URL.rstrip("/") + path


@dataclass(frozen=True)
class Quote:
    """What a school pays for each of an order, and whether that is the member price."""

    unit_price: Decimal
    non_member_unit_price: Decimal | None
    at_member_price: bool


def purchase_quantity_check(*, product: Product, quantity: int) -> None:
    low, high = ranges.PLACES
    if not low <= quantity <= high:
        raise ValidationError(f"Order a quantity from {low} to {high}.")
    if product.kind == ProductKind.PACKAGE and quantity != 1:
        raise ValidationError("A school has one package a year, so order a quantity of 1.")


def purchase_quote(
    *, school: School, year: int, product: Product, quantity: int, on: datetime.date
) -> Quote:
    """The price of an order made on a day: the member price when the school is a member that
    day. A ValidationError says why it cannot be ordered (members-only services are refused to
    others, a second package in a year, no price for the year)."""
    purchase_quantity_check(product=product, quantity=quantity)
    price = Price.objects.filter(product=product, year=year).first()
    if price is None:
        raise ValidationError(f"{product} has no price for {years.label(year)}.")
    member = is_member(school=school, on=on)
    # No unit price: a non-member, and no non-member price.
    unit_price = price.member_price if member else price.non_member_price
    if unit_price is None or (not member and product.members_only):
        raise ValidationError(
            f"{product} is for member schools only, and {school} is not a member on {on:%-d %B %Y}."
        )
    if product.kind == ProductKind.PACKAGE and (
        Purchase.objects.live().filter(school=school, year=year, kind=ProductKind.PACKAGE).exists()
    ):
        raise ValidationError(f"{school} already has a package for {years.label(year)}.")
    return Quote(unit_price, price.non_member_price, member)


@transaction.atomic
def purchase_record(
    *,
    school: School,
    year: int,
    product: Product,
    quantity: int = 1,
    bought_on: datetime.date | None = None,
    recorded_by: User | None = None,
) -> Purchase:
    """A school orders a package or service for a year, at the price `purchase_quote` gives
    on the day it orders. It is invoiced by the next `orders_invoice`."""
    bought_on = bought_on or timezone.localdate()
    quote = purchase_quote(
        school=school, year=year, product=product, quantity=quantity, on=bought_on
    )
    try:
        with transaction.atomic():
            return Purchase.objects.create(
                school=school,
                year=year,
                product=product,
                kind=product.kind,
                quantity=quantity,
                unit_price=quote.unit_price,
                non_member_unit_price=quote.non_member_unit_price,
                at_member_price=quote.at_member_price,
                bought_on=bought_on,
                recorded_by=recorded_by,
            )
    except IntegrityError:  # a package ordered meanwhile by someone else
        if product.kind == ProductKind.PACKAGE:
            raise ValidationError(
                f"{school} already has a package for {years.label(year)}."
            ) from None
        raise


def _locked_changeable(order: Purchase) -> Purchase:
    """The order, locked (an invoice run waits, or has finished), if it may still change."""
    order = Purchase.objects.select_for_update().select_related("product").get(pk=order.pk)
    if order.cancelled_on is not None:
        raise ValidationError(
            f"This order was cancelled on {order.cancelled_on:%-d %B %Y}, so it cannot be changed."
        )
    invoice = order.invoice
    if invoice is not None:
        on = (
            f"invoice {invoice.reference}"
            if invoice.reference
            else "an invoice the THEP office is preparing"
        )
        raise ValidationError(
            f"{order.quantity} x {order.product} for {order.year_label} is already on {on}, so "
            "it can no longer be changed or cancelled. Please ask the THEP office."
        )
    return order


@transaction.atomic
def purchase_change(*, order: Purchase, quantity: int) -> Purchase:
    """A new quantity for an order not yet invoiced, at the price it was ordered at."""
    order = _locked_changeable(order)
    purchase_quantity_check(product=order.product, quantity=quantity)
    order.quantity = quantity
    order.save(update_fields=["quantity"])
    return order


@transaction.atomic
def purchase_cancel(*, order: Purchase, on: datetime.date | None = None) -> Purchase:
    """Cancel an order not yet invoiced. It is kept, and counts for nothing."""
    order = _locked_changeable(order)
    order.cancelled_on = on or timezone.localdate()
    order.save(update_fields=["cancelled_on"])
    return order


def orders_due(*, year: int, on: datetime.date) -> PurchaseQuerySet:
    """The orders for a year made by a day that the next invoice run puts on an invoice: all
    those not yet invoiced, except the package of a member whose fee and package go on one
    invoice while that fee is not yet invoiced (`invoice_create` takes it)."""
    together = Member.objects.filter(school=OuterRef("school"), fee_and_package_together=True)
    membership = Membership.objects.filter(member__school=OuterRef("school"), year=year)
    fee = Invoice.objects.filter(
        member__school=OuterRef("school"), year=year, kind=InvoiceKind.MEMBERSHIP
    ).exclude(status=InvoiceStatus.CANCELLED)
    return (
        Purchase.objects.to_invoice()
        .filter(year=year, bought_on__lte=on)
        .exclude(Q(kind=ProductKind.PACKAGE) & Exists(together) & Exists(membership) & ~Exists(fee))
    )


def _order_line_text(order: Purchase) -> str:
    price = "member price" if order.at_member_price else "non-member price"
    if order.kind == ProductKind.PACKAGE:
        return f"{order.product.name} package {order.year_label} ({price})"
    return (
        f"{order.product.name} {order.year_label}: {order.quantity} at "
        f"{money(order.unit_price)} ({price}), ordered on {order.bought_on:%-d %B %Y}"
    )


def _order_line_add(invoice: Invoice, order: Purchase) -> None:
    """Charge a (locked) order on a (locked) draft invoice."""
    line = invoice.lines.create(
        kind=order.kind, description=_order_line_text(order), amount=order.total
    )
    order.invoice_line = line
    order.save(update_fields=["invoice_line"])
    invoice.amount += line.amount
    invoice.save(update_fields=["amount"])


def _draft_for_order(member: Member, order: Purchase) -> Invoice:
    """The draft an order goes on: the year's fee invoice for a package the office puts with
    the fee, else the school's draft of packages and services for the year, or a new one."""
    drafts = Invoice.objects.select_for_update().filter(
        member=member, year=order.year, status=InvoiceStatus.DRAFT
    )
    if order.kind == ProductKind.PACKAGE and member.fee_and_package_together:
        fee = drafts.filter(kind=InvoiceKind.MEMBERSHIP).first()
        if fee is not None:
            return fee
    return drafts.filter(kind=InvoiceKind.ORDERS).order_by("pk").first() or Invoice.objects.create(
        member=member, kind=InvoiceKind.ORDERS, year=order.year, amount=Decimal("0")
    )


@transaction.atomic
def orders_invoice(*, year: int, on: datetime.date) -> list[Invoice]:
    """Put every order of a year made by `on` and not yet invoiced (`orders_due`) on a draft
    invoice, for the office to check and issue: nothing twice, nothing missed. An order made
    after a run goes on the next one. Returns the drafts that gained lines."""
    due = orders_due(year=year, on=on)
    # Lock the orders first: a second run at the same moment waits here, and the query below,
    # made after the lock is granted, no longer finds what the first run invoiced.
    list(due.select_for_update(of=("self",)).values_list("pk", flat=True))
    orders = list(
        due.select_for_update(of=("self",))
        .select_related("school", "product")
        .order_by("school__name", "school_id", "kind", "product__name", "pk")
    )
    if not orders:
        raise ValidationError(
            f"No orders for {years.label(year)} made by {on:%-d %B %Y} are waiting to be invoiced."
        )
    touched: dict[int, Invoice] = {}
    for school, group in groupby(orders, key=lambda order: order.school):
        member, _ = Member.objects.get_or_create(school=school)
        for order in group:
            invoice = _draft_for_order(member, order)
            _order_line_add(invoice, order)
            touched[invoice.pk] = invoice
    return list(touched.values())
