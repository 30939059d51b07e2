"""Opening a year (membership.newyear): who renews, the fee of each, the draft fee invoices; all
or nothing, once per year, and only what the office saw in the preview."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from membership.models import Category, Invoice, Member, Membership, YearOpening
from membership.newyear import fee_rate_set, year_open, year_plan
from membership.services import membership_give_notice
from tests.factories import SchoolFactory
from tests.membership.factories import FeeRateFactory, MembershipFactory, PupilCountFactory


@pytest.fixture
def members(db, school_a, school_b):
    """2026-27: Bonner and Cayley (full), Spitalfields Music (associate), and Leaving School,
    which gave notice in June 2026 and so leaves on 30 June 2027."""
    leaving = SchoolFactory(name="Leaving School")
    for school in (school_a, school_b, leaving):
        MembershipFactory(member__school=school, year=2026)
    MembershipFactory(member=leaving.member, year=2025)
    MembershipFactory(
        member=Member.objects.create(name="Spitalfields Music"),
        year=2026,
        category=Category.ASSOCIATE,
    )
    membership_give_notice(member=leaving.member, given_on=datetime.date(2026, 6, 15))
    PupilCountFactory(school=school_a, year=2027, pupils=452)
    PupilCountFactory(school=school_b, year=2027, pupils=418)
    FeeRateFactory(year=2027, per_pupil=Decimal("9.50"), associate_fee=Decimal("250"))
    return {"leaving": leaving}


def fees(plan) -> dict[str, tuple]:
    return {
        str(line.membership.member): (line.fee.pupils, line.fee.months, line.fee.amount)
        for line in plan.invoiced
    }


def test_the_preview_lists_who_renews_their_fees_and_who_does_not(members):
    plan = year_plan(year=2027)
    assert fees(plan) == {
        "Bonner Primary School": (452, 12, Decimal("4294.00")),
        "Cayley Primary School": (418, 12, Decimal("3971.00")),
        "Spitalfields Music": (None, 12, Decimal("250.00")),
    }
    assert plan.total == Decimal("8515.00") and plan.renewals == 3
    assert plan.not_renewed == [
        "Leaving School's membership ended on 30 June 2027, so it is not renewed."
    ]
    assert plan.problems == []
    assert not Membership.objects.filter(year=2027).exists()  # a preview changes nothing


def test_opening_renews_and_drafts_one_fee_invoice_each(members, office_admin):
    plan = year_plan(year=2027)
    opened = year_open(year=2027, seen=plan.fingerprint, by=office_admin)
    assert (opened.opening.renewed, opened.opening.invoices_drafted) == (3, 3)
    assert opened.total == Decimal("8515.00")
    drafts = {
        str(invoice.member): invoice.amount
        for invoice in Invoice.objects.filter(year=2027, status="draft")
    }
    assert drafts == {
        "Bonner Primary School": Decimal("4294.00"),
        "Cayley Primary School": Decimal("3971.00"),
        "Spitalfields Music": Decimal("250.00"),
    }
    assert not Membership.objects.filter(member=members["leaving"].member, year=2027).exists()


def test_a_member_already_in_the_year_is_invoiced_not_renewed_again(
    members, school_a, office_admin
):
    joiner = SchoolFactory(name="Joined Early School")
    MembershipFactory(
        member__school=joiner, year=2027, starts_on=datetime.date(2028, 1, 10)
    )  # joined in January: 8 months
    PupilCountFactory(school=joiner, year=2027, pupils=120)
    plan = year_plan(year=2027)
    line = next(line for line in plan.invoiced if str(line.membership.member) == joiner.name)
    assert not line.renewed and line.fee is not None
    assert (line.fee.months, line.fee.amount) == (8, Decimal("760.00"))
    year_open(year=2027, seen=plan.fingerprint, by=office_admin)
    assert Membership.objects.filter(member__school=joiner).count() == 1
    assert Invoice.objects.get(member__school=joiner).amount == Decimal("760.00")


def test_a_second_opening_of_the_same_year_is_refused_plainly(members, office_admin):
    plan = year_plan(year=2027)
    year_open(year=2027, seen=plan.fingerprint, by=office_admin)
    with pytest.raises(ValidationError) as refused:
        year_open(year=2027, seen=plan.fingerprint, by=office_admin)
    assert refused.value.messages[0].startswith(
        "2027-28 is already open: 3 members were renewed into it and 3 fee invoices drafted on"
    )
    assert Invoice.objects.filter(year=2027).count() == 3
    assert YearOpening.objects.count() == 1
    with pytest.raises(ValidationError, match="2027-28 is already open"):
        fee_rate_set(year=2027, per_pupil=Decimal("10"), associate_fee=Decimal("0"))


def test_members_without_pupils_stop_the_opening_by_name_and_nothing_changes(
    members, school_b, office_admin
):
    school_b.pupil_counts.all().delete()
    plan = year_plan(year=2027)
    assert plan.problems == [
        "1 members have no pupils on roll for 2027-28 (Cayley Primary School): import the "
        "census in step 3."
    ]
    with pytest.raises(ValidationError, match="Cayley Primary School"):
        year_open(year=2027, seen=plan.fingerprint, by=office_admin)
    assert not Membership.objects.filter(year=2027).exists()
    assert not YearOpening.objects.exists() and not Invoice.objects.exists()


def test_no_fee_rate_stops_the_opening(members, office_admin):
    from membership.models import FeeRate

    FeeRate.objects.filter(year=2027).delete()
    plan = year_plan(year=2027)
    assert "There is no fee rate for 2027-28: set it in step 1." in plan.problems
    with pytest.raises(ValidationError):
        year_open(year=2027, seen=plan.fingerprint, by=office_admin)
    assert not Membership.objects.filter(year=2027).exists()


def test_a_change_since_the_preview_stops_the_opening(members, school_a, office_admin):
    seen = year_plan(year=2027).fingerprint
    school_a.pupil_counts.filter(year=2027).update(pupils=460)
    with pytest.raises(ValidationError, match="changed since the preview"):
        year_open(year=2027, seen=seen, by=office_admin)
    assert not Membership.objects.filter(year=2027).exists() and not YearOpening.objects.exists()


def test_the_fee_rate_is_set_from_the_first_of_september(db):
    rate = fee_rate_set(year=2027, per_pupil=Decimal("9.50"), associate_fee=Decimal("250"))
    assert rate.charged_from == datetime.date(2027, 9, 1)
    rate = fee_rate_set(year=2027, per_pupil=Decimal("10.00"), associate_fee=Decimal("250"))
    assert str(rate) == "£10.00 per pupil in 2027-28"
