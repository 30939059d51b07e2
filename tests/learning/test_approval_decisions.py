"""The head decides each staff request from its page (the approval email and the home page link
to it): approving confirms the place, declining frees it with a reason; the teacher hears
either way, nobody decides twice, and each school chooses whether its staff need approval."""

import pytest
from django.core.exceptions import ValidationError

from learning.models import Booking, Decision, Event, SchoolPolicy, Status
from learning.services import booking_approve, booking_create, booking_decline
from tests.learning.factories import EventFactory


@pytest.fixture
def asks_for_approval(member_a):
    return SchoolPolicy.objects.create(school=member_a.school, staff_bookings_need_approval=True)


def staff_asks(event: Event, school, staff) -> Booking:
    return booking_create(
        event=event, school=school, delegate_email=staff.email, delegate_name="Sam Staff",
        by=staff,
    )  # fmt: skip


@pytest.mark.django_db
def test_the_head_approves_from_the_email_link_and_the_teacher_gets_the_confirmation(
    asks_for_approval, school_a, staff_a, head_a, client_for, mailoutbox,
    django_capture_on_commit_callbacks, eager_tasks,
):  # fmt: skip
    event = EventFactory(title="Leadership Lab: Leading People")
    with django_capture_on_commit_callbacks(execute=True):
        request = staff_asks(event, school_a, staff_a)
    asking = mailoutbox[-1]
    link = f"/learning/bookings/{request.pk}/decide/"
    assert asking.to == ["head.a@example.org"] and link in asking.body

    client = client_for(head_a)
    home = client.get("/").content.decode()
    assert "Sam Staff: Leadership Lab: Leading People" in home
    assert f'href="{link}">Approve' in home and f'href="{link}#decline">Decline' in home
    page = client.get(link).content.decode()
    assert "Sam Staff asks for a place" in page and "Approve the place" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link, {"action": "approve"}, follow=True)
    assert "Approved: Sam Staff has a place on Leadership Lab" in response.content.decode()
    assert Booking.objects.get(pk=request.pk).status == Status.CONFIRMED
    assert Decision.objects.get(booking=request).decided_by == head_a
    told = mailoutbox[-1]
    assert (told.subject, told.to) == ("Place confirmed: Leadership Lab: Leading People",
                                      ["staff.a@example.org"])  # fmt: skip
    assert told.attachments[0][0] == "thep-booking.ics"
    assert "Sam Staff: Leadership Lab" not in client.get("/").content.decode()


@pytest.mark.django_db
def test_the_head_declines_with_a_reason_the_teacher_is_told_and_the_place_goes_on(
    asks_for_approval, school_a, staff_a, head_a, client_for, mailoutbox,
    django_capture_on_commit_callbacks, eager_tasks,
):  # fmt: skip
    event = EventFactory(title="BAME Leaders", capacity=1)
    request = staff_asks(event, school_a, staff_a)
    waiting = booking_create(
        event=event, school=school_a, delegate_email="next@example.org", delegate_name="Next",
        by=head_a,
    )  # fmt: skip
    client = client_for(head_a)
    link = f"/learning/bookings/{request.pk}/decide/"

    response = client.post(link, {"action": "decline", "reason": "  "})
    assert "This field is required." in response.content.decode()
    assert Booking.objects.get(pk=request.pk).status == Status.REQUESTED

    reason = "We have two colleagues on it this year; next year's cohort is yours."
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link, {"action": "decline", "reason": reason}, follow=True)
    assert "Declined: Sam Staff is told why" in response.content.decode()
    request.refresh_from_db()
    assert (request.status, request.cancellation_charged) == (Status.CANCELLED, False)
    assert request.decision.reason == reason and not request.decision.approved
    assert Booking.objects.get(pk=waiting.pk).status == Status.OFFERED
    told = next(mail for mail in mailoutbox if mail.subject == "Request declined: BAME Leaders")
    assert told.to == ["staff.a@example.org"] and reason in told.body
    assert not told.attachments
    assert "Declined" in client.get(link).content.decode()


@pytest.mark.django_db
def test_deciding_twice_is_refused_saying_who_decided(
    asks_for_approval, school_a, staff_a, head_a, client_for
):
    request = staff_asks(EventFactory(), school_a, staff_a)
    booking_approve(booking=request, by=head_a)
    with pytest.raises(ValidationError, match=r"approved it on .*; a request is decided once"):
        booking_decline(booking=request, by=head_a, reason="Changed my mind")
    with pytest.raises(ValidationError, match="not waiting for approval"):
        booking_approve(booking=request, by=head_a)
    client = client_for(head_a)
    link = f"/learning/bookings/{request.pk}/decide/"
    response = client.post(link, {"action": "decline", "reason": "Too late"}, follow=True)
    page = response.content.decode()
    assert "approved it on" in page and "a request is decided once" in page
    assert "Approve the place" not in page
    assert Booking.objects.get(pk=request.pk).status == Status.CONFIRMED
    assert Decision.objects.filter(booking=request).count() == 1


@pytest.mark.django_db
def test_a_school_that_needs_no_approval_confirms_staff_places_straight_away(
    member_a, school_a, staff_a, head_a, client_for
):
    client = client_for(head_a)
    policy_page = f"/learning/schools/{school_a.pk}/approval/"
    assert client.get("/learning/approval/").headers["Location"] == policy_page
    assert "staff book places straight away" in client.get(policy_page).content.decode()
    client.post(policy_page, {"need_approval": "yes"})
    assert staff_asks(EventFactory(), school_a, staff_a).status == Status.REQUESTED
    response = client.post(policy_page, {"need_approval": "no"}, follow=True)
    assert "Saved: nobody needs approval to book at Bonner Primary School." in (
        response.content.decode()
    )
    assert "1 request already made still waits" in response.content.decode()
    assert staff_asks(EventFactory(), school_a, staff_a).status == Status.CONFIRMED
    assert client.post(policy_page, {"need_approval": "perhaps"}).status_code == 200
    assert not SchoolPolicy.objects.get(school=school_a).staff_bookings_need_approval


@pytest.mark.django_db
def test_another_schools_head_and_the_teacher_cannot_decide(
    asks_for_approval, school_a, staff_a, head_a, head_b, client_for
):
    request = staff_asks(EventFactory(), school_a, staff_a)
    link = f"/learning/bookings/{request.pk}/decide/"
    for person in (head_b, staff_a):
        client = client_for(person)
        assert client.get(link).status_code == 404
        assert client.post(link, {"action": "approve"}).status_code == 404
        assert client.get(f"/learning/schools/{school_a.pk}/approval/").status_code == 404
    with pytest.raises(ValidationError, match="Only the head or CPD lead"):
        booking_decline(booking=request, by=head_b, reason="Not mine to decline")
    assert Booking.objects.get(pk=request.pk).status == Status.REQUESTED
