import datetime
from dataclasses import dataclass
from decimal import Decimal
from importlib import import_module
from typing import TypedDict

from django.core.exceptions import PermissionDenied
from django.db.models import Count, DecimalField, Exists, F, OuterRef, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils import timezone

from membership.models import (
    TOWER_HAMLETS,
    Category,
    Invoice,
    InvoiceKind,
    InvoiceStatus,
    Member,
    Membership,
    Price,
    ProductKind,
    Purchase,
    School,
    SchoolType,
)
from membership.phases import KPI_GROUPS
from thep import years
from thep.models import User

EXTRA_LC_VISIT = "extra-lc-visit"
COACHING_SESSION = "coaching"
# The LA's school-improvement commission, as an academy buys it (maintained schools are in it
# without buying anything).
LA_COMMISSION = "la-commission"


def schools_for(*, user: User) -> QuerySet[School]:
    """The schools a person may open. Everyone else's school is a 404 to them."""
    if not user.is_authenticated or not user.is_active:
        return School.objects.none()
    if user.sees_every_school:
        return School.objects.all()
    if user.is_consultant:
        # Allocations live in `improvement`; the reverse name keeps this app free of that import.
        # Only allocations running today: an LC replaced at a school keeps it to the last day
        # of the allocation, and not a day longer. One filter() call, so one allocation.
        today = timezone.localdate()
        return School.objects.filter(
            Q(allocations__ends_on__gte=today)
            | Q(allocations__ends_on__isnull=True, allocations__year__gte=years.year_of(today)),
            allocations__consultant=user,
            allocations__starts_on__lte=today,
        ).distinct()
    if user.is_head or user.is_school_staff:
        return School.objects.filter(affiliations__person=user)
    return School.objects.none()


def schools_by_name(*, request: HttpRequest) -> list[School]:
    """The schools the person asking may open (`schools_for`), by name, read once a request
    however many parts of the page list them (the home page and its panels)."""
    found = getattr(request, "_schools_by_name", None)
    if found is None:
        found = list(schools_for(user=request.user).order_by("name"))  # type: ignore[arg-type]
        request._schools_by_name = found  # type: ignore[attr-defined]
    return found


# Memberships: reads other apps call. `is_member` and friends answer about a school, not about
# who asks, because they price things (learning) or count entitlements (improvement).


def membership_for(*, school: School, year: int) -> "Membership | None":
    return Membership.objects.filter(member__school=school, year=year).first()


def is_member(*, school: School, on: datetime.date) -> bool:
    """Full or associate membership current on that day. Notice counts as membership until the
    day it runs out."""
    return Membership.objects.filter(
        member__school=school, starts_on__lte=on, ends_on__gte=on
    ).exists()


class MemberSchoolId(TypedDict):
    member__school_id: int


def member_school_ids(*, on: datetime.date) -> QuerySet[Membership, MemberSchoolId] | None:
    """Ids of the schools with a membership current on that day, as a subquery to filter by,
    or None while no membership has been recorded at all (a register loaded without its
    members is not "no members")."""
    if not Membership.objects.exists():
        return None
    return Membership.objects.filter(
        starts_on__lte=on, ends_on__gte=on, member__school__isnull=False
    ).values("member__school_id")


def extra_visits_bought(*, school: School, year: int) -> int:
    """Extra Leadership Consultant visits a school ordered for a year and did not cancel
    (improvement adds them to the entitlement)."""
    bought = (
        Purchase.objects.live()
        .filter(school=school, year=year, product__code=EXTRA_LC_VISIT)
        .aggregate(total=Sum("quantity"))["total"]
    )
    return bought or 0


def coaching_sessions_bought(*, school: School, year: int) -> int:
    """Leadership coaching sessions a school ordered for a year and did not cancel (coaching
    adds them to the head's entitlement)."""
    bought = (
        Purchase.objects.live()
        .filter(school=school, year=year, product__code=COACHING_SESSION)
        .aggregate(total=Sum("quantity"))["total"]
    )
    return bought or 0


