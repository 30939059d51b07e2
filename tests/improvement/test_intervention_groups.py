import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from improvement import services
from improvement.models import InterventionGroup
from ofsted.models import StrategyMeeting
from tests.ofsted.factories import InspectionFactory

TODAY = timezone.localdate()


@pytest.fixture
def ri_school(school_a):
    inspection = InspectionFactory(school=school_a, overall_effectiveness=3)
    StrategyMeeting.objects.create(school=school_a, inspection=inspection, reasons="RI")
    return school_a


def test_a_group_holds_the_strategy_meeting_and_tracks_actions_and_reviews(
    client_for, director, head_a, lc_a, ri_school
):
    client = client_for(director)
    response = client.post(
        "/improvement/intervention/",
        {"school": ri_school.pk, "chair": director.pk, "members": [head_a.pk, lc_a.pk],
         "started_on": TODAY.isoformat(), "resourcing": "Half-termly reports to governors."},
    )  # fmt: skip
    group = InterventionGroup.objects.get()
    assert response.url == f"/improvement/intervention/{group.pk}/"
    assert StrategyMeeting.objects.get().held_on == TODAY
    assert set(group.members.all()) == {director, head_a, lc_a}
    client.post(
        response.url,
        {
            "form": "action",
            "action-action": "Phonics training",
            "action-owner": lc_a.pk,
            "action-due_on": "2027-01-31",
        },
    )
    client.post(response.url, {"form": "review", "review-held_on": TODAY.isoformat(),
                               "review-notes": "Good progress in reading."})  # fmt: skip
    action = group.actions.get()
    client.post(response.url, {"form": "done", "action_id": action.pk})
    action.refresh_from_db()
    assert action.done_on == TODAY
    page = client_for(head_a).get(response.url).content.decode()  # members read it
    assert "Phonics training" in page and "Good progress in reading." in page


def test_one_open_group_per_school_and_bad_input_changes_nothing(client_for, director, ri_school):
    services.intervention_group_start(
        school=ri_school, chair=director, members=[], started_on=TODAY, resourcing="", by=director
    )
    with pytest.raises(ValidationError, match="already has an open intervention group"):
        services.intervention_group_start(
            school=ri_school, chair=director, members=[], started_on=TODAY, resourcing="",
            by=director,
        )  # fmt: skip
    group = InterventionGroup.objects.get()
    response = client_for(director).post(
        f"/improvement/intervention/{group.pk}/",
        {"form": "action", "action-action": "No date", "action-owner": "Head"},
    )
    assert response.status_code == 400
    assert not group.actions.exists()


def test_people_outside_the_group_get_not_found(
    client_for, director, head_b, la_officer, ri_school
):
    group = services.intervention_group_start(
        school=ri_school, chair=director, members=[], started_on=TODAY, resourcing="", by=director
    )
    for person in (head_b, la_officer):
        assert client_for(person).get(f"/improvement/intervention/{group.pk}/").status_code == 404


def test_a_closed_group_takes_no_more_actions(director, ri_school):
    group = services.intervention_group_start(
        school=ri_school, chair=director, members=[], started_on=TODAY, resourcing="", by=director
    )
    services.intervention_group_close(group=group, on=TODAY, by=director)
    with pytest.raises(ValidationError, match="closed"):
        services.intervention_action_add(
            group=group, action="x", owner=director, due_on=datetime.date(2027, 1, 1), by=director
        )


@pytest.mark.parametrize("action_id", ["abc", "", "-1", "99999999999"])
def test_marking_done_without_a_proper_action_is_refused(
    client_for, director, ri_school, action_id
):
    group = services.intervention_group_start(
        school=ri_school, chair=director, members=[], started_on=TODAY, resourcing="", by=director
    )
    response = client_for(director).post(
        f"/improvement/intervention/{group.pk}/", {"form": "done", "action_id": action_id}
    )
    assert response.status_code in (400, 404)
