"""The memberships list's actions act on the rows ticked only, and ask before changing more
than one (the Renew action's own tests: test_renew_action)."""

from membership.models import Invoice
from tests.factories import SchoolFactory
from tests.membership.factories import FeeRateFactory, MembershipFactory, PupilCountFactory

CHANGELIST = "/admin/membership/membership/"


def make_invoices(client, memberships, **extra):
    return client.post(
        CHANGELIST,
        {"action": "create_invoices", "_selected_action": [m.pk for m in memberships], **extra},
        follow=True,
    )


def test_drafting_invoices_for_one_row_drafts_that_one_only(
    client_for, office_admin, school_a, school_b
):
    FeeRateFactory(year=2017)
    ticked = MembershipFactory(member__school=school_a, year=2017)
    MembershipFactory(member__school=school_b, year=2017)
    PupilCountFactory(school=school_a, year=2017)
    page = make_invoices(client_for(office_admin), [ticked]).content.decode()
    assert "1 draft invoices made." in page
    assert [str(i.member) for i in Invoice.objects.all()] == ["Bonner Primary School"]


def test_drafting_invoices_for_several_rows_asks_first(
    client_for, office_admin, school_a, school_b
):
    FeeRateFactory(year=2017)
    ticked = [MembershipFactory(member__school=s, year=2017) for s in (school_a, school_b)]
    MembershipFactory(member__school=SchoolFactory(name="Not Ticked School"), year=2017)
    for school in (school_a, school_b):
        PupilCountFactory(school=school, year=2017)
    client = client_for(office_admin)
    page = make_invoices(client, ticked).content.decode()
    assert "A draft fee invoice is made for each of these 2 memberships" in page
    assert "Not Ticked School" not in page
    assert not Invoice.objects.exists()
    page = make_invoices(client, ticked, confirmed="yes").content.decode()
    assert "2 draft invoices made." in page
    assert Invoice.objects.count() == 2
