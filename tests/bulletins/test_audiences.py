"""Who a bulletin goes to: heads unless they said no, staff only if they asked, by phase group,
full members only or everyone on the portal."""

import pytest
from django.utils import timezone

from bulletins.models import Kind, Subscription
from bulletins.selectors import recipients
from membership.models import Category, Phase
from tests.bulletins.factories import BulletinFactory, member_now
from tests.factories import AffiliationFactory, SchoolFactory, UserFactory
from thep.models import Role


def sent_to(**audience) -> set[str]:
    bulletin = BulletinFactory(**audience)
    return {person.email for person in recipients(bulletin=bulletin, on=timezone.localdate())}


def head_of(school) -> str:
    person = UserFactory(role=Role.HEADTEACHER, email=f"head.{school.urn}@example.org")
    AffiliationFactory(person=person, school=school)
    return person.email


@pytest.fixture
def associate(db):
    school = member_now(SchoolFactory(name="Bow Nursery Trust"), category=Category.ASSOCIATE)
    return head_of(school)


@pytest.mark.django_db
def test_heads_of_full_members_only_unless_everyone_is_chosen(school_a, head_a, head_b, associate):
    member_now(school_a)  # school B is not a member
    assert sent_to(members_only=True) == {"head.a@example.org"}
    assert sent_to(members_only=False) == {"head.a@example.org", "head.b@example.org", associate}


@pytest.mark.django_db
def test_staff_receive_only_the_kinds_they_asked_for(school_a, head_a, staff_a):
    member_now(school_a)
    assert sent_to(to_heads=False, to_staff=True) == set()
    Subscription.objects.create(person=staff_a, kind=Kind.BULLETIN, subscribed=True)
    assert sent_to(to_heads=False, to_staff=True) == {"staff.a@example.org"}
    assert sent_to(to_heads=False, to_staff=True, kind=Kind.KEEP_IN_TOUCH) == set()
    assert sent_to(to_heads=True, to_staff=True) == {"head.a@example.org", "staff.a@example.org"}


@pytest.mark.django_db
def test_a_head_who_said_no_is_left_out_of_that_kind_only(school_a, head_a):
    member_now(school_a)
    Subscription.objects.create(person=head_a, kind=Kind.KEEP_IN_TOUCH, subscribed=False)
    assert sent_to(kind=Kind.KEEP_IN_TOUCH) == set()
    assert sent_to(kind=Kind.BULLETIN) == {"head.a@example.org"}


@pytest.mark.django_db
def test_phases_follow_thep_grouping_all_through_with_the_secondaries(school_a, head_a):
    member_now(school_a)
    all_through = head_of(member_now(SchoolFactory(phase=Phase.ALL_THROUGH)))
    special = head_of(member_now(SchoolFactory(phase=Phase.SPECIAL)))
    assert sent_to(phases=["secondary"]) == {all_through}
    assert sent_to(phases=["primary", "special"]) == {"head.a@example.org", special}
    assert sent_to(phases=[]) == {"head.a@example.org", all_through, special}


@pytest.mark.django_db
def test_people_who_cannot_log_in_receive_nothing(school_a, head_a):
    member_now(school_a)
    head_a.is_active = False
    head_a.save()
    assert sent_to() == set()
