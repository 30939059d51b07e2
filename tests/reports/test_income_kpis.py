"""Honest income: the KPI "Total income" is subscriptions (membership fees), packages, extras and
places, each shown, this year and last, on the page, in the JSON and CSV and in the PDF; with the
associates still to renew and the member schools without an SLA (seed 000)."""

import io
import json
import re
from decimal import Decimal

import pytest
from pypdf import PdfReader

from learning.models import Kind
from membership.models import Category, Member, ProductKind, Purchase
from reports.kpis import kpi_figures
from reports.pdf import render_kpi_pdf
from tests.learning.factories import BookingFactory, EventFactory
from tests.membership.factories import (
    FeeRateFactory,
    MembershipFactory,
    ProductFactory,
    PupilCountFactory,
)
from thep import years


def text(content: bytes) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", content.decode()).split())


@pytest.fixture
def year(db, school_a, school_b) -> int:
    """This year: Bonner (420 pupils at £9) with Gold and two extra visits, Cayley (no pupils
    recorded yet, no package), Spitalfields Music (associate, £250), a course place (£90).
    Last year: Bonner (400 pupils at £8), and two associates: the Institute of Imagination,
    not renewed yet, and one that gave notice and has left."""
    course = EventFactory(kind=Kind.COURSE, sessions=[12])
    BookingFactory(event=course, school=school_a)
    this = years.year_of(course.sessions.earliest("date").date)
    FeeRateFactory(year=this, per_pupil=Decimal("9.00"), associate_fee=Decimal("250"))
    FeeRateFactory(year=this - 1, per_pupil=Decimal("8.00"))
    bonner = MembershipFactory(member__school=school_a, year=this).member
    MembershipFactory(member=bonner, year=this - 1)
    MembershipFactory(member__school=school_b, year=this)
    PupilCountFactory(school=school_a, year=this, pupils=420)
    PupilCountFactory(school=school_a, year=this - 1, pupils=400)
    spitalfields = Member.objects.create(name="Spitalfields Music")
    for start in (this - 1, this):
        MembershipFactory(member=spitalfields, year=start, category=Category.ASSOCIATE)
    MembershipFactory(
        member=Member.objects.create(name="Institute of Imagination"),
        year=this - 1,
        category=Category.ASSOCIATE,
    )
    left = Member.objects.create(
        name="Gone Away Trust",
        notice_given_on=years.first_day(this - 2),
        leaves_on=years.last_day(this - 1),
    )
    MembershipFactory(member=left, year=this - 1, category=Category.ASSOCIATE)
    gold = ProductFactory(kind=ProductKind.PACKAGE, code="gold", name="Gold")
    visit = ProductFactory()
    for product, quantity, price in ((gold, 1, "9800"), (visit, 2, "500")):
        Purchase.objects.create(
            school=school_a, year=this, product=product, kind=product.kind, quantity=quantity,
            unit_price=Decimal(price), at_member_price=True, bought_on=years.first_day(this),
        )  # fmt: skip
    return this


def test_total_income_adds_subscriptions_packages_extras_and_places(year, director):
    income = kpi_figures(user=director, year=year)["income"]
    assert income == {
        "subscriptions": "4030.00",  # 420 x £9 + £250
        "memberships_without_pupils": 1,  # Cayley: not in the sum until its pupils are known
        "packages": "9800.00",
        "extras": "1000.00",
        "places": "90.00",
        "total_income": "14920.00",
        "previous_year": {
            "subscriptions": "3200.00",  # 400 x £8; the associates' fee that year was £0
            "memberships_without_pupils": 0,
            "packages": "0.00",
            "extras": "0.00",
            "places": "0.00",
            "total_income": "3200.00",
        },
    }


def test_associates_still_to_renew_and_schools_without_an_sla_are_listed(year, director):
    membership = kpi_figures(user=director, year=year)["membership"]
    assert membership["associate_members"] == 1
    assert membership["associates_to_renew"] == ["Institute of Imagination"]
    assert membership["associates_with_renewals_due"] == 2
    assert membership["schools_without_sla"] == ["Cayley Primary School"]


def test_the_page_json_csv_and_pdf_show_the_income(year, director, client_for):
    client = client_for(director)
    label = years.label(year)
    page = text(client.get(f"/reports/?year={label}").content)
    assert "Subscriptions (membership fees) £4,030.00 £3,200.00" in page
    assert "Extras (additional services) £1,000.00 £0.00" in page
    assert "Places on courses and events £90.00 £0.00" in page
    assert "Total income £14,920.00 £3,200.00" in page
    assert "Associate members: 2 (1 still to renew)" in page
    assert "Still to renew: Institute of Imagination." in page
    assert "NON-SLA (member schools with no package) 1" in page

    figures = json.loads(client.get(f"/reports/kpis.json?year={label}").content)
    assert figures["income"]["total_income"] == "14920.00"
    csv_lines = client.get(f"/reports/kpis.csv?year={label}").content.decode().splitlines()
    assert f"{label},income.subscriptions,4030.00" in csv_lines
    assert f"{label},income.total_income,14920.00" in csv_lines
    assert f"{label},income.previous_year.total_income,3200.00" in csv_lines

    pdf = render_kpi_pdf(kpi_figures(user=director, year=year))
    pages = PdfReader(io.BytesIO(pdf)).pages
    words = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert "Subscriptions (membership fees) £4,030.00 £3,200.00" in words
    assert "Total income £14,920.00 £3,200.00" in words
    assert "Associate members: 2 (1 still to renew)" in words


def test_a_year_with_no_fee_rate_counts_no_subscriptions(db, director, school_a):
    MembershipFactory(member__school=school_a, year=2030)
    income = kpi_figures(user=director, year=2030)["income"]
    assert income["subscriptions"] == "0.00" and income["memberships_without_pupils"] == 1
