from decimal import Decimal

from membership.models import Price, ProductKind, Purchase, School
from membership.selectors import LA_COMMISSION
from membership.services import purchase_record
from tests.membership.factories import ProductFactory


def buy_commission(school: School, year: int) -> Purchase:
    """The office records the school's order of the commission for a year, as any order."""
    product = ProductFactory(code=LA_COMMISSION, name="LA commission", kind=ProductKind.SERVICE)
    price = Decimal("3500")
    Price.objects.get_or_create(
        product=product, year=year, defaults={"member_price": price, "non_member_price": price}
    )
    return purchase_record(school=school, year=year, product=product)