def in_commission(*, year: int) -> Q:
    """A filter of schools in the LA commission of a year, open or not: every LA-maintained
    school in the borough, and any other school that bought the commission for that year."""
    bought = Purchase.objects.live().filter(
        school=OuterRef("pk"), year=year, product__code=LA_COMMISSION
    )
    return Q(school_type=SchoolType.LA_MAINTAINED, la_code=TOWER_HAMLETS) | Q(Exists(bought))


def commission_schools(*, year: int) -> QuerySet[School]:
    """The schools the LA commission covers in a year: those in it that were open during it."""
    return School.objects.open_during(year).filter(in_commission(year=year))


def served_by_lc(*, year: int) -> Q:
    """A filter of schools with a Leadership Consultant's core visits in a year: members that
    year, and schools in the commission (improvement counts the visits)."""
    member = Membership.objects.filter(member__school=OuterRef("pk"), year=year)
    return Q(Exists(member)) | in_commission(year=year)


# A school's membership record. Who may see it is settled once, by the school the caller got
# from `membership.access.membership_school_for`, so these take the school only.


def memberships_of(*, school: School) -> QuerySet["Membership"]:
    """A school's memberships, newest first."""
    return Membership.objects.filter(member__school=school).order_by("-year")


def _with_paid(invoices: QuerySet["Invoice"]) -> QuerySet["Invoice"]:
    """What has been paid on each invoice, in the same query (`Invoice.paid` reads it)."""
    zero = Value(Decimal("0"), output_field=DecimalField(max_digits=10, decimal_places=2))
    return invoices.annotate(paid_total=Coalesce(Sum("payments__amount"), zero))


def invoices_of(*, school: School) -> QuerySet["Invoice"]:
    """A school's issued, paid and cancelled invoices (drafts are the office's business)."""
    return _with_paid(
        Invoice.objects.filter(member__school=school)
        .exclude(status=InvoiceStatus.DRAFT)
        .select_related("credit_note")
        .order_by("-year", "-number")
    )


def membership_invoices_of(*, school: School) -> tuple[list["Invoice"], list["Invoice"]]:
    """For the membership page, in one query: the school's issued invoices, and its membership
    fee invoices being prepared, for which the head may give a purchase order number before
    they are issued (the office's other drafts stay its own business)."""
    invoices = _with_paid(
        Invoice.objects.filter(member__school=school)
        .exclude(status=InvoiceStatus.DRAFT, kind=InvoiceKind.PLACES)
        .select_related("credit_note")
        .order_by("-year", "-number", "pk")
    )
    issued: list[Invoice] = []
    drafts: list[Invoice] = []
    for invoice in invoices:
        (drafts if invoice.status == InvoiceStatus.DRAFT else issued).append(invoice)
    return issued, drafts


def purchases_of(*, school: School, year: int) -> QuerySet["Purchase"]:
    """What a school ordered for a year and did not cancel."""
    return Purchase.objects.live().filter(school=school, year=year).select_related("product")


def orders_of(*, school: School, years: list[int]) -> list["Purchase"]:
    """A school's orders for some years, cancelled ones too, with the invoices that charge them
    (`Purchase.status`), in one query."""
    return list(
        Purchase.objects.filter(school=school, year__in=years)
        .select_related("product", "invoice_line__invoice")
        .order_by("year", "kind", "product__name", "pk")
    )


def price_list(*, years: list[int]) -> list["Price"]:
    """The prices of packages and services for some years: what a school may order."""
    return list(
        Price.objects.filter(year__in=years)
        .select_related("product")
        .order_by("product__kind", "product__name", "year")
    )


@dataclass(frozen=True)
class SavingLine:
    what: str
    member_cost: Decimal
    non_member_cost: Decimal

    @property
    def saved(self) -> Decimal:
        return self.non_member_cost - self.member_cost


@dataclass(frozen=True)
class Savings:
    lines: list[SavingLine]

    @property
    def total(self) -> Decimal:
        return sum((line.saved for line in self.lines), Decimal("0"))


# Apps later in the chain (learning's bookings) add their own lines by having a `savings` module
# with `saving_lines(*, school, year) -> list[SavingLine]`; membership does not import them.
SAVINGS_APPS = ("improvement", "learning")


