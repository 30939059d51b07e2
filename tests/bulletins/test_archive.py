"""The archive of sent bulletins, for the people of member schools and THEP's own; never the
drafts, never the LA."""

import pytest
from django.urls import reverse
from django.utils import timezone

from bulletins.models import Status
from tests.bulletins.factories import BulletinFactory, NewsItemFactory, member_now
from tests.learning.factories import EventFactory


def sent(**fields):
    return BulletinFactory(
        status=Status.SENT, sent_on=timezone.localdate(), sent_at=timezone.now(), **fields
    )


@pytest.mark.django_db
def test_a_member_head_reads_sent_bulletins_with_the_events_as_they_were_listed(
    client_for, school_a, head_a
):
    member_now(school_a)
    bulletin = sent(title="Autumn fortnight")
    NewsItemFactory(bulletin=bulletin, title="Ofsted update")
    bulletin.events.set([EventFactory(title="Middle Leaders Network")])
    BulletinFactory(title="Still a draft")
    client = client_for(head_a)

    archive = client.get(reverse("bulletins:archive")).content.decode()
    assert "Autumn fortnight" in archive and "Still a draft" not in archive
    page = client.get(reverse("bulletins:bulletin", args=[bulletin.pk])).content.decode()
    assert "Ofsted update" in page and "Middle Leaders Network" in page


@pytest.mark.django_db
def test_drafts_are_not_found_and_neither_is_the_archive_for_the_la_or_non_members(
    client_for, school_a, head_a, head_b, la_officer
):
    member_now(school_a)
    draft = BulletinFactory()
    assert client_for(head_a).get(reverse("bulletins:bulletin", args=[draft.pk])).status_code == 404
    for person in (head_b, la_officer):  # school B is not a member
        assert client_for(person).get(reverse("bulletins:archive")).status_code == 404


@pytest.mark.django_db
def test_the_archive_costs_the_same_queries_however_many_bulletins(
    client_for, director, django_assert_max_num_queries
):
    for n in range(30):
        sent(title=f"Bulletin {n}")
    client = client_for(director)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("bulletins:archive")).status_code == 200


@pytest.mark.django_db
def test_staff_choose_the_bulletins_they_receive(client_for, staff_a):
    client = client_for(staff_a)
    page = client.get(reverse("bulletins:choices")).content.decode()
    assert "checked" not in page  # staff receive none until they ask

    response = client.post(reverse("bulletins:choices"), {"kinds": ["keep_in_touch"]}, follow=True)

    assert "Your choice of bulletins is saved." in response.content.decode()
    assert response.context["form"].initial == {"kinds": ["keep_in_touch"]}
