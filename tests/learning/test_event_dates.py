import pytest
from django.urls import reverse

from learning.selectors import CatalogueFilters, catalogue
from tests.learning.factories import EventFactory, in_days


def titles() -> list[str]:
    return [event.title for event in catalogue(filters=CatalogueFilters())]


def _change_form(event, sessions: list[dict]) -> dict:
    """The admin's change form for an event, its fields as they are, with these sessions."""
    data = {
        "kind": event.kind,
        "title": event.title,
        "description": event.description,
        "audience": event.audience,
        "phase": event.phase,
        "subject": event.subject,
        "facilitator": "",
        "facilitator_name": event.facilitator_name,
        "capacity": event.capacity,
        "member_price": event.member_price,
        "non_member_price": event.non_member_price,
        "booking_deadline": event.booking_deadline,
        "published": "on",
        "sessions-TOTAL_FORMS": len(sessions),
        "sessions-INITIAL_FORMS": sum(1 for session in sessions if "id" in session),
        "sessions-MIN_NUM_FORMS": 0,
        "sessions-MAX_NUM_FORMS": 1000,
    }
    for n, session in enumerate(sessions):
        fields = {"event": event.pk, "starts_at": "09:30", "ends_at": "15:30", "venue": "PDC"}
        data.update(
            {f"sessions-{n}-{name}": value for name, value in {**fields, **session}.items()}
        )
    return data


@pytest.mark.django_db
def test_the_office_moving_and_removing_sessions_in_the_admin_moves_the_event_in_the_catalogue(
    client_for, office_admin
):
    reading = EventFactory(title="Reading", sessions=[10, 50])
    EventFactory(title="Writing", sessions=[30])
    assert titles() == ["Reading", "Writing"]
    first, second = reading.sessions.order_by("date")

    response = client_for(office_admin).post(
        reverse("admin:learning_event_change", args=[reading.pk]),
        _change_form(
            reading,
            [
                {"id": first.pk, "date": in_days(10), "DELETE": "on"},
                {"id": second.pk, "date": in_days(60)},
                {"date": in_days(70)},
            ],
        ),
    )

    assert response.status_code == 302, response.context["errors"]
    reading.refresh_from_db()
    assert (reading.starts_on, reading.ends_on) == (in_days(60), in_days(70))
    assert titles() == ["Writing", "Reading"]


@pytest.mark.django_db
def test_an_event_left_with_only_past_sessions_leaves_the_catalogue():
    reading = EventFactory(title="Reading", sessions=[-5, 20])
    assert titles() == ["Reading"]

    reading.sessions.get(date=in_days(20)).delete()

    reading.refresh_from_db()
    assert (reading.starts_on, reading.ends_on) == (in_days(-5), in_days(-5))
    assert titles() == []
