from decimal import Decimal

import pytest

from membership.models import Membership, School
from membership.selectors import (
    associate_members,
    extra_visits_bought,
    is_member,
    members_by_phase,
    package_figures,
)
from thep import years
from thep.models import User

# Seed 000's KPI tables (and its Ofsted table for the 2016-17 membership):
# group -> (members in borough, open schools in the LA); primary has one out-of-borough member.
SEED_000 = {
    2016: {"Nursery": (6, 6), "Primary": (66, 71), "Secondary": (18, 21), "Special": (5, 6)},
    2017: {"Nursery": (6, 6), "Primary": (67, 71), "Secondary": (17, 21), "Special": (5, 6)},
    2018: {"Nursery": (6, 6), "Primary": (66, 71), "Secondary": (18, 21), "Special": (5, 6)},
}


@pytest.fixture
def director(demo_db):
    return User.objects.get(email="director@example.org")


def test_the_demo_membership_figures(director):
    """One test, because loading the demo takes half a minute."""
    demo_data_reproduces_seed_000s_tables(director)
    demo_2023_24_members_are_seed_004s_list_and_bonner_is_a_member_now()


def demo_data_reproduces_seed_000s_tables(director):
    for year, expected in SEED_000.items():
        rows = {row.group: row for row in members_by_phase(user=director, year=year)}
        assert {group: (row.members, row.schools) for group, row in rows.items()} == expected
        assert rows["Primary"].out_of_borough_members == 1
        assert sum(row.members_with_out_of_borough for row in rows.values()) == 96
    assert associate_members(user=director, year=2017).count() == 21
    assert associate_members(user=director, year=2018).count() == 21
    figures = package_figures(user=director, year=2017)
    assert figures.counts == {"Bronze": 33, "Gold": 10, "Nursery": 6, "Silver": 16}
    assert figures.package_income == Decimal("368600")
    assert figures.service_income == Decimal("4500")
    assert figures.income == Decimal("373100")
    later = package_figures(user=director, year=2018)
    assert later.counts == {"Bronze": 36, "Gold": 6, "Nursery": 5, "Silver": 14}
    assert later.package_income == Decimal("327600")
    assert later.income == Decimal("328850")


def demo_2023_24_members_are_seed_004s_list_and_bonner_is_a_member_now():
    from membership.demo import rows

    listed = {int(row["urn"]) for row in rows() if row["member_2023_24"] == "yes"}
    members = set(
        Membership.objects.filter(year=2023, member__school__isnull=False).values_list(
            "member__school__urn", flat=True
        )
    )
    assert members == listed
    bonner = School.objects.get(name="Bonner Primary School")
    assert is_member(school=bonner, on=years.first_day(2026))
    assert extra_visits_bought(school=bonner, year=2026) == 2
