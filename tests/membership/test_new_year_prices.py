"""The year's price list, imported with a preview: product code, year, member and non-member
price; all rows or none."""

from decimal import Decimal

import pytest

from membership.models import Price
from membership.prices import prices_import
from tests.membership.factories import PriceFactory, ProductFactory
from thep.csvfiles import ImportRefused

HEADER = "product code,year,member price,non-member price\n"


@pytest.fixture
def products(db):
    return {
        "gold": ProductFactory(kind="package", code="gold", name="Gold"),
        "thers": ProductFactory(code="thers", name="THERS", members_only=True),
        "visit": ProductFactory(code="extra-lc-visit", name="Extra LC visit"),
    }


def prices(year: int = 2027) -> dict[str, tuple]:
    return {
        price.product.code: (price.member_price, price.non_member_price)
        for price in Price.objects.filter(year=year).select_related("product")
    }


def test_prices_are_set_and_changed_for_the_year(products):
    PriceFactory(product=products["visit"], year=2027, member_price=500, non_member_price=700)
    file = (
        HEADER
        + 'gold,2027-28,"£9,800.00",13700\nTHERS,2027-28,1200,\nextra-lc-visit,2027-28,550,750\n'
    )
    summary = prices_import(source=file.encode())
    assert (summary.created, summary.updated, summary.unchanged) == (2, 1, 0)
    assert prices() == {
        "gold": (Decimal("9800.00"), Decimal("13700.00")),
        "thers": (Decimal("1200.00"), None),
        "extra-lc-visit": (Decimal("550.00"), Decimal("750.00")),
    }


def test_the_preview_writes_nothing(products):
    summary = prices_import(source=(HEADER + "gold,2027-28,9800,13700\n").encode(), apply=False)
    assert summary.created == 1 and not Price.objects.exists()


def test_bad_rows_are_named_and_nothing_changes(products):
    file = (
        HEADER
        + "gold,2027-28,9800,13700\n"
        + "platinum,2027-28,1,2\n"
        + "gold,2027/28,9800,13700\n"
        + "extra-lc-visit,2027-28,900,700\n"
        + "thers,2027-28,twelve,\n"
        + "gold,2027-28,9000,9500\n"
    )
    with pytest.raises(ImportRefused) as refused:
        prices_import(source=file.encode())
    assert [str(error) for error in refused.value.errors] == [
        "row 3, column 'product code': No product with the code 'platinum'.",
        "row 4, column 'year': '2027/28' is not a membership year; write it like 2017-18.",
        "row 5, column 'non-member price': Below the member price: members pay less.",
        "row 6, column 'member price': 'twelve' is not an amount in pounds, like 1250.00.",
        "row 7, column 'product code': Gold 2027-28 is already on row 2.",
    ]
    assert not Price.objects.exists()