def _other_apps_saving_lines(*, school: School, year: int) -> list[SavingLine]:
    lines: list[SavingLine] = []
    for app in SAVINGS_APPS:
        try:
            module = import_module(f"{app}.savings")
        except ModuleNotFoundError as missing:
            if missing.name != f"{app}.savings":
                raise
            continue
        lines.extend(module.saving_lines(school=school, year=year))
    return lines


def membership_savings(*, school: School, year: int) -> Savings:
    """What membership saved a school in a year: member against non-member prices of what it
    bought here (packages, services) and what other apps report (course bookings)."""
    lines = [
        SavingLine(
            what=f"{purchase.quantity} x {purchase.product.name}",
            member_cost=purchase.total,
            non_member_cost=purchase.non_member_unit_price * purchase.quantity,
        )
        for purchase in purchases_of(school=school, year=year)
        if purchase.at_member_price and purchase.non_member_unit_price is not None
    ]
    lines.extend(_other_apps_saving_lines(school=school, year=year))
    return Savings(lines=lines)


# Figures for the KPI reports. Only people who see the whole register may ask for them.


def _require_overview(user: User) -> None:
    if not (user.is_authenticated and user.is_active and user.sees_every_school):
        raise PermissionDenied("Membership figures are for directors and the office.")


@dataclass(frozen=True)
class PhaseRow:
    group: str
    members: int  # full members in the borough
    schools: int  # open schools in the borough that year
    out_of_borough_members: int

    @property
    def members_with_out_of_borough(self) -> int:
        return self.members + self.out_of_borough_members


def members_by_phase(*, user: User, year: int) -> list[PhaseRow]:
    """Full members by phase against all open schools in the LA that year (the seed 000 table:
    Primary 67/71 in 2017-18, with the out-of-borough member counted apart)."""
    _require_overview(user)
    open_schools = dict(
        School.objects.open_during(year)
        .filter(la_code=TOWER_HAMLETS)
        .values_list("phase")
        .annotate(n=Count("id"))
    )
    members = Membership.objects.filter(
        year=year, category=Category.FULL, member__school__isnull=False
    )
    in_borough = dict(
        members.filter(member__school__la_code=TOWER_HAMLETS)
        .values_list("member__school__phase")
        .annotate(n=Count("id"))
    )
    outside = dict(
        members.exclude(member__school__la_code=TOWER_HAMLETS)
        .values_list("member__school__phase")
        .annotate(n=Count("id"))
    )
    return [
        PhaseRow(
            group=group.label,
            members=sum(in_borough.get(phase, 0) for phase in phases),
            schools=sum(open_schools.get(phase, 0) for phase in phases),
            out_of_borough_members=sum(outside.get(phase, 0) for phase in phases),
        )
        for group, phases in KPI_GROUPS.items()
    ]


def associate_members(*, user: User, year: int) -> QuerySet["Membership"]:
    _require_overview(user)
    return Membership.objects.filter(year=year, category=Category.ASSOCIATE).select_related(
        "member__school"
    )


@dataclass(frozen=True)
class JoinersAndLeavers:
    joiners: list["Member"]  # members this year that were not members the year before
    leavers: list["Member"]  # members the year before that are not members this year


def joiners_and_leavers(*, user: User, year: int) -> JoinersAndLeavers:
    _require_overview(user)
    this_year = set(Membership.objects.filter(year=year).values_list("member_id", flat=True))
    last_year = set(Membership.objects.filter(year=year - 1).values_list("member_id", flat=True))
    members = Member.objects.select_related("school").in_bulk(this_year ^ last_year)
    return JoinersAndLeavers(
        joiners=sorted((members[pk] for pk in this_year - last_year), key=str),
        leavers=sorted((members[pk] for pk in last_year - this_year), key=str),
    )


@dataclass(frozen=True)
class PackageFigures:
    counts: dict[str, int]  # package name -> schools that bought it
    package_income: Decimal
    service_income: Decimal  # "extra income" in seed 000: additional services bought

    @property
    def schools(self) -> int:
        return sum(self.counts.values())

    @property
    def income(self) -> Decimal:
        return self.package_income + self.service_income


