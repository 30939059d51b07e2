"""Every priced thing is invoiced as a line that says what it charges: the fee, a package, a
service, a place."""

from decimal import Decimal

from membership.models import InvoiceLine, LineKind
from membership.services import (
    invoice_create,
    orders_invoice,
    places_invoice_create,
    purchase_record,
)
from tests.membership.factories import FeeRateFactory, PupilCountFactory
from tests.membership.ordering import ON, YEAR, member_of, price_list


def test_fee_package_service_and_place_lines_each_say_what_they_charge(school_a):
    member = member_of(school_a)
    FeeRateFactory(year=YEAR)
    PupilCountFactory(school=school_a, year=YEAR, pupils=420)
    products = price_list()
    purchase_record(school=school_a, year=YEAR, product=products["silver"], bought_on=ON)
    purchase_record(school=school_a, year=YEAR, product=products["visit"], bought_on=ON)
    invoice_create(member=member, year=YEAR)
    orders_invoice(year=YEAR, on=ON)
    places_invoice_create(
        school=school_a, year=YEAR, term="autumn", lines=[("A course: Ann Smith", Decimal("95"))]
    )
    charged = {
        (line.invoice.what, line.kind, line.amount)
        for line in InvoiceLine.objects.select_related("invoice")
    }
    assert charged == {
        ("Membership fee 2017-18", LineKind.FEE, Decimal("2100.00")),
        ("Packages and services 2017-18", LineKind.PACKAGE, Decimal("6300.00")),
        ("Packages and services 2017-18", LineKind.SERVICE, Decimal("250.00")),
        ("Places, autumn term 2017-18", LineKind.PLACE, Decimal("95.00")),
    }
