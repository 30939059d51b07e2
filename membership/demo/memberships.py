"""Demo memberships 2016-17 to 2026-27, shaped so the register reproduces the seed figures.

Seed 000's KPI table (May 2018) has columns 2018-19 and 2017-18; its Ofsted table gives the
2016-17 membership. With the demo additions below, the figures come out as:

    year     Nursery  Primary (+out of borough)  Secondary*  Special  associates  total
    2016-17  6/6      66/71 (+1)                 18/21       5/6      20          96
    2017-18  6/6      67/71 (+1)                 17/21       5/6      21          96
    2018-19  6/6      66/71 (+1)                 18/21       5/6      21          96

    * secondaries with the all-through school and alternative provision, as seed 000 lists them.

Packages: 2017-18 Bronze 33, Silver 16, Gold 10, Nursery 6 = 65 schools, £368,600, extra
(services) £4,500; 2018-19 Bronze 36, Silver 14, Gold 6, Nursery 5, £327,600, extra £1,250.
Seed 000 gives no 2016-17 packages: the demo repeats 2018-19's, so the table reads the same
whichever way its column labels are taken. Package prices are invented to fit both incomes.
2023-24 members are exactly the `member_2023_24` column (seed 004's list). Rates: 5 pounds
(2016-17 charged from 1 April 2017, 2017-18, 2018-19), 9 pounds from 2023-24 (seeds); 6, 7, 8, 8
pounds for 2019-20 to 2022-23 are invented."""

import datetime
from decimal import Decimal

from django.utils import timezone

from membership import services, standings
from membership.demo import rows
from membership.models import (
    Category,
    FeeRate,
    InvoiceSettings,
    Joining,
    Member,
    Membership,
    Price,
    Product,
    ProductKind,
    PupilCount,
    Purchase,
    School,
)
from membership.selectors import COACHING_SESSION, EXTRA_LC_VISIT
from thep import years

FIRST_YEAR, LAST_YEAR = 2016, 2026
INVOICED_FROM = 2023  # invoices are made for the last few years only, to keep loading quick

# Schools the seed counts that the register does not hold, added so the LA totals match.
DEMO_ADDITIONS = [
    # urn, name, phase, closed_on, pupils
    (900103, "Cubitt Town Junior School", "primary", datetime.date(2019, 8, 31), 240),
    (900104, "St Paul's Way Trust Primary School", "primary", datetime.date(2019, 8, 31), 210),
    (
        900105,
        "Bishop Challoner Catholic Girls' School",
        "secondary",
        datetime.date(2023, 8, 31),
        800,
    ),
    (900106, "Former Nursery School (demo)", "nursery", datetime.date(2019, 8, 31), 90),
    (900107, "Former Special School (demo)", "special", datetime.date(2019, 8, 31), 60),
]
# Opening and closing dates, from the register's notes.
DATES = {
    900068: (datetime.date(2020, 9, 1), None),  # Stepney Park, from Redlands and Smithy Street
    900048: (None, datetime.date(2020, 8, 31)),
    900052: (None, datetime.date(2020, 8, 31)),
    900090: (None, datetime.date(2020, 8, 31)),  # Raine's
    900097: (None, datetime.date(2021, 8, 31)),  # Cherry Trees
}
REOPENED = {900077}  # Bishop Challoner: the amalgamated school is open

