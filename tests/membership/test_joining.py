"""Joining: the head of a school that is not a member asks on the portal, accepting the
commitments of joining (seed 002); the office approves in the admin and the membership starts
on the day it chooses, its first fee charged for the whole months to 31 August."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from membership.models import Joining, JoinRequest, Membership
from membership.services import invoice_create
from tests.membership.factories import FeeRateFactory, MembershipFactory, PupilCountFactory

TICKED = {"accepts_aims_and_values": "on", "accepts_guarantee": "on", "accepts_fee": "on"}


def text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def next_15_january() -> datetime.date:
    """A day in the future whose membership year charges January to August: 8 months."""
    today = timezone.localdate()
    day = datetime.date(today.year, 1, 15)
    return day if day > today else day.replace(year=today.year + 1)


def join_page(school) -> str:
    return f"/schools/{school.urn}/join/"


def test_a_head_asks_for_their_school_to_join_accepting_every_commitment(
    client_for, head_a, school_a
):
    client = client_for(head_a)
    school_page = text(client.get(f"/schools/{school_a.urn}/"))
    assert "Ask for Bonner Primary School to join THE Partnership" in school_page

    page = text(client.get(join_page(school_a)))
    assert "commits to pay up to £25.00 if THE Partnership is wound up owing debts" in page

    refused = text(client.post(join_page(school_a), {"accepts_aims_and_values": "on"}))
    assert "Tick this to accept it: every commitment is needed to join." in refused
    assert not JoinRequest.objects.exists()

    asked = text(client.post(join_page(school_a), TICKED, follow=True))
    assert "Thank you: Bonner Primary School has asked to join." in asked
    request = JoinRequest.objects.get()
    assert (request.school, request.asked_by, request.status) == (school_a, head_a, "waiting")
    assert request.accepts_guarantee and request.accepts_aims_and_values and request.accepts_fee

    again = text(client.post(join_page(school_a), TICKED, follow=True))
    assert "Bonner Primary School asked to join on" in again
    assert JoinRequest.objects.count() == 1


def test_a_member_schools_head_is_not_asked_to_join(client_for, head_a, school_a):
    today = timezone.localdate()
    MembershipFactory(
        member__school=school_a, year=today.year if today.month >= 9 else today.year - 1
    )
    client = client_for(head_a)
    assert "to join THE Partnership" not in text(client.get(f"/schools/{school_a.urn}/"))
    client.post(join_page(school_a), TICKED)
    assert not JoinRequest.objects.exists()


@pytest.mark.parametrize("who", ["head_b", "director", "office_admin", "staff_a", "la_officer"])
def test_only_the_schools_own_head_may_ask(request, client_for, school_a, who):
    response = client_for(request.getfixturevalue(who)).post(join_page(school_a), TICKED)
    assert response.status_code == 404
    assert not JoinRequest.objects.exists()


def test_the_office_approves_and_the_membership_starts_pro_rata(
    client_for, head_a, school_a, office_admin
):
    client_for(head_a).post(join_page(school_a), TICKED)
    request = JoinRequest.objects.get()
    starts_on = next_15_january()
    year = starts_on.year - 1
    FeeRateFactory(year=year, per_pupil=Decimal("9.00"))
    PupilCountFactory(school=school_a, year=year, pupils=420)

    office = client_for(office_admin)
    listed = text(office.get("/admin/membership/joinrequest/"))
    assert "Bonner Primary School" in listed and "Waiting for the office" in listed
    approve = f"/admin/membership/joinrequest/{request.pk}/approve/"
    preview = text(office.post(approve, {"starts_on": starts_on.isoformat()}))
    assert "the fee is charged for 8 of 12 months, £2,520.00 on 420 pupils" in preview
    assert not Membership.objects.exists()  # a preview changes nothing

    office.post(approve, {"starts_on": starts_on.isoformat(), "confirmed": "yes"})
    membership = Membership.objects.get()
    assert (membership.year, membership.starts_on) == (year, starts_on)
    assert membership.ends_on == datetime.date(year + 1, 8, 31)
    joining = Joining.objects.get()
    assert (joining.accepted_by, joining.joined_on) == (head_a, starts_on)
    request.refresh_from_db()
    assert request.status == "approved" and request.decided_by == office_admin

    invoice = invoice_create(member=membership.member, year=year)
    assert (invoice.months, invoice.amount) == (8, Decimal("2520.00"))

    # Approving again (a second tab): refused plainly, nothing more made.
    again = text(office.post(approve, {"starts_on": starts_on.isoformat(), "confirmed": "yes"}))
    assert "This request was approved already." in again
    assert Membership.objects.count() == 1 and Joining.objects.count() == 1


def test_the_office_declines_with_a_reason(client_for, head_a, school_a, office_admin):
    client_for(head_a).post(join_page(school_a), TICKED)
    request = JoinRequest.objects.get()
    office = client_for(office_admin)
    decline = f"/admin/membership/joinrequest/{request.pk}/decline/"
    assert "This field is required." in text(office.post(decline, {"reason": ""}))
    office.post(decline, {"reason": "Please join as an associate: the school is independent."})
    request.refresh_from_db()
    assert request.status == "declined" and not Membership.objects.exists()
    # The head may ask again.
    client_for(head_a).post(join_page(school_a), TICKED)
    assert JoinRequest.objects.filter(status="waiting").count() == 1


def test_a_start_long_past_is_refused(client_for, head_a, school_a, office_admin):
    client_for(head_a).post(join_page(school_a), TICKED)
    request = JoinRequest.objects.get()
    long_ago = timezone.localdate() - datetime.timedelta(days=60)
    page = text(
        client_for(office_admin).post(
            f"/admin/membership/joinrequest/{request.pk}/approve/",
            {"starts_on": long_ago.isoformat(), "confirmed": "yes"},
        )
    )
    assert "A membership cannot start more than a month ago." in page
    assert not Membership.objects.exists()


def test_a_start_far_ahead_is_refused(client_for, head_a, school_a, office_admin):
    client_for(head_a).post(join_page(school_a), TICKED)
    request = JoinRequest.objects.get()
    page = text(
        client_for(office_admin).post(
            f"/admin/membership/joinrequest/{request.pk}/approve/",
            {"starts_on": "9999-12-31", "confirmed": "yes"},
        )
    )
    assert "A membership cannot start more than a year ahead." in page
    assert not Membership.objects.exists()
