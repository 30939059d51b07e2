"""Review-group and TIG actions have an owner on the portal, a due date and a status, which
directors set; the rows lead to the school's page."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from improvement import services
from improvement.models import ActionStatus, InterventionGroup, ReviewItem, ReviewMeeting

TODAY = timezone.localdate()


@pytest.fixture
def meeting(db):
    return ReviewMeeting.objects.create(held_on=TODAY)


def test_a_director_adds_a_school_with_its_actions_owner_and_due_date(
    client_for, director, la_officer, meeting, school_a
):
    url = f"/improvement/review-group/{meeting.pk}/"
    client = client_for(director)
    client.post(url, {"school": school_a.pk, "discussion": "Falling roll.",
                      "actions": "Share place planning.", "owner": la_officer.pk,
                      "due_on": "2027-01-15"})  # fmt: skip
    item = ReviewItem.objects.get()
    assert (item.owner, item.due_on, item.status) == (
        la_officer,
        datetime.date(2027, 1, 15),
        ActionStatus.OPEN,
    )
    page = client_for(la_officer).get(url).content.decode()
    assert la_officer.get_full_name() in page and "15 Jan 2027" in page
    assert f'href="/schools/{school_a.urn}/"' in page


def test_actions_agreed_need_an_owner_and_a_date(client_for, director, meeting, school_a):
    response = client_for(director).post(
        f"/improvement/review-group/{meeting.pk}/",
        {"school": school_a.pk, "discussion": "Roll.", "actions": "Finance visit."},
    )
    assert response.status_code == 400
    assert "Say who sees to the actions agreed, and by when." in response.content.decode()
    assert not ReviewItem.objects.exists()


def test_a_head_cannot_own_a_review_group_action(director, head_a, meeting, school_a):
    with pytest.raises(ValidationError, match="cannot open this page"):
        services.review_item_add(
            meeting=meeting, school=school_a, discussion="x", actions="y", owner=head_a,
            due_on=TODAY, by=director,
        )  # fmt: skip
    assert not ReviewItem.objects.exists()


def test_a_director_marks_an_action_done_and_opens_it_again(
    client_for, director, primary_director, meeting, school_a
):
    item = ReviewItem.objects.create(meeting=meeting, school=school_a, discussion="Roll")
    url = f"/improvement/review-group/{meeting.pk}/"
    client = client_for(director)
    response = client.post(url, {"form": "change", "action_id": item.pk,
                                 f"action-{item.pk}-owner": primary_director.pk,
                                 f"action-{item.pk}-due_on": "2026-12-20",
                                 f"action-{item.pk}-status": "done"})  # fmt: skip
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.owner, item.status, item.done_on) == (primary_director, "done", TODAY)
    client.post(url, {"form": "change", "action_id": item.pk,
                      f"action-{item.pk}-owner": primary_director.pk,
                      f"action-{item.pk}-due_on": "2026-12-20",
                      f"action-{item.pk}-status": "open"})  # fmt: skip
    item.refresh_from_db()
    assert (item.status, item.done_on) == ("open", None)


def test_la_officers_cannot_change_actions_and_a_bad_change_changes_nothing(
    client_for, director, la_officer, meeting, school_a
):
    item = ReviewItem.objects.create(meeting=meeting, school=school_a, discussion="Roll")
    url = f"/improvement/review-group/{meeting.pk}/"
    prefix = f"action-{item.pk}"
    change = {"form": "change", "action_id": item.pk, f"{prefix}-owner": la_officer.pk,
              f"{prefix}-due_on": "2026-12-20", f"{prefix}-status": "done"}  # fmt: skip
    assert client_for(la_officer).post(url, change).status_code == 404
    bad = {**change, f"{prefix}-due_on": "not a date"}
    assert client_for(director).post(url, bad).status_code == 400
    assert client_for(director).post(url, {**change, "action_id": "999999"}).status_code == 404
    item.refresh_from_db()
    assert (item.owner, item.status) == (None, "open")


def test_a_tig_action_is_owned_by_a_member_and_marked_done(
    client_for, director, lc_a, head_b, school_a
):
    group = services.intervention_group_start(
        school=school_a, chair=director, members=[lc_a], started_on=TODAY, resourcing="",
        by=director,
    )  # fmt: skip
    url = f"/improvement/intervention/{group.pk}/"
    client = client_for(director)
    new = {"form": "action", "action-action": "Phonics", "action-due_on": "2027-01-31"}
    refused = client.post(url, {**new, "action-owner": head_b.pk})
    assert refused.status_code == 400 and not group.actions.exists()
    client.post(url, {**new, "action-owner": lc_a.pk})
    action = group.actions.get()
    assert (action.owner, action.status) == (lc_a, ActionStatus.OPEN)
    page = client_for(lc_a).get(url).content.decode()
    assert lc_a.get_full_name() in page and f'href="/schools/{school_a.urn}/"' in page
    client_for(director).post(url, {"form": "done", "action_id": action.pk})
    action.refresh_from_db()
    assert (action.status, action.done_on) == (ActionStatus.DONE, TODAY)


def test_a_closed_group_keeps_its_actions_as_they_are(director, lc_a, school_a):
    group = InterventionGroup.objects.create(school=school_a, chair=director, started_on=TODAY)
    group.members.add(lc_a)
    action = services.intervention_action_add(
        group=group, action="Phonics", owner=lc_a, due_on=TODAY, by=director
    )
    services.intervention_group_close(group=group, on=TODAY, by=director)
    with pytest.raises(ValidationError, match="closed"):
        services.action_update(
            action=action, owner=lc_a, due_on=TODAY, status="done", on=TODAY, by=director
        )


def test_risk_register_rows_lead_to_the_school(client_for, director, school_a):
    page = client_for(director).get("/improvement/risk/").content.decode()
    assert f'<a href="/schools/{school_a.urn}/">Bonner Primary School</a>' in page


def test_a_meetings_papers_with_a_form_for_each_action_keep_their_budget(
    client_for, director, la_officer, meeting, django_assert_max_num_queries
):
    from tests.factories import SchoolFactory

    def add(n: int) -> None:
        for _ in range(n):
            ReviewItem.objects.create(
                meeting=meeting, school=SchoolFactory(), discussion="Roll", actions="Visit",
                owner=la_officer, due_on=TODAY,
            )  # fmt: skip

    client = client_for(director)
    client.get("/")
    url = f"/improvement/review-group/{meeting.pk}/"
    add(3)
    with django_assert_max_num_queries(13) as small:
        client.get(url)
    add(27)
    with django_assert_max_num_queries(13) as large:
        page = client.get(url).content.decode()
    assert len(large.captured_queries) == len(small.captured_queries)
    assert page.count("Change who, when or status") == 30