# Spans of membership (first year, last year) where a school is not a member of every year
# while it is open. Schools not named here are members every year if they are members in
# 2023-24, and never otherwise.
SPANS: dict[int, list[tuple[int, int]]] = {
    900004: [(2016, 2021)],  # Harry Roberts
    900106: [(2016, 2018)],
    900013: [(2017, 2021)],  # Bygrove joins in 2017-18
    900014: [(2016, 2020)],
    900015: [(2016, 2020)],
    900022: [],  # Culloden, Old Ford, Solebay: Paradigm Trust, never members
    900043: [],
    900053: [],
    900056: [(2019, 2026)],  # St Edmund's: not in THEP in 2017-18
    900044: [(2016, 2017), (2020, 2026)],  # Old Palace leaves in 2018-19, rejoins in 2020-21
    900050: [(2016, 2019)],
    900061: [(2016, 2021)],
    900048: [(2016, 2019)],
    900052: [(2016, 2019)],
    900068: [(2020, 2026)],
    900103: [(2016, 2018)],
    900104: [(2016, 2018)],
    900088: [(2016, 2016), (2019, 2026)],  # Mulberry UTC
    900077: [(2021, 2026)],  # Bishop Challoner
    900105: [(2021, 2022)],
    900085: [(2018, 2026)],  # Green Springs joins in 2018-19
    900090: [(2016, 2019)],
    900101: [(2016, 2020)],
    900097: [(2016, 2020)],
    900096: [(2019, 2026)],  # Bowden House, out of borough
    900107: [],
}
ASSOCIATES = [
    "Bow Arts",
    "HEC Global Learning Centre",
    "LBTH Parent and Family Support Service",
    "Spitalfields Music",
    "The Virtual School for Looked After Children",
    "Tower Hamlets Arts and Music Education Service (THAMES)",
    "V&A Museum of Childhood",
]
ASSOCIATE_SPANS = {
    **{name: (2016, LAST_YEAR) for name in ASSOCIATES},
    "Institute of Imagination": (2018, LAST_YEAR),
    **{f"Demo associate member {n:02d}": (2016, LAST_YEAR) for n in range(1, 13)},
    "Demo associate member 13": (2016, 2017),
    "Demo associate member 14": (2017, LAST_YEAR),
}
RATES = {2016: 5, 2017: 5, 2018: 5, 2019: 6, 2020: 7, 2021: 8, 2022: 8, 2023: 9, 2024: 9, 2025: 9}
RATES[2026] = 9
PRODUCTS = [
    # kind, code, name, members only, member price, non-member price
    (ProductKind.PACKAGE, "bronze", "Bronze", False, 4600, 6400),
    (ProductKind.PACKAGE, "silver", "Silver", False, 6300, 8800),
    (ProductKind.PACKAGE, "gold", "Gold", False, 9800, 13700),
    (ProductKind.PACKAGE, "nursery", "Nursery", False, 3000, 4200),
    (ProductKind.SERVICE, EXTRA_LC_VISIT, "Extra LC visit", False, 250, 400),
    (ProductKind.SERVICE, "focussed-review", "Focussed review", False, 1200, 1800),
    (ProductKind.SERVICE, "ht-appraisal", "Headteacher appraisal", False, 450, 650),
    (ProductKind.SERVICE, "appointment-support", "Appointment support", False, 900, 1300),
    (ProductKind.SERVICE, COACHING_SESSION, "Leadership coaching", False, 300, 450),
    (ProductKind.SERVICE, "thers", "Recruitment service (THERS)", True, 0, None),
]
# Packages per year: (gold, silver, bronze, nursery), and extra LC visits bought.
PACKAGES = {2016: (6, 14, 36, 5), 2017: (10, 16, 33, 6), 2018: (6, 14, 36, 5)}
LATER_PACKAGES = (6, 15, 35, 4)
EXTRA_VISITS = {2016: [3, 2], 2017: [3, 3, 3, 3, 3, 3], 2018: [3, 2]}
LATER_EXTRA_VISITS = [3, 3, 2]
BONNER_URN = 900012


def _register() -> None:
    for urn, name, phase, closed_on, pupils in DEMO_ADDITIONS:
        School.objects.get_or_create(
            urn=urn,
            defaults={
                "name": name,
                "phase": phase,
                "school_type": "la_maintained",
                "la_name": "Tower Hamlets",
                "laestab": f"211{urn % 10000:04d}",
                "pupils": pupils,
                "pupils_are_demo": True,
                "town": "London",
                "is_open": False,
                "closed_on": closed_on,
            },
        )
    for urn, (opens, closes) in DATES.items():
        School.objects.filter(urn=urn).update(opened_on=opens, closed_on=closes)
    School.objects.filter(urn__in=REOPENED).update(is_open=True)


