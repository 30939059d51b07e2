import datetime

import pytest
from django.core.exceptions import ValidationError

from improvement.models import Allocation
from improvement.services import allocation_change
from thep import years

YEAR = years.current()
START = years.first_day(YEAR)


def test_a_new_lc_ends_the_current_allocation_and_keeps_the_history(school_a, lc_a, lc_other):
    allocation_change(school=school_a, consultant=lc_other, on=START + datetime.timedelta(days=60))
    history = list(Allocation.objects.filter(school=school_a).order_by("starts_on"))
    assert [(a.consultant, a.ends_on) for a in history] == [
        (lc_a, START + datetime.timedelta(days=59)),
        (lc_other, None),
    ]


@pytest.mark.parametrize(
    ("who", "days", "message"),
    [
        ("lc_a", 60, "is already Bonner Primary School's LC"),
        ("lc_other", 0, "must start after"),
        ("head_a", 60, "is not a Leadership Consultant"),
    ],
)
def test_a_change_that_cannot_be_made_is_refused_and_changes_nothing(
    request, school_a, lc_a, who, days, message
):
    with pytest.raises(ValidationError, match=message):
        allocation_change(
            school=school_a,
            consultant=request.getfixturevalue(who),
            on=START + datetime.timedelta(days=days),
        )
    assert Allocation.objects.filter(school=school_a).count() == 1
    assert Allocation.objects.get(school=school_a).ends_on is None


def test_the_office_changes_an_lc_in_the_admin_and_sees_why_a_change_is_refused(
    client_for, office_admin, school_a, lc_a, lc_other
):
    client = client_for(office_admin)
    url = "/admin/improvement/allocation/add/"
    day = (START + datetime.timedelta(days=60)).isoformat()
    refused = client.post(url, {"school": school_a.pk, "consultant": lc_a.pk, "starts_on": day})
    assert refused.status_code == 200
    assert "already Bonner Primary School&#x27;s LC" in refused.content.decode()
    done = client.post(url, {"school": school_a.pk, "consultant": lc_other.pk, "starts_on": day})
    assert done.status_code == 302
    assert Allocation.objects.get(school=school_a, ends_on__isnull=True).consultant == lc_other
