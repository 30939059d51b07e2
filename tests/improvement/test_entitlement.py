import datetime

import pytest

from improvement.selectors import visit_entitlement
from membership.selectors import EXTRA_LC_VISIT
from membership.services import purchase_record
from tests.factories import SchoolFactory
from tests.improvement.factories import VisitFactory
from tests.membership.factories import MembershipFactory, PriceFactory, ProductFactory

YEAR = 2023  # 2023-24 starts on 1 September 2023
TODAY = datetime.date(2024, 1, 15)


@pytest.mark.parametrize(
    ("headship_start", "visits"),
    [
        (None, 3),
        (datetime.date(2015, 9, 1), 3),
        (datetime.date(2021, 9, 1), 3),  # two years done on the day the year starts
        (datetime.date(2021, 9, 2), 6),  # one day short of two years when it starts
        (datetime.date(2022, 9, 1), 6),  # second year of headship
        (datetime.date(2023, 9, 1), 6),  # first year
        (datetime.date(2024, 2, 1), 6),  # starts during the year
    ],
)
def test_new_heads_get_six_visits_for_two_years(db, headship_start, visits):
    school = SchoolFactory(headship_start=headship_start)
    assert visit_entitlement(school=school, year=YEAR, today=TODAY).core == visits


def test_done_planned_and_remaining_count_this_years_visits_only(db):
    school = SchoolFactory(headship_start=datetime.date(2010, 9, 1))
    VisitFactory(school=school, date=datetime.date(2023, 10, 3))
    VisitFactory(school=school, date=datetime.date(2024, 3, 5))
    VisitFactory(school=school, date=datetime.date(2023, 6, 5))  # last year
    entitlement = visit_entitlement(school=school, year=YEAR, today=TODAY)
    assert (entitlement.total, entitlement.done, entitlement.planned) == (3, 1, 1)
    assert entitlement.remaining == 1


def test_visits_the_school_bought_are_added(db):
    school = SchoolFactory(headship_start=datetime.date(2010, 9, 1))
    MembershipFactory(member__school=school, year=YEAR)
    price = PriceFactory(product=ProductFactory(code=EXTRA_LC_VISIT), year=YEAR)
    purchase_record(school=school, year=YEAR, product=price.product, quantity=2, bought_on=TODAY)
    assert visit_entitlement(school=school, year=YEAR, today=TODAY).total == 5