def _spans() -> dict[int, list[tuple[int, int]]]:
    spans = {}
    for row in rows():
        urn = int(row["urn"])
        spans[urn] = [(FIRST_YEAR, LAST_YEAR)] if row["member_2023_24"] == "yes" else []
    spans.update(SPANS)
    return spans


def _joining(member: Member, first: int, category: str, who: str) -> Joining:
    return Joining(
        member=member,
        joined_on=years.first_day(first),
        category=category,
        accepts_aims_and_values=True,
        accepts_guarantee=True,
        accepted_by_name=who,
        accepted_at=timezone.make_aware(
            datetime.datetime.combine(years.first_day(first), datetime.time(9))
        ),
    )


def _members(wanted: list[tuple[School | None, str]]) -> list[Member]:
    """The member for each (school, name): a school's, or an associate's by its name; those
    missing are made, in this order."""
    schools = [school for school, _ in wanted if school]
    names = [name for school, name in wanted if not school]
    by_school = {m.school_id: m for m in Member.objects.filter(school__in=schools)}
    by_name = {m.name: m for m in Member.objects.filter(school=None, name__in=names)}
    missing = [
        Member(school=school, name=name)
        for school, name in wanted
        if (by_school.get(school.pk) if school else by_name.get(name)) is None
    ]
    for member in Member.objects.bulk_create(missing):
        if member.school:
            by_school[member.school.pk] = member
        else:
            by_name[member.name] = member
    return [by_school[school.pk] if school else by_name[name] for school, name in wanted]


def _memberships() -> None:
    """Each member's joinings and years, and each member school's pupils: the rows a second
    run finds already there are left as they are. Written in bulk (the standings of schools
    with new pupil counts are refreshed as their model signals would have)."""
    spans = _spans()
    schools = School.objects.in_bulk(list(spans), field_name="urn")
    cast: list[tuple[School | None, str, list[tuple[int, int]], str, str]] = [
        (schools[urn], "", urn_spans, Category.FULL, schools[urn].head_name or "The headteacher")
        for urn, urn_spans in spans.items()
    ]
    cast += [
        (None, name, [span], Category.ASSOCIATE, "The director")
        for name, span in ASSOCIATE_SPANS.items()
    ]
    members = _members([(school, name) for school, name, *_ in cast])
    joined = set(Joining.objects.values_list("member_id", "joined_on"))
    held = set(Membership.objects.values_list("member_id", "year"))
    counted = set(PupilCount.objects.values_list("school_id", "year"))
    joinings, memberships, counts = [], [], []
    for member, (school, _, member_spans, category, who) in zip(members, cast, strict=True):
        for first, last in member_spans:
            if (member.pk, years.first_day(first)) not in joined:
                joinings.append(_joining(member, first, category, who))
            memberships += [
                Membership(
                    member=member,
                    year=year,
                    category=category,
                    starts_on=years.first_day(year),
                    ends_on=years.last_day(year),
                )
                for year in range(first, last + 1)
                if (member.pk, year) not in held
            ]
        _notice(member, member_spans)
        if school and member_spans:
            counts += [
                # Gently falling rolls, as the strategic plan expects.
                PupilCount(
                    school=school,
                    year=year,
                    pupils=(school.pupils or 0) * (100 + 2023 - year) // 100,
                )
                for year in range(FIRST_YEAR, LAST_YEAR + 1)
                if (school.pk, year) not in counted
            ]
    Joining.objects.bulk_create(joinings)
    Membership.objects.bulk_create(memberships)
    PupilCount.objects.bulk_create(counts)
    standings.changed(school_ids={count.school_id for count in counts})


def _notice(member: Member, spans: list[tuple[int, int]]) -> None:
    """A member that stops before the last year, other than by closing, left on notice given
    a year before the end of its last year."""
    if not spans:
        return
    last = spans[-1][1]
    school = member.school
    closes = school.closed_on if school else None
    if last < LAST_YEAR and not (closes and closes <= years.last_day(last)):
        Member.objects.filter(pk=member.pk).update(
            notice_given_on=years.last_day(last - 1), leaves_on=years.last_day(last)
        )