def package_figures(*, user: User, year: int) -> PackageFigures:
    _require_overview(user)
    bought = Purchase.objects.live().filter(year=year)
    counts = dict(
        bought.filter(kind=ProductKind.PACKAGE)
        .values_list("product__name")
        .annotate(n=Count("id"))
        .order_by("product__name")
    )
    income = bought.aggregate(
        packages=Sum(
            F("unit_price") * F("quantity"),
            filter=Q(kind=ProductKind.PACKAGE),
            output_field=DecimalField(),
        ),
        services=Sum(
            F("unit_price") * F("quantity"),
            filter=Q(kind=ProductKind.SERVICE),
            output_field=DecimalField(),
        ),
    )
    return PackageFigures(
        counts=counts,
        package_income=income["packages"] or Decimal("0"),
        service_income=income["services"] or Decimal("0"),
    )


AGE_BANDS = ["Not yet due", "1-30 days", "31-60 days", "61-90 days", "Over 90 days"]


def age_band(days_overdue: int) -> int:
    """The column of the aged-debt list for a number of days past due: 0 not yet due."""
    if days_overdue <= 0:
        return 0
    return min((days_overdue - 1) // 30 + 1, 4)


@dataclass(frozen=True)
class DebtRow:
    member: Member
    bands: list[Decimal]  # the balance owed in each of AGE_BANDS
    invoices: list[Invoice]

    @property
    def total(self) -> Decimal:
        return sum(self.bands, Decimal("0"))


@dataclass(frozen=True)
class AgedDebt:
    on: datetime.date
    rows: list[DebtRow]

    @property
    def totals(self) -> list[Decimal]:
        return [sum((row.bands[i] for row in self.rows), Decimal("0")) for i in range(5)]

    @property
    def total(self) -> Decimal:
        return sum(self.totals, Decimal("0"))


def aged_debt(*, on: datetime.date) -> AgedDebt:
    """What each member owes on a day, by how long it is overdue (the office's list; the
    admin's permission check is the door). Part-paid invoices count for their balance."""
    owing = (
        Invoice.objects.filter(status=InvoiceStatus.ISSUED)
        .select_related("member__school")
        .prefetch_related("payments")
        .order_by("member__school__name", "member__name", "number")
    )
    rows: dict[int, DebtRow] = {}
    for invoice in owing:
        balance = invoice.balance
        if balance <= 0:
            continue
        row = rows.setdefault(invoice.member_id, DebtRow(invoice.member, [Decimal("0")] * 5, []))
        row.bands[age_band(invoice.days_overdue(on))] += balance
        row.invoices.append(invoice)
    return AgedDebt(on=on, rows=list(rows.values()))


def _owing(invoices: QuerySet["Invoice"]) -> QuerySet["Invoice"]:
    return (
        _with_paid(invoices.filter(status=InvoiceStatus.ISSUED))
        .filter(amount__gt=F("paid_total"))
        .select_related("member__school")
        .order_by("due_on", "number")
    )


def invoices_owing(*, user: User) -> QuerySet["Invoice"]:
    """Issued invoices of a head's schools not yet paid in full, the soonest due first."""
    if not (user.is_authenticated and user.is_head):
        return Invoice.objects.none()
    return _owing(Invoice.objects.filter(member__school__in=schools_for(user=user).values("pk")))


def invoices_overdue(*, user: User, on: datetime.date) -> QuerySet["Invoice"]:
    """For the office: issued invoices past their due date and not paid in full, the longest
    overdue first."""
    if not (user.is_authenticated and user.is_office):
        return Invoice.objects.none()
    return _owing(Invoice.objects.filter(due_on__lt=on))


def invoice_drafts(*, user: User) -> QuerySet["Invoice"]:
    """For the office: draft invoices to check and issue, the oldest first."""
    if not (user.is_authenticated and user.is_office):
        return Invoice.objects.none()
    return (
        Invoice.objects.filter(status=InvoiceStatus.DRAFT)
        .select_related("member__school")
        .order_by("created_at", "pk")
    )
