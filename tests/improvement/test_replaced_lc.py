"""An LC replaced at a school keeps its pages to the last day of the allocation and loses them
the day after: the school page, its Ofsted page, its risk row and its letter."""

import datetime

import pytest
from django.utils import timezone

from improvement.models import Allocation
from tests.factories import AllocationFactory, UserFactory
from thep.models import Role

TODAY = timezone.localdate()


def _pages(school) -> list[str]:
    return [
        f"/schools/{school.urn}/",
        f"/ofsted/schools/{school.urn}/",
        f"/improvement/schools/{school.urn}/letter/",
    ]


@pytest.mark.parametrize(
    ("ended_on", "answer"), [(TODAY, 200), (TODAY - datetime.timedelta(1), 404)]
)
def test_a_replaced_lc_loses_the_school_the_day_after_the_allocation_ends(
    client_for, school_a, lc_a, ended_on, answer
):
    Allocation.objects.filter(consultant=lc_a).update(ends_on=ended_on)
    AllocationFactory(
        school=school_a,
        consultant=UserFactory(role=Role.CONSULTANT),
        starts_on=ended_on + datetime.timedelta(1),
    )
    client = client_for(lc_a)

    assert [client.get(page).status_code for page in _pages(school_a)] == [answer] * 3
    risk = client.get("/improvement/risk/").content.decode()
    assert (school_a.name in risk) is (answer == 200)