def _rates_and_products() -> None:
    for year, rate in RATES.items():
        FeeRate.objects.get_or_create(
            year=year,
            defaults={
                "per_pupil": Decimal(rate),
                "charged_from": datetime.date(2017, 4, 1)
                if year == 2016
                else years.first_day(year),
            },
        )
    priced = set(Price.objects.values_list("product__code", "year"))
    prices = []
    for kind, code, name, members_only, member_price, non_member_price in PRODUCTS:
        product, _ = Product.objects.get_or_create(
            code=code, defaults={"kind": kind, "name": name, "members_only": members_only}
        )
        prices += [
            Price(
                product=product,
                year=year,
                member_price=Decimal(member_price),
                non_member_price=None if non_member_price is None else Decimal(non_member_price),
            )
            for year in RATES
            if (code, year) not in priced
        ]
    Price.objects.bulk_create(prices)


class _Shop:
    """Buys through the service, once: a second run finds the purchase and buys nothing."""

    def __init__(self) -> None:
        self.products = {product.code: product for product in Product.objects.all()}
        self.bought = set(Purchase.objects.values_list("school_id", "year", "product__code"))

    def buy(self, school: School, year: int, code: str, quantity: int = 1) -> None:
        if (school.pk, year, code) in self.bought:
            return
        services.purchase_record(
            school=school,
            year=year,
            product=self.products[code],
            quantity=quantity,
            bought_on=years.first_day(year),
        )
        self.bought.add((school.pk, year, code))


def _purchases() -> None:
    shop = _Shop()
    for year in RATES:
        gold, silver, bronze, nursery = PACKAGES.get(year, LATER_PACKAGES)
        members = (
            School.objects.filter(member__memberships__year=year)
            .exclude(urn=BONNER_URN)
            .order_by("urn")
        )
        nurseries = list(members.filter(phase="nursery"))
        others = list(members.exclude(phase="nursery"))
        tiers = ["gold"] * gold + ["silver"] * silver + ["bronze"] * bronze
        for school, code in zip(others, tiers, strict=False):
            shop.buy(school, year, code)
        for school in nurseries[:nursery]:
            shop.buy(school, year, "nursery")
        # Schools with no package buy the extra visits, so the package counts stay as above.
        buyers = others[len(tiers) :]
        for school, visits in zip(buyers, EXTRA_VISITS.get(year, LATER_EXTRA_VISITS), strict=False):
            shop.buy(school, year, EXTRA_LC_VISIT, visits)
    bonner = School.objects.get(urn=BONNER_URN)
    for year in range(2023, LAST_YEAR + 1):
        shop.buy(bonner, year, "silver")
        shop.buy(bonner, year, EXTRA_LC_VISIT, 2)
        shop.buy(bonner, year, COACHING_SESSION, 3)


def _invoices() -> None:
    # Plainly made-up bank details, so that demo invoices show where payment would go.
    InvoiceSettings.objects.get_or_create(
        pk=1,
        defaults={
            "account_name": "Tower Hamlets Education Partnership (demo)",
            "sort_code": "00-00-00",
            "account_number": "00000000",
        },
    )
    memberships = (
        Membership.objects.filter(
            year__gte=INVOICED_FROM, category=Category.FULL, invoices__isnull=True
        )
        .select_related("member")
        .order_by("year", "member__school__urn")
    )
    for membership in memberships:
        invoice = services.invoice_create(member=membership.member, year=membership.year)
        services.invoice_issue(invoice=invoice, on=years.first_day(membership.year), make_pdf=False)
        if membership.year < LAST_YEAR:
            services.invoice_mark_paid(
                invoice=invoice, paid_on=years.first_day(membership.year) + datetime.timedelta(30)
            )


def load() -> None:
    _register()
    _rates_and_products()
    _memberships()
    _purchases()
    _invoices()
