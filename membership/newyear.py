"""Opening a membership year: the office sets the year's fee rate, imports its price list and the
pupils on roll from the census (membership.prices, membership.census), sees who renews and what
each fee will be, then confirms: every member without notice is renewed and each membership of
the year gets its draft fee invoice, all in one transaction, once per year."""

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from membership.models import (
    Category,
    FeeRate,
    InvoiceStatus,
    Membership,
    Price,
    Product,
    PupilCount,
    YearOpening,
)
from membership.services import (
    Fee,
    invoice_create,
    membership_fee,
    membership_renew_all,
    membership_renewal,
)
from thep import years
from thep.models import User


@dataclass(frozen=True)
class Invoiced:
    """A membership of the year and the fee its draft invoice will charge (None: no pupils)."""

    membership: Membership
    fee: Fee | None
    renewed: bool  # made by this opening, rather than there already (renewed or joined)


@dataclass
class YearPlan:
    year: int
    rate: FeeRate | None
    opened: YearOpening | None
    invoiced: list[Invoiced] = field(default_factory=list)
    not_renewed: list[str] = field(default_factory=list)  # the reasons, one per member
    already_invoiced: int = 0
    unpriced: list[Product] = field(default_factory=list)
    priced: int = 0

    @property
    def label(self) -> str:
        return years.label(self.year)

    @property
    def renewals(self) -> int:
        return sum(1 for line in self.invoiced if line.renewed)

    @property
    def without_pupils(self) -> list[Membership]:
        return [line.membership for line in self.invoiced if line.fee is None]

    @property
    def total(self) -> Decimal:
        return sum((line.fee.amount for line in self.invoiced if line.fee), Decimal("0"))

    @property
    def problems(self) -> list[str]:
        """What stops the year being opened, in words the office acts on."""
        if self.opened is not None:
            return [already_opened(self.opened)]
        problems = []
        if self.rate is None:
            problems.append(f"There is no fee rate for {self.label}: set it in step 1.")
        if self.without_pupils:
            names = ", ".join(str(m.member) for m in self.without_pupils[:10])
            more = len(self.without_pupils) - 10
            problems.append(
                f"{len(self.without_pupils)} members have no pupils on roll for {self.label} "
                f"({names}{f' and {more} more' if more > 0 else ''}): import the census in "
                "step 3."
            )
        if not self.invoiced:
            problems.append(f"Nobody renews into {self.label} and nothing is left to invoice.")
        return problems

    @property
    def fingerprint(self) -> str:
        """What the office saw in the preview: if this differs when it confirms, the members,
        pupils or rate changed since, and nothing is done."""
        seen = [
            (line.membership.member_id, line.renewed, line.fee.amount if line.fee else None)
            for line in self.invoiced
        ]
        rate = (self.rate.per_pupil, self.rate.associate_fee) if self.rate else None
        return hashlib.sha256(repr((self.year, rate, seen)).encode()).hexdigest()[:16]


def already_opened(opening: YearOpening) -> str:
    return (
        f"{years.label(opening.year)} is already open: {opening.renewed} members were renewed "
        f"into it and {opening.invoices_drafted} fee invoices drafted on "
        f"{timezone.localtime(opening.opened_at):%-d %B %Y}. A year is opened once."
    )


def year_plan(*, year: int) -> YearPlan:
    """What opening `year` would do, changing nothing."""
    rate = FeeRate.objects.filter(year=year).first()
    plan = YearPlan(year=year, rate=rate, opened=YearOpening.objects.filter(year=year).first())
    pupils: dict[int | None, int] = dict(
        PupilCount.objects.filter(year=year).values_list("school_id", "pupils")
    )
    present = list(
        Membership.objects.filter(year=year).select_related("member__school").order_by("pk")
    )
    invoiced = set(
        Membership.objects.filter(year=year, invoices__isnull=False)
        .exclude(invoices__status=InvoiceStatus.CANCELLED)
        .values_list("pk", flat=True)
    )
    plan.already_invoiced = len(invoiced)
    present_members = {membership.member_id for membership in present}
    last_year = Membership.objects.filter(year=year - 1).select_related("member__school")
    renewing = []
    for membership in last_year.order_by("pk"):
        if membership.member_id in present_members:
            continue
        try:
            renewing.append(membership_renewal(membership))
        except ValidationError as refused:
            plan.not_renewed.append(refused.messages[0])
    for membership in [*present, *renewing]:
        if membership.pk in invoiced:
            continue
        fee = None
        school_pupils = pupils.get(membership.member.school_id)
        if rate is not None and (school_pupils is not None or _flat(membership)):
            fee = membership_fee(membership=membership, rate=rate, pupils=school_pupils)
        plan.invoiced.append(Invoiced(membership, fee, renewed=membership.pk is None))
    plan.invoiced.sort(key=lambda line: str(line.membership.member))
    priced = set(Price.objects.filter(year=year).values_list("product_id", flat=True))
    plan.priced = len(priced)
    plan.unpriced = list(Product.objects.exclude(pk__in=priced))
    return plan


def _flat(membership: Membership) -> bool:
    """Associates with no school pay the year's flat fee, not by pupils."""
    return membership.category == Category.ASSOCIATE and not membership.member.school_id


@transaction.atomic
def fee_rate_set(*, year: int, per_pupil: Decimal, associate_fee: Decimal) -> FeeRate:
    """The year's fee rate, charged from 1 September; refused once the year is open, since its
    invoices are drafted at the rate of the day."""
    opening = YearOpening.objects.filter(year=year).first()
    if opening is not None:
        raise ValidationError(already_opened(opening))
    if per_pupil <= 0 or associate_fee < 0:
        raise ValidationError(
            "The fee per pupil must be more than £0, and the associate fee £0 or more."
        )
    rate, _ = FeeRate.objects.update_or_create(
        year=year,
        defaults={
            "per_pupil": per_pupil,
            "associate_fee": associate_fee,
            "charged_from": years.first_day(year),
        },
    )
    return rate


@dataclass(frozen=True)
class Opened:
    opening: YearOpening
    total: Decimal


@transaction.atomic(durable=True)
def year_open(*, year: int, seen: str, by: User) -> Opened:
    """Renew every member of the year before without notice into `year` and draft the fee
    invoice of each membership of `year` not yet invoiced; all or nothing. `seen` is the
    preview's fingerprint: if anything changed since, nothing is done. A second opening of a
    year is refused, whoever tries and however close together."""
    try:
        with transaction.atomic():
            opening = YearOpening.objects.create(
                year=year, opened_by=by, opened_at=timezone.now(), renewed=0, invoices_drafted=0
            )
    except IntegrityError:
        earlier = YearOpening.objects.get(year=year)
        raise ValidationError(already_opened(earlier)) from None
    plan = year_plan(year=year)
    plan.opened = None  # the row just made is this opening's
    if plan.problems:
        raise ValidationError(plan.problems)
    if plan.fingerprint != seen:
        raise ValidationError(
            "The members, pupils or fee rate have changed since the preview; nothing has "
            "changed. Look at the preview again and confirm what it shows now."
        )
    opening.renewed = membership_renew_all(year=year - 1)
    for line in plan.invoiced:
        invoice_create(member=line.membership.member, year=year)
    opening.invoices_drafted = len(plan.invoiced)
    opening.save(update_fields=["renewed", "invoices_drafted"])
    return Opened(opening, plan.total)
