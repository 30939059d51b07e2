from decimal import Decimal

import pytest

from learning.models import Kind, Status
from learning.services import booking_create
from tests.learning.factories import EventFactory


@pytest.mark.django_db
def test_a_member_school_pays_the_member_price(member_a, school_a, head_a):
    event = EventFactory(member_price=Decimal("90.00"), non_member_price=Decimal("150.00"))
    booking = booking_create(
        event=event, school=school_a, delegate_email="amy@example.org", delegate_name="Amy",
        by=head_a,
    )  # fmt: skip
    assert booking.status == Status.CONFIRMED
    assert booking.price == Decimal("90.00")
    assert booking.at_member_price
    assert booking.non_member_price == Decimal("150.00")


@pytest.mark.django_db
def test_a_school_that_is_not_a_member_pays_the_full_price(school_b, head_b):
    event = EventFactory(member_price=Decimal("90.00"), non_member_price=Decimal("150.00"))
    booking = booking_create(
        event=event, school=school_b, delegate_email="bo@example.org", delegate_name="Bo",
        by=head_b,
    )  # fmt: skip
    assert booking.price == Decimal("150.00")
    assert not booking.at_member_price


@pytest.mark.django_db
def test_networks_are_free_to_members_only(member_a, school_a, head_a, school_b, head_b):
    network = EventFactory(
        kind=Kind.NETWORK, member_price=Decimal("0"), non_member_price=Decimal("120.00")
    )
    member = booking_create(
        event=network, school=school_a, delegate_email="a@example.org", delegate_name="A",
        by=head_a,
    )  # fmt: skip
    other = booking_create(
        event=network, school=school_b, delegate_email="b@example.org", delegate_name="B",
        by=head_b,
    )  # fmt: skip
    assert (member.price, other.price) == (Decimal("0.00"), Decimal("120.00"))


@pytest.mark.django_db
def test_the_price_follows_membership_on_the_day_of_the_first_session(school_a, head_a):
    """School A's membership ends before the course starts, so it pays the full price."""
    from membership.models import Member
    from tests.learning.factories import in_days
    from tests.membership.factories import MembershipFactory
    from thep import years

    MembershipFactory(
        member=Member.objects.create(school=school_a),
        year=years.current(),
        ends_on=in_days(10),
    )
    event = EventFactory(sessions=[30])
    booking = booking_create(
        event=event, school=school_a, delegate_email="c@example.org", delegate_name="C",
        by=head_a,
    )  # fmt: skip
    assert booking.price == event.non_member_price
