import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils.html import escape

from improvement import services
from improvement.models import ReviewMeeting


def test_a_director_records_a_meeting_and_la_officers_read_its_papers(
    client_for, director, la_officer, school_a, report_at
):
    report = report_at("final")
    client = client_for(director)
    response = client.post(
        "/improvement/review-group/",
        {"held_on": "2026-11-10", "attendees": [la_officer.pk],
         "other_attendees": "Divisional Director for Education"},
    )  # fmt: skip
    meeting = ReviewMeeting.objects.get()
    assert response.url == f"/improvement/review-group/{meeting.pk}/"
    client.post(
        response.url,
        {
            "school": school_a.pk,
            "discussion": "Falling roll.",
            "actions": "Finance visit.",
            "owner": la_officer.pk,
            "due_on": "2026-12-01",
        },
    )
    page = client_for(la_officer).get(response.url).content.decode()
    assert "Bonner Primary School" in page and "Finance visit." in page
    assert escape(la_officer.get_full_name()) in page  # an O'Brien's apostrophe comes escaped
    assert report.summary not in page  # no report content in the papers


def test_la_officers_only_read(client_for, la_officer, school_a):
    meeting = ReviewMeeting.objects.create(held_on=datetime.date(2026, 11, 10))
    client = client_for(la_officer)
    assert client.post("/improvement/review-group/", {"held_on": "2026-11-11"}).status_code == 404
    url = f"/improvement/review-group/{meeting.pk}/"
    assert client.post(url, {"school": school_a.pk, "discussion": "x"}).status_code == 404
    assert not meeting.items.exists()


def test_a_school_is_on_a_meetings_agenda_once(director, school_a):
    meeting = ReviewMeeting.objects.create(held_on=datetime.date(2026, 11, 10))
    services.review_item_add(
        meeting=meeting, school=school_a, discussion="x", actions="", by=director
    )
    with pytest.raises(ValidationError, match="already on this meeting's agenda"):
        services.review_item_add(
            meeting=meeting, school=school_a, discussion="y", actions="", by=director
        )


def test_heads_staff_and_lcs_have_no_review_group(client_for, head_a, staff_a, lc_a):
    meeting = ReviewMeeting.objects.create(held_on=datetime.date(2026, 11, 10))
    for person in (head_a, staff_a, lc_a):
        client = client_for(person)
        assert client.get("/improvement/review-group/").status_code == 404
        assert client.get(f"/improvement/review-group/{meeting.pk}/").status_code == 404
